"""Merging two copies of one incident: the union of their events, in canonical order.

No merge event is added, so merging A and B gives the same file as merging B and A, and merging a copy
with itself changes nothing. Answers given to the same fact in both copies after they diverged stay
side by side as a conflict until a responder answers again.
"""

from __future__ import annotations

from pathlib import Path

from wizard.errors import RoueiError
from wizard.store.history import History, canonical_order


def merge_histories(a: History, b: History, a_path: Path, b_path: Path) -> History:
    """Every event of `a` and of `b` once, parents first, each with its block as read (the same
    whichever copy comes first); refused for two different incidents, or an exercise and a real one."""
    if a.events[0].data.get("exercise") is not b.events[0].data.get("exercise"):
        raise RoueiError("exercise.error.merge_real", a=str(a_path), b=str(b_path))
    if a.events[0].id != b.events[0].id:
        raise RoueiError("store.merge.different", a=str(a_path), b=str(b_path))
    union = {e.id: e for e in a.events}
    union.update((e.id, e) for e in b.events if e.id not in union)
    blocks: dict[str, str | None] = {}
    for history in (a, b):
        for event, block in zip(history.events, history.read_blocks):
            have = blocks.get(event.id)
            blocks[event.id] = block if have is None else min(have, block or have)
    order = canonical_order(union.values())
    return History(order, [blocks[e.id] for e in order])
