"""The live determination: a side panel (or a summary strip at 80 columns), the full explanation tab,
and the deadlines (`wizard.domain.deadlines`) with countdowns that turn urgent as they near, or when
and by whom each was filed."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from wizard.clock import in_jst, show
from wizard.domain.deadlines import Duty
from wizard.domain.engine import Determination
from wizard.domain.explain import explain, required_word, status_key
from wizard.domain.words import day, moment
from wizard.i18n import pick, t
from wizard.tui.widgets import Prose

MARK = {"yes": "●", "maybe": "◐", "no": "○", None: "·"}


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


def when_due(duty: Duty, *, short: bool = False) -> str:
    """A duty's date as written: 「2026-12-08(火)」, or 「12/08」 on the strip (with the time when it has one)."""
    if short:
        return f"{in_jst(duty.due):%m/%d %H:%M}" if isinstance(duty.due, datetime) else f"{duty.due:%m/%d}"
    return moment(duty.due) if isinstance(duty.due, datetime) else day(duty.due)


def filed_text(duty: Duty, *, short: bool = False) -> str:
    """「済 12/06 14:00（山田）」: a filed duty, with when and by whom (never a countdown)."""
    at = show(duty.filed.at, "%m/%d %H:%M") if short else show(duty.filed.at)
    return t("tui.deadline.filed", at=at, by=duty.filed.by)


def countdown(duties: list[Duty], now: datetime) -> tuple[str, str]:
    """The countdown of a group of duties (the two 速報 dates): to the first that has not passed, else
    how long the last has; ("", "") when one of them is filed."""
    if any(d.filed for d in duties):
        return "", ""
    pending = next((d for d in duties if d.end >= now), duties[-1])
    return remaining(pending.end, now)


def groups(duties: list[Duty]) -> list[list[Duty]]:
    """The duties by group (速報's aim and latest together), in the order of their first date."""
    out: dict[str, list[Duty]] = {}
    for duty in duties:
        out.setdefault(duty.group, []).append(duty)
    return list(out.values())


def strip_group(group: list[Duty], now: datetime) -> Text:
    """One group on the strip in plain words: 「速報 目安 12/08（3日以内）・遅くとも 12/10（5日以内） あと2日4時間」,
    「確報 期限 01/04（30日以内） あと29日3時間」, or 「速報 済 12/06 14:00（山田）」 once filed."""
    first = group[0]
    name = first.name if first.clock or first.several else t(f"tui.deadline.strip_name.{first.group.split('.')[0]}")
    filed = next((d for d in group if d.filed), None)
    if filed is not None:
        return Text(t("tui.deadline.strip_filed", name=name, filed=filed_text(filed, short=True)), style="bold")
    parts = t("tui.deadline.strip_sep").join(
        t("tui.deadline.strip_clock" if d.clock else "tui.deadline.strip_part", kind=t(f"tui.deadline.strip_kind.{d.kind_key}"),
          date=when_due(d, short=True), period=d.period) for d in group)
    left, urgency = countdown(group, now)
    text = Text(t("tui.deadline.strip_group", name=name, parts=parts) + " ")
    text.append(left, style=_urgency_style(urgency))
    return text


def _urgency_style(urgency: str) -> str:
    return "bold red" if urgency == "overdue" else "bold yellow" if urgency == "urgent" else ""


def summary_lines(det: Determination | None, duties: list[Duty], now: datetime, *, compact: bool = False) -> Text:
    """The live determination in a few lines with every deadline (side panel), or the report duty alone
    (the head of the strip, see `strip_lines`)."""
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
    if compact:
        return text
    for duty in duties:
        text.append(f"\n{duty.title}\n", style="bold")
        text.append(f"  {when_due(duty)}\n  ")
        text.append(*state_text(duty, now))
    return text


def state_text(duty: Duty, now: datetime) -> tuple[str, str]:
    """(text, style) of where a duty stands: filed (when, by whom), else its countdown."""
    if duty.filed is not None:
        return filed_text(duty), "bold"
    left, urgency = remaining(duty.end, now)
    return left, _urgency_style(urgency)


def strip_lines(det: Determination | None, duties: list[Duty], now: datetime, width: int, height: int = 2) -> Text:
    """The strip at 80 columns: the report duty, then each group of deadlines in the order of their dates
    (a filed one in a few words, when and by whom), each whole on a line of `width` cells: as many as
    fit in `height` lines; the 期限 tab has them all."""
    head = summary_lines(det, duties, now, compact=True)
    if det is None:
        return head
    lines: list[Text] = [head]
    for item in (strip_group(g, now) for g in groups(duties)):
        if lines[-1].cell_len + 2 + item.cell_len <= width:
            lines[-1] = Text.assemble(lines[-1], "  ", item)
        elif len(lines) < height and item.cell_len <= width:
            lines.append(item)
        else:
            break  # never a later date in place of an earlier one
    return Text("\n").join(lines)


def _style(status: str) -> str:
    return {"yes": "bold red", "maybe": "bold yellow", "no": "green"}[status]


class LivePanel(Prose):
    """The side panel: the determination as the answers come in."""

    def show(self, det: Determination | None, duties: list[Duty], now: datetime) -> None:
        self.update(Text.assemble((t("tui.live.title"), "bold underline"), "\n", summary_lines(det, duties, now)))


class LiveStrip(Static):
    """At 80 columns the side panel becomes a strip above the question."""

    def show(self, det: Determination | None, duties: list[Duty], now: datetime) -> None:
        width = max(20, self.app.size.width - 2)  # the screen's width less its padding (even while hidden)
        self.update(strip_lines(det, duties, now, width))


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
    """Every deadline with its countdown (or when and by whom it was filed) and how it was counted."""

    def show(self, det: Determination | None, duties: list[Duty], now: datetime) -> None:
        self.remove_children()
        if det is None:
            self.mount(Static(t("tui.live.waiting")))
            return
        rows = []
        for duty in duties:
            said, style = state_text(duty, now)
            text = Text()
            text.append(f"{duty.title}\n", style="bold")
            text.append(f"  {when_due(duty)}  ")
            text.append(said, style=style)
            if duty.maybe:
                text.append(f"  ({t('status.maybe')})", style="italic")
            if duty.key == "preliminary_target":  # once for the two 速報 dates
                text.append(f"\n  {t('tui.deadline.preliminary_note')}", style="dim")
            if duty.shifted_from is not None:
                text.append(f"\n  {t('tui.deadline.final_note', days=duty.track.final_days, nominal=day(duty.shifted_from))}",
                            style="dim")
            if duty.track is not None and not duty.track.final_confirmed:  # a period no text rouei read confirms
                text.append(f"\n  {t('tui.deadline.final_check')}", style="dim")
            urgency = "" if duty.filed else remaining(duty.end, now)[1]
            rows.append(Static(text, classes=f"deadline {urgency}".strip()))
        for clock in det.clocks:
            if clock.status.possible and clock.due is None:
                rows.append(Static(Text(f"{pick(clock.clock.title)}\n  {t('explain.clock.promptly')}"),
                                   classes="deadline"))
        if not rows:
            rows.append(Static(t("tui.deadline.none")))
        self.mount_all(rows)
