"""The live determination: a side panel (or a summary strip at 80 columns), the full explanation tab,
and the deadlines with countdowns that turn urgent as they near."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from wizard.domain.engine import Determination
from wizard.domain.explain import explain, required_word, status_key, track_label
from wizard.domain.words import day, moment
from wizard.clock import JST, in_jst
from wizard.domain.logic import Tri
from wizard.i18n import pick, t
from wizard.tui.widgets import Prose

MARK = {"yes": "●", "maybe": "◐", "no": "○", None: "·"}


@dataclass(frozen=True)
class Deadline:
    """One deadline to count down to: a moment, with how it is labelled and where it comes from."""

    key: str
    label: str
    short: str  # for the one-line strip at 80 columns
    due: datetime
    shown: str  # the date or date-time as written
    note: str
    status: Tri


def end_of(value: date | datetime) -> datetime:
    """A date deadline ends at the end of that day in Japan."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(23, 59, 59), tzinfo=JST)


def deadlines(det: Determination) -> list[Deadline]:
    """Every dated deadline of the determination, earliest first."""
    out = []
    if det.report_required.possible and det.preliminary_due:
        days = det.deciding.track.preliminary if det.deciding else None
        target, latest = (days.target_days, days.latest_days) if days else (3, 5)
        out.append(Deadline("preliminary_target", t("tui.deadline.preliminary_target", days=target),
                            t("tui.deadline.preliminary_short", days=target), end_of(det.preliminary_target),
                            day(det.preliminary_target), t("tui.deadline.preliminary_note"), det.report_required))
        out.append(Deadline("preliminary", t("tui.deadline.preliminary", days=latest),
                            t("tui.deadline.preliminary_short", days=latest), end_of(det.preliminary_due),
                            day(det.preliminary_due), t("tui.deadline.preliminary_note"), det.report_required))
        for track in sorted(det.required_tracks, key=lambda x: x.final.due):
            label = t("tui.deadline.final", days=track.final_days)
            if len(det.required_tracks) > 1:
                label += f" {track_label(track.track)}"
            note = t("tui.deadline.final_note", nominal=day(track.final.nominal)) if track.final.shifted else ""
            status = track.required
            if not track.final_confirmed:  # a period no text rouei read confirms: "check this"
                label += t("tui.deadline.check_mark")
                note, status = t("tui.deadline.final_check"), Tri.MAYBE
            out.append(Deadline(f"final:{track.track.id}", label, t("tui.deadline.final_short"),
                                end_of(track.final.due), day(track.final.due), note, status))
    for clock in det.clocks:
        if clock.status.possible and clock.due is not None:
            shown = moment(clock.due) if isinstance(clock.due, datetime) else day(clock.due)
            out.append(Deadline(clock.clock.id, pick(clock.clock.title), t(f"clock.{clock.clock.id}"),
                                end_of(clock.due), shown, "", clock.status))
    return sorted(out, key=lambda d: d.due)


def remaining(due: datetime, now: datetime) -> tuple[str, str]:
    """("あと2日3時間", css class) — the class is "overdue", "urgent" (under 24 h) or ""."""
    delta = due - now
    if delta < timedelta(0):
        return t("tui.countdown.overdue", span=span(-delta)), "overdue"
    return t("tui.countdown.left", span=span(delta)), "urgent" if delta < timedelta(hours=24) else ""


def span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return t("tui.countdown.days_hours", days=days, hours=hours)
    if hours:
        return t("tui.countdown.hours_minutes", hours=hours, minutes=mins)
    return t("tui.countdown.minutes", minutes=mins)


