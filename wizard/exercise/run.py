"""An exercise run: starting one, what its file says (scenario, seed, blind or not, injects released),
and the facilitator's moves (release an inject, pause, resume, advance the clock, change the speed).

Every move is an event appended to the incident file, so a second terminal's move reaches the TUI
that has the file open (it watches the file) and the after-action report reads them all back. A run of
a firm's own scenario carries the scenario's text in its start event: the file alone replays it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from wizard import clock
from wizard.errors import RoueiError
from wizard.exercise.clock import (CALL_KIND, CLOCK_KIND, INJECT_KIND, START_KIND, Anchor, ExerciseClock, last_anchor,
                                   stamp_real_time)
from wizard.exercise.scenario import Inject, Scenario, find, from_source
from wizard.i18n import get_lang, t
from wizard.store import Incident, Responder

DEFAULT_RESPONDER = Responder("rouei", "facilitator")
TIMER = Responder("rouei", "timer")  # who releases a timed inject: the exercise clock, not whoever had the file open
FACILITATOR = "facilitator"


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
        self.start_event = start
        source = start.data.get("source")
        self.scenario: Scenario = from_source(source) if isinstance(source, str) else find(str(start.data.get("scenario")))
        self.seed = int(start.data.get("seed", 0))
        self.blind = start.data.get("blind") is True  # the team records its own calls before it sees rouei's
        self.real = real
        if not incident.read_only:
            stamp_real_time(incident, lambda: self.real())

    @property
    def facilitator(self) -> Responder:
        """Who a move made from a team's window is recorded as: the facilitator, as named when the run began."""
        return Responder(self.start_event.by, FACILITATOR)

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
        self._release(inject, who)
        return inject

    def release_due(self, who: Responder = TIMER) -> list[Inject]:
        due = self.due()
        for inject in due:
            self._release(inject, who)
        return due

    def _release(self, inject: Inject, who: Responder) -> None:
        data = {"scenario": self.scenario.id, "inject": inject.id, "title": inject.title.model_dump()}
        self.incident.append(INJECT_KIND, data, who, self.now())

    def move_clock(self, *, pause: bool | None = None, advance: int = 0, speed: int | None = None,
                   who: Responder = DEFAULT_RESPONDER) -> Anchor:
        """Pause or resume, advance by `advance` exercise minutes, or change the speed (0: manual)."""
        old = self.anchor
        real = self.real().replace(microsecond=0)
        new = Anchor(old.time(real) + timedelta(minutes=advance), real,
                     old.speed if speed is None else speed, old.paused if pause is None else pause)
        move = "pause" if pause else "resume" if pause is False else "advance" if advance else "speed"
        data = {**new.data(), "move": move, **({"minutes": advance} if advance else {})}
        self.incident.append(CLOCK_KIND, data, who, new.at)
        return new


def start(scenario: Scenario, path: Path, who: Responder, *, seed: int = 0, speed: int | None = None,
          blind: bool = False, source: str | None = None, real: clock.Clock = clock.system_clock) -> Run:
    """Create the exercise file: 【演習】, at the scenario's start time on the exercise clock. `source`:
    the text of a firm's own scenario file, kept in the run; `blind`: the team calls before it sees."""
    real_at = real().replace(microsecond=0)
    incident = Incident.create(path, who, title=f"{scenario.title}", exercise=True, now=scenario.start)
    anchor = Anchor(scenario.start, real_at, scenario.speed if speed is None else speed)
    variant = scenario.variant(seed)
    data = {"scenario": scenario.id, "seed": seed, "variant": variant.id if variant else "",
            "title": scenario.title.model_dump(), **anchor.data(), "move": "start"}
    if blind:
        data["blind"] = True
    if source is not None:
        data["source"] = source
    incident.append(START_KIND, data, who, scenario.start)
    return Run(incident, real)


def speed_text(speed: int) -> str:
    return t("exercise.clock.manual") if not speed else t("exercise.clock.speed", speed=speed)


def _title(data: dict, find_title) -> str:
    """The title an event recorded (both languages), else the bundled scenario's, else the id."""
    recorded = data.get("title")
    if isinstance(recorded, dict) and isinstance(recorded.get(get_lang()), str):
        return recorded[get_lang()]
    try:
        return str(find_title())
    except (RoueiError, KeyError):
        return str(data.get("inject") or data.get("scenario"))


def describe_event(event) -> str:
    """An exercise event in words, for the timeline and `rouei log`."""
    data = event.data
    if event.kind == INJECT_KIND:
        title = _title(data, lambda: find(str(data["scenario"])).inject(str(data["inject"])).title)
        return t("exercise.event.inject", title=title)
    if event.kind == START_KIND:
        title = _title(data, lambda: find(str(data["scenario"])).title)
        text = t("exercise.event.start", scenario=title, speed=speed_text(data.get("speed", 0)))
        return text + t("exercise.event.blind") if data.get("blind") is True else text
    if event.kind == CALL_KIND:
        from wizard.exercise.calls import describe_call

        return describe_call(data)
    move = data.get("move")
    if data.get("paused") and move in (None, "pause"):
        return t("exercise.event.paused")
    if move == "resume":
        return t("exercise.event.resumed", at=clock.show(event.at), speed=speed_text(data.get("speed", 0)))
    if move == "advance":
        return t("exercise.event.advanced", minutes=data.get("minutes", 0), at=clock.show(event.at))
    return t("exercise.event.clock", at=clock.show(event.at), speed=speed_text(data.get("speed", 0)))
