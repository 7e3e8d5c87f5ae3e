"""Facts: what is known about an incident, validated against the vocabulary.

Absent means unknown. `"unknown"` is accepted for every key but `aware_at` and means the same.
A set fact (`data`, `sectors`) that contains `"unknown"` means "these, and maybe more".
A date-time without an offset is Japan time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from wizard import clock
from wizard.domain.vocabulary import FACTS, UNKNOWN, FactSpec
from wizard.errors import FactError

JST = clock.JST  # the facts speak Japan time (one zone object for the whole program)

Value = str | bool | int | datetime | tuple[str, ...] | None


class Facts(BaseModel):
    """One incident's facts. `None` means unknown."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    aware_at: datetime
    aware_how: str | None = None
    organisation: str | None = None
    role: str | None = None
    controller_notified: bool | None = None
    data: tuple[str, ...] | None = None
    my_number_system: bool | None = None
    affected_max: int | None = None
    volume_aware_at: datetime | None = None
    cause: str | None = None
    own_channel: bool | None = None
    stored_data: bool | None = None
    lost_inside: bool | None = None
    copy_kept: bool | None = None
    viewable_outside: bool | None = None
    encryption: str | None = None
    recovered_unviewed: bool | None = None
    sectors: tuple[str, ...] | None = None
    comms_secrecy: bool | None = None
    individual_customers: bool | None = None
    eu_residents: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _coerce(cls, value: Any, info) -> Any:
        return coerce(FACTS[info.field_name], value)

    def known(self, key: str) -> bool:
        """Whether `key` has a value (a set fact counts as known only without "unknown" in it)."""
        value = getattr(self, key)
        if value is None:
            return False
        return not (isinstance(value, tuple) and UNKNOWN in value)

    def with_fact(self, key: str, value: Value) -> Facts:
        """A copy with one fact changed (`None` makes it unknown)."""
        return self.model_copy(update={key: value})

    def to_toml_dict(self) -> dict[str, Any]:
        """The facts as a facts file holds them: unknown facts left out, sets as lists."""
        out: dict[str, Any] = {}
        for key in FACTS:
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value) if isinstance(value, tuple) else value
        return out


def allowed(spec: FactSpec) -> str:
    """What a key accepts, in words, for error messages (always names "unknown")."""
    from wizard.i18n import t

    if spec.kind == "datetime":
        return t("facts.allowed.datetime")
    if spec.kind == "bool":
        return "true, false, unknown"
    if spec.kind == "count":
        return t("facts.allowed.count")
    values = ", ".join((*spec.values, UNKNOWN))
    return t("facts.allowed.set", values=values) if spec.kind == "set" else values


def _bad(spec: FactSpec, value: Any) -> FactError:
    return FactError("facts.error.bad_value", key=spec.key, value=_show(value), allowed=allowed(spec))


def _bad_time(key: str, text: str) -> FactError:
    """A typed time that cannot be read, for a fact or for an option such as `--since`."""
    return _bad(FACTS.get(key) or FactSpec(key, "datetime"), text)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"


def coerce(spec: FactSpec, value: Any) -> Value:
    """Turn a raw TOML or command-line value into the fact's type, or raise `FactError`."""
    if isinstance(value, str) and value.strip().lower() == UNKNOWN and spec.kind != "set":
        if spec.required:
            raise FactError("facts.error.required_unknown", key=spec.key)
        return None
    if value is None and not spec.required:
        return None
    if spec.kind == "datetime":
        return _coerce_datetime(spec, value)
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        raise _bad(spec, value)
    if spec.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _bad(spec, value)
        if value > MAX_COUNT:
            raise FactError("facts.error.too_many", key=spec.key, value=f"{value:,}", most=f"{MAX_COUNT:,}")
        return value
    if spec.kind == "enum":
        if isinstance(value, str) and value in spec.values:
            return value
        raise _bad(spec, value)
    # set
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise _bad(spec, value)
    for item in items:
        if item not in spec.values and item != UNKNOWN:
            raise _bad(spec, item)
    return tuple(sorted(set(items)))


def _coerce_datetime(spec: FactSpec, value: Any) -> datetime:
    if isinstance(value, str):
        value = parse_datetime(value, spec.key)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    if not isinstance(value, datetime):
        raise _bad(spec, value)
    return value.replace(tzinfo=JST) if value.tzinfo is None else value


# Japanese keyboard input, after NFKC (full-width digits, 「－」「：」「，」 and U+3000 become ASCII):
# 2026-11-27 09:30, 2026/11/27, 2026年11月27日(金) 9時30分, 11/27 9:30 (this year), 午後3時, …+09:00, … JST.
_DT = re.compile(
    r"^(?:(?P<y>\d{4})\s*[-/.年]\s*)?(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?\s*"
    r"(?:\([月火水木金土日]\)|\((?:mon|tue|wed|thu|fri|sat|sun)\))?"
    r"(?:(?:\s+|T|\s*)(?P<ampm>午前|午後)?\s*(?P<h>\d{1,2})\s*[:時]\s*(?:(?P<mi>\d{1,2})\s*分?)?"
    r"(?:\s*:?\s*(?P<s>\d{1,2})\s*秒?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|JST)?$",
    re.IGNORECASE,
)
_DASHES = str.maketrans({"−": "-", "‐": "-", "‑": "-", "–": "-", "—": "-", "ー": "-", "〜": "-"})

EARLIEST = datetime(2022, 4, 1, tzinfo=JST)  # the leak-report rules rouei knows came into force
FUTURE_SLACK = timedelta(minutes=5)  # clocks that disagree a little
MAX_COUNT = 10_000_000_000  # more people than there are; TOML holds integers below 2**63


