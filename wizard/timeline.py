"""Events in words, for the timeline (`rouei log`, the exports, the TUI) and the hand-over brief.

Above the store and the packages beside it: the evidence register, an exercise and the estimates
each say in words what their own events did; this module asks them (lazily: `rouei log` of a
history without evidence never loads the register)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from wizard import clock
from wizard.domain.vocabulary import FACTS
from wizard.domain.words import plain_value
from wizard.i18n import get_lang, pick, t
from wizard.printable import shown
from wizard.store.events import Event, answer_value

SHOWN = 500  # characters of one record shown in a timeline line; a longer one is cut with its length


def one_line(text: str) -> str:
    """Text as a timeline line shows it: cut after `SHOWN` characters, control characters escaped
    (no terminal tricks, no forged rows)."""
    if len(text) > SHOWN:
        text = text[:SHOWN] + t("store.event.cut", count=f"{len(text):,}")
    return shown(text)


def when(at: datetime) -> str:
    """`2026-11-20 10:05 JST`: every time in Japan time, labelled (whatever zone it was recorded in)."""
    return clock.show(at)


def who(event: Event) -> str:
    """The responder, with their role when they gave one (control characters shown as escapes)."""
    return _who(event.by, event.role, get_lang())


@lru_cache(maxsize=256)
def _who(name: str, role: str, _lang: str) -> str:  # a few responders sign thousands of records
    return shown(t("store.event.who_role", name=name, role=role) if role else name)


def fact_value(key: str, value: Any) -> str:
    """A fact's value in words, with the question's choice labels (as the determination shows them)."""
    if isinstance(value, (int, datetime)) and not isinstance(value, bool):
        return plain_value(key, value)  # no choice records a count or a time: the rules need not be read
    from wizard.domain.explain import value_label
    from wizard.domain.flows import bundled

    return value_label(bundled(), key, value)


def conflict_text(conflict: dict[str, Any]) -> str:
    """`最大の人数: 6,000人 / 7,000人` for one entry of `Incident.conflict_list()`."""
    key = conflict["fact"]
    values = " / ".join(fact_value(key, _typed(v)) for v in conflict["values"])
    return t("store.brief.conflict", fact=t(f"fact.{key}"), values=values)


def _typed(value: Any) -> Any:
    """A value as stored in the file, as the labels take it (lists as tuples, "unknown" as None)."""
    if value == "unknown":
        return None
    return tuple(value) if isinstance(value, list) else value


def item_title(item: str) -> str:
    from wizard.domain.flows import bundled

    entry = bundled().checklist_by_id.get(item)
    return pick(entry.title) if entry is not None else item


def _with_note(text: str, note: Any) -> str:
    return t("store.event.with_note", text=text, note=note) if note else text


def describe(event: Event) -> str:
    """What an event did, in one line of the current language (see `one_line`)."""
    return one_line(_describe(event))


def _describe(event: Event) -> str:
    if event.kind.startswith("evidence_"):
        from wizard.evidence.register import describe_event

        line = describe_event(event)
        if line is not None:
            return line
    if event.kind.startswith("exercise_"):
        from wizard.exercise.run import describe_event

        return describe_event(event)
    if event.kind == "estimate":
        from wizard.estimate.model import describe_event as estimate_event

        return estimate_event(event)
    data = event.data
    if event.kind == "created":
        text = t("store.event.created", title=data.get("title") or t("store.event.untitled"))
        return text + t("store.event.exercise") if data.get("exercise") is True else text
    if event.kind == "answer":
        key = str(data.get("fact"))
        label = t(f"fact.{key}") if key in FACTS else key
        text = t("store.event.answer", fact=label, value=fact_value(key, answer_value(event)))
        return text + t("store.event.from_profile") if data.get("source") == "profile" else text
    if event.kind == "note":
        return t("store.event.note", text=data.get("text", ""))
    if event.kind in ("tick", "untick"):
        return _with_note(t(f"store.event.{event.kind}", item=item_title(str(data.get("item")))), data.get("note"))
    if event.kind == "handover":
        return _with_note(t("store.event.handover", to=data.get("to") or "-"), data.get("note"))
    if event.kind == "export":
        what = data.get("what") or ""
        what = ", ".join(map(str, what)) if isinstance(what, list) else str(what)
        return t("store.event.export", format=data.get("format", ""), what=what or "-",
                 fingerprint=data.get("fingerprint") or "-")
    if event.kind == "clock" and isinstance(data.get("clock"), dict):
        clock = data["clock"]
        text = t("store.event.clock", title=pick(clock.get("title") or clock.get("id") or "-"))
        return text + t("store.event.from_profile") if data.get("source") == "profile" else text
    details = ", ".join(f"{k}={v}" for k, v in data.items())
    return t("store.event.other", kind=event.kind, data=details or "-")


def duty_state(duty, now: datetime) -> str:
    """Where a dated duty stands, in words: filed (when, by whom), past its date, under 24 hours, or open."""
    state = duty.state(now)
    if state == "filed":
        return t("store.brief.filed", at=when(duty.filed.at), by=duty.filed.by)
    return t(f"store.brief.{state}")


def brief_lines(brief, *, most: int = 20) -> list[str]:
    """The brief as plain lines of the current language (`rouei log --brief`): the changes (the last `most`
    one by one), conflicts, unknowns, every dated duty, the open steps whose time is up or nearly up, and
    the notes (the last `most`)."""
    from wizard.domain.words import day, moment

    lines = [t("store.brief.first_time", count=len(brief.changes)) if brief.last_seen is None
             else t("store.brief.since", at=when(brief.last_seen), count=len(brief.changes))]
    lines += [f"  {when(e.at)}  {who(e)}  {describe(e)}" for e in brief.changes[-most:]]
    if len(brief.changes) > most:
        lines.append(t("store.brief.more", count=len(brief.changes) - most))
    if brief.conflicts:
        lines.append(t("store.brief.conflicts"))
        lines += [f"  ! {conflict_text(c)}" for c in brief.conflicts]
    if brief.unknown_facts:
        lines.append(t("store.brief.unknown",
                       facts=t("explain.list_sep").join(t(f"fact.{key}") for key in brief.unknown_facts)))
    if brief.duties:
        lines.append(t("store.brief.deadlines"))
    for duty in brief.duties:
        due = moment(duty.due) if isinstance(duty.due, datetime) else day(duty.due)
        maybe = t("store.brief.maybe") if duty.maybe else ""
        lines.append(f"  {due}  {duty.title}{maybe}  {duty_state(duty, brief.now)}")
    if brief.urgent:
        lines.append(t("store.brief.steps"))
        lines += [f"  [ ] {one_line(pick(item.title))}" for item in brief.urgent]
    if brief.notes:
        lines.append(t("store.brief.notes"))
        lines += [f"  {when(e.at)}  {who(e)}  {describe(e)}" for e in brief.notes[-most:]]
        if len(brief.notes) > most:
            lines.append(t("store.brief.more", count=len(brief.notes) - most))
    return lines
