"""The evidence tab: the register with its chain of custody; add (hashing with progress), verify, hand over."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from wizard.domain.words import moment
from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.tui.form import Field, FormDialog, FormProblem, screened
from wizard.tui.text import plain
from wizard.tui.widgets import Prose


def item_lines(item) -> list[Text]:
    """One register entry: what and where, then what it is, its hash, who collected and holds it,
    and the last check (one line each, shown indented under the first)."""
    from wizard.evidence.collect import show
    from wizard.evidence.register import describe, digest_text
    from wizard.printable import shown

    lines = [Text.assemble((f"{item.id}  ", "bold"), show(item.path)), Text(describe(item))]
    lines.append(Text(digest_text(item), style="dim"))
    lines.append(Text(t("tui.evidence.collected", name=shown(item.collected_by), at=moment(item.collected_at))))
    if item.location:
        lines.append(Text(t("tui.evidence.location", location=shown(item.location))))
    lines += [Text(shown(t("tui.evidence.transfer", giver=hand.giver, taker=hand.taker, at=moment(hand.handed_at),
                           reason=hand.reason or "-"))) for hand in item.custody]
    if item.contested:
        lines.append(Text(t("evidence.conflict.holders", names=" / ".join(item.holders)), style="bold red"))
    check = item.last_check
    lines.append(Text(t("tui.evidence.never_checked") if check is None else
                      t("tui.evidence.checked", status=t(f"tui.evidence.status.{check.status}"), name=check.by,
                        at=moment(check.at)),
                      style="bold red" if check is not None and check.status != "intact" else ""))
    return lines


class EvidenceView(Vertical):
    """The register, with the actions that add to it."""

    def compose(self) -> ComposeResult:
        yield Static(t("tui.evidence.lead"), classes="tab-lead")
        with Horizontal(classes="answer-buttons"):
            yield Button(t("tui.evidence.add"), id="evidence-add", variant="primary")
            yield Button(t("tui.evidence.verify"), id="evidence-verify")
            yield Button(t("tui.evidence.hand_over"), id="evidence-transfer")
        yield ProgressBar(id="evidence-progress", show_eta=True)
        yield Static("", id="evidence-status")
        yield VerticalScroll(id="evidence-list")

    def show(self, incident) -> None:
        from wizard.evidence.register import register

        listing = self.query_one("#evidence-list", VerticalScroll)
        listing.remove_children()
        widgets = []
        for item in register(incident):
            first, *rest = item_lines(item)
            widgets.append(Prose(first, classes="evidence-head"))
            widgets += [Prose(line, classes="evidence-entry") for line in rest]
        listing.mount_all(widgets or [Static(t("tui.evidence.empty"))])

    def progress(self, done: int, total: int) -> None:
        """Called from the hashing thread; throttled so the screen is not flooded."""
        now = time.monotonic()
        if done < total and now - getattr(self, "_last", 0.0) < 0.1:
            return
        self._last = now
        self.app.call_from_thread(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        bar = self.query_one("#evidence-progress", ProgressBar)
        bar.update(total=total, progress=done)
        bar.set_class(done < total, "busy")

    def status(self, text: str) -> None:
        """A line under the register: what was done, or what went wrong (it may quote a path or a name)."""
        self.query_one("#evidence-status", Static).update(plain(text))
        if not text.endswith("…"):  # hashing or checking has finished
            self.query_one("#evidence-progress", ProgressBar).remove_class("busy")

    @on(Button.Pressed, "#evidence-add")
    def _add(self) -> None:
        if self.screen.refused_read_only():
            return
        self.app.push_screen(AddEvidenceDialog(), lambda result: result and self.add(*result))

    @on(Button.Pressed, "#evidence-transfer")
    def _transfer(self) -> None:
        from wizard.evidence.collect import show
        from wizard.evidence.register import register

        if self.screen.refused_read_only():
            return
        items = [(item.id, show(item.path)) for item in register(self.screen.session.incident)]
        if not items:
            self.status(t("tui.evidence.empty"))
            return
        self.app.push_screen(TransferDialog(items), lambda result: result and self.hand_over(*result))

    @on(Button.Pressed, "#evidence-verify")
    def _verify(self) -> None:
        self.verify()

    @work(thread=True, exclusive=True, group="evidence")
    def add(self, paths: list[str], location: str, note: str) -> None:
        from wizard.evidence.collect import collect
        from wizard.evidence.register import add, incident_files

        session = self.screen.session
        self.app.call_from_thread(self.status, t("tui.evidence.hashing"))
        try:
            collected = collect(paths, self.progress, incident_files(session.path))
            ids = self.app.call_from_thread(add, session.incident, collected, session.responder,
                                            location=location, note=note, now=self.app.clock())
        except RoueiError as exc:
            self.app.call_from_thread(self.status, str(exc))
            return
        skipped = sum(len(c.skipped) for c in collected)
        self.app.call_from_thread(self.status, t("tui.evidence.added", items=", ".join(i for i in ids if i),
                                                 skipped=skipped))
        self.app.call_from_thread(self.screen.evidence_changed)

    @work(thread=True, exclusive=True, group="evidence")
    def verify(self) -> None:
        from wizard.evidence.register import record_verify, verify

        session = self.screen.session
        self.app.call_from_thread(self.status, t("tui.evidence.verifying"))
        report = verify(session.incident, self.progress)
        counts = report.counts()
        summary = t("tui.evidence.verified", **{k: counts.get(k, 0) for k in ("intact", "changed", "missing",
                                                                              "unreadable", "added")})
        if not session.read_only:
            self.app.call_from_thread(record_verify, session.incident, report, session.responder, self.app.clock())
        self.app.call_from_thread(self.status, summary)
        self.app.call_from_thread(self.screen.evidence_changed)

    def hand_over(self, item: str, taker: str, reason: str) -> None:
        from wizard.evidence.register import transfer

        session = self.screen.session
        try:
            transfer(session.incident, item, taker, reason, session.responder, now=self.app.clock())
        except RoueiError as exc:
            self.status(str(exc))
            return
        self.status(t("tui.evidence.handed", item=item, taker=taker))
        self.screen.evidence_changed()


class AddEvidenceDialog(FormDialog):
    """Paths to preserve (files or folders), where the copies are kept, a note."""

    TITLE, LEAD, OK = "tui.evidence.add_title", "tui.evidence.add_lead", "tui.evidence.add"
    COMPACT = True

    def fields(self) -> list[Field]:
        return [Field("paths", "tui.evidence.paths", "tui.evidence.paths_hint"),
                Field("location", "tui.evidence.location_label", "tui.evidence.location_hint"),
                Field("note", "tui.evidence.note_label")]

    def submit(self) -> tuple[list[str], str, str]:
        import shlex

        try:
            paths = shlex.split(self.value("paths"), posix=True)
        except ValueError as exc:
            raise FormProblem(str(exc), "paths") from None
        if not paths:
            raise FormProblem(t("tui.evidence.no_paths"), "paths")
        return paths, screened(self, "location", "location"), screened(self, "note", "evidence_note")


class TransferDialog(FormDialog):
    """Hand an item over: which (picked from the register, not typed), to whom, why."""

    DEFAULT_CSS = "#transfer-items { height: auto; max-height: 6; }"
    TITLE, OK = "tui.evidence.hand_over", "tui.evidence.hand_over"
    COMPACT = True

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.items = items  # (id, what and where)

    def fields(self) -> list[Field]:
        return [Field("taker", "tui.evidence.taker_label"), Field("reason", "tui.evidence.reason_label")]

    def extra(self) -> ComposeResult:
        yield Label(t("tui.evidence.item_pick"))
        yield OptionList(*[Option(f"{item_id}  {what}", id=item_id) for item_id, what in self.items],
                         id="transfer-items", markup=False)

    def on_mount(self) -> None:
        self.query_one("#transfer-items", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#transfer-items")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._ok()

    def submit(self) -> tuple[str, str, str]:
        items = self.query_one("#transfer-items", OptionList)
        if not screened(self, "taker", "name"):
            raise FormProblem(t("tui.evidence.need_taker"), "taker")
        item = items.get_option_at_index(items.highlighted or 0).id or ""
        return item, screened(self, "taker", "name"), screened(self, "reason", "reason")
