"""The after-action report and the facilitator's guide, as documents the export renderers lay out
(Markdown, HTML, text) with the 【演習】/EXERCISE marks; JSON for scripts.

A teaching tool, not a test: each lesson is explained once, with the rule behind it, however many
injects or teams it was missed after; every timing is given on the exercise clock and in real time.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from wizard.clock import show
from wizard.domain.explain import value_label
from wizard.domain.flows import bundled
from wizard.exercise.calls import choice_text
from wizard.exercise.check import NOT_YET
from wizard.exercise.clock import real_times
from wizard.exercise.lessons import Lesson
from wizard.exercise.run import Run
from wizard.exercise.scenario import START, Scenario
from wizard.exercise.score import CallScore, Decision, Score, Step
from wizard.exports.model import Document, Field, Fields, Item, Items, Para, Section, Table
from wizard.i18n import t

BLANK = "＿＿＿＿"


def value_text(key: str, value: Any) -> str:
    """An expected or reached value in words."""
    if value == NOT_YET:
        return t("exercise.value.none")
    if value is None and key in ("route", "final_days"):
        return t(f"exercise.call.none_{key}")
    if value is None:
        return t("exercise.value.none")
    if isinstance(value, bool):
        return t("exercise.value.yes" if value else "exercise.value.no")
    if key == "route":
        return t(f"exercise.route.{value}")
    if key == "final_days":
        return t("exercise.value.days", days=value)
    if isinstance(value, tuple):
        words = [t(f"{'trigger' if key == 'triggers' else 'clock'}.{v}") for v in value]
        return t("explain.list_sep").join(words) or t("exercise.value.empty")
    return str(value)


def _when(moment: date | datetime) -> str:
    return show(moment) if isinstance(moment, datetime) else moment.isoformat()


def both(at: datetime, real: datetime | None) -> str:
    """An exercise time with the real time beside it, when one is known."""
    return t("exercise.report.both", at=show(at), real=show(real)) if real is not None else show(at)


def took(minutes: int | None, real: int | None) -> str:
    """How long something took: exercise minutes, and real minutes when known."""
    if minutes is None:
        return "—"
    if real is None:
        return t("exercise.report.minutes", minutes=minutes)
    return t("exercise.report.minutes_real", minutes=minutes, real=real)


def stage_title(stage) -> str:
    return t("exercise.report.start") if stage.id == START else str(stage.title)


def _decision_cell(d: Decision | CallScore) -> str:
    if not d.right:
        return t("exercise.report.miss_mark")
    return t("exercise.report.right_mark", took=took(d.minutes, d.real_minutes))


def _deadline_label(deadline_id: str) -> str:
    if deadline_id.startswith("clock."):
        return t("exercise.deadline.clock", id=t(f"clock.{deadline_id.split('.', 1)[1]}"))
    return t(f"exercise.deadline.{deadline_id}")


def _step(step: Step) -> str:
    return f"{_item(step.item)} — {both(step.at, step.real_at)}"


# ---- the after-action report --------------------------------------------------------------------

def after_action(runs: list[Run], scores: list[Score]) -> Document:
    scenario = runs[0].scenario
    meta = [Field(t("exercise.report.scenario"), str(scenario.title)),
            Field(t("exercise.report.teams"), ", ".join(f"{s.team} ({s.file})" for s in scores))]
    sections = [_summary(scores)]
    for run, result in zip(runs, scores, strict=True):
        sections += _team(run, result)
    sections.append(_discussion(scenario))
    sections.append(_improvement(scores))
    return Document("after_action", t("exercise.report.title"), meta, sections, exercise=True)


def _summary(scores: list[Score]) -> Section:
    head = [t("exercise.report.col_item"), *(s.team for s in scores)]
    rows = [[t("exercise.report.variant"), *(s.variant or t("exercise.report.as_written") for s in scores)],
            [t("exercise.report.right_count"),
             *(t("exercise.report.count", right=sum(d.right for d in s.decisions), total=len(s.decisions))
               for s in scores)]]
    if any(s.blind for s in scores):
        rows.append([t("exercise.report.calls_count"), *(
            t("exercise.report.count", right=sum(c.right for c in s.calls), total=len(s.calls)) if s.blind else "—"
            for s in scores)])
    stage_ids = [st.id for st in max(scores, key=lambda s: len(s.stages)).stages]
    for stage_id in stage_ids:
        label = None
        cells = []
        for s in scores:
            stage = next((st for st in s.stages if st.id == stage_id), None)
            label = label or (stage and stage_title(stage))
            cells.append("—" if stage is None else " ".join(
                f"{t(f'exercise.short.{d.key}')}{_decision_cell(d)}" for d in stage.decisions))
        rows.append([label, *cells])
    deadline_ids = list(dict.fromkeys(d.id for s in scores for d in s.deadlines))
    for deadline_id in deadline_ids:
        rows.append([_deadline_label(deadline_id), *(
            next((t(f"exercise.status.{d.status}") for d in s.deadlines if d.id == deadline_id), "—")
            for s in scores)])
    rows.append([t("exercise.report.evidence_first"), *(
        t("exercise.report.no_recovery_short") if s.first_recovery is None
        else t("exercise.report.no" if s.evidence_late else "exercise.report.yes") for s in scores)])
    rows.append([t("exercise.report.contacts"), *(str(len(s.contacts)) for s in scores)])
    return Section(t("exercise.report.summary"), [Table(head, rows), Para(t("exercise.report.legend"), note=True)])


def _team(run: Run, s: Score) -> list[Section]:
    from wizard.timeline import describe

    title = t("exercise.report.team", team=s.team)
    events = run.incident.events
    timeline = Table([t("exercise.report.col_time"), t("exercise.report.col_real"), t("exercise.report.col_who"),
                      t("exercise.report.col_what")],
                     [[show(e.at), show(real) if real else "", e.by, describe(e)]
                      for e, real in zip(events, real_times(events), strict=True)])
    decisions = Table([t("exercise.report.col_stage"), t("exercise.report.col_decision"),
                       t("exercise.report.col_expected"), t("exercise.report.col_team"),
                       t("exercise.report.col_result")],
                      [[stage_title(st), t(f"exercise.key.{d.key}"), value_text(d.key, d.expected),
                        value_text(d.key, d.got), _decision_cell(d)] for st in s.stages for d in st.decisions])
    deadlines = Items([Item(t("exercise.report.deadline", what=_deadline_label(d.id), due=_when(d.due),
                               status=t(f"exercise.status.{d.status}"),
                               done=both(d.done_at, d.done_real) if d.done_at else "—"),
                             "done" if d.status == "met" else "open") for d in s.deadlines]
                      or [Item(t("exercise.report.no_deadlines"))])
    if s.first_recovery is None:
        evidence = Para(t("exercise.report.no_recovery"))
    else:
        first = s.first_recovery
        at = both(first.at, first.real_at)
        evidence = Para(t("exercise.report.evidence_late", item=_item(first.item), at=at,
                          late=", ".join(_item(i) for i in s.evidence_late)) if s.evidence_late
                        else t("exercise.report.evidence_ok", item=_item(first.item), at=at))
    unknowns = Para(", ".join(t(f"fact.{k}") for k in s.unknowns) if s.unknowns else t("exercise.report.none_named"))
    contacts = Items([Item(_step(step), "done") for step in s.contacts] or [Item(t("exercise.report.no_contacts"))])
    misses = [_lesson_item(lesson) for lesson in s.lessons]
    misses += [Item(t("exercise.report.deadline_miss", what=_deadline_label(d.id), due=_when(d.due),
                      status=t(f"exercise.status.{d.status}")), "no")
               for d in s.deadlines if d.status in ("late", "missed")]
    if s.evidence_late:
        misses.append(Item(t("exercise.report.evidence_miss"), "no", [t("exercise.report.evidence_why")]))
    sections = [
        Section(title, [_team_fields(s)]),
        Section(f"{title}: {t('exercise.report.timeline')}", [timeline]),
    ]
    if s.blind:
        sections.append(Section(f"{title}: {t('exercise.report.calls')}", [_calls_table(s), Para(
            t("exercise.report.calls_lead"), note=True)]))
    return sections + [
        Section(f"{title}: {t('exercise.report.decisions')}", [decisions]),
        Section(f"{title}: {t('exercise.report.deadlines')}", [deadlines]),
        Section(f"{title}: {t('exercise.report.evidence')}", [evidence]),
        Section(f"{title}: {t('exercise.report.unknowns')}", [unknowns]),
        Section(f"{title}: {t('exercise.report.contacts')}", [contacts]),
        Section(f"{title}: {t('exercise.report.misses')}",
                [Items(misses) if misses else Para(t("exercise.report.no_misses"))]),
    ]


def _calls_table(s: Score) -> Table:
    """A blind run: the team's own call on each decision after each inject, how long it took, what rouei
    said on the team's answers at that moment, and the right answer."""
    rows = []
    for st in s.stages:
        for c in st.calls:
            rows.append([stage_title(st), t(f"exercise.key.{c.key}"),
                         choice_text(c.key, c.called) if c.made else t("exercise.report.no_call"),
                         took(c.minutes, c.real_minutes),
                         value_text(c.key, c.rouei) if c.made else "—", value_text(c.key, c.answer),
                         t("exercise.report.miss_mark") if not c.right else "✓"])
    return Table([t("exercise.report.col_stage"), t("exercise.report.col_decision"), t("exercise.report.col_call"),
                  t("exercise.report.col_took"), t("exercise.report.col_rouei"), t("exercise.report.col_expected"),
                  t("exercise.report.col_result")], rows)


