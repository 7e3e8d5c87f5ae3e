"""An exercise run: starting one, what its file says (scenario, seed, injects released), and the
facilitator's moves (release an inject, pause, resume, advance the clock, change the speed).

Every move is an event appended to the incident file, so a second terminal's move reaches the TUI
that has the file open (it watches the file) and the after-action report reads them all back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from wizard import clock
from wizard.errors import RoueiError
from wizard.exercise.clock import CLOCK_KIND, INJECT_KIND, START_KIND, Anchor, ExerciseClock, last_anchor
from wizard.exercise.scenario import Inject, Scenario, find
from wizard.i18n import t
from wizard.store import Incident, Responder

DEFAULT_RESPONDER = Responder("rouei", "facilitator")


@dataclass(frozen=True)
class Release:
    inject: Inject
    at: datetime  # exercise time
    by: str


class Run:
    """An exercise incident file read as a run of its scenario."""

    def __init__(self, incident: Incident, real: clock.Clock = clock.system_clock) -> None:
        start = next((e for e in incident.events if e.kind == START_KIND), None)
        if not incident.exercise or start is None:
            raise RoueiError("exercise.error.not_exercise", path=str(incident.path))
        self.incident = incident
        self.scenario: Scenario = find(str(start.data.get("scenario")))
        self.seed = int(start.data.get("seed", 0))
        self.real = real

    @property
    def anchor(self) -> Anchor:
        return last_anchor(self.incident.events)

    @property
    def clock(self) -> ExerciseClock:
        return ExerciseClock(self.anchor, self.real)

    def now(self) -> datetime:
        return self.clock()

    def released(self) -> list[Release]:
        """Injects released so far, in the order they arrived (each once, the first release counts)."""
        out, seen = [], set()
        for event in self.incident.events:
            inject_id = event.data.get("inject")
            if event.kind == INJECT_KIND and inject_id not in seen:
                seen.add(inject_id)
                out.append(Release(self.scenario.inject(str(inject_id)), event.at, event.by))
        return out

    def upcoming(self) -> list[Inject]:
        done = {r.inject.id for r in self.released()}
        return [i for i in self.scenario.injects if i.id not in done]

    def due(self) -> list[Inject]:
        """Timed injects whose time has come on the exercise clock and that are not released yet."""
        now = self.now()
        return [i for i in self.upcoming() if (at := self.scenario.due_at(i)) is not None and at <= now]

    def message(self, inject: Inject):
        return self.scenario.message(inject, self.seed)

    # ---- the facilitator's moves ----------------------------------------------------------------

    def release(self, inject_id: str | None, who: Responder = DEFAULT_RESPONDER) -> Inject:
        """Release an inject by id, or the next one not released yet (`None`)."""
        upcoming = self.upcoming()
        if inject_id is None:
            if not upcoming:
                raise RoueiError("exercise.error.all_released", path=str(self.incident.path))
            inject = upcoming[0]
        else:
            inject = self.scenario.inject(inject_id)
            if inject not in upcoming:
                raise RoueiError("exercise.error.already_released", id=inject_id)
        self._append(INJECT_KIND, {"scenario": self.scenario.id, "inject": inject.id}, who)
        return inject

    def release_due(self, who: Responder = DEFAULT_RESPONDER) -> list[Inject]:
        due = self.due()
        for inject in due:
            self._append(INJECT_KIND, {"scenario": self.scenario.id, "inject": inject.id}, who)
        return due

    def move_clock(self, *, pause: bool | None = None, advance: int = 0, speed: int | None = None,
                   who: Responder = DEFAULT_RESPONDER) -> Anchor:
        """Pause or resume, advance by `advance` exercise minutes, or change the speed (0: manual)."""
        old = self.anchor
        real = self.real().replace(microsecond=0)
        new = Anchor(old.time(real) + timedelta(minutes=advance), real,
                     old.speed if speed is None else speed, old.paused if pause is None else pause)
        self.incident.append(CLOCK_KIND, new.data(), who, new.at)
        return new

    def _append(self, kind: str, data: dict, who: Responder) -> None:
        self.incident.append(kind, {**data, "real_at": self.real().replace(microsecond=0)}, who, self.now())


def start(scenario: Scenario, path: Path, who: Responder, *, seed: int = 0, speed: int | None = None,
          real: clock.Clock = clock.system_clock) -> Run:
    """Create the exercise file: 【演習】, at the scenario's start time on the exercise clock."""
    real_at = real().replace(microsecond=0)
    incident = Incident.create(path, who, title=f"{scenario.title}", exercise=True, now=scenario.start)
    anchor = Anchor(scenario.start, real_at, scenario.speed if speed is None else speed)
    variant = scenario.variant(seed)
    incident.append(START_KIND, {"scenario": scenario.id, "seed": seed,
                                 "variant": variant.id if variant else "", **anchor.data()}, who, scenario.start)
    return Run(incident, real)


def speed_text(speed: int) -> str:
    return t("exercise.clock.manual") if not speed else t("exercise.clock.speed", speed=speed)


def describe_event(event) -> str:
    """An exercise event in words, for the timeline and `rouei log`."""
    data = event.data
    if event.kind == "exercise_inject":
        return t("exercise.event.inject", title=str(find(str(data["scenario"])).inject(str(data["inject"])).title))
    if event.kind == "exercise_start":
        return t("exercise.event.start", scenario=str(find(str(data["scenario"])).title),
                 speed=speed_text(data.get("speed", 0)))
    if data.get("paused"):
        return t("exercise.event.paused")
    return t("exercise.event.clock", at=clock.show(event.at), speed=speed_text(data.get("speed", 0)))
