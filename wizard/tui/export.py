"""The export tab: choose documents and a format, write them next to the incident, record the export."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from wizard.errors import RoueiError
from wizard.i18n import get_lang, t
from wizard.tui.widgets import Choice, JInput, Prose, TickList


def default_folder(path: Path) -> Path:
    """Exports go beside the incident, in a folder named after it."""
    return path.with_name(f"{path.stem}-export")


class ExportView(VerticalScroll):
    """Documents (all selected by default), a format, a folder; one button, with its result under it —
    all on screen at 80x24 (Enter on the button, which has the focus when the tab is opened by F12)."""

    DEFAULT_CSS = "#export-withheld { display: none; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        from wizard.exports import DOCUMENTS, FORMATS, title

        yield Prose("", id="export-withheld")
        yield Static(t("tui.export.lead"), id="export-lead", classes="tab-lead")
        with Horizontal(id="export-choices"):
            yield TickList(*[Selection(title(doc), doc, True) for doc in DOCUMENTS], id="export-docs")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield Choice(t(f"tui.export.format.{fmt}"), value=fmt == "html", name=fmt)
        with Horizontal(id="export-row"):
            yield Label(t("tui.export.folder"), id="export-folder-label")
            yield JInput(str(default_folder(self.screen.session.path)), id="export-folder", compact=True)
            yield Button(t("tui.export.run"), id="export-run", variant="primary", compact=True)
        yield Static("", id="export-status")

    def hide(self, text: str | None) -> None:
        """Shut the form, with `text` in its place (a blind exercise run before the team's calls), or open it
        again (None): shut, nothing in it can be focused or pressed."""
        withheld = self.query_one("#export-withheld", Prose)
        withheld.update(text or "")
        withheld.display = text is not None
        for part in self.query("#export-lead, #export-choices, #export-row, #export-status"):
            part.display, part.disabled = text is None, text is not None

    @on(Button.Pressed, "#export-run")
    def run_export(self) -> None:
        from wizard.exports import export

        session = self.screen.session
        status = self.query_one("#export-status", Static)
        withheld = self.screen.withheld()
        if withheld:
            self.notify(withheld, severity="warning")
            return
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        fmt = pressed.name if pressed is not None else "html"
        what = tuple(self.query_one("#export-docs", SelectionList).selected)
        if not what and fmt not in ("json", "ics"):
            status.update(t("tui.export.nothing"))
            return
        folder = Path(self.query_one("#export-folder", JInput).value.strip() or default_folder(session.path))
        if self.screen.refused_read_only():
            status.update(t("tui.read_only_notice"))
            return
        try:
            paths = export(session.incident, fmt, what, folder, session.responder, now=self.app.clock(),
                           lang=get_lang(), folder=True)
        except RoueiError as exc:
            status.update(str(exc))
            return
        status.update(t("tui.export.done", count=len(paths), folder=str(paths[0].parent) if paths else str(folder)))
        self.call_after_refresh(self.scroll_to_widget, status, animate=False)
        self.screen.dirty.add("timeline")
