"""The start screen: a new incident, a recent one, or a file; the responder asked once and remembered."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.i18n import t

from wizard.tui.widgets import JST, JInput, KeyHints, key, relabel


class StartScreen(Screen):
    """New incident / continue a recent one / open a file."""

    BINDINGS = [
        key("n", "new_incident", "new"),
        key("o", "open_file", "open"),
        key("r", "change_responder", "responder"),
    ]

    def __init__(self) -> None:
        from wizard.settings import load_settings

        super().__init__()
        self.settings = load_settings()  # a small TOML file, read without pydantic: part of the first frame
        relabel(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(t("tui.start.title"), id="start-title")
            yield Static(t("tui.start.lead"), id="start-lead")
            with Horizontal(id="start-actions"):
                yield Button(t("tui.start.new"), id="new", variant="primary")
                yield Button(t("tui.start.open"), id="open")
            yield Label(t("tui.start.recent"), id="recent-label")
            yield OptionList(id="recent")
            yield Static("", id="responder")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()
        self._settings_loaded(self.settings)

    async def relocalize(self) -> None:
        await self.recompose()
        self._show_settings()

    def commands(self):
        from textual.app import SystemCommand

        yield SystemCommand(t("tui.key.new"), t("tui.start.new"), self.action_new_incident)
        yield SystemCommand(t("tui.key.open"), t("tui.start.open"), self.action_open_file)
        yield SystemCommand(t("tui.key.responder"), t("tui.tip.responder"), self.action_change_responder)

    def _settings_loaded(self, settings) -> None:
        self.settings = settings
        if self.app.responder is None and settings.name:
            self.app.responder = (settings.name, settings.role)
        elif self.app.responder is not None and not self.app.responder[1] and self.app.responder[0] == settings.name:
            self.app.responder = (settings.name, settings.role)
        self._show_settings()
        if self.app.start_path is not None:
            path, self.app.start_path = self.app.start_path, None
            self.open_incident(path)
        elif self.app.responder is None:
            self.action_change_responder()

    def _show_settings(self) -> None:
        recent = self.query_one("#recent", OptionList)
        recent.clear_options()
        entries = self.settings.recent if self.settings else []
        for entry in entries:
            stamp = entry.opened_at.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")
            recent.add_option(Option(f"{entry.title or t('tui.start.untitled')}  [dim]{stamp}  {entry.path}[/]",
                                     id=entry.path))
        if not entries:
            recent.add_option(Option(t("tui.start.no_recent"), disabled=True))
        name, role = self.app.responder or ("", "")
        self.query_one("#responder", Static).update(
            t("tui.start.responder", name=name or t("tui.start.nobody"), role=role or "-"))

    @on(Button.Pressed, "#new")
    def action_new_incident(self) -> None:
        self.app.push_screen(NewIncidentDialog(), self._created)

    @on(Button.Pressed, "#open")
    def action_open_file(self) -> None:
        self.app.push_screen(OpenDialog(), lambda path: path and self.open_incident(path))

    def action_change_responder(self) -> None:
        self.app.push_screen(ResponderDialog(*(self.app.responder or ("", ""))), self._responder_set)

    @on(OptionList.OptionSelected, "#recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_incident(Path(event.option.id))

    def _created(self, result: tuple[Path, str] | None) -> None:
        if result is not None:
            self.open_incident(result[0], new=True, title=result[1])

    def _responder_set(self, result: tuple[str, str] | None) -> None:
        if result is None:
            return
        self.app.responder = result
        self._show_settings()
        from wizard.settings import update_settings

        self.app.run_worker(lambda: update_settings(name=result[0], role=result[1]), thread=True)

    def open_incident(self, path: Path, *, new: bool = False, title: str = "") -> None:
        """Open (or create) the incident at `path`, asking who is responding first if nobody is set."""
        if self.app.responder is None:
            self.app.push_screen(ResponderDialog("", ""),
                                 lambda r: r and (self._responder_set(r), self.open_incident(path, new=new, title=title)))
            return
        from wizard.tui.incident import open_incident

        open_incident(self.app, path, new=new, title=title)


class Dialog(ModalScreen):
    """A modal dialog: Escape cancels, the footer shows its keys in the current language.

    Subclasses compose their body in `body()`.
    """

    BINDINGS = [key("escape", "cancel", "cancel")]

    def __init__(self) -> None:
        super().__init__()
        relabel(self)

    def compose(self) -> ComposeResult:
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class ResponderDialog(Dialog):
    """Who is responding: asked once, remembered in the settings, shown on every event."""

    def __init__(self, name: str, role: str) -> None:
        super().__init__()
        self.initial = (name, role)

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.responder.title"), classes="dialog-title")
            yield Static(t("tui.responder.lead"), classes="dialog-lead")
            yield Label(t("tui.responder.name"))
            yield JInput(self.initial[0], placeholder=t("tui.responder.name_hint"), id="name")
            yield Label(t("tui.responder.role"))
            yield JInput(self.initial[1], placeholder=t("tui.responder.role_hint"), id="role")
            yield Static("", id="responder-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ok"), id="ok", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(JInput.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        name = self.query_one("#name", JInput).value.strip()
        role = self.query_one("#role", JInput).value.strip()
        if not name:
            self.query_one("#responder-error", Static).update(t("tui.responder.required"))
            self.query_one("#name", JInput).focus()
            return
        self.dismiss((name, role))


def default_incident_path(now: datetime) -> Path:
    return Path.cwd() / f"incident-{now:%Y%m%d-%H%M}.toml"


class NewIncidentDialog(Dialog):
    """Where to save the new incident, and an optional title (checked for personal data)."""

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.new.title"), classes="dialog-title")
            yield Label(t("tui.new.path"))
            yield JInput(str(default_incident_path(self.app.clock())), id="path")
            yield Label(t("tui.new.name"))
            yield JInput(placeholder=t("tui.new.name_hint"), id="title")
            yield Static(t("tui.new.pii_note"), classes="dialog-lead")
            yield Static("", id="new-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.new.create"), id="ok", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(JInput.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        error = self.query_one("#new-error", Static)
        raw = self.query_one("#path", JInput).value.strip()
        path = Path(raw).expanduser() if raw else default_incident_path(self.app.clock())
        if path.exists():
            error.update(t("tui.new.exists", path=str(path)))
            return
        if not path.parent.is_dir():
            error.update(t("tui.new.no_folder", folder=str(path.parent)))
            return
        from wizard.store.guard import PersonalDataFound, screen

        title = self.query_one("#title", JInput)
        try:
            self.dismiss((path, screen(title.value.strip(), "title")))
        except PersonalDataFound as found:
            error.update(str(found))
            title.value = found.masked
            title.focus()


class OpenDialog(Dialog):
    """Type a path, or pick one of the incident files in the current folder."""

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.open.title"), classes="dialog-title")
            yield JInput(placeholder=t("tui.open.hint"), id="path")
            yield Static("", id="open-error", classes="field-error")
            with VerticalScroll(classes="file-list"):
                yield OptionList(*[Option(p.name, id=str(p)) for p in sorted(Path.cwd().glob("*.toml"))],
                                 id="files")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.open.open"), id="ok", variant="primary")
                yield Button(t("tui.cancel"), id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#files")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#path", JInput).value = event.option.id or ""
        self._ok()

    @on(JInput.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        raw = self.query_one("#path", JInput).value.strip()
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            self.query_one("#open-error", Static).update(t("tui.open.missing", path=raw or "-"))
            return
        self.dismiss(path)


class KeysDialog(Dialog):
    """The keys of the screen underneath and of the app, with what each does."""

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def body(self) -> ComposeResult:
        from rich.table import Table

        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        seen = set()
        for node in (self.under, self.app):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if binding.id and binding.id not in seen:
                        seen.add(binding.id)
                        table.add_row(self.app.get_key_display(binding), t(f"tui.tip.{binding.id}"))
        with Vertical(classes="dialog"):
            yield Static(t("tui.cmd.keys"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(table)
            yield Static(t("tui.keys_note"), classes="dialog-lead")
