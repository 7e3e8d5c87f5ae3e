"""The exercise clock: scenario time that starts at the scenario's start and runs at a chosen speed,
or stands still until the facilitator moves it (manual).

The clock lives in the incident file: the `exercise_start` event and each `exercise_clock` event
(pause, resume, advance, speed; `data.move` says which) record an *anchor* — the exercise time (`at`),
the real time beside it (`data.real_at`), the speed, and whether it is paused. Exercise time is the last
anchor plus the real time since, times the speed; so every process that reads the file, the team's TUI
and a facilitator's second terminal, shows the same time.

Every event of a run carries its real time too (`data.real_at`, `stamp_real_time`), so the debrief
can give each timing twice: on the exercise clock and in the room, a manual clock's run included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from wizard import clock
from wizard.errors import RoueiError
from wizard.store.events import Event

START_KIND = "exercise_start"
CLOCK_KIND = "exercise_clock"
INJECT_KIND = "exercise_inject"
CALL_KIND = "exercise_call"  # a blind run: the team's own call on one decision


@dataclass(frozen=True)
class Anchor:
    at: datetime  # exercise time
    real_at: datetime
    speed: int  # exercise seconds per real second; 0: manual (moves only when the facilitator moves it)
    paused: bool = False

    def time(self, real: datetime) -> datetime:
        """The exercise time at real time `real` (never before the anchor)."""
        if self.paused or not self.speed:
            return self.at
        return self.at + max(real - self.real_at, timedelta(0)) * self.speed

    def data(self) -> dict:
        return {"real_at": self.real_at, "speed": self.speed, "paused": self.paused}


class _ClockData(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")

    real_at: AwareDatetime
    speed: int = Field(0, ge=0)
    paused: bool = False


def anchor_of(event: Event) -> Anchor:
    """The anchor an event records; a hand-made event that does not hold one is a clear error."""
    try:
        data = _ClockData.model_validate(event.data, strict=True)
    except ValidationError:
        raise RoueiError("exercise.error.bad_clock", id=event.id[:12], at=clock.show(event.at)) from None
    return Anchor(event.at, data.real_at, data.speed, data.paused)


def stage_starts(events: Iterable[Event]) -> dict[str, int]:
    """Where each stage of a run began in its history: the start (`start`), then each inject's release."""
    starts: dict[str, int] = {}
    for index, event in enumerate(events):
        if event.kind == START_KIND:
            starts.setdefault("start", index)
        elif event.kind == INJECT_KIND:
            starts.setdefault(str(event.data.get("inject")), index)
    return starts


def last_anchor(events: Iterable[Event]) -> Anchor | None:
    """The clock as the last start or clock event left it; None in a file that is no exercise run."""
    anchor = None
    for event in events:
        if event.kind in (START_KIND, CLOCK_KIND):
            anchor = anchor_of(event)
    return anchor


class ExerciseClock:
    """A clock for `wizard.clock.use_clock` and the TUI: exercise time from a real-time source."""

    def __init__(self, anchor: Anchor, real: clock.Clock = clock.system_clock) -> None:
        self.anchor = anchor
        self.real = real

    def __call__(self) -> datetime:
        return clock.in_jst(self.anchor.time(self.real())).replace(microsecond=0)


def clock_for(incident, real: clock.Clock = clock.system_clock) -> clock.Clock:
    """The clock every "now" of `incident` takes: its exercise clock, or the ordinary one. In an exercise
    run, each event appended through `incident` from now on also records the real time."""
    last = incident.last_of((START_KIND, CLOCK_KIND)) if incident.exercise else None
    if last is None:
        return clock.now
    stamp_real_time(incident, real)
    return ExerciseClock(anchor_of(last), real)


def stamp_real_time(incident, real: clock.Clock) -> None:
    """Have each event appended through `incident` record the real time beside its exercise time."""
    incident.stamp = lambda: {"real_at": real().replace(microsecond=0)}


def real_times(events: Iterable[Event]) -> list[datetime | None]:
    """The real time of each event: as recorded beside it, else worked back from a clock that ran at a
    speed (files written before every event recorded it); None when neither tells. The file's first
    event, written just before the run's start, takes the start's."""
    events = list(events)
    out: list[datetime | None] = []
    anchor = None
    for event in events:
        if event.kind in (START_KIND, CLOCK_KIND):
            anchor = anchor_of(event)
        recorded = event.data.get("real_at")
        if isinstance(recorded, datetime) and recorded.tzinfo is not None:
            out.append(recorded)
        elif anchor is not None and anchor.speed and not anchor.paused:
            out.append(anchor.real_at + (event.at - anchor.at) / anchor.speed)
        else:
            out.append(None)
    if len(events) > 1 and out[0] is None and events[1].kind == START_KIND and events[1].at == events[0].at:
        out[0] = out[1]
    return out
