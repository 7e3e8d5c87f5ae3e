"""What every document is built from: the determination and the incident's record, as of one moment.

A `Context` is built once per export from an incident file (or, for a bare facts file, from the
facts alone). It holds no wall-clock time of its own: `as_of` is injected, so output is repeatable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from wizard.domain.calendar import japan_date
from wizard.domain.engine import Determination, assess
from wizard.domain.facts import JST, Facts
from wizard.domain.logic import Tri
from wizard.i18n import get_lang, pick, set_lang, t


@dataclass
class Context:
    det: Determination
    as_of: datetime
    lang: str
    title: str = ""
    exercise: bool = False
    source: str = ""  # the incident (or facts) file's name
    fingerprint: str | None = None
    fingerprint_full: str | None = None
    incident_id: str = ""  # stable for the incident's life: calendar UIDs hang on it
    revision: int = 0  # grows with every event: the calendar's SEQUENCE
    ticks: dict[str, Any] = field(default_factory=dict)  # item id -> the store's TickState
    history: list[Any] = field(default_factory=list)  # the store's events, in canonical order
    evidence: list[Any] = field(default_factory=list)  # the evidence register's items
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    profile: Any = None  # the firm's profile (wizard.profile.model.Profile) the drafts fill in from, if any
    author: str = ""  # who makes the documents: the responder exporting ("name（role）")

    @property
    def facts(self) -> Facts:
        return self.det.facts

    def done(self, item_id: str) -> Any | None:
        """The tick of a checklist item that is done, else None."""
        tick = self.ticks.get(item_id)
        return tick if tick is not None and tick.done else None


def from_incident(incident, *, as_of: datetime, lang: str, profile: Any = ..., author: Any = None) -> Context:
    """A context from an incident file: its facts (conflicts as unknown), ticks, history and evidence,
    the firm's profile (`...`: the responder's own, see `wizard.profile.start.usable`) and the author,
    a responder (name and role; None: whoever made the last entry in the history)."""
    from wizard.evidence.register import register
    from wizard.profile.contacts import with_profile
    from wizard.profile.start import usable
    from wizard.store.events import Responder

    events = incident.events
    profile = usable() if profile is ... else profile
    author = author or Responder(events[-1].by, events[-1].role)
    return Context(det=with_profile(assess(incident.facts_for_assess()), profile), as_of=as_of, lang=lang,
                   title=incident.title, exercise=incident.exercise, source=incident.path.name,
                   fingerprint=incident.fingerprint, fingerprint_full=incident.fingerprint_full,
                   incident_id=events[0].id[:16], revision=len(events), ticks=incident.ticks(), history=list(events),
                   evidence=register(incident), conflicts=incident.conflict_list(), profile=profile,
                   author=_person(author, lang))


def _person(who, lang: str) -> str:
    """A responder as a document names them: 「佐藤（総務部）」."""
    return t("export.paren", lang, text=who.name, note=who.role) if who.role else who.name


def from_facts(facts: Facts, *, as_of: datetime, lang: str, title: str = "", source: str = "") -> Context:
    """A context for a bare facts file: no history, no ticks, no fingerprint."""
    key = f"{source}\0{facts.aware_at.isoformat()}"
    return Context(det=assess(facts), as_of=as_of, lang=lang, title=title, source=source,
                   incident_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16])


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Render in `lang`, then restore the language that was in use."""
    before = get_lang()
    set_lang(lang)
    try:
        yield
    finally:
        set_lang(before)


# The checklist step that discharges each dated duty (by deadline key, clocks as "clock.<id>").
def discharged_by(ctx: Context, key: str) -> str | None:
    """The checklist step whose tick fulfils deadline `key` (its `discharges` in flows/checklist.toml)."""
    key = {"preliminary_target": "preliminary"}.get(key, "final" if key.startswith("final.") else key)
    return next((item.id for item in ctx.det.flows.checklist if key in item.discharges), None)


@dataclass(frozen=True)
class Deadline:
    """A dated duty: `due` is a date (all day) or an aware date-time; `state` is done, overdue or open."""

    key: str
    title: str
    due: date | datetime
    detail: str
    maybe: bool = False  # the duty only may apply
    remind: tuple[timedelta, ...] = ()  # alarms before `due` (before the start of the day for dates)
    state: str = "open"


def deadlines(ctx: Context) -> list[Deadline]:
    """Every dated duty, earliest first: 速報 window, 確報 per report, and the other clocks with a due."""
    det = ctx.det
    day_before, week_before = (timedelta(hours=15),), (timedelta(hours=15), timedelta(days=6, hours=15))
    out: list[Deadline] = []
    if det.preliminary_due is not None:
        maybe = det.report_required is Tri.MAYBE
        out.append(_deadline(ctx, "preliminary_target", t("export.due.preliminary_target"), det.preliminary_target,
                             t("export.due.preliminary_how"), maybe, day_before))
        out.append(_deadline(ctx, "preliminary", t("export.due.preliminary"), det.preliminary_due,
                             t("export.due.preliminary_how"), maybe, day_before))
    several = len(det.required_tracks) > 1
    for track in sorted(det.required_tracks, key=lambda x: x.final.due):
        detail = t("export.due.final_how", start=track.final.start.isoformat(), days=track.final_days,
                   nominal=track.final.nominal.isoformat())
        title = t("export.due.final_of", track=pick(track.track.title)) if several else t("export.due.final")
        out.append(_deadline(ctx, f"final.{track.track.id}", title, track.final.due, detail,
                             track.required is Tri.MAYBE, week_before))
    for clock in det.clocks:
        if clock.due is None or not clock.status.possible:
            continue
        timed = isinstance(clock.due, datetime)
        remind = (timedelta(hours=24), timedelta(hours=4)) if timed else day_before
        out.append(_deadline(ctx, f"clock.{clock.clock.id}", pick(clock.clock.title), clock.due,
                             pick(clock.clock.summary), clock.status is Tri.MAYBE, remind))
    return sorted(out, key=lambda d: (_start(d.due), d.key))


def _deadline(ctx: Context, key: str, title: str, due: date | datetime, detail: str, maybe: bool,
              remind: tuple[timedelta, ...]) -> Deadline:
    item = discharged_by(ctx, key)
    if item is not None and ctx.done(item):
        state = "done"
    elif (due < ctx.as_of) if isinstance(due, datetime) else (due < japan_date(ctx.as_of)):
        state = "overdue"
    else:
        state = "open"
    return Deadline(key, title, due, detail, maybe, remind, state)


def _start(due: date | datetime) -> datetime:
    return due if isinstance(due, datetime) else datetime.combine(due, datetime.min.time(), JST)
