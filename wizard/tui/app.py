"""The rouei Textual app: Japanese first, keyboard first, calm.

`make_app()` is the factory the command line, the tests and the screenshot script share.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Callable, Iterable
from weakref import WeakKeyDictionary

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.timer import Timer
from textual.widgets.option_list import Option

from wizard import clock as wall_clock
from wizard.i18n import get_lang, set_lang, t
from wizard.tui.widgets import key, relabel, typed_again

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


class Palette(CommandPalette):
    """Textual's command palette, saying 'no matches' in the current language.

    Copies `CommandPalette._start_no_matches_countdown` of Textual 8.2.8 (pinned) with the text
    translated; `tests/tui/test_language.py` notices if an upgrade changes it. Its one-shot timer does
    not skip: `set_timer`'s timer drops a callback that comes due late, so on a busy machine (or with
    a short countdown) 'no matches' never appeared.
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("tui.no_matches"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = Timer(self, self._NO_MATCHES_COUNTDOWN, callback=partial(self.call_next, show_no_matches),
                                       repeat=0, skip=False)
        self._no_matches_timer._start()
        self._timers.add(self._no_matches_timer)


class RoueiApp(App[int]):
    """Start screen, incident screen and dialogs; every text in the current language."""

    CSS_PATH = "app.tcss"
    TITLE = "rouei"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        key("ctrl+q", "quit", "quit", priority=True),
        key("ctrl+p", "command_palette", "palette", show=False, priority=True),
        key("f2", "toggle_language", "language"),
        key("f1", "keys", "keys"),
    ]

    def __init__(self, *, path: Path | None = None, responder: tuple[str, str] | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__()
        self.start_path = path
        self.responder = responder
        if clock is not None:  # a test's or an exercise's clock: the domain's checks use it too
            wall_clock.use_clock(clock)
        self.clock = wall_clock.now  # aware JST, whatever the machine's zone
        self.animation_level = "none"
        self.register_theme(HIGH_CONTRAST)
        self.handed_to: WeakKeyDictionary[events.Key, DOMNode] = WeakKeyDictionary()  # keys on their way
        relabel(self)

    def get_default_screen(self) -> Screen:
        """The start screen is the app's first screen itself: no empty default screen is made, styled
        and mounted under it before the first frame."""
        from wizard.tui.start import StartScreen

        return StartScreen()

    def on_mount(self) -> None:
        self.title = t("tui.app_title")
        if not self.is_headless:
            self.end_on_signals()

    def end_on_signals(self) -> None:
        """SIGHUP (the terminal window was closed) and SIGTERM end the app, the incident's lock let go at
        once. SIGHUP ends the process there: its terminal is gone, nothing is left to restore, and output
        that can no longer be written would hold a clean exit for ever (Textual's output thread waits on a
        full queue). SIGTERM closes the screens as Ctrl+Q does, and ends the process after 3 s if they
        cannot close. Plain signal handlers, not the event loop's: they run even while the loop waits on
        output. POSIX only (Windows has no such signals)."""
        import asyncio
        import os
        import signal
        import sys
        import threading

        loop = asyncio.get_running_loop()

        def release() -> None:
            lock = sys.modules.get("wizard.store.lock")  # never loaded: no lock held
            if lock is not None:
                lock.release_all()

        def force(code: int) -> None:
            release()
            os._exit(code)

        def end(number: int, _frame) -> None:
            release()
            if number == getattr(signal, "SIGHUP", None):
                os._exit(128 + number)
            timer = threading.Timer(3, force, (128 + number,))
            timer.daemon = True
            timer.start()
            loop.call_soon_threadsafe(self.exit)

        for name in ("SIGHUP", "SIGTERM"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), end)

    # -- keys typed ahead -----------------------------------------------------------------------
    # Textual hands each key to what has the focus when the key comes in, and every widget works
    # through its own queue; a key's bindings run when it comes back up to the app. Keys typed faster
    # than that (or let go together by release_keys) reach a widget that is about to lose the focus.

    held: list[events.Key | events.Paste] | None = None  # the keys (and pastes) kept since hold_keys(); None when not holding
    replayed: frozenset[events.Key | events.Paste] = frozenset()  # the kept ones let go, not yet back here

    @property
    def holding(self) -> bool:
        return self.held is not None

    def hold_keys(self) -> None:
        """Keep every key from now on, unused, until `release_keys()`: what the keys were typed for is
        not up yet (a question has given its answer; the next one shows once the answer is saved)."""
        if self.held is None:
            self.held = []

    def release_keys(self) -> None:
        """Stop holding: the kept keys go on, in the order they were typed, to what has the focus now
        (a key already on its way in when they are let go waits for them: see `on_event`)."""
        held, self.held = self.held, None
        for event in sorted(held or (), key=lambda event: event.time):
            again = typed_again(event, self)
            self.replayed = self.replayed | {again}
            self.post_message(again)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)):
            if self.held is not None:
                self.held.append(event)  # typed now, or back from a widget that did not use it
                return
            if self.replayed:
                if event in self.replayed:
                    self.replayed = self.replayed - {event}
                elif not event.is_forwarded:  # typed after the keys let go, and here before them: after them
                    self.post_message(typed_again(event, self))
                    return
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                self.handed_to[event] = self.focused or self.screen  # where Textual hands it
            elif self.handed_to.pop(event, None) not in (None, self.focused or self.screen):
                self.post_message(typed_again(event, self))  # the focus moved meanwhile: to the new focus
                return
        await super().on_event(event)

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
        from wizard.settings import update_settings

        lang = get_lang()
        self.run_worker(lambda: update_settings(lang=lang), thread=True, group="settings")

    # -- Textual's own English strings, in the current language ----------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(placeholder=t("tui.palette_placeholder"), id="--command-palette"))

    def action_change_theme(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("tui.theme_placeholder")))

    def action_keys(self) -> None:
        """rouei's own keys panel: every key of this screen with what it does, in the current language
        (Textual's panel lists its widgets' bindings in English)."""
        from wizard.tui.start import KeysDialog

        if not isinstance(self.screen, KeysDialog):
            self.push_screen(KeysDialog(self.screen))

    def action_help_quit(self) -> None:
        self.notify(t("tui.quit_hint"), title=t("tui.quit_hint_title"))

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from getattr(screen, "commands", lambda: ())()
        yield SystemCommand(t("tui.cmd.language"), t("tui.cmd.language_help"), self.action_toggle_language)
        yield SystemCommand(t("tui.cmd.contrast"), t("tui.cmd.contrast_help"), self.action_toggle_contrast)
        yield SystemCommand(t("tui.cmd.theme"), t("tui.cmd.theme_help"), self.action_change_theme)
        yield SystemCommand(t("tui.cmd.keys"), t("tui.cmd.keys_help"), self.action_keys)
        yield SystemCommand(t("tui.cmd.quit"), t("tui.cmd.quit_help"), self.action_quit)


def make_app(path: Path | None = None, *, lang: str = "ja", by: str | None = None, role: str = "",
             clock: Clock | None = None) -> RoueiApp:
    """The app, in `lang`, optionally opening the incident at `path`, as responder `by` (with `role`;
    without one, the role saved for that name is used)."""
    set_lang(lang)
    return RoueiApp(path=path, responder=(by, role) if by else None, clock=clock)
