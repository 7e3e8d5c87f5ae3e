"""Events: the entries of an incident's history, their canonical form and their ids.

An event's `id` is the SHA-256 of its canonical content: the JSON of every other field with sorted keys,
`ensure_ascii=False`, no spaces, date-times as ISO strings. Its `parents` are the ids of the heads it was
appended to, so every id vouches for the whole history before it, as in git.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from wizard import clock
from wizard.domain.vocabulary import FACTS, UNKNOWN
from wizard.errors import FactError, RoueiError
from wizard.store.files import MAX_DEPTH, depth
from wizard.store.guard import screen

if TYPE_CHECKING:
    from wizard.domain.facts import Value

HEX64 = r"^[0-9a-f]{64}$"
KIND = r"^[a-z_]+$"
TOML_INT = (-(2**63), 2**63 - 1)

EventId = Annotated[str, StringConstraints(pattern=HEX64)]

# The times a record may hold: far wider than any incident (a computer whose clock was reset still
# records), and far enough from Python's year 1 and 9999 that showing them in Japan time or counting
# days from them never overflows.
EARLIEST_TIME = datetime(1000, 1, 1, tzinfo=timezone.utc)
LATEST_TIME = datetime(9000, 1, 1, tzinfo=timezone.utc)


def in_range(value: datetime) -> datetime:
    """`value` when a record may hold it (an aware time from the year 1000 to 8999), else ValueError."""
    if not EARLIEST_TIME <= value < LATEST_TIME:
        raise ValueError("a time between the years 1000 and 8999")
    return value


RecordTime = Annotated[AwareDatetime, AfterValidator(in_range)]


@dataclass(frozen=True)
class Responder:
    """Who records an event: a name (required) and a role such as 情報システム担当."""

    name: str
    role: str = ""


class Event(BaseModel):
    """One entry of the history. `data` holds the kind's payload as TOML values."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: EventId
    parents: tuple[EventId, ...] = ()
    at: RecordTime
    by: Annotated[str, StringConstraints(min_length=1)]
    role: str = ""
    kind: Annotated[str, StringConstraints(pattern=KIND)]
    data: dict[str, Any] = Field(default_factory=dict)

    def table(self) -> dict[str, Any]:
        """The event as its `[[events]]` table, keys in file order."""
        return {"id": self.id, "parents": list(self.parents), "at": self.at, "by": self.by,
                "role": self.role, "kind": self.kind, "data": self.data}


def _iso(value: Any) -> str:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise TypeError(f"not a TOML value: {type(value).__name__}")


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso)


def event_id(parents: tuple[str, ...], at: datetime, by: str, role: str, kind: str, data: dict) -> str:
    """The id of an event with this content."""
    content = {"parents": parents, "at": at.isoformat(), "by": by, "role": role, "kind": kind, "data": data}
    return hashlib.sha256(_CANONICAL.encode(content).encode("utf-8")).hexdigest()


def recomputed_id(event: Event) -> str:
    return event_id(event.parents, event.at, event.by, event.role, event.kind, event.data)


def content_of(event: Event) -> str:
    """What an event says — when, who, what — as canonical JSON, leaving out where it stands in the
    history (its id and parents)."""
    return _CANONICAL.encode({"at": event.at.isoformat(), "by": event.by, "role": event.role, "kind": event.kind,
                              "data": event.data})


class BadValue(RoueiError, ValueError):
    """A value an incident file cannot hold (exit 2): it is refused before anything is written."""


def toml_time(value: datetime, where: str = "at") -> datetime:
    """An aware time with a fixed offset of whole minutes, as TOML holds it (UTC when the zone's offset
    has seconds, like Tokyo's local mean time before 1888, +09:18:59)."""
    offset = value.utcoffset()
    if offset is None:
        return value
    zone = timezone.utc if offset % timedelta(minutes=1) else timezone(offset)
    try:
        return in_range(value).astimezone(zone)
    except (OverflowError, ValueError):
        raise BadValue("store.error.bad_time", where=where, value=str(value)) from None


def event_time(now: datetime | None) -> datetime:
    """The time of a new event: now by default, whole seconds, an offset TOML can write."""
    now = now or clock.now()
    if now.tzinfo is None:
        raise ValueError("event times need a time zone")
    return toml_time(now).replace(microsecond=0)


class _Payload(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="allow", strict=True)


class Created(_Payload):
    title: str = ""
    exercise: bool = False


class Answer(_Payload):
    fact: str
    value: Any


class Note(_Payload):
    text: str


class Tick(_Payload):
    item: str
    note: str = ""


class Handover(_Payload):
    to: str = ""
    note: str = ""


class Export(_Payload):
    format: str
    what: list[str] | str = []
    fingerprint: str = ""


