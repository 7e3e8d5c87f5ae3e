"""Properties of the engine over generated facts.

- Learning a fact can only narrow the unknowns, and never flips a certain answer.
- Adding a kind of data never removes a trigger.
- A 60-day final report is never shortened by learning a fact.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings, strategies as st

from wizard.domain.engine import assess
from wizard.domain.facts import JST, Facts
from wizard.domain.logic import Tri
from wizard.domain.vocabulary import FACTS, UNKNOWN

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value_of(key: str):
    """A strategy for a known value of `key` (sets may still contain "unknown": "these and maybe more")."""
    spec = FACTS[key]
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "count":
        return st.sampled_from([0, 1, 99, 100, 101, 999, 1000, 1001, 5000])
    if spec.kind == "datetime":
        return st.datetimes(min_value=datetime(2022, 4, 1), max_value=datetime(2031, 3, 31)).map(
            lambda v: v.replace(tzinfo=JST))
    return st.lists(st.sampled_from(spec.values + (UNKNOWN,)), max_size=5).map(lambda v: tuple(sorted(set(v))))


OPTIONAL = [k for k in FACTS if k != "aware_at"]


@st.composite
def partial_facts(draw) -> Facts:
    aware = draw(st.datetimes(min_value=datetime(2022, 4, 1), max_value=datetime(2030, 12, 31)))
    values = {"aware_at": aware.replace(tzinfo=JST)}
    for key in OPTIONAL:
        if draw(st.booleans()):
            values[key] = draw(value_of(key))
    return Facts.model_validate(values)


@st.composite
def refinement(draw):
    """Facts and the same facts with one more thing learned."""
    facts = draw(partial_facts())
    candidates = [k for k in OPTIONAL if not facts.known(k)]
    if not candidates:
        return facts, facts, None
    key = draw(st.sampled_from(candidates))
    current = getattr(facts, key)
    if isinstance(current, tuple):  # "these and maybe more": learned = these plus some, fully known
        extra = draw(st.lists(st.sampled_from(FACTS[key].values), max_size=3))
        learned = tuple(sorted(set(current) - {UNKNOWN} | set(extra)))
    else:
        learned = draw(value_of(key))
        if isinstance(learned, tuple):
            learned = tuple(v for v in learned if v != UNKNOWN)
    return facts, facts.with_fact(key, learned), key


def status(d):
    return {
        "report": d.report_required, "notice": d.notice_required, "my_number": d.my_number,
        **{f"clock:{c.clock.id}": c.status for c in d.clocks},
        **{f"trigger:{f.rule.id}": f.status for t in d.tracks for f in t.triggers},
    }


@PROFILE
@given(refinement())
def test_learning_a_fact_only_narrows_the_unknowns(case):
    before_facts, after_facts, key = case
    before = assess(before_facts, explain=False)
    after = assess(after_facts, explain=False)
    assert set(after.unknown_facts) <= set(before.unknown_facts) - ({key} if key else set())


@PROFILE
@given(refinement())
def test_learning_a_fact_never_flips_a_certain_answer(case):
    before_facts, after_facts, _ = case
    before, after = status(assess(before_facts, explain=False)), status(assess(after_facts, explain=False))
    for name, value in before.items():
        if value is Tri.YES:
            assert after.get(name) is Tri.YES, name
    for name, value in after.items():
        if value is not Tri.NO:
            assert before.get(name, Tri.NO) is not Tri.NO, name


@PROFILE
@given(partial_facts(), st.sampled_from(FACTS["data"].values + (UNKNOWN,)))
def test_adding_a_kind_of_data_never_removes_a_trigger(facts, kind):
    current = facts.data if facts.data is not None else (UNKNOWN,)  # unknown: "maybe anything"
    more = facts.with_fact("data", tuple(sorted(set(current) | {kind})))
    before = set(assess(facts, explain=False).triggers)
    after = set(assess(more, explain=False).triggers)
    assert before <= after


@PROFILE
@given(refinement())
def test_learning_a_fact_never_shortens_a_60_day_period_shown(case):
    """60 days is shown only when every case with a report due has it (never more time than the law gives)."""
    before_facts, after_facts, _ = case
    before = {t.track.id: t.final_days for t in assess(before_facts, explain=False).required_tracks}
    for track in assess(after_facts, explain=False).required_tracks:
        if before.get(track.track.id) == 60:
            assert track.final_days == 60, track.track.id
