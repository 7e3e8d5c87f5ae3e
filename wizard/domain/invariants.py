"""Legal invariants: cases every rule set must decide at least as the law does (`invariants.toml`).

A rule folder is data a firm can edit and install; these cases are not in it. `rouei flows check` and
`flows install` run them against any folder, whatever scenarios it brings, and refuse one that breaks
them; a set installed anyway (`--force`, or edited in place) carries its breaches (`Flows.breaches`),
and every determination and export built on it names them (`warnings`).

A case is a floor, never an exact answer: a report, notice or trigger that must be found, the most days
a deadline may give. A stricter rule set passes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from wizard.domain.calendar import japan_date
from wizard.domain.facts import facts_from_mapping
from wizard.domain.flows import Flows, Problem, Source
from wizard.errors import RoueiError
from wizard.i18n import pick, t

DATA = Path(__file__).with_name("invariants.toml")


@dataclass(frozen=True)
class Case:
    id: str
    title: dict[str, str]
    citation: dict[str, str]
    facts: dict
    require: dict
    sources: tuple[Source, ...]


@cache
def cases() -> tuple[Case, ...]:
    """The invariants shipped with rouei (the test suite checks the file on every change)."""
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return tuple(Case(c["id"], c["title"], c["citation"], {"aware_at": raw["aware_at"], **raw["defaults"], **c["facts"]},
                      c["require"], tuple(Source(**s) for s in c["sources"])) for c in raw["cases"])


def failures(case: Case, flows: Flows) -> list[str]:
    """What `flows` decides short of the case's floor, in words (empty: the case holds)."""
    from wizard.domain.engine import assess

    facts = facts_from_mapping(case.facts, f"invariant {case.id}")
    try:
        det = assess(facts, flows, explain=False).to_json()
    except RoueiError as exc:  # no rules in force on the day, no route: nothing is decided at all
        return [str(exc)]
    need, out = case.require, []
    for key, word in (("report", "report_required"), ("notice", "notice_required"), ("my_number", "my_number_report_required")):
        if need.get(key) and not det[word]:
            out.append(t(f"invariants.lacks.{key}"))
    for trigger in need.get("triggers", ()):
        if trigger not in det["triggers"]:
            out.append(t("invariants.lacks.trigger", trigger=trigger))
    aware = japan_date(facts.aware_at)
    if "preliminary_days" in need and det["preliminary_due"] is not None:
        days = (date.fromisoformat(det["preliminary_due"]) - aware).days
        if days > need["preliminary_days"]:
            out.append(t("invariants.lacks.preliminary_days", most=need["preliminary_days"], days=days))
    if "final_days" in need and det["final_due"] is not None and det["final_days"] > need["final_days"]:
        out.append(t("invariants.lacks.final_days", most=need["final_days"], days=det["final_days"]))
    return out


def breaches(flows: Flows) -> tuple[str, ...]:
    """The ids of the invariants `flows` breaks."""
    return tuple(case.id for case in cases() if failures(case, flows))


def problems(flows: Flows) -> list[Problem]:
    """Each breach as a problem of the folder (`rouei flows check`, `flows install`)."""
    out = []
    for case in cases():
        if found := failures(case, flows):
            out.append(Problem(file="rules/", key=f"invariant {case.id}", message=t(
                "invariants.problem", title=pick(case.title), citation=pick(case.citation),
                what=t("explain.list_sep").join(found))))
    return out


def warnings(flows: Flows) -> list[str]:
    """What every determination and export on a rule set that breaks invariants must say, one line each."""
    by_id = {case.id: case for case in cases()}
    return [t("invariants.warning", title=pick(by_id[i].title), citation=pick(by_id[i].citation))
            for i in flows.breaches if i in by_id]
