"""Scoring a run for the after-action report: each expected decision after each inject, the deadlines
in exercise time, evidence before recovery, the unknowns named and the contacts made.

The team's determination is the engine's, on the team's own answers as the file had them after each
event; the expected one is the scenario's (checked against the engine by `rouei flows check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from wizard.domain.engine import assess
from wizard.domain.flows import ChecklistItem, bundled
from wizard.domain.vocabulary import UNKNOWN
from wizard.errors import RoueiError
from wizard.exercise.check import actual, disagreements
from wizard.exercise.clock import INJECT_KIND, START_KIND
from wizard.exercise.run import Run
from wizard.exercise.scenario import START, Expect, Words
from wizard.store import Incident
from wizard.store.events import Event
from wizard.store.history import History


@dataclass
class Decision:
    key: str
    expected: Any
    got: Any  # the team's at the end of the stage (None: no determination yet)
    right: bool
    minutes: int | None  # exercise minutes from the inject to the answer that held (None: not reached)


@dataclass
class StageScore:
    id: str
    title: Words | None  # None for the start
    at: datetime
    decisions: list[Decision]
    why: Words | None
    sources: list[str]  # the rules behind the expected determination, as the engine cites them


@dataclass
class Deadline:
    id: str  # preliminary | final | clock.<id>
    due: date | datetime
    done_at: datetime | None
    status: str  # met | late | missed | open


@dataclass
class Score:
    team: str
    file: str
    scenario: str
    seed: int
    variant: str
    started: datetime
    ended: datetime
    stages: list[StageScore]
    deadlines: list[Deadline]
    evidence_late: list[str]  # evidence items not ticked before the first recovery step
    first_recovery: tuple[str, datetime] | None
    unknowns: list[str]  # facts the team answered 「分からない」 at some point
    contacts: list[tuple[str, datetime]]  # report-kind checklist items ticked (whom the team told)

    @property
    def decisions(self) -> list[Decision]:
        return [d for s in self.stages for d in s.decisions]

    @property
    def misses(self) -> list[tuple[StageScore, Decision]]:
        return [(s, d) for s in self.stages for d in s.decisions if not d.right]


def _determination(events: list[Event], path) -> dict | None:
    try:
        facts = Incident(path, History(events)).facts_for_assess()
    except RoueiError:
        return None
    return assess(facts, explain=False).to_json()


def _rule_sources(facts, keys: list[str]) -> list[str]:
    """The sources the engine cites for the expected answer of each key: the triggers that certainly
    hold (else those that may), the route, the clocks."""
    det = assess(facts, explain=False)
    rules: list[Any] = []
    for key in keys:
        if key == "route":
            rules.append(det.route.route)
        elif key == "clocks":
            rules += [c.clock for c in det.clocks if c.status.possible]
        else:
            mine = key == "my_number_report_required"
            tracks = [tr for tr in det.tracks if (tr.track.id == "my_number") == mine]
            findings = [f for tr in tracks for f in tr.triggers]
            certain = [f.rule for f in findings if f.status.certain]
            rules += certain or [f.rule for f in findings] or [tr.track for tr in tracks]
    titles: list[str] = []
    for rule in rules:
        for source in rule.sources:
            if source.title not in titles:
                titles.append(source.title)
    return titles


def score(run: Run, team: str | None = None) -> Score:
    incident = run.incident
    events = list(incident.events)
    scenario = run.scenario
    stages = scenario.stages(run.seed)
    starts = {START: next(i for i, e in enumerate(events) if e.kind == START_KIND)}
    for i, event in enumerate(events):
        if event.kind == INJECT_KIND:
            starts.setdefault(str(event.data.get("inject")), i)
    reached = [s for s in stages if s.id in starts]
    bounds = sorted(starts[s.id] for s in reached) + [len(events)]
    dets: list[dict | None] = []  # the team's determination after each event
    for i, event in enumerate(events):
        changed = i == 0 or event.kind == "answer"
        dets.append(_determination(events[:i + 1], incident.path) if changed else dets[-1])

    out = []
    for stage in sorted(reached, key=lambda s: starts[s.id]):
        first = starts[stage.id]
        last = bounds[bounds.index(first) + 1] - 1
        decisions = [_decide(stage.expect, key, first, last, dets, events) for key in stage.expect.keys()]
        inject = None if stage.id == START else scenario.inject(stage.id)
        facts = stage.facts(stage.id)
        out.append(StageScore(stage.id, inject.title if inject else None, events[first].at, decisions,
                              stage.expect.why, _rule_sources(facts, stage.expect.keys())))
    truth = reached[-1].facts(reached[-1].id)
    variant = scenario.variant(run.seed)
    return Score(
        team=team or incident.path.stem, file=incident.path.name, scenario=scenario.id, seed=run.seed,
        variant=variant.id if variant else "", started=events[starts[START]].at, ended=events[-1].at,
        stages=out, deadlines=_deadlines(truth, incident), **_evidence(truth, events),
        unknowns=_unknowns(events), contacts=_contacts(events),
    )


def _decide(expect: Expect, key: str, first: int, last: int, dets: list, events: list[Event]) -> Decision:
    def right(i: int) -> bool:
        det = dets[i]
        return det is not None and not any(k == key for k, *_ in disagreements(expect, det))

    held_from = None
    for i in range(last, first - 1, -1):
        if not right(i):
            break
        held_from = i
    end = dets[last]
    got = actual(expect, end)[key] if end is not None else None
    minutes = None
    if held_from is not None:
        minutes = int((events[held_from].at - events[first].at).total_seconds() // 60)
    return Decision(key, getattr(expect, key), got, held_from is not None, minutes)


def _first_ticks(events: list[Event]) -> dict[str, tuple[int, datetime]]:
    out: dict[str, tuple[int, datetime]] = {}
    for i, event in enumerate(events):
        if event.kind == "tick":
            out.setdefault(str(event.data.get("item")), (i, event.at))
    return out


def _deadlines(facts, incident: Incident) -> list[Deadline]:
    """The scenario's deadlines as the team's record files them (`wizard.domain.deadlines`, the same
    state every screen shows): met, late, missed, or open while the run has not reached their end."""
    from wizard.domain.deadlines import duties

    det = assess(facts, explain=False)
    end = incident.events[-1].at
    out = []
    for duty in duties(det, incident.filings()):
        if duty.key == "preliminary_target" or (duty.track is not None and duty.track is not det.deciding):
            continue  # the 速報's aim is a yardstick; the 確報 scored is the one due first
        key = "final" if duty.track is not None else duty.key
        done_at = duty.filed.at if duty.filed else None
        status = ("met" if duty.on_time else "late") if duty.filed else "open" if end <= duty.end else "missed"
        out.append(Deadline(key, duty.due, done_at, status))
    return sorted(out, key=lambda d: ("preliminary", "final").index(d.id) if d.id in ("preliminary", "final") else 2)


def _evidence(facts, events: list[Event]) -> dict:
    det = assess(facts, explain=False)
    ticks = _first_ticks(events)
    items: dict[str, ChecklistItem] = {i.id: i for i, _ in det.checklist}
    recovery = sorted((ticks[i][0], i) for i, item in items.items()
                      if item.kind == "measure" and not item.evidence and i in ticks)
    if not recovery:
        return {"evidence_late": [], "first_recovery": None}
    index, item = recovery[0]
    late = [i for i, entry in items.items() if entry.evidence and (i not in ticks or ticks[i][0] > index)]
    return {"evidence_late": late, "first_recovery": (item, events[index].at)}


def _unknowns(events: list[Event]) -> list[str]:
    out: list[str] = []
    for event in events:
        value = event.data.get("value")
        named = value == UNKNOWN or isinstance(value, list) and UNKNOWN in value
        if event.kind == "answer" and named and event.data["fact"] not in out:
            out.append(str(event.data["fact"]))
    return out


def _contacts(events: list[Event]) -> list[tuple[str, datetime]]:
    """Ticked items that tell someone outside: reports to other bodies, the PPC reports, the notices."""
    told = {i.id for i in bundled().checklist if i.kind == "report" or i.requires is not None}
    return [(item, at) for item, (_, at) in _first_ticks(events).items() if item in told]