def _lesson_item(lesson: Lesson) -> Item:
    """One lesson: the decisions and where they were missed, the right answers and the team's, why, and
    the one or two primary sources of the rule behind them."""
    keys = t("explain.list_sep").join(t(f"exercise.key.{k}") for k in lesson.keys)
    stages = t("explain.list_sep").join(
        t("exercise.guide.at_start") if m.stage == START else t("exercise.report.when_after", title=str(m.title))
        for m in lesson.stages)
    answers = {(m.own, m.key, value_text(m.key, m.expected), choice_text(m.key, m.got) if m.own
                else value_text(m.key, m.got)): None for m in lesson.misses}
    detail = [t("exercise.report.lesson_call" if own else "exercise.report.lesson_answer",
                key=t(f"exercise.key.{key}"), expected=expected, got=got) for own, key, expected, got in answers]
    detail += [str(why) for why in lesson.why]
    if lesson.rules:
        detail.append(t("exercise.report.rule", sources=lesson.sources()))
    return Item(t("exercise.report.lesson", keys=keys, stages=stages), "no", detail)


def _team_fields(s: Score) -> Fields:
    span = f"{show(s.started)} – {show(s.ended)}"
    real = f"{show(s.started_real)} – {show(s.ended_real)}" if s.started_real and s.ended_real else "—"
    rows = [Field(t("exercise.report.file"), s.file),
            Field(t("exercise.report.variant"), s.variant or t("exercise.report.as_written")),
            Field(t("exercise.report.seed"), str(s.seed)),
            Field(t("exercise.report.span"), span),
            Field(t("exercise.report.real_span"), real)]
    if s.blind:
        rows.append(Field(t("exercise.report.blind"), t("exercise.report.blind_yes")))
    return Fields(rows)


