"""The hand-over brief: what a responder needs on opening an incident someone else worked on.

What changed since they last touched the file (the events of others outside the history of their
own events), the open conflicts, the unknown facts that keep the determination cautious, and the
next deadlines, overdue ones included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from wizard.domain.facts import JST
from wizard.errors import RoueiError
from wizard.i18n import pick, t
from wizard.store.events import Event

if TYPE_CHECKING:
    from wizard.store.incident import Incident


@dataclass(frozen=True)
class Deadline:
    key: str  # "preliminary" (速報), "final" (確報) or a clock id such as "gdpr_72h"
    title: str
    due: date | datetime
    overdue: bool


@dataclass(frozen=True)
class Brief:
    responder: str
    last_seen: datetime | None  # when they last recorded anything in this incident
    changes: tuple[Event, ...]  # others' events they have not seen, in file order
    conflicts: list[dict[str, Any]]
    unknown_facts: tuple[str, ...]  # facts whose being unknown (or in conflict) makes the answer cautious
    deadlines: tuple[Deadline, ...]  # soonest first


def _deadline_moment(due: date | datetime) -> datetime:
    return due if isinstance(due, datetime) else datetime.combine(due, time.max, JST)


def make_brief(incident: Incident, name: str, now: datetime) -> Brief:
    history = incident.history
    seen: set[str] = set()
    own = [e for e in history.events if e.by == name]
    for event in reversed(own):
        if event.id not in seen:
            seen |= history.ancestry(event.id)
    changes = tuple(e for e in history.events if e.id not in seen and e.by != name)
    conflicts = incident.conflict_list()
    in_conflict = tuple(c["fact"] for c in conflicts)
    from wizard.domain.engine import assess

    try:
        det = assess(incident.facts_for_assess(), explain=False)
    except RoueiError:  # 知った日時 not answered, or a date rouei has no rules for
        return Brief(name, own[-1].at if own else None, changes, conflicts, ("aware_at", *in_conflict), ())
    unknown = tuple(dict.fromkeys((*det.unknown_facts, *in_conflict)))
    found: list[tuple[str, str, date | datetime]] = []
    if det.preliminary_due:
        found.append(("preliminary", t("store.brief.preliminary"), det.preliminary_due))
    if det.deciding:
        found.append(("final", t("store.brief.final"), det.deciding.final.due))
    found += [(c.clock.id, pick(c.clock.title), c.due) for c in det.clocks if c.status.possible and c.due]
    deadlines = tuple(Deadline(key, title, due, _deadline_moment(due) < now)
                      for key, title, due in sorted(found, key=lambda d: _deadline_moment(d[2])))
    return Brief(name, max((e.at for e in own), default=None), changes, conflicts, unknown, deadlines)
