"""Deadline arithmetic: closed days of government offices, day counts and business days.

Closed days (行政機関の休日に関する法律 1条): Saturdays, Sundays, national holidays under 祝日法
(including 振替休日 and 国民の休日, from the maintained `jpholiday` calendar) and 12/29–1/3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import jpholiday

from wizard.domain.facts import JST


def closed_reason(day: date) -> str | None:
    """Why government offices are closed on `day` (a message key), or None on an open day."""
    if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
        return "calendar.year_end"
    name = jpholiday.is_holiday_name(day)
    if name:
        return f"holiday:{name}"
    if day.weekday() == 5:
        return "calendar.saturday"
    if day.weekday() == 6:
        return "calendar.sunday"
    return None


def is_open(day: date) -> bool:
    return closed_reason(day) is None


@dataclass(frozen=True)
class DayCount:
    """A deadline counted in days with the day of awareness as day 1, then moved off closed days."""

    start: date
    days: int
    nominal: date  # day N itself
    due: date  # day N, or the next open day after it
    skipped: tuple[tuple[date, str], ...]  # closed days passed over, with their reasons
    first_excluded: bool = False  # day 1 is the day after `start` (民法140条: the first day is not counted)

    @property
    def shifted(self) -> bool:
        return self.due != self.nominal


def count_days(start: date, days: int, shift_closed: bool = True, first_excluded: bool = False) -> DayCount:
    """Day `days` counted with `start` as day 1 (通則編 3-5-3-4 ※2), or with the day after it as day 1
    (`first_excluded`), moved to the next open day."""
    nominal = start + timedelta(days=days - (0 if first_excluded else 1))
    due, skipped = nominal, []
    while shift_closed and (reason := closed_reason(due)):
        skipped.append((due, reason))
        due += timedelta(days=1)
    return DayCount(start, days, nominal, due, tuple(skipped), first_excluded)


def count_statutory(aware: datetime, days: int) -> DayCount:
    """A period of `days` days a law sets from the day of awareness, with no rule of its own on counting:
    民法140条 leaves the first day out unless the period starts at 00:00, and 行政機関の休日に関する法律2条
    moves a deadline on a closed day of government offices to the next open day."""
    local = aware.astimezone(JST)
    midnight = (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    return count_days(local.date(), days, first_excluded=not midnight)


def add_weekdays(start: date, days: int) -> date:
    """The `days`-th Monday–Friday counting `start` itself when it is one; holidays count as days (the
    earliest reading of a contract's "business days")."""
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def japan_date(moment: datetime) -> date:
    """The calendar date in Japan of an aware date-time."""
    return moment.astimezone(JST).date()
