"""Language on screen: no English from inside Textual in the Japanese UI, and F2 switching every label.

Everything is checked on the characters actually on the terminal (`visible_text`), not on widget
attributes, so a label that is right in the catalogue but wrong on screen still fails.
"""

from __future__ import annotations

import re

import pytest
from textual.command import CommandPalette

from wizard.i18n import t
from wizard.settings import saved_language

from .conftest import settle
from .test_snapshots import TITLE, UP_TO, make_incident, visible_text

# Textual's own English, as it would appear in a Japanese UI that forgot to override it.
TEXTUAL_ENGLISH = [
    "palette",  # the footer's command-palette key
    "Search for commands", "Search for themes", "No matches found",  # the palette
    "Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot",  # system commands
    "Change the current theme", "Quit the application", "Show help", "Save an SVG",
    "Press ctrl+q", "to quit the app", "Do you want to quit",  # the ctrl+c notice
    "Saved screenshot",
    "Focus Next", "Focus Previous", "Copy selected text", "Press button",  # bindings in the keys panel
    "Toggle option", "Select", "Page Up", "Page Down", "Scroll",
]

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+")


def english_in(text: str) -> list[str]:
    return [word for word in TEXTUAL_ENGLISH if word in text]


async def until(pilot, condition, rounds: int = 200) -> None:
    """Let workers and messages run until `condition()` holds (the palette searches in a worker, its
    results land a few messages later), at most `rounds` times; never a sleep."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def found(pilot, words: str) -> None:
    """Type `words` into the open palette and wait until a command matches."""
    await pilot.press(*words)
    commands = pilot.app.screen.query_one("CommandList")
    await until(pilot, lambda: commands.option_count > 0 and commands.highlighted is not None
                and commands.options[0].id != CommandPalette._NO_MATCHES)


async def open_palette(pilot) -> str:
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert CommandPalette.is_open(pilot.app)
    return visible_text(pilot.app)


@pytest.mark.parametrize("where", ["start", "incident"])
async def test_footer_and_command_palette_are_japanese(app_factory, where):
    app = app_factory("ja", make_incident("ja", UP_TO["cause"]) if where == "incident" else None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = visible_text(app).splitlines()[-1]
        assert t("tui.key.palette") in footer and t("tui.key.quit") in footer
        assert english_in(visible_text(app)) == []
        shown = await open_palette(pilot)
        assert t("tui.palette_placeholder") in shown
        assert t("tui.key.profile" if where == "start" else "tui.cmd.show_tab") in shown
        assert english_in(shown) == []
        # every command the palette can list, shown or scrolled out of view, is in Japanese
        for command in app.get_system_commands(app.screen_stack[-2]):
            assert CJK.search(command.title), command.title
            assert CJK.search(command.help), command.help


async def test_palette_search_finds_japanese_commands(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_palette(pilot)
        await pilot.press(*"言語")
        await settle(pilot)
        shown = visible_text(app)
        assert t("tui.cmd.language") in shown
        assert english_in(shown) == []


@pytest.mark.parametrize("where", ["start", "incident"])
async def test_ctrl_c_tells_how_to_quit_in_japanese(app_factory, where):
    app = app_factory("ja", make_incident("ja", UP_TO["cause"]) if where == "incident" else None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        shown = visible_text(app)
        assert t("tui.quit_hint_title") in shown
        assert "ctrl+q" in shown
        assert english_in(shown) == []
        assert app.return_code is None  # still running: ctrl+c does not quit


# Textual's own words that rouei replaces: the theme picker, 'no matches', the keys panel.

async def test_theme_picker_is_japanese(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_palette(pilot)
        await found(pilot, t("tui.cmd.theme"))
        await pilot.press("enter")
        await until(pilot, lambda: "ansi-dark" in visible_text(app))
        shown = visible_text(app)
        assert "ansi-dark" in shown  # the theme list is open
        assert english_in(shown) == []


async def test_palette_without_matches_is_japanese(app_factory, monkeypatch):
    monkeypatch.setattr(CommandPalette, "_NO_MATCHES_COUNTDOWN", 1e-6)  # instead of half a second
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_palette(pilot)
        await pilot.press(*"zzzz")
        commands = app.screen.query_one("CommandList")
        await until(pilot, lambda: [option.id for option in commands.options] == [CommandPalette._NO_MATCHES])
        assert [option.id for option in commands.options] == [CommandPalette._NO_MATCHES]
        assert english_in(visible_text(app)) == []


@pytest.mark.parametrize("where", ["start", "incident"])
async def test_keys_panel_is_japanese(app_factory, where):
    app = app_factory("ja", make_incident("ja", UP_TO["cause"]) if where == "incident" else None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_palette(pilot)
        await found(pilot, t("tui.cmd.keys"))
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "KeysDialog")
        assert type(app.screen).__name__ == "KeysDialog"
        shown = visible_text(app)
        assert t("tui.tip.language") in shown and t("tui.tip.quit") in shown
        assert english_in(shown) == []


# F2 ------------------------------------------------------------------------------------------------

def japanese_left(text: str) -> list[str]:
    """Lines still holding Japanese, once the user's own data (title, name, role) and the F2 label are taken out."""
    for own in (TITLE["ja"], "山田", "情報システム", "日本語"):
        text = text.replace(own, "")
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_f2_switches_the_incident_screen_to_english_and_back(app_factory, size):
    app = app_factory("ja", make_incident("ja", UP_TO["cause"]))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        japanese = visible_text(app)
        assert t("tui.tab.questions", "ja") in japanese and "原因" in japanese
        await pilot.press("f2")
        await settle(pilot)
        english = visible_text(app)
        assert japanese_left(english) == []
        for label in ("tui.tab.questions", "tui.tab.determination", "tui.key.back", "tui.key.forward"):
            assert t(label, "en") in english, label
        assert "What is the likely cause?" in english
        assert app.screen.current == "cause"  # still on the same question
        assert saved_language() == "en"
        await pilot.press("f2")
        await settle(pilot)
        assert visible_text(app) == japanese
        assert saved_language() == "ja"


async def test_f2_on_the_start_screen(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        japanese = visible_text(app)
        await pilot.press("f2")
        await settle(pilot)
        assert japanese_left(visible_text(app)) == []
        assert t("tui.start.new", "en") in visible_text(app)
        await pilot.press("f2")
        await settle(pilot)
        assert visible_text(app) == japanese
