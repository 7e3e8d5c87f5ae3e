"""Values in words, as every screen and document shows them: dates with their weekday, moments in
Japan time, counts of people. Light on purpose: the timeline uses these without the rules engine."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from wizard.clock import JST
from wizard.i18n import get_lang, t


def day(value: date) -> str:
    """A date with its weekday, e.g. 2026-11-25(水) / Wed 2026-11-25."""
    return _day(value, get_lang())


@lru_cache(maxsize=512)
def _day(value: date, lang: str) -> str:  # a timeline of 10,000 events spans a few days
    weekday = t("calendar.weekday", lang).split()[value.weekday()]
    return f"{value.isoformat()}({weekday})" if lang == "ja" else f"{weekday} {value.isoformat()}"


def moment(value: datetime) -> str:
    local = value.astimezone(JST)
    return f"{day(local.date())} {local.hour:02}:{local.minute:02} JST"


def plain_value(key: str, value) -> str:
    """A value without a choice label: yes/no, a date-time in Japan time, a count of people, else as it is."""
    if isinstance(value, bool):
        return t(f"value.{str(value).lower()}")
    if isinstance(value, datetime):
        return moment(value)
    if key == "affected_max":
        return t("value.people_one" if value == 1 else "value.people", count=f"{value:,}")
    return str(value)
