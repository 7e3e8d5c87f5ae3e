"""A blind run's calls: the team records its own decision on each question — report or not, notice or
not, to whom, by when — before rouei shows its determination, and again after each inject.

Each call is an `exercise_call` event (the stage it answers, the decision, the value), so a call is saved
the moment it is made and the after-action report can time it. Values are in the form
`wizard.exercise.check.actual` gives rouei's, "none" standing for no route or no deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wizard.errors import RoueiError
from wizard.exercise.clock import CALL_KIND
from wizard.exercise.scenario import START
from wizard.i18n import t
from wizard.store import Responder

CALLS = ("report_required", "notice_required", "route", "final_days")
NONE = "none"
CHOICES: dict[str, tuple[Any, ...]] = {
    "report_required": (True, False),
    "notice_required": (True, False),
    "route": ("ppc", "ministry", "controller", NONE),
    "final_days": (30, 60, NONE),
}


@dataclass(frozen=True)
class Call:
    key: str
    value: Any  # None for "none"
    index: int  # the event's place in the history
    at: datetime  # exercise time


def value_of(raw: Any) -> Any:
    return None if raw == NONE else raw


def current_stage(run) -> str:
    """The stage the team is deciding now: the last inject released, or the start."""
    released = run.released()
    return released[-1].inject.id if released else START


def stage_calls(events, stage: str) -> dict[str, Call]:
    """The team's last call on each decision while `stage` was the current one."""
    out: dict[str, Call] = {}
    for index, event in enumerate(events):
        data = event.data
        if event.kind == CALL_KIND and data.get("stage") == stage and data.get("decision") in CALLS:
            out[str(data["decision"])] = Call(str(data["decision"]), value_of(data.get("value")), index, event.at)
    return out


def missing(run) -> list[str]:
    """The decisions the team has not called yet at the current stage (none in a run that is not blind)."""
    if not run.blind:
        return []
    made = stage_calls(run.incident.events, current_stage(run))
    return [key for key in CALLS if key not in made]


def hidden(run) -> bool:
    """Whether the team's screens hide rouei's determination now."""
    return bool(missing(run))


def refuse_hidden(incident) -> None:
    """`RoueiError` for a blind run whose team has not called every decision yet: what its screens hide
    (the determination, the estimates, the documents) is not shown elsewhere either."""
    from wizard.exercise.run import Run

    run = Run(incident)
    if hidden(run):
        raise RoueiError("exercise.error.blind_hidden", path=str(incident.path),
                         left=t("explain.list_sep").join(t(f"exercise.short.{key}") for key in missing(run)))


def record(run, key: str, value: Any, who: Responder) -> None:
    """Record the team's call on one decision at the current stage."""
    if key not in CALLS:
        raise RoueiError("exercise.error.no_call", key=key, keys=", ".join(CALLS))
    stored = NONE if value is None else value
    if stored not in CHOICES[key] or isinstance(stored, bool) != isinstance(CHOICES[key][0], bool):
        raise RoueiError("exercise.error.bad_call", key=key, value=str(value),
                         allowed=", ".join(choice_text(key, c) for c in CHOICES[key]))
    run.incident.append(CALL_KIND, {"stage": current_stage(run), "decision": key, "value": stored}, who, run.now())


def choice_text(key: str, value: Any) -> str:
    """A call's value in words."""
    value = value_of(value)
    if value is None:
        return t(f"exercise.call.none_{key}") if key in ("route", "final_days") else t("exercise.value.none")
    if isinstance(value, bool):
        return t("exercise.value.yes" if value else "exercise.value.no")
    if key == "route":
        return t(f"exercise.route.{value}")
    return t("exercise.value.days", days=value)


def describe_call(data: dict) -> str:
    key = str(data.get("decision"))
    label = t(f"exercise.key.{key}") if key in CALLS else key
    return t("exercise.event.call", key=label, value=choice_text(key, data.get("value")))