def _item(item_id: str) -> str:
    from wizard.timeline import item_title

    return item_title(item_id)


def _discussion(scenario: Scenario) -> Section:
    rows = [Item(str(d)) for d in scenario.discussion]
    rows += [Item(f"{i.title}: {q}") for i in scenario.injects for q in i.questions]
    return Section(t("exercise.report.discussion"), [Items(rows)])


def _improvement(scores: list[Score]) -> Section:
    """One row per thing to change, with the teams it applies to: a lesson, a deadline, evidence."""
    rows: dict[tuple, tuple[str, list[str]]] = {}

    def add(what: tuple, text: str, team: str) -> None:
        teams = rows.setdefault(what, (text, []))[1]
        if team not in teams:
            teams.append(team)

    for s in scores:
        for lesson in s.lessons:
            rule = lesson.sources(limit=1)
            keys = t("explain.list_sep").join(t(f"exercise.key.{k}") for k in lesson.keys)
            text = t("exercise.plan.decision_rule" if rule else "exercise.plan.decision", key=keys, rule=rule)
            add(lesson.id, text, s.team)
        for d in s.deadlines:
            if d.status in ("late", "missed"):
                add(("deadline", d.id), t("exercise.plan.deadline", what=_deadline_label(d.id)), s.team)
        if s.evidence_late:
            add(("evidence",), t("exercise.plan.evidence"), s.team)
    table = [[t("exercise.plan.teams", what=text, teams=", ".join(teams)) if len(scores) > 1 else text, BLANK, BLANK]
             for text, teams in rows.values()]
    table += [[BLANK, BLANK, BLANK]] * 2
    return Section(t("exercise.report.plan"), [
        Para(t("exercise.report.plan_lead"), note=True),
        Table([t("exercise.plan.col_what"), t("exercise.plan.col_owner"), t("exercise.plan.col_due")], table)])


