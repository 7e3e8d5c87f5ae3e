"""The deadlines as an iCalendar file (RFC 5545), written with the standard library only.

Date deadlines are all-day events; a deadline at a moment (GDPR 72 h) is a UTC DATE-TIME. Each has
a UID that stays the same for the incident's life, so importing a newer export updates the events
(SEQUENCE grows with the incident's history) instead of duplicating them, and VALARM reminders.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wizard import __version__
from wizard.exports.context import Context, Deadline, deadlines
from wizard.exports.phrases import rules_warning
from wizard.i18n import get_lang, t
from wizard.printable import clean

FOLD_AT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


def to_ics(ctx: Context) -> str:
    mark = f"[{t('export.exercise.mark')}] " if ctx.exercise else ""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//rouei//rouei {__version__}//{get_lang().upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_text(mark + t('export.calendar.name', title=ctx.title or ctx.source))}"]
    for deadline in deadlines(ctx):
        lines += _event(ctx, deadline, mark)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(ctx: Context, d: Deadline, mark: str) -> list[str]:
    done = d.state == "done"
    summary = d.title + (t("export.if_applies") if d.maybe else "")
    summary = mark + (t("export.calendar.done", title=summary) if done else summary)
    warning = rules_warning(ctx)
    about = t("export.calendar.about", title=ctx.title or "-", fp=ctx.fingerprint or "-") + (f"\n{warning}" if warning else "")
    lines = ["BEGIN:VEVENT", f"UID:{ctx.incident_id}-{d.key}@rouei", f"DTSTAMP:{_utc(ctx.as_of)}",
             f"SEQUENCE:{ctx.revision}", f"SUMMARY:{_text(summary)}",
             f"DESCRIPTION:{_text(d.detail + chr(10) + about)}", "TRANSP:TRANSPARENT"]
    if isinstance(d.due, datetime):
        lines.append(f"DTSTART:{_utc(d.due)}")
    else:
        lines += [f"DTSTART;VALUE=DATE:{d.due:%Y%m%d}", f"DTEND;VALUE=DATE:{d.due + timedelta(days=1):%Y%m%d}"]
    for before in () if done else d.remind:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_text(summary)}",
                  f"TRIGGER:-{_duration(before)}", "END:VALARM"]
    return lines + ["END:VEVENT"]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(span: timedelta) -> str:
    hours, rest = divmod(span.seconds, 3600)
    out = "P" + (f"{span.days}D" if span.days else "")
    if hours or rest or not span.days:
        out += f"T{hours}H" + (f"{rest // 60}M" if rest else "")
    return out


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): any line break as `\\n`, no other control character."""
    value = clean(value, lines=True)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > FOLD_AT:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)

