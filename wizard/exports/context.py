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

from wizard.domain.engine import Determination, assess
from wizard.domain.facts import JST, Facts
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
    from wizard.profile.contacts import own_clocks
    from wizard.profile.start import usable
    from wizard.store.events import Responder

    events = incident.events
    profile = usable() if profile is ... else profile
    author = author or Responder(events[-1].by, events[-1].role)
    return Context(det=incident.determination(clocks=own_clocks(profile)), as_of=as_of, lang=lang,
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


@dataclass(frozen=True)
class Deadline:
    """A dated duty as the documents word it: `due` is a date (all day) or an aware date-time; `state`
    is done (`filed`: when and by whom), overdue or open, as `wizard.domain.deadlines` derives it."""

    key: str
    title: str
    due: date | datetime
    detail: str
    maybe: bool = False  # the duty only may apply
    remind: tuple[timedelta, ...] = ()  # alarms before `due` (before the start of the day for dates)
    state: str = "open"
    filed: Any = None  # the domain's Filing once done


def deadlines(ctx: Context) -> list[Deadline]:
    """Every dated duty, earliest first: 速報 window, 確報 per report, and the other clocks with a due."""
    from wizard.domain.deadlines import duties, filings

    day_before, week_before = (timedelta(hours=15),), (timedelta(hours=15), timedelta(days=6, hours=15))
    out: list[Deadline] = []
    for duty in duties(ctx.det, filings(ctx.ticks)):
        if duty.group == "preliminary":
            title, detail, remind = t(f"export.due.{duty.key}"), t("export.due.preliminary_how"), day_before
        elif duty.track is not None:
            track = duty.track
            title = t("export.due.final_of", track=pick(track.track.title)) if duty.several else t("export.due.final")
            how = "final_how_later" if track.started_by is not None else "final_how"
            detail = t(f"export.due.{how}", start=track.final.start.isoformat(), days=track.final_days,
                       nominal=track.final.nominal.isoformat())
            if not track.final_confirmed:
                detail = f"{pick(track.track.final_check)} {detail}"
            remind = week_before
        else:
            clock = duty.clock
            title, detail = pick(clock.clock.title), pick(clock.clock.summary)
            remind = (timedelta(hours=24), timedelta(hours=4)) if isinstance(duty.due, datetime) else day_before
        state = {"filed": "done", "overdue": "overdue"}.get(duty.state(ctx.as_of), "open")
        out.append(Deadline(duty.key, title, duty.due, detail, duty.maybe, remind, state, duty.filed))
    return sorted(out, key=lambda d: (_start(d.due), d.key))


def _start(due: date | datetime) -> datetime:
    return due if isinstance(due, datetime) else datetime.combine(due, datetime.min.time(), JST)
