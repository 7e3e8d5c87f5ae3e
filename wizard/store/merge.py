"""Merging two copies of one incident: the union of their events, in canonical order.

No merge event is added, so merging A and B gives the same file as merging B and A, and merging a copy
with itself changes nothing. Answers given to the same fact in both copies after they diverged stay
side by side as a conflict until a responder answers again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wizard.errors import RoueiError
from wizard.store.events import Event
from wizard.store.history import canonical_order


def merge_events(a: Sequence[Event], b: Sequence[Event], a_path: Path, b_path: Path) -> list[Event]:
    """Every event of `a` and of `b` once, parents first; refused for two different incidents."""
    if a[0].data.get("exercise") is not b[0].data.get("exercise"):
        raise RoueiError("exercise.error.merge_real", a=str(a_path), b=str(b_path))
    if a[0].id != b[0].id:
        raise RoueiError("store.merge.different", a=str(a_path), b=str(b_path))
    union = {e.id: e for e in a}
    union.update((e.id, e) for e in b if e.id not in union)
    return canonical_order(union.values())