def normalise(text: str) -> str:
    """What a Japanese keyboard types, as ASCII where it means the same (NFKC, dashes, spaces)."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


@dataclass(frozen=True)
class TimeReading:
    """A date-time as read from what was typed; `time_given` False: the start of the day was taken."""

    value: datetime
    time_given: bool


def read_datetime(text: str, key: str = "aware_at") -> TimeReading:
    """Read a typed date-time (forms above); no offset means Japan time, and the result is in JST."""
    match = _DT.match(normalise(text))
    if not match:
        raise _bad_time(key, text)
    g = match.groupdict()
    hour = int(g["h"] or 0)
    if g["ampm"] == "午後" and hour < 12:
        hour += 12
    try:
        year = int(g["y"]) if g["y"] else _this_year(int(g["mo"]), int(g["d"]))
        value = datetime(year, int(g["mo"]), int(g["d"]), hour, int(g["mi"] or 0), int(g["s"] or 0))
    except ValueError:
        raise _bad_time(key, text) from None
    tz = (g["tz"] or "JST").upper()
    if tz == "JST":
        value = value.replace(tzinfo=JST)
    else:
        offset = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        try:
            value = datetime.fromisoformat(f"{value.isoformat()}{offset}")
        except ValueError:
            raise _bad_time(key, text) from None
    try:
        return TimeReading(value.astimezone(JST), g["h"] is not None)
    except OverflowError:  # 0001-01-01 00:00+10:00 is before the first day Python counts
        if value.year > 2000:
            raise FactError("facts.error.future", key=key, value=text, now=clock.show(clock.now())) from None
        raise FactError("facts.error.before_rules", key=key, value=text, earliest=EARLIEST.date()) from None


def _this_year(month: int, day_: int) -> int:
    """The year of a date typed without one: this year, or last year if that would be in the future."""
    today = clock.now()
    return today.year - 1 if (month, day_) > (today.month, today.day) else today.year


def parse_datetime(text: str, key: str = "aware_at") -> datetime:
    """A typed date-time (a date alone is the start of that day), in JST."""
    return read_datetime(text, key).value


def check_aware_at(value: datetime, key: str = "aware_at") -> datetime:
    """Refuse an awareness time rouei has no rules for (before 2022-04-01) or one in the future."""
    now = clock.now()
    if value < EARLIEST:
        raise FactError("facts.error.before_rules", key=key, value=clock.show(value), earliest=EARLIEST.date())
    if value > now + FUTURE_SLACK:
        raise FactError("facts.error.future", key=key, value=clock.show(value), now=clock.show(now))
    return value


def read_aware_at(text: str, key: str = "aware_at") -> TimeReading:
    """A typed awareness time, read and checked against the range rouei has rules for."""
    reading = read_datetime(text, key)
    check_aware_at(reading.value, key)
    return reading


def read_count(spec: FactSpec, text: str) -> int:
    """A typed count: 1200, 1,200, ３，２００, 3,200人."""
    digits = re.sub(r"[,_\s]", "", normalise(text)).removesuffix("人").removesuffix("名")
    if not re.fullmatch(r"\d{1,30}", digits):  # longer is no count (and int() of thousands of digits fails)
        raise _bad(spec, text)
    return coerce(spec, int(digits))


def parse_cli_value(spec: FactSpec, text: str) -> Value:
    """A value typed on the command line or in the TUI: lists comma-separated, counts with separators,
    times checked against the range rouei has rules for (a date alone is refused: say the time)."""
    raw: Any = normalise(text)
    if raw.lower() == UNKNOWN:
        return coerce(spec, UNKNOWN if spec.kind != "set" else [UNKNOWN])
    if spec.kind == "datetime":
        reading = read_aware_at(raw, spec.key)
        if not reading.time_given:
            raise FactError("facts.error.no_time", key=spec.key, date=reading.value.date())
        return reading.value
    if spec.kind == "count":
        return read_count(spec, raw)
    if spec.kind == "bool":
        lowered = raw.lower()
        truthy, falsy = {"true", "yes", "y", "はい", "1"}, {"false", "no", "n", "いいえ", "0"}
        raw = True if lowered in truthy else False if lowered in falsy else raw
    elif spec.kind == "set":
        raw = [] if raw in ("", "none") else [part.strip() for part in raw.split(",") if part.strip()]
    return coerce(spec, raw)


def parse_assignment(text: str) -> tuple[str, Value]:
    """`KEY=VALUE` from `rouei answer`, validated exactly like a facts file."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise FactError("facts.error.not_assignment", text=text)
    if key not in FACTS:
        raise FactError("facts.error.unknown_key", key=key, keys=", ".join(FACTS))
    return key, parse_cli_value(FACTS[key], value)


def facts_from_mapping(raw: dict[str, Any], where: str) -> Facts:
    """Validate a facts table; the first problem becomes a `FactError` naming `where` and the key."""
    for key in raw:
        if key not in FACTS:
            raise FactError("facts.error.unknown_key_in", where=where, key=key, keys=", ".join(FACTS))
    if "aware_at" not in raw:
        raise FactError("facts.error.missing_aware_at", where=where)
    try:
        return Facts.model_validate(raw)
    except FactError as exc:
        raise FactError("facts.error.in_file", where=where, message=str(exc)) from None
    except ValidationError as exc:
        key = exc.errors()[0]["loc"][0] if exc.errors()[0]["loc"] else "?"
        value = exc.errors()[0].get("input")
        spec = FACTS.get(str(key))
        if spec is None:
            raise FactError("facts.error.unknown_key_in", where=where, key=key, keys=", ".join(FACTS)) from None
        raise FactError("facts.error.in_file", where=where, message=str(_bad(spec, value))) from None
