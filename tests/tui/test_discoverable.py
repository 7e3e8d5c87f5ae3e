"""What a new user finds without being told (issue 20.23): 事前準備 and 机上演習 in the start screen's
footer and in the command palette; F1 in every screen in words, never a message key, and saying when
there are more keys than fit; Enter in the responder dialog goes on to the role."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.dom import DOMNode

import wizard.tui
from wizard.exercise.run import start
from wizard.exercise.scenario import find
from wizard.i18n import catalogue
from wizard.store import Responder
from wizard.tui.widgets import KeyHints

from .conftest import settle
from .test_snapshots import visible_text

RAW_KEY = re.compile(r"\b(?:tui|exercise|profile|store|value|fact)\.[a-z_]+\.[a-z_.]+")


def test_every_key_of_every_screen_has_its_label_and_its_words_in_both_languages():
    """Each binding with an id, in every screen, dialog and widget of the TUI: its footer label and what F1
    says of it, in Japanese and English (a gap shows as the raw key, e.g. `tui.tip.exercise_inbox`)."""
    from wizard.tui.widgets import label_keys

    ids = set()
    for module in pkgutil.iter_modules(wizard.tui.__path__):
        for _, cls in inspect.getmembers(importlib.import_module(f"wizard.tui.{module.name}"), inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__.startswith("wizard.tui"):
                ids |= {b.id for b in cls.__dict__.get("BINDINGS", ()) if getattr(b, "id", None)}
    assert {"new", "profile", "exercise", "exercise_inbox", "exercise_release", "overview"} <= ids
    missing = [(lang, key) for lang in ("ja", "en") for bid in sorted(ids) for key in label_keys(bid)
               if key not in catalogue(lang)]
    assert missing == []


@pytest.mark.parametrize(("lang", "prepare", "exercise"), [("ja", "p 事前準備", "e 机上演習"),
                                                           ("en", "p Prepare", "e Exercise")])
async def test_the_start_screen_offers_prepare_and_exercise_in_its_footer_and_palette(app_factory, lang, prepare,
                                                                                        exercise):
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hints = str(app.screen.query_one(KeyHints).render())
        assert prepare in hints and exercise in hints
        assert len(hints) <= 76 and hints.rstrip().endswith(("f1 キー", "f1 Keys"))  # whole at 80 columns
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert ("事前準備" if lang == "ja" else "Prepare") in titles
        assert ("机上演習" if lang == "ja" else "Exercise") in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title in ("事前準備", "Prepare"))
        command.callback()
        await settle(pilot)
        assert type(app.screen).__name__ == "ProfileDialog"


async def close_briefing(pilot) -> None:
    """The opening briefing shows when a run starts: read, then closed."""
    while type(pilot.app.screen).__name__ in ("Briefing", "HandoverDialog"):
        await pilot.press("escape")
        await settle(pilot)
    assert type(pilot.app.screen).__name__ == "ExerciseScreen"


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_f1_in_an_exercise_says_every_key_in_words_and_that_more_follow(app_factory, lang):
    start(find("laptop_encrypted"), Path("team.toml"), Responder("山田", "情報システム"), speed=0).incident.close()
    app = app_factory(lang, Path("team.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await close_briefing(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = visible_text(app)
        assert RAW_KEY.findall(text) == []
        assert ("続きがあります" if lang == "ja" else "More below") in text  # 80x24: not all fit
        for _ in range(3):
            await pilot.press("pagedown")
            await settle(pilot)
        text = visible_text(app)
        assert RAW_KEY.findall(text) == []
        assert ("届いたインジェクトを読み返す" if lang == "ja" else "reread the injects received") in text
        assert ("続きがあります" if lang == "ja" else "More below") not in text  # the end is reached
    async with app_factory(lang, Path("team.toml")).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await close_briefing(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = visible_text(pilot.app)
        assert RAW_KEY.findall(text) == [] and ("続きがあります" if lang == "ja" else "More below") not in text


async def test_enter_in_the_responder_dialog_goes_on_to_the_role(app_factory):
    app = app_factory("ja", by=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "ResponderDialog"
        await pilot.press(*"山田", "enter")
        await settle(pilot)
        assert app.screen is dialog and app.focused.id == "role"
        await pilot.press(*"総務", "enter")
        await settle(pilot)
        assert app.screen is not dialog and app.responder == ("山田", "総務")
