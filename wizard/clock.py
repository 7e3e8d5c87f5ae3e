"""The one clock and the one way of showing a time: Japan time, labelled.

Every "now" rouei takes goes through `now()` (an aware time, never the machine's naive wall clock),
so a machine set to UTC or New York records the same instant, and an exercise can run on a clock of
its own (`use_clock`). Every time shown to a user goes through `show()`: JST with its label.
Light on purpose (no pydantic, no Textual): the start screen imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware, in UTC."""
    return datetime.now(timezone.utc)


_clock: Clock = system_clock


def use_clock(clock: Clock | None) -> None:
    """Take every later `now()` from `clock` (an exercise clock, a test's); `None` is the real one."""
    global _clock
    _clock = clock or system_clock


def source() -> Clock:
    """The clock `now()` reads, to build another on top of it (an exercise clock runs on the real one)."""
    return _clock


def now() -> datetime:
    """The current time in JST, whole seconds."""
    moment = _clock()
    if moment.tzinfo is None:
        raise ValueError("a clock must give aware times")
    return moment.astimezone(JST).replace(microsecond=0)


def in_jst(moment: datetime) -> datetime:
    """`moment` in JST; a naive time is taken as JST already (the facts' rule)."""
    return moment.replace(tzinfo=JST) if moment.tzinfo is None else moment.astimezone(JST)


def show(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`moment` in JST with its label, e.g. `2026-11-20 10:00 JST`; a moment at the very edge of the
    calendar that has no JST (year 1 before 09:00) in its own offset, labelled with it."""
    try:
        return f"{in_jst(moment):{fmt}} JST"
    except OverflowError:
        return f"{moment:{fmt}} UTC{moment:%z}" if moment.tzinfo else f"{moment:{fmt}}"


def machine_zone(moment: datetime | None = None) -> str | None:
    """The machine's own zone name when it is not Japan time (to show beside JST), else None."""
    local = (moment or system_clock()).astimezone()
    if local.utcoffset() == timedelta(hours=9):
        return None
    return local.tzname() or local.strftime("%z")
