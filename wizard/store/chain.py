"""The integrity check behind `rouei verify`: every id, every parent, the order and the heads.

An edited event no longer matches its id; a removed one leaves a child whose parent is missing; a moved
one stands before its parent or out of canonical order; a cut-off tail no longer matches the header's
`heads`. Forging all of that at once is what the fingerprint, written down elsewhere, catches.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wizard.i18n import t
from wizard.store.errors import IntegrityError
from wizard.store.events import Event, recomputed_id
from wizard.store.history import canonical_order
from wizard.store.schema import where


def _event_error(key: str, path: Path, number: int, event: Event) -> IntegrityError:
    return IntegrityError(key, path=str(path), where=where(path, number, event), advice=t("store.integrity.advice"))


def check(path: Path, heads: Sequence[str], events: Sequence[Event]) -> None:
    """Raise `IntegrityError` naming the first event (or the header) that fails."""
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
    for number, (expected, actual) in enumerate(zip(canonical_order(events), events), 1):
        if expected is not actual:
            raise _event_error("store.integrity.moved", path, number, actual)
    parents = {p for e in events for p in e.parents}
    if set(heads) != all_ids - parents:
        raise IntegrityError("store.integrity.heads", path=str(path), advice=t("store.integrity.advice"))
