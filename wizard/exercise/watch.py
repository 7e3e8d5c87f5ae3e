"""The facilitator's room view: every team's run side by side, kept up to date as the files change.

Read-only by construction: a `Room` looks at each file's size and modification time (one `stat` each,
cheap enough every second) and reads a file again only when they changed, with `Incident.load` (no
lock, nothing written). `team_view` is what one team's column shows: the exercise time, the injects it
has received, its current determination against the right one (or, in a blind run, its own calls),
the report deadlines met or at risk, and whether evidence was preserved before recovery.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from wizard import clock
from wizard.domain.engine import assess
from wizard.domain.flows import bundled
from wizard.errors import RoueiError
from wizard.exercise.calls import CALLS, current_stage, stage_calls
from wizard.exercise.check import NOT_YET, actual, disagreements
from wizard.exercise.clock import START_KIND, real_times
from wizard.exercise.run import Release, Run
from wizard.exercise.scenario import START
from wizard.exercise.score import Deadline, before, deadlines, determination, first_ticks, status
from wizard.store import Incident

AT_RISK = timedelta(hours=24)  # an open deadline this close (exercise time) is at risk


@dataclass(frozen=True)
class Check:
    key: str
    expected: Any
    team: Any  # NOT_YET while the team has no determination
    right: bool


@dataclass(frozen=True)
class DeadlineView:
    id: str
    due: date | datetime
    status: str  # met | late | missed | at_risk | open


@dataclass
class TeamView:
    team: str
    path: Path
    error: str | None = None  # the file cannot be read as a run (the column says why)
    now: datetime | None = None
    paused: bool = False
    speed: int = 0
    received: list[Release] = field(default_factory=list)
    total: int = 0
    stage: Any = None  # the current stage's inject title (Words); None at the start
    checks: list[Check] = field(default_factory=list)
    blind: bool = False
    calls: dict[str, Any] = field(default_factory=dict)  # a blind run: the team's calls at this stage
    deadlines: list[DeadlineView] = field(default_factory=list)
    evidence_done: int = 0
    evidence_total: int = 0
    recovery_started: bool = False
    evidence_late: bool = False
    last: Any = None  # the file's last event
    due: list[Deadline] = field(default_factory=list)  # the deadlines as the file has them (met or not)

    def moved_on(self, run: Run) -> TeamView:
        """The same file read on a clock that moved on: the time and what is now at risk or overdue."""
        self.now = run.now()
        anchor = run.anchor
        self.paused, self.speed = anchor.paused, anchor.speed
        self.deadlines = [DeadlineView(d.id, d.due, _risk(status(d.due, d.done_at, self.now), d.due, self.now))
                          for d in self.due]
        return self


def team_view(run: Run, team: str) -> TeamView:
    """One team's state now (its clock read at this moment)."""
    incident = run.incident
    events = list(incident.events)
    now = run.now()
    stage_id = current_stage(run)
    stage = next(s for s in run.scenario.stages(run.seed) if s.id == stage_id)
    det = determination(events, incident.path)
    team_values = actual(stage.expect, det) if det is not None else {}
    wrong = {key for key, *_ in disagreements(stage.expect, det)} if det is not None else set(stage.expect.keys())
    checks = [Check(key, getattr(stage.expect, key), team_values.get(key, NOT_YET), key not in wrong)
              for key in stage.expect.keys()]
    truth = stage.facts(stage.id)
    ticks = first_ticks(events, real_times(events))
    evidence = [item for item, _ in assess(truth, explain=False).checklist if item.evidence]
    recovery = [i for i in bundled().checklist if i.kind == "measure" and not i.evidence and i.id in ticks]
    first_recovery = min((ticks[i.id][0] for i in recovery), default=None)
    view = TeamView(team, incident.path, received=run.released(), total=len(run.scenario.injects),
                    stage=None if stage_id == START else run.scenario.inject(stage_id).title, checks=checks,
                    blind=run.blind, due=deadlines(truth, ticks, now), evidence_done=sum(i.id in ticks for i in evidence),
                    evidence_total=len(evidence), recovery_started=first_recovery is not None,
                    evidence_late=first_recovery is not None and any(
                        i.id not in ticks or ticks[i.id][0] > first_recovery for i in evidence),
                    last=events[-1])
    if run.blind:
        made = stage_calls(events, stage_id)
        view.calls = {key: made[key].value for key in CALLS if key in made}
    return view.moved_on(run)


def _risk(status: str, due: date | datetime, now: datetime) -> str:
    if status == "open" and not before(now + AT_RISK, due):
        return "at_risk"
    return status


def is_run(path: Path, scenario: str | None = None) -> bool:
    """Whether a file looks like an exercise run (of `scenario`), from its bytes alone (cheap)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if START_KIND.encode() not in data:
        return False
    return scenario is None or f'scenario = "{scenario}"'.encode() in data


def runs_beside(path: Path) -> list[Path]:
    """This run's file and every other run of the same scenario in its folder (the room of teams)."""
    path = Path(path)
    try:
        scenario = Run(Incident.load(path, read_only=True)).scenario.id
    except RoueiError:
        return [path]
    others = sorted(p for p in path.parent.glob("*.toml") if p.resolve() != path.resolve() and is_run(p, scenario))
    return [path, *others]


class Room:
    """The teams' files, read again only when they change (and worked out again only then: each second
    only the clock moves on). Never writes them."""

    def __init__(self, paths: list[Path], real: clock.Clock = clock.system_clock) -> None:
        self.paths = [Path(p) for p in paths]
        self.real = real
        self.seen: dict[Path, tuple | None] = {}
        self.runs: dict[Path, Run | str] = {}  # a run, or why the file cannot be read as one
        self.views_made: dict[Path, TeamView] = {}
        self.poll()

    @staticmethod
    def _stamp(path: Path) -> tuple | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def poll(self) -> bool:
        """Read again the files that changed; True when any did."""
        changed = False
        for path in self.paths:
            stamp = self._stamp(path)
            if path in self.seen and stamp == self.seen[path]:
                continue
            self.seen[path] = stamp
            self.views_made.pop(path, None)
            changed = True
            try:
                self.runs[path] = Run(Incident.load(path, read_only=True), self.real)
            except RoueiError as exc:
                self.runs[path] = str(exc)
        return changed

    def views(self) -> list[TeamView]:
        out = []
        for path in self.paths:
            run = self.runs[path]
            if isinstance(run, str):
                out.append(TeamView(path.stem, path, error=run))
                continue
            try:
                made = self.views_made.get(path)
                out.append(made.moved_on(run) if made else team_view(run, path.stem))
                self.views_made[path] = out[-1]
            except RoueiError as exc:
                out.append(TeamView(path.stem, path, error=str(exc)))
        return out
