"""Reading an incident file's parsed TOML into events, with a clear message for every problem.

Each message names the file, the event (with its line when the file can be read) or the header, the
field, what is wrong and what is allowed. A file from a newer rouei is refused, not guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard import clock
from wizard.store.errors import StoreError
from wizard.i18n import t
from wizard.store.events import PAYLOADS, Event, EventId
from wizard.store.files import FORMAT, SCHEMA, event_line

# What a field takes, for messages (message keys under store.expect).
_EXPECT_BY_FIELD = {"id": "id", "parents": "ids", "heads": "ids", "written_heads": "ids", "at": "at", "by": "by", "role": "text",
                    "kind": "kind", "data": "table", "events": "events"}
_EXPECT_BY_TYPE = {"string_type": "text", "bool_type": "bool", "int_type": "int", "list_type": "list",
                   "dict_type": "table"}


class FileModel(BaseModel):
    """The whole file after the format and schema checks. Schema 1 kept the current `heads` in the
    header (rewritten on every save); schema 2 has `written_heads` only for a branched history."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    format: Literal["rouei-incident"]
    schema_: int = Field(alias="schema")
    heads: tuple[EventId, ...] | None = Field(None, min_length=1)
    written_heads: tuple[EventId, ...] | None = Field(None, min_length=1)
    events: tuple[Event, ...] = Field(min_length=1)


class _Blocks(BaseModel):
    """Blocks read on their own: `[[events]]` tables and nothing else."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    events: tuple[Event, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Parsed:
    """A file's schema, its header's heads (schema 1: current; schema 2: when written whole) and events."""

    schema: int
    heads: tuple[str, ...] | None
    events: list[Event]


def where(path: Path, number: int | None, event: Event | None = None) -> str:
    """"record 12 (line 87, 2026-11-20 10:05, 山田, note)" or "the header", in the current language."""
    if number is None:
        return t("store.where.header")
    line = event_line(path, number)
    details = [t("store.where.line", line=line)] if line else []
    if event is not None:
        details += [clock.show(event.at), event.by, event.kind]
    if not details:
        return t("store.where.event_plain", n=number)
    return t("store.where.event", n=number, details=t("store.where.sep").join(details))


def _shown(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 50 else text[:47] + "…"


def _field_error(path: Path, error: dict, number: int | None, field: str) -> StoreError:
    place = where(path, number)
    if error["type"] == "missing":
        return StoreError("store.error.missing", path=str(path), where=place, field=field)
    if error["type"] == "extra_forbidden":
        return StoreError("store.error.extra", path=str(path), where=place, field=field)
    last = field.rsplit(".", 1)[-1]
    expect = "at" if last.endswith("_at") else _EXPECT_BY_FIELD.get(last) if "." not in field else None
    expect = expect or _EXPECT_BY_TYPE.get(error["type"], "other")
    return StoreError("store.error.bad_field", path=str(path), where=place, field=field,
                      value=_shown(error.get("input")), expected=t(f"store.expect.{expect}"))


def check_header(raw: dict, path: Path) -> int:
    """The schema of a file's parsed header: refused when it is no incident or from a newer rouei."""
    if not raw:
        raise StoreError("store.error.empty", path=str(path))
    if raw.get("format") != FORMAT:
        raise StoreError("store.error.not_incident", path=str(path))
    schema = raw.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise StoreError("store.error.newer", path=str(path), schema=schema, supported=SCHEMA)
    if schema not in (1, SCHEMA) or isinstance(schema, bool):
        raise StoreError("store.error.bad_schema", path=str(path), value=_shown(schema), supported=SCHEMA)
    return schema


def _validation_error(exc: ValidationError, path: Path, first: int = 1) -> StoreError:
    error = exc.errors()[0]
    loc = list(error["loc"])
    if loc[:1] == ["events"] and len(loc) > 1 and isinstance(loc[1], int):
        return _field_error(path, error, loc[1] + first, ".".join(map(str, loc[2:])) or "events")
    return _field_error(path, error, None, ".".join(map(str, loc)))


def _check_payloads(events: tuple[Event, ...], path: Path, first: int = 1) -> None:
    for number, event in enumerate(events, first):
        payload = PAYLOADS.get(event.kind)
        if payload is None:
            continue
        try:
            payload.model_validate(event.data)
        except ValidationError as exc:
            error = exc.errors()[0]
            raise _field_error(path, error, number, ".".join(map(str, ("data", *error["loc"])))) from None


def parse(raw: dict, path: Path) -> Parsed:
    """The header and the events, validated; the first problem raises `StoreError`."""
    schema = check_header(raw, path)
    try:
        model = FileModel.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(exc, path) from None
    if schema == 1 and (model.heads is None or model.written_heads is not None):
        raise StoreError("store.error.missing" if model.heads is None else "store.error.extra", path=str(path),
                         where=where(path, None), field="heads" if model.heads is None else "written_heads")
    if schema == SCHEMA and model.heads is not None:
        raise StoreError("store.error.extra", path=str(path), where=where(path, None), field="heads")
    _check_payloads(model.events, path)
    return Parsed(schema, model.heads if schema == 1 else model.written_heads, list(model.events))


def parse_events(raw: dict, path: Path, first: int) -> list[Event]:
    """Blocks read on their own (`[[events]]` tables only), numbered from `first` in messages."""
    try:
        model = _Blocks.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(exc, path, first) from None
    _check_payloads(model.events, path, first)
    return list(model.events)