class ExerciseClock(_Payload):
    """An anchor of an exercise clock (`wizard.exercise.clock`): exercise time is the record's `at`."""

    real_at: RecordTime
    speed: int = Field(0, ge=0)
    paused: bool = False


class ExerciseStart(ExerciseClock):
    scenario: str
    seed: int = Field(0, ge=0)
    variant: str = ""


class ExerciseInject(_Payload):
    scenario: str
    inject: str
    real_at: RecordTime | None = None


# The free texts of each kind, by the guard's name for them (`wizard.store.guard.FIELDS`): every one is
# cleaned of control characters and screened for personal data when a record is made.
TEXTS: dict[str, dict[str, str]] = {
    "created": {"title": "title"}, "note": {"text": "note"}, "tick": {"note": "note"}, "untick": {"note": "note"},
    "handover": {"to": "name", "note": "note"}, "estimate": {"reason": "reason"},
    "evidence_add": {"location": "location", "note": "evidence_note"},
    "evidence_transfer": {"from": "name", "to": "name", "reason": "reason"},
}

# The kinds rouei reads and what their records must hold (so that no reader meets a missing key or a
# value of the wrong type); any other kind matching `KIND` is kept as it is. The evidence register and
# the estimates check their own records and leave out one that does not parse.
PAYLOADS: dict[str, type[_Payload]] = {
    "created": Created, "answer": Answer, "note": Note, "tick": Tick, "untick": Tick,
    "handover": Handover, "export": Export, "exercise_start": ExerciseStart, "exercise_clock": ExerciseClock,
    "exercise_inject": ExerciseInject,
}


_PLAIN = {str, bool, float, date, time}  # what TOML holds as it is: no range to check, no offset to fix


def toml_value(value: Any, where: str) -> Any:
    """`value` as TOML holds it (times with whole-minute offsets); what TOML cannot hold is refused
    (None, other objects, integers beyond 64 bits, non-string keys, nesting too deep)."""
    if depth(value) > MAX_DEPTH:
        raise BadValue("store.error.value_too_deep", where=where, depth=MAX_DEPTH)
    return _toml_value(value, where)


def _toml_value(value: Any, where: str) -> Any:
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise BadValue("store.error.bad_key", where=where, key=repr(key))
        return {key: _toml_value(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, (list, tuple)):  # texts and other plain values as they are (10,000 `sums` lines)
        return [item if type(item) in _PLAIN else _toml_value(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, int) and not isinstance(value, bool):
        if not TOML_INT[0] <= value <= TOML_INT[1]:
            raise BadValue("store.error.big_int", where=where, value=value)
        return value
    if isinstance(value, datetime):
        return toml_time(value, where)
    if not isinstance(value, (str, bool, float, date, time)):
        raise BadValue("store.error.not_toml", where=where, type=type(value).__name__)
    return value


def stored_value(value: Value) -> Any:
    """A fact value as an `answer` event stores it: unknown as "unknown", sets as sorted lists."""
    if value is None:
        return UNKNOWN
    return list(value) if isinstance(value, tuple) else value


def answer_value(event: Event) -> Value:
    """The validated value of an `answer` event; a value this version cannot read counts as unknown."""
    spec = FACTS.get(event.data.get("fact", ""))
    if spec is None:
        return None
    from wizard.domain.facts import coerce  # the facts' validation, for answers only

    try:
        return coerce(spec, event.data.get("value"))
    except FactError:
        return None


def make_event(kind: str, data: dict[str, Any], parents: tuple[str, ...], responder: Responder,
               at: datetime) -> Event:
    """A new event, validated: the kind's payload for known kinds, TOML-safe values for all."""
    if not isinstance(data, dict):
        raise ValueError(f"event data must be a dict, not {type(data).__name__}")
    data = toml_value(data, str(data.get("fact")) if kind == "answer" else kind)
    texts = {key: screen(value, field) for key, field in TEXTS.get(kind, {}).items()
             if isinstance(value := data.get(key), str)}
    data = {**data, **texts}
    if kind in PAYLOADS:
        try:
            PAYLOADS[kind].model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            raise BadValue("store.error.bad_payload", where=kind, field=".".join(map(str, error["loc"])),
                           value=repr(error.get("input"))[:60]) from None
    if kind == "answer":
        spec = FACTS.get(data["fact"])
        if spec is None:
            raise FactError("facts.error.unknown_key", key=data["fact"], keys=", ".join(FACTS))
        from wizard.domain.facts import coerce

        data = {**data, "value": toml_value(stored_value(coerce(spec, data["value"])), data["fact"])}
    name, role = screen(responder.name, "name").strip(), screen(responder.role, "role").strip()
    if not name:
        raise RoueiError("store.error.no_name")
    return Event(id=event_id(parents, at, name, role, kind, data), parents=parents, at=at, by=name, role=role,
                 kind=kind, data=data)
