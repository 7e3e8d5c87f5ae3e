"""The hand-over brief: what a responder needs on opening an incident someone else worked on.

What changed since they last touched the file (the events of others outside the history of their
own events), the open conflicts, the unknown facts that keep the determination cautious, every dated
duty (the firm's own recorded in the incident included; filed ones with when and by whom), the notes
left for them, and the open checklist steps whose time is up or nearly up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from wizard.errors import RoueiError
from wizard.store.events import Event

if TYPE_CHECKING:
    from wizard.domain.deadlines import Duty
    from wizard.domain.flows import ChecklistItem, Clock
    from wizard.store.incident import Incident

URGENT = timedelta(hours=24)  # a step whose phase ends within this (or has ended) is urgent


@dataclass(frozen=True)
class Brief:
    responder: str
    last_seen: datetime | None  # when they last recorded anything in this incident
    changes: tuple[Event, ...]  # others' events they have not seen, in file order
    conflicts: list[dict[str, Any]]
    unknown_facts: tuple[str, ...]  # facts whose being unknown (or in conflict) makes the answer cautious
    duties: tuple[Duty, ...]  # every dated duty, soonest first; `state(now)` says filed, overdue, urgent or open
    now: datetime
    notes: tuple[Event, ...] = ()  # the notes and hand-over notes, oldest first
    urgent: tuple[ChecklistItem, ...] = ()  # open steps whose phase ends within 24 hours or has ended


def notes(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events that leave words for the next responder: notes, and hand-overs with a note."""
    return tuple(e for e in events if e.kind == "note" or (e.kind == "handover" and e.data.get("note")))


def make_brief(incident: Incident, name: str, now: datetime, clocks: Iterable[Clock] = ()) -> Brief:
    """The brief for `name` as of `now`; `clocks`: the responder's own not recorded in the incident yet."""
    history = incident.history
    seen: set[str] = set()
    own = [e for e in history.events if e.by == name]
    for event in reversed(own):
        if event.id not in seen:
            seen |= history.ancestry(event.id)
    changes = tuple(e for e in history.events if e.id not in seen and e.by != name)
    conflicts = incident.conflict_list()
    in_conflict = tuple(c["fact"] for c in conflicts)
    last_seen = max((e.at for e in own), default=None)
    words = notes(history.events)
    try:
        det = incident.determination(explain=False, clocks=clocks)
    except RoueiError:  # 知った日時 not answered, or a date rouei has no rules for
        return Brief(name, last_seen, changes, conflicts, ("aware_at", *in_conflict), (), now, words)
    from wizard.domain.deadlines import end_of, phase_due

    unknown = tuple(dict.fromkeys((*det.unknown_facts, *in_conflict)))
    done = incident.filings()
    urgent = tuple(item for item, _status in det.checklist if item.id not in done
                   and (due := phase_due(det, item.phase)) is not None and end_of(due) - now < URGENT)
    return Brief(name, last_seen, changes, conflicts, unknown, tuple(incident.duties(det)), now, words, urgent)
