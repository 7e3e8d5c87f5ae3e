"""Facts: what is known about an incident, validated against the vocabulary.

Absent means unknown. `"unknown"` is accepted for every key but `aware_at` and means the same.
A set fact (`data`, `sectors`) that contains `"unknown"` means "these, and maybe more".
A date-time without an offset is Japan time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from wizard.domain.vocabulary import FACTS, UNKNOWN, FactSpec
from wizard.errors import FactError

JST = ZoneInfo("Asia/Tokyo")

Value = str | bool | int | datetime | tuple[str, ...] | None


class Facts(BaseModel):
    """One incident's facts. `None` means unknown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    aware_at: datetime
    aware_how: str | None = None
    organisation: str | None = None
    role: str | None = None
    controller_notified: bool | None = None
    data: tuple[str, ...] | None = None
    affected_max: int | None = None
    cause: str | None = None
    encryption: str | None = None
    recovered_unviewed: bool | None = None
    sectors: tuple[str, ...] | None = None
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


_DT = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$")


def parse_datetime(text: str, key: str = "aware_at") -> datetime:
    """`2026-11-20T10:00`, `2026-11-20 10:00`, `2026/11/20`, with or without an offset (none = Japan time)."""
    match = _DT.match(text)
    if not match:
        raise FactError("facts.error.bad_value", key=key, value=_show(text), allowed=allowed(FACTS[key]))
    y, mo, d, h, mi, s, tz = match.groups()
    iso = f"{y}-{int(mo):02d}-{int(d):02d}T{int(h or 0):02d}:{mi or '00'}:{s or '00'}"
    if tz:
        iso += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        raise FactError("facts.error.bad_value", key=key, value=_show(text), allowed=allowed(FACTS[key])) from None
    return parsed.replace(tzinfo=JST) if parsed.tzinfo is None else parsed


def parse_cli_value(spec: FactSpec, text: str) -> Value:
    """A value typed on the command line: lists comma-separated, counts with optional separators."""
    raw: Any = text.strip()
    if raw.lower() == UNKNOWN:
        return coerce(spec, UNKNOWN if spec.kind != "set" else [UNKNOWN])
    if spec.kind == "bool":
        lowered = raw.lower()
        truthy, falsy = {"true", "yes", "y", "はい", "1"}, {"false", "no", "n", "いいえ", "0"}
        raw = True if lowered in truthy else False if lowered in falsy else raw
    elif spec.kind == "count":
        digits = raw.replace(",", "").replace("_", "")
        raw = int(digits) if re.fullmatch(r"-?\d{1,30}", digits) else raw  # longer: no count, not a crash
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
