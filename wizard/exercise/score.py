"""Scoring a run for the after-action report: each expected decision after each inject, the team's own
calls in a blind run, the deadlines in exercise time, evidence before recovery, the unknowns named and
the contacts made; every timing on the exercise clock and in real time; the misses grouped by lesson.

The team's determination is the engine's, on the team's own answers as the file had them after each
event; the expected one is the scenario's (checked against the engine by `rouei flows check`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from wizard.domain.calendar import japan_date
from wizard.domain.engine import assess
from wizard.domain.flows import ChecklistItem, bundled
from wizard.domain.vocabulary import UNKNOWN
from wizard.errors import RoueiError
from wizard.exercise.calls import CALLS, stage_calls
from wizard.exercise.check import NOT_YET, actual, disagreements, values
from wizard.exercise.clock import real_times, stage_starts
from wizard.exercise.lessons import Lesson, Miss, group, rules_for
from wizard.exercise.run import Run
from wizard.exercise.scenario import START, Expect, Words
from wizard.store import Incident
from wizard.store.events import Event
from wizard.store.history import History


@dataclass
class Decision:
    key: str
    expected: Any
    got: Any  # the team's at the end of the stage (NOT_YET: no determination yet)
    right: bool
    minutes: int | None  # exercise minutes from the inject to the answer that held (None: not reached)
    real_minutes: int | None = None  # the same in real minutes (None: not reached, or no real time known)


@dataclass
class CallScore:
    """A blind run: the team's own call on one decision, beside the right answer and what rouei said."""

    key: str
    called: Any  # the team's call (None: "none", or no call)
    made: bool
    answer: Any  # the right answer: the engine on the stage's facts
    rouei: Any  # rouei's determination on the team's own answers when the call was made
    right: bool
    minutes: int | None  # exercise minutes from the inject to the call
    real_minutes: int | None


@dataclass
class StageScore:
    id: str
    title: Words | None  # None for the start
    at: datetime
    real_at: datetime | None
    decisions: list[Decision]
    why: Words | None
    calls: list[CallScore] = field(default_factory=list)


@dataclass
class Deadline:
    id: str  # preliminary | final | clock.<id>
    due: date | datetime
    done_at: datetime | None
    status: str  # met | late | missed | open
    done_real: datetime | None = None


@dataclass
class Step:
    """A checklist item the team ticked: what, when on the exercise clock, when in real time."""

    item: str
    at: datetime
    real_at: datetime | None


@dataclass
class Score:
    team: str
    file: str
    scenario: str
    seed: int
    variant: str
    blind: bool
    started: datetime
    ended: datetime
    started_real: datetime | None
    ended_real: datetime | None
    stages: list[StageScore]
    deadlines: list[Deadline]
    evidence_late: list[str]  # evidence items not ticked before the first recovery step
    first_recovery: Step | None
    unknowns: list[str]  # facts the team answered 「分からない」 at some point
    contacts: list[Step]  # report-kind checklist items ticked (whom the team told)
    lessons: list[Lesson]  # the misses, one entry per decision and the rule behind it

    @property
    def decisions(self) -> list[Decision]:
        return [d for s in self.stages for d in s.decisions]

    @property
    def calls(self) -> list[CallScore]:
        return [c for s in self.stages for c in s.calls]

    @property
    def misses(self) -> list[tuple[StageScore, Decision]]:
        return [(s, d) for s in self.stages for d in s.decisions if not d.right]


