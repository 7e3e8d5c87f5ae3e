"""The integrity check behind `rouei verify`: every id, every parent, the order and how records were added.

An edited event no longer matches its id; a removed one leaves a child whose parent is missing; a moved
one stands before its parent or out of canonical order. Every record rouei appends comes after all the
records before it, so one that does not (after the point where the file was last written whole) was put
there by hand. Records cut off the end leave no trace in the file itself: the count, the last record's
time and the fingerprints recorded elsewhere (exports, paper) are what show it (docs/incident-file.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from wizard.i18n import t
from wizard.store.errors import IntegrityError
from wizard.store.events import Event, recomputed_id
from wizard.store.history import canonical_order
from wizard.store.schema import where


def _event_error(key: str, path: Path, number: int, event: Event) -> IntegrityError:
    return IntegrityError(key, path=str(path), where=where(path, number, event), advice=t("store.integrity.advice"))


def _header_error(key: str, path: Path) -> IntegrityError:
    return IntegrityError(key, path=str(path), advice=t("store.integrity.advice"))


def fingerprint_of(heads: Sequence[str]) -> str:
    """The fingerprint of a state of the history: SHA-256 over its head ids, sorted."""
    return hashlib.sha256("\n".join(sorted(heads)).encode("ascii")).hexdigest()


def states(events: Sequence[Event]) -> Iterator[tuple[int, frozenset[str]]]:
    """After each event (1-based number), the heads of the history up to it."""
    heads: set[str] = set()
    for number, event in enumerate(events, 1):
        heads.difference_update(event.parents)
        heads.add(event.id)
        yield number, frozenset(heads)


def check(path: Path, schema: int, header_heads: Sequence[str] | None, events: Sequence[Event]) -> None:
    """Raise `IntegrityError` naming the first event (or the header) that fails. `header_heads` are the
    current heads (schema 1) or the heads when the file was last written whole (schema 2, branched)."""
    all_ids = {e.id for e in events}
    seen: set[str] = set()
    for number, event in enumerate(events, 1):
        if recomputed_id(event) != event.id:
            raise _event_error("store.integrity.edited", path, number, event)
        if event.id in seen:
            raise _event_error("store.integrity.duplicate", path, number, event)
        for parent in event.parents:
            if parent not in seen:
                key = "store.integrity.moved" if parent in all_ids else "store.integrity.removed"
                raise _event_error(key, path, number, event)
        if not event.parents and (number > 1 or event.kind != "created"):
            raise _event_error("store.integrity.foreign", path, number, event)
        seen.add(event.id)
    linear = all(e.parents == (p.id,) for p, e in zip(events, events[1:]))
    for number, (expected, actual) in enumerate(zip(() if linear else canonical_order(events), events), 1):
        if expected is not actual:  # a chain of records each appended to the one before has one order only
            raise _event_error("store.integrity.moved", path, number, actual)
    if linear and schema != 1 and header_heads is None:
        return  # each record appended to the one before: nothing was joined by hand
    heads_after = dict(states(events))
    if schema == 1:
        if set(header_heads or ()) != heads_after[len(events)]:
            raise _header_error("store.integrity.heads", path)
        return
    written = 1
    if header_heads is not None:
        index = {e.id: n for n, e in enumerate(events, 1)}
        if any(h not in index for h in header_heads):
            raise _header_error("store.integrity.heads", path)
        written = max(index[h] for h in header_heads)
        if heads_after[written] != set(header_heads):
            raise _header_error("store.integrity.heads", path)
    for number in range(written + 1, len(events) + 1):
        if set(events[number - 1].parents) != heads_after[number - 1]:
            raise _event_error("store.integrity.joined", path, number, events[number - 1])


def check_exports(path: Path, events: Sequence[Event]) -> None:
    """Every `export` record's fingerprint must be that of a state of the history before it: an
    export's documents carry that fingerprint outside the file."""
    seen: set[str] = set()
    for number, heads in states(events):
        event = events[number - 1]
        recorded = event.data.get("fingerprint") if event.kind == "export" else None
        if recorded and recorded not in seen and recorded != fingerprint_of(event.parents):
            raise _event_error("store.integrity.export", path, number, event)
        seen.add(fingerprint_of(heads))


def find_state(events: Sequence[Event], fingerprint: str) -> int | None:
    """The number of the last event of the state whose fingerprint begins with `fingerprint` (the
    16 digits written by hand, with or without dashes, or all 64), or None."""
    wanted = fingerprint.replace("-", "").lower()
    for number, heads in states(events):
        if len(wanted) >= 16 and fingerprint_of(heads).startswith(wanted):
            return number
    return None