def to_json(scores: list[Score]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        if isinstance(value, BaseModel):
            return value.model_dump()
        raise TypeError(type(value).__name__)

    data = {"format": "rouei-after-action", "exercise": True, "teams": [asdict(s) for s in scores]}
    for team, s in zip(data["teams"], scores, strict=True):
        team["right"] = sum(d.right for d in s.decisions)
        team["total"] = len(s.decisions)
        if s.blind:
            team["calls_right"] = sum(c.right for c in s.calls)
            team["calls_total"] = len(s.calls)
    return json.dumps(data, ensure_ascii=False, indent=2, default=plain) + "\n"


# ---- the facilitator's guide --------------------------------------------------------------------

def guide(scenario: Scenario, seed: int = 0) -> Document:
    """The facilitator's handbook: setting, objectives, injects with timing and questions, answer key."""
    variant = scenario.variant(seed)
    meta = [Field(t("exercise.guide.family"), t(f"exercise.family.{scenario.family}")),
            Field(t("exercise.guide.start"), show(scenario.start)),
            Field(t("exercise.guide.speed"), t("exercise.clock.speed", speed=scenario.speed)),
            Field(t("exercise.report.variant"), str(variant.title) if variant else t("exercise.report.as_written")),
            Field(t("exercise.report.seed"), str(seed))]
    stages = {s.id: s for s in scenario.stages(seed)}
    sections = [
        Section(t("exercise.guide.setting"), [Para(str(scenario.setting))]),
        Section(t("exercise.guide.objectives"), [Items([Item(str(o)) for o in scenario.objectives])]),
        Section(t("exercise.guide.briefing"), [Para(str(scenario.message_for(START, seed)))]),
        _answer(t("exercise.guide.at_start"), stages[START]),
    ]
    for inject in scenario.injects:
        at = scenario.due_at(inject)
        when = t("exercise.guide.timed", at=show(at), after=inject.after) if at else t("exercise.guide.manual")
        blocks = [Fields([Field(t("exercise.guide.when"), when), Field(t("exercise.guide.from"), str(inject.sender))]),
                  Para(str(scenario.message(inject, seed)))]
        if inject.questions:
            blocks.append(Items([Item(str(q)) for q in inject.questions]))
        if inject.facilitator:
            blocks.append(Para(str(inject.facilitator), note=True))
        sections.append(Section(f"{t('exercise.guide.inject')}: {inject.title}", blocks))
        sections.append(_answer(t("exercise.guide.after", title=str(inject.title)), stages[inject.id]))
    sections.append(Section(t("exercise.report.discussion"), [Items([Item(str(d)) for d in scenario.discussion])]))
    sections.append(Section(t("exercise.guide.variants"), [Items(
        [Item(t("exercise.guide.variant", seed=n, title=str(v.title))) for n, v in enumerate(scenario.variants, 1)]
        or [Item(t("exercise.guide.no_variants"))])]))
    sections.append(Section(t("exercise.guide.sources"), [Items([Item(s.title) for s in scenario.sources])]))
    return Document("facilitator_guide", f"{t('exercise.guide.title')}: {scenario.title}", meta, sections,
                    exercise=True)


def _answer(title: str, stage) -> Section:
    rows = [Field(t(f"exercise.key.{k}"), value_text(k, getattr(stage.expect, k))) for k in stage.expect.keys()]
    blocks = [Fields(rows)]
    if stage.expect.why:
        blocks.append(Para(str(stage.expect.why)))
    known = stage.facts(stage.id)
    facts = "; ".join(f"{t(f'fact.{k}')}: {value_label(bundled(), k, getattr(known, k))}"
                      for k in stage.raw_facts if k != "aware_at")
    blocks.append(Para(t("exercise.guide.facts", facts=facts), note=True))
    return Section(f"{t('exercise.guide.answer_key')}: {title}", blocks)