def summary_lines(det: Determination | None, now: datetime, *, compact: bool = False) -> Text:
    """The live determination in a few lines (side panel), or in one or two (narrow strip)."""
    if det is None:
        return Text(t("tui.live.waiting"), style="dim")
    status = status_key
    text = Text()
    report = status(det.report_required)
    text.append(f"{MARK[report]} ", style=_style(report))
    text.append(t("tui.live.report", value=required_word(det.report_required)))
    if not compact:
        text.append("\n")
        notice = status(det.notice_required)
        text.append(f"{MARK[notice]} ", style=_style(notice))
        text.append(t("tui.live.notice", value=required_word(det.notice_required)))
        if det.my_number.possible:
            text.append("\n")
            text.append(f"{MARK[status(det.my_number)]} ", style=_style(status(det.my_number)))
            text.append(t("tui.live.my_number", value=required_word(det.my_number)))
        if det.report_required.possible or det.released:
            text.append("\n" + t("tui.live.route", value=t(f"route.{det.route.route.route}")))
        if det.report_required.possible:
            triggers = [t(f"trigger.{name}") for name in det.triggers]
            text.append("\n" + t("tui.live.triggers", value=t("explain.list_sep").join(triggers)))
        if det.unknown_facts:
            names = t("explain.list_sep").join(t(f"fact.{k}") for k in det.unknown_facts)
            text.append("\n" + t("tui.live.unknown", value=names), style="italic")
    marks = deadlines(det)
    for index, deadline in enumerate(marks[:2] if compact else marks):
        left, urgency = remaining(deadline.due, now)
        text.append("  " if compact and index == 0 else "\n  " if compact else "\n")  # the strip: one a line
        style = "bold red" if urgency == "overdue" else "bold yellow" if urgency == "urgent" else ""
        if compact:
            text.append(f"{deadline.short} {in_jst(deadline.due):%m/%d} ")
            text.append(left, style=style)
        else:
            text.append(f"{deadline.label}\n", style="bold")
            text.append(f"  {deadline.shown}\n  ")
            text.append(left, style=style)
    return text


def _style(status: str) -> str:
    return {"yes": "bold red", "maybe": "bold yellow", "no": "green"}[status]


class LivePanel(Prose):
    """The side panel: the determination as the answers come in."""

    def show(self, det: Determination | None, now: datetime) -> None:
        self.update(Text.assemble((t("tui.live.title"), "bold underline"), "\n", summary_lines(det, now)))


class LiveStrip(Static):
    """At 80 columns the side panel becomes a strip above the question."""

    def show(self, det: Determination | None, now: datetime) -> None:
        self.update(summary_lines(det, now, compact=True))


class DeterminationView(VerticalScroll):
    """The full explanation: each duty with its rule and source, counting, unknowns, clocks, checks."""

    def show(self, det: Determination | None) -> None:
        self.remove_children()
        if det is None:
            self.mount(Static(t("tui.live.waiting")))
            return
        widgets: list[Static | Prose] = []
        for section in explain(det):
            if section.key in ("checklist", "contacts"):
                continue  # they have their own tabs
            widgets.append(Static(section.title, classes="ex-title", markup=False))
            for line in section.lines:
                mark = Text(f"{MARK[line.status]} ", style=_style(line.status) if line.status else "")
                widgets.append(Prose(mark + Text(line.text), classes="ex-line"))
                widgets += [Prose(detail, classes="ex-detail") for detail in line.detail]
                widgets += [Static(Text(f"{t('explain.source')}: {source.title}"
                                        f"{' <' + source.url + '>' if source.url else ''}"), classes="ex-source")
                            for source in line.sources[:3]]
        self.mount_all(widgets)


class DeadlinesView(VerticalScroll):
    """Every deadline with its countdown and how it was counted."""

    def show(self, det: Determination | None, now: datetime) -> None:
        self.remove_children()
        if det is None:
            self.mount(Static(t("tui.live.waiting")))
            return
        rows = []
        for deadline in deadlines(det):
            left, urgency = remaining(deadline.due, now)
            text = Text()
            text.append(f"{deadline.label}\n", style="bold")
            text.append(f"  {deadline.shown}  ")
            text.append(left, style="bold red" if urgency == "overdue" else "bold yellow" if urgency else "")
            if deadline.status is Tri.MAYBE:
                text.append(f"  ({t('status.maybe')})", style="italic")
            if deadline.note:
                text.append(f"\n  {deadline.note}", style="dim")
            rows.append(Static(text, classes=f"deadline {urgency}".strip()))
        for clock in det.clocks:
            if clock.status.possible and clock.due is None:
                rows.append(Static(Text(f"{pick(clock.clock.title)}\n  {t('explain.clock.promptly')}"),
                                   classes="deadline"))
        if not rows:
            rows.append(Static(t("tui.deadline.none")))
        self.mount_all(rows)