def minutes_between(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return int((end - start).total_seconds() // 60)


def determination(events: list[Event], path) -> dict | None:
    """The team's determination on the answers the events hold; None before 知った日時 is answered."""
    try:
        facts = Incident(path, History(events)).facts_for_assess()
    except RoueiError:
        return None
    return assess(facts, explain=False).to_json()


def score(run: Run, team: str | None = None) -> Score:
    incident = run.incident
    events = list(incident.events)
    reals = real_times(events)
    scenario = run.scenario
    stages = scenario.stages(run.seed)
    starts = stage_starts(events)
    reached = sorted((s for s in stages if s.id in starts), key=lambda s: starts[s.id])
    bounds = [starts[s.id] for s in reached] + [len(events)]
    dets: list[dict | None] = []  # the team's determination after each event
    for i, event in enumerate(events):
        changed = i == 0 or event.kind == "answer"
        dets.append(determination(events[:i + 1], incident.path) if changed else dets[-1])

    out, found = [], []
    for n, stage in enumerate(reached):
        first, last = bounds[n], bounds[n + 1] - 1
        decisions = [_decide(stage.expect, key, first, last, dets, events, reals) for key in stage.expect.keys()]
        inject = None if stage.id == START else scenario.inject(stage.id)
        calls = _calls(stage, first, dets, events, reals) if run.blind else []
        scored = StageScore(stage.id, inject.title if inject else None, events[first].at, reals[first], decisions,
                            stage.expect.why, calls)
        out.append(scored)
        facts = stage.facts(stage.id)
        for d in decisions:
            if not d.right:
                rules = rules_for(facts, d.key, d.expected, d.got)
                found.append((rules, Miss(stage.id, scored.title, d.key, d.expected, d.got), stage.expect.why))
        for c in calls:  # a blind run's wrong call teaches the same rule, even when the answers were right
            if c.made and not c.right:
                rules = rules_for(facts, c.key, c.answer, c.called)
                found.append((rules, Miss(stage.id, scored.title, c.key, c.answer, c.called, own=True),
                              stage.expect.why))
    truth = reached[-1].facts(reached[-1].id)
    variant = scenario.variant(run.seed)
    ticks = first_ticks(events, reals)
    return Score(
        team=team or incident.path.stem, file=incident.path.name, scenario=scenario.id, seed=run.seed,
        variant=variant.id if variant else "", blind=run.blind, started=events[starts[START]].at,
        ended=events[-1].at, started_real=reals[starts[START]], ended_real=reals[-1], stages=out,
        deadlines=deadlines(truth, ticks, events[-1].at), **_evidence(truth, ticks),
        unknowns=_unknowns(events), contacts=_contacts(ticks), lessons=group(found),
    )


def _decide(expect: Expect, key: str, first: int, last: int, dets: list, events: list[Event],
            reals: list) -> Decision:
    def right(i: int) -> bool:
        det = dets[i]
        return det is not None and not any(k == key for k, *_ in disagreements(expect, det))

    held_from = None
    for i in range(last, first - 1, -1):
        if not right(i):
            break
        held_from = i
    end = dets[last]
    got = actual(expect, end)[key] if end is not None else NOT_YET
    if held_from is None:
        return Decision(key, getattr(expect, key), got, False, None)
    return Decision(key, getattr(expect, key), got, True, minutes_between(events[first].at, events[held_from].at),
                    minutes_between(reals[first], reals[held_from]))


def _calls(stage, first: int, dets: list, events: list[Event], reals: list) -> list[CallScore]:
    answer = values(CALLS, assess(stage.facts(stage.id), explain=False).to_json())
    made = stage_calls(events, stage.id)
    out = []
    for key in CALLS:
        call = made.get(key)
        if call is None:
            out.append(CallScore(key, None, False, answer[key], None, False, None, None))
            continue
        said = dets[call.index]
        out.append(CallScore(key, call.value, True, answer[key], values([key], said)[key] if said else NOT_YET,
                             call.value == answer[key], minutes_between(events[first].at, call.at),
                             minutes_between(reals[first], reals[call.index])))
    return out


def first_ticks(events: list[Event], reals: list) -> dict[str, tuple[int, Step]]:
    out: dict[str, tuple[int, Step]] = {}
    for i, event in enumerate(events):
        if event.kind == "tick":
            item = str(event.data.get("item"))
            out.setdefault(item, (i, Step(item, event.at, reals[i])))
    return out


def deadlines(facts, ticks: dict[str, tuple[int, Step]], now: datetime) -> list[Deadline]:
    """The report deadlines the true facts set, each met, late, missed or still open at `now`."""
    det = assess(facts, explain=False)
    items = {i.id: i for i in bundled().checklist}
    due: dict[str, date | datetime] = {}
    if det.preliminary_due is not None:
        due["preliminary"] = det.preliminary_due
    if det.deciding is not None:
        due["final"] = det.deciding.final.due
    for c in det.clocks:
        if c.status.possible and c.due is not None:
            due[f"clock.{c.clock.id}"] = c.due
    out = []
    for deadline, when in due.items():
        done = [step for item, (_, step) in ticks.items() if item in items and deadline in items[item].discharges]
        first = min(done, key=lambda s: s.at, default=None)
        out.append(Deadline(deadline, when, first and first.at, status(when, first and first.at, now),
                            first and first.real_at))
    return out


def before(moment: datetime, due: date | datetime) -> bool:
    """Whether `moment` is on time for `due` (a date: any time that day in Japan)."""
    return moment <= due if isinstance(due, datetime) else japan_date(moment) <= due


def status(due: date | datetime, done_at: datetime | None, now: datetime) -> str:
    if done_at is not None:
        return "met" if before(done_at, due) else "late"
    return "open" if before(now, due) else "missed"


def _evidence(facts, ticks: dict[str, tuple[int, Step]]) -> dict:
    det = assess(facts, explain=False)
    items: dict[str, ChecklistItem] = {i.id: i for i, _ in det.checklist}
    recovery = sorted((ticks[i][0], i) for i, item in items.items()
                      if item.kind == "measure" and not item.evidence and i in ticks)
    if not recovery:
        return {"evidence_late": [], "first_recovery": None}
    index, item = recovery[0]
    late = [i for i, entry in items.items() if entry.evidence and (i not in ticks or ticks[i][0] > index)]
    return {"evidence_late": late, "first_recovery": ticks[item][1]}


def _unknowns(events: list[Event]) -> list[str]:
    out: list[str] = []
    for event in events:
        value = event.data.get("value")
        named = value == UNKNOWN or isinstance(value, list) and UNKNOWN in value
        if event.kind == "answer" and named and event.data["fact"] not in out:
            out.append(str(event.data["fact"]))
    return out


def _contacts(ticks: dict[str, tuple[int, Step]]) -> list[Step]:
    """Ticked items that tell someone outside: reports to other bodies, the PPC reports, the notices."""
    told = {i.id for i in bundled().checklist if i.kind == "report" or i.requires is not None}
    return [step for item, (_, step) in ticks.items() if item in told]
