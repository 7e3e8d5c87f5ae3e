"""The history as a graph, like git's: canonical order, heads, and what holds now.

Answers and checklist ticks fill *slots* (`fact:<key>`, `item:<id>`). A slot's current events are the
ones no later event of the same slot has in its ancestry: one after a linear history, several after a
merge of copies that both changed it (a conflict, until someone answers again with both as parents).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from wizard.store.events import Event
from wizard.store.files import render

Frontier = dict[str, tuple[str, ...]]  # slot -> ids of the events that hold it now


def slot(event: Event) -> str | None:
    """The slot an event fills, if any."""
    if event.kind == "answer":
        return f"fact:{event.data.get('fact')}"
    if event.kind in ("tick", "untick"):
        return f"item:{event.data.get('item')}"
    return None


def canonical_order(events: Iterable[Event]) -> list[Event]:
    """Parents first; of the events ready at the same step, the earliest `at`, then the smallest id.

    Every parent must be among `events`. The order depends only on the set of events, so two copies
    merged in either order give the same file.
    """
    by_id = {e.id: e for e in events}
    waiting = {e.id: len(e.parents) for e in by_id.values()}
    children: dict[str, list[str]] = {}
    for e in by_id.values():
        for parent in e.parents:
            children.setdefault(parent, []).append(e.id)
    ready = [(e.at, e.id) for e in by_id.values() if not e.parents]
    heapq.heapify(ready)
    order = []
    while ready:
        _, eid = heapq.heappop(ready)
        order.append(by_id[eid])
        for child in children.get(eid, ()):
            waiting[child] -= 1
            if not waiting[child]:
                heapq.heappush(ready, (by_id[child].at, child))
    return order


class History:
    """Events in canonical order with their heads and slots, and each event's block as read or written.
    Built once, then grown one event at a time."""

    def __init__(self, events: Sequence[Event], blocks: Sequence[str | None] | None = None) -> None:
        """`events` must be in canonical order with every parent present (`chain.check` makes sure)."""
        self.events = list(events)
        self.index = {e.id: i for i, e in enumerate(self.events)}
        self._blocks: list[str | None] = list(blocks) if blocks is not None else [None] * len(self.events)
        self.linear = all(e.parents == (p.id,) for p, e in zip(self.events, self.events[1:]))
        left = [0] * len(self.events)
        for e in self.events:
            for parent in e.parents:
                left[self.index[parent]] += 1
        alive: dict[int, Frontier] = {}
        for i, e in enumerate(self.events):
            frontier = self._inherit(e, left, alive)
            if (name := slot(e)) is not None:
                frontier[name] = (e.id,)
            alive[i] = frontier
        self._heads = {self.events[i].id: f for i, f in alive.items()}  # only the heads stay alive
        self._current: Frontier | None = None

    def _inherit(self, event: Event, left: list[int], alive: dict[int, Frontier]) -> Frontier:
        """The parents' slots, reusing a parent's table when this event is its last child."""
        parents = [self.index[p] for p in event.parents]
        merged = self._combine([alive[j] for j in parents]) if len(parents) > 1 else None
        for j in parents:
            left[j] -= 1
            if not left[j]:
                frontier = alive.pop(j)
                if merged is None:
                    return frontier
        if merged is not None:
            return merged
        return dict(alive[parents[0]]) if parents else {}

    def event(self, eid: str) -> Event:
        return self.events[self.index[eid]]

    @property
    def written_heads(self) -> tuple[str, ...] | None:
        """What the header of this history written whole records: its heads when it is branched."""
        return None if self.linear else self.heads

    @property
    def heads(self) -> tuple[str, ...]:
        """The ids no event has as parent, sorted: what the next event is appended to."""
        return tuple(sorted(self._heads))

    def add(self, event: Event, block: str | None = None) -> None:
        """Grow the history by an event appended to all current heads (after it was saved)."""
        assert event.parents == self.heads, "a new event is appended to all heads"
        frontiers = [self._heads.pop(h) for h in event.parents]
        frontier = self._combine(frontiers) if len(frontiers) > 1 else (frontiers[0] if frontiers else {})
        if (name := slot(event)) is not None:
            frontier[name] = (event.id,)
        self.linear = self.linear and len(event.parents) == 1
        self.index[event.id] = len(self.events)
        self.events.append(event)
        self._blocks.append(block)
        self._heads[event.id] = frontier
        self._current = None

    @property
    def read_blocks(self) -> list[str | None]:
        """Each event's block as read or written (None where it has none yet)."""
        return self._blocks

    def blocks(self) -> list[str]:
        """Every event's `[[events]]` block, rendering (in one go) those not read or written yet."""
        missing = [i for i, block in enumerate(self._blocks) if block is None]
        for i, block in zip(missing, render([self.events[i].table() for i in missing])):
            self._blocks[i] = block
        return self._blocks  # type: ignore[return-value]

    def current(self) -> Frontier:
        """Each slot's current events over the whole history."""
        if self._current is None:
            frontiers = list(self._heads.values())
            self._current = frontiers[0] if len(frontiers) == 1 else self._combine(frontiers)
        return self._current

    def _combine(self, frontiers: list[Frontier]) -> Frontier:
        out: Frontier = {}
        for frontier in frontiers:
            for name, ids in frontier.items():
                have = out.get(name)
                out[name] = ids if have is None or have == ids else tuple(dict.fromkeys(have + ids))
        for name, ids in out.items():
            if len(ids) > 1:
                kept = [x for x in ids if not any(y != x and self.is_ancestor(x, y) for y in ids)]
                out[name] = tuple(sorted(kept, key=self.index.__getitem__))
        return out

    def is_ancestor(self, a: str, b: str) -> bool:
        """Whether event `a` is in the history of event `b` (not counting `b` itself)."""
        floor = self.index[a]
        stack, seen = [b], set()
        while stack:
            for parent in self.event(stack.pop()).parents:
                if parent == a:
                    return True
                if parent not in seen and self.index[parent] > floor:
                    seen.add(parent)
                    stack.append(parent)
        return False

    def ancestry(self, eid: str) -> set[str]:
        """`eid` and every event in its history."""
        seen = {eid}
        stack = [eid]
        while stack:
            for parent in self.event(stack.pop()).parents:
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen
