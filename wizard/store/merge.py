"""Merging two copies of one incident: the union of their events, in canonical order.

No merge event is added, so merging A and B gives the same file as merging B and A, and merging a copy
with itself changes nothing. Answers given to the same fact in both copies after they diverged stay
side by side as a conflict until a responder answers again.
"""

from __future__ import annotations

from pathlib import Path

from wizard import clock
from wizard.errors import RoueiError
from wizard.shell import quote
from wizard.store.events import Event, content_of
from wizard.store.history import History, canonical_order


def merge_histories(a: History, b: History, a_path: Path, b_path: Path) -> History:
    """Every event of `a` and of `b` once, parents first, each with its block as read (the same
    whichever copy comes first); refused for two different incidents, an exercise and a real one, a
    real incident holding an exercise's records, or copies one of which was rewritten (`rewritten`)."""
    if a.events[0].data.get("exercise") is not b.events[0].data.get("exercise"):
        raise RoueiError("exercise.error.merge_real", a=str(a_path), b=str(b_path))
    if a.events[0].id != b.events[0].id:
        raise RoueiError("store.merge.different", a=str(a_path), b=str(b_path))
    for history, path in ((a, a_path), (b, b_path)):
        drill = [e for e in history.events if e.kind.startswith("exercise_")]
        if drill and history.events[0].data.get("exercise") is not True:
            raise RoueiError("store.merge.exercise_records", path=str(path), count=len(drill), kind=drill[0].kind,
                             at=clock.show(drill[0].at))
    twins = rewritten(a, b)
    if twins:
        first = twins[0][0]
        raise RoueiError("store.merge.rewritten", a=str(a_path), b=str(b_path), a_word=quote(str(a_path)),
                         b_word=quote(str(b_path)), count=len(twins),
                         at=clock.show(first.at), by=first.by, kind=first.kind)
    union = {e.id: e for e in a.events}
    union.update((e.id, e) for e in b.events if e.id not in union)
    blocks: dict[str, str | None] = {}
    for history in (a, b):
        for event, block in zip(history.events, history.read_blocks):
            have = blocks.get(event.id)
            blocks[event.id] = block if have is None else min(have, block or have)
    order = canonical_order(union.values())
    return History(order, [blocks[e.id] for e in order])


def rewritten(a: History, b: History) -> list[tuple[Event, Event]]:
    """Pairs of records, one only in each copy, that say the same thing — when, who, what — under
    different ids: the same record with another history before it. Two copies worked on apart never
    make such a pair (a record is made once, in one copy); a copy whose earlier records were edited and
    whose ids were all computed again does. Oldest first."""
    only_b = {e.id for e in b.events} - {e.id for e in a.events}
    seen = {content_of(e): e for e in b.events if e.id in only_b}
    only_a = [e for e in a.events if e.id not in b.index]
    return [(e, seen[content_of(e)]) for e in only_a if content_of(e) in seen]
