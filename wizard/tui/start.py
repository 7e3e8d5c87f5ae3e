"""The start screen: a new incident, a recent one, or a file; the responder asked once and remembered."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.clock import show
from wizard.i18n import t
from wizard.printable import shown
from wizard.rulesets import start_warning
from wizard.tui.form import Dialog, Field, FormDialog, FormProblem, new_path, screened
from wizard.tui.text import message, plain
from wizard.tui.widgets import JInput, KeyHints, Prose, key, relabel


class StartScreen(Screen):
    """New incident / continue a recent one / open a file.

    Few widgets, for a fast first frame: one text for the heading, one list for the actions and the
    recent incidents (Enter or a click chooses), the responder line and the key hints."""

    BINDINGS = [
        key("n", "new_incident", "new"),
        key("o", "open_file", "open"),
        key("r", "change_responder", "responder", show=False),  # the responder line says so
        key("p", "profile", "profile"),
        key("e", "exercise", "exercise"),
    ]

    def __init__(self) -> None:
        from wizard.settings import load_settings

        super().__init__()
        self.settings = load_settings()  # a small TOML file, read without pydantic: part of the first frame
        self._recent: dict[str, Path] = {}
        relabel(self)

    def compose(self) -> ComposeResult:
        """Every widget with its content, so that the first frame is the whole screen."""
        name, role = self.app.responder or (self.settings.name, "")
        if name and name == self.settings.name and not role:
            role = self.settings.role  # the saved role, for the saved name given on the command line
        self.app.responder = (name, role) if name else None
        yield Static(self._heading(), id="start-head")
        if warning := start_warning():  # old rules: a quick scan of the files, no pydantic
            yield Static(warning, id="start-rules", markup=False)
        yield OptionList(*self._menu(), id="start-menu")
        yield Static(self._responder_line(), id="responder")
        yield KeyHints()

    def on_mount(self) -> None:
        """Open the incident asked for, or ask who is responding: once the start screen is drawn (its
        first frame as fast as on any launch), the keys typed meanwhile kept for the question."""
        menu = self.query_one("#start-menu", OptionList)
        menu.highlighted = 0
        menu.focus()
        if self.app.start_path is not None:
            path, self.app.start_path = self.app.start_path, None
            self.open_incident(path)
        elif self.app.responder is None:
            self.app.hold_keys()
            self.call_after_refresh(self._first_question)

    async def relocalize(self) -> None:
        self._show_settings()
        self.query_one(KeyHints).refresh()

    def commands(self):
        from textual.app import SystemCommand

        yield SystemCommand(t("tui.key.new"), t("tui.start.new"), self.action_new_incident)
        yield SystemCommand(t("tui.key.open"), t("tui.start.open"), self.action_open_file)
        yield SystemCommand(t("tui.key.responder"), t("tui.tip.responder"), self.action_change_responder)
        yield SystemCommand(t("tui.key.profile"), t("tui.tip.profile"), self.action_profile)
        yield SystemCommand(t("tui.key.exercise"), t("tui.tip.exercise"), self.action_exercise)

    def _heading(self) -> Text:
        return Text.assemble((t("tui.start.title"), "bold"), "\n\n", t("tui.start.lead"))

    def _menu(self) -> list[Option | None]:
        """The actions, then the recent incidents (a separator and a heading between)."""
        options: list[Option | None] = [Option(Text(t("tui.start.new"), style="bold"), id="new"),
                                        Option(t("tui.start.open"), id="open"),
                                        Option(t("profile.form.start"), id="profile"),
                                        Option(t("tui.start.exercise"), id="exercise"), None,
                                        Option(Text(t("tui.start.recent"), style="bold"), disabled=True)]
        self._recent = {}
        for number, entry in enumerate(self.settings.recent):
            stamp = show(entry.opened_at)
            self._recent[f"recent-{number}"] = Path(entry.path)
            options.append(Option(Text.assemble(shown(entry.title) or t("tui.start.untitled"),
                                                (f"  {stamp}  {shown(entry.path)}", "dim")), id=f"recent-{number}"))
        if not self.settings.recent:
            options.append(Option(Text(t("tui.start.no_recent"), style="dim"), disabled=True))
        return options

    def _responder_line(self) -> str:
        name, role = self.app.responder or ("", "")
        return message("tui.start.responder", name=name or t("tui.start.nobody"), role=role or "-")

    def _show_settings(self) -> None:
        """Redraw the texts (another language, another responder), keeping the highlighted line."""
        self.query_one("#start-head", Static).update(self._heading())
        for rules in self.query("#start-rules").results(Static):
            rules.update(start_warning() or "")
        menu = self.query_one("#start-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(self._menu())
        menu.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#responder", Static).update(self._responder_line())

    def action_new_incident(self) -> None:
        self.app.push_screen(NewIncidentDialog(), self._created)

    def action_open_file(self) -> None:
        self.app.push_screen(OpenDialog(), lambda path: path and self.open_incident(path))

    def action_profile(self) -> None:
        """The firm's profile form (wizard.tui.profile); a broken profile file is named, not overwritten."""
        from wizard.errors import RoueiError
        from wizard.profile.files import profile_path
        from wizard.tui.profile import ProfileDialog

        try:
            dialog = ProfileDialog(profile_path())
        except RoueiError as exc:
            self.notify(str(plain(exc)), severity="error", timeout=15, markup=False)
            return
        self.app.push_screen(dialog, lambda path: path and self.notify(message("profile.form.saved", path=path)))

    def action_exercise(self) -> None:
        """A tabletop exercise: the scenario picked in a dialog, the run created and opened on its clock."""
        from wizard.tui.exercise import StartExerciseDialog

        self.app.push_screen(StartExerciseDialog(), self._start_exercise)

    def _start_exercise(self, result: tuple[Path, str, bool, bool] | None) -> None:
        if result is None:
            return
        if self.app.responder is None:
            self.ask_responder(lambda r: r and (self._responder_set(r), self._start_exercise(result)))
            return
        from wizard.errors import RoueiError
        from wizard.exercise.run import start
        from wizard.exercise.scenario import find
        from wizard.store import Responder

        path, scenario, manual, blind = result
        try:
            start(find(scenario), path, Responder(*self.app.responder), speed=0 if manual else None, blind=blind,
                  real=self.app.clock)
        except RoueiError as exc:
            self.notify(str(plain(exc)), severity="error", timeout=15, markup=False)
            return
        self.open_incident(path)

    def action_change_responder(self) -> None:
        self.ask_responder(self._responder_set)

    def ask_responder(self, then):
        """The responder dialog (its module loaded now), `then` called with its result; awaitable until
        the dialog is up."""
        from wizard.tui.responder import ResponderDialog

        return self.app.push_screen(ResponderDialog(*(self.app.responder or ("", ""))), then)

    async def _first_question(self) -> None:
        """On a computer where nobody responded yet: who is responding, the keys typed meanwhile given to
        its name field, in order, once it is up and has the focus."""
        try:
            await self.ask_responder(self._responder_set)
            self.app.screen.set_focus(self.app.screen.query_one("#name"))
        finally:
            self.app.release_keys()

    @on(OptionList.OptionSelected, "#start-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new_incident()
        elif event.option.id == "open":
            self.action_open_file()
        elif event.option.id == "profile":
            self.action_profile()
        elif event.option.id == "exercise":
            self.action_exercise()
        elif event.option.id in self._recent:
            self.open_incident(self._recent[event.option.id])

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
            self.ask_responder(lambda r: r and (self._responder_set(r), self.open_incident(path, new=new, title=title)))
            return
        from wizard.tui.incident import open_incident

        open_incident(self.app, path, new=new, title=title)


def default_incident_path(now: datetime) -> Path:
    """incident-20261120-1005.toml: named by the time in Japan, like the exports."""
    from wizard.clock import in_jst

    return Path.cwd() / f"incident-{in_jst(now):%Y%m%d-%H%M}.toml"


class NewIncidentDialog(FormDialog):
    """Where to save the new incident, and an optional title (checked for personal data)."""

    TITLE, LEAD, OK = "tui.new.title", "tui.new.pii_note", "tui.new.create"

    def fields(self) -> list[Field]:
        return [Field("path", "tui.new.path", value=str(default_incident_path(self.app.clock()))),
                Field("title", "tui.new.name", "tui.new.name_hint")]

    def submit(self) -> tuple[Path, str]:
        return new_path(self, "path", default_incident_path(self.app.clock())), screened(self, "title", "title")


class OpenDialog(FormDialog):
    """Type a path, or pick one of the incident files in the current folder."""

    TITLE, OK = "tui.open.title", "tui.open.open"

    def fields(self) -> list[Field]:
        return [Field("path", hint="tui.open.hint")]

    def extra(self) -> ComposeResult:
        with VerticalScroll(classes="file-list"):
            yield OptionList(*[Option(plain(p.name), id=str(p)) for p in sorted(Path.cwd().glob("*.toml"))], id="files")

    @on(OptionList.OptionSelected, "#files")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#path", JInput).value = event.option.id or ""
        self._ok()

    def submit(self) -> Path:
        raw = self.value("path")
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            raise FormProblem(t("tui.open.missing", path=raw or "-"), "path")
        return path


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
                        table.add_row(self.app.get_key_display(binding), binding.tooltip)  # in the language shown
        self.count = len(seen)
        with Vertical(classes="dialog"):
            yield Static(t("tui.cmd.keys"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="keys-list"):
                yield Static(table)
            yield Static("", id="keys-more", classes="dialog-lead")
            yield Prose(t("tui.keys_note"), classes="dialog-lead")

    def on_mount(self) -> None:
        self.fit()
        self.watch(self.query_one("#keys-list"), "scroll_y", lambda _: self._say_if_more(), init=False)

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """As many keys as the screen has room for (the rest of the dialog takes 12 lines), and a line
        saying there are more below while they do (a scroll bar is no sign without colour)."""
        self.query_one("#keys-list").styles.max_height = max(3, self.app.size.height - 12)
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self) -> None:
        listing = self.query_one("#keys-list")
        more = listing.scroll_y < listing.max_scroll_y
        self.query_one("#keys-more", Static).update(t("tui.keys_more", count=self.count) if more else "")
        self.query_one("#keys-more").display = more
