"""The rouei Textual app: Japanese first, keyboard first, calm.

`make_app()` is the factory the command line, the tests and the screenshot script share.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from wizard.i18n import get_lang, set_lang, t
from wizard.tui.widgets import key, relabel

Clock = Callable[[], datetime]

HIGH_CONTRAST = Theme(
    name="rouei-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    warning="#ffaa00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    dark=True,
)


def system_clock() -> datetime:
    return datetime.now(timezone.utc).astimezone()


class RoueiApp(App[int]):
    """Start screen, incident screen and dialogs; every text in the current language."""

    CSS_PATH = "app.tcss"
    TITLE = "rouei"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        key("ctrl+q", "quit", "quit", priority=True),
        key("ctrl+p", "command_palette", "palette", show=False, priority=True),
        key("f2", "toggle_language", "language"),
    ]

    def __init__(self, *, path: Path | None = None, responder: tuple[str, str] | None = None,
                 clock: Clock = system_clock) -> None:
        super().__init__()
        self.start_path = path
        self.responder = responder
        self.clock = clock
        self.animation_level = "none"
        self.register_theme(HIGH_CONTRAST)
        relabel(self)

    def on_mount(self) -> None:
        from wizard.tui.start import StartScreen

        self.title = t("tui.app_title")
        self.push_screen(StartScreen())

    # -- language -------------------------------------------------------------------------------

    async def action_toggle_language(self) -> None:
        """Switch between Japanese and English everywhere, keeping the user where they are."""
        set_lang("en" if get_lang() == "ja" else "ja")
        self.title = t("tui.app_title")
        relabel(self)
        for screen in self.screen_stack:
            relabel(screen)
            relocalize = getattr(screen, "relocalize", None)
            if relocalize is not None:
                await relocalize()
        self.refresh_bindings()
        from wizard.tui.settings import remember_language

        self.run_worker(lambda: remember_language(get_lang()), thread=True, group="settings")

    # -- Textual's own English strings, in the current language ----------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("tui.palette_placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify(t("tui.quit_hint"), title=t("tui.quit_hint_title"))

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from getattr(screen, "commands", lambda: ())()
        yield SystemCommand(t("tui.cmd.language"), t("tui.cmd.language_help"), self.action_toggle_language)
        yield SystemCommand(t("tui.cmd.contrast"), t("tui.cmd.contrast_help"), self.action_toggle_contrast)
        yield SystemCommand(t("tui.cmd.theme"), t("tui.cmd.theme_help"), self.action_change_theme)
        yield SystemCommand(t("tui.cmd.keys"), t("tui.cmd.keys_help"), self.action_show_help_panel)
        yield SystemCommand(t("tui.cmd.quit"), t("tui.cmd.quit_help"), self.action_quit)


def make_app(path: Path | None = None, *, lang: str = "ja", by: str | None = None, role: str = "",
             clock: Clock = system_clock) -> RoueiApp:
    """The app, in `lang`, optionally opening the incident at `path`, as responder `by` (with `role`;
    without one, the role saved for that name is used)."""
    set_lang(lang)
    return RoueiApp(path=path, responder=(by, role) if by else None, clock=clock)
