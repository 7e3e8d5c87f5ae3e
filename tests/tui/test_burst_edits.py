"""Editing keys typed in one burst act in the order typed (issue 20.1): Backspace, ←/→, Home/End, Delete,
Ctrl+U/K/W typed among characters, Tab and Enter edit the text as they were typed, in every field, and
whatever the hold that keeps keys typed after an answer for the next question."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual import events

from wizard.domain.facts import JST
from wizard.store import Incident

from .conftest import settle
from .test_typing_ahead import burst, saved, start
from .test_walkthrough import new_incident
from .walk import shown

LATER = datetime(2026, 12, 6, 9, 0, tzinfo=JST)  # the day after the awareness time typed below


def at_the_count(folder):
    """An incident answered (by the store, quickly) up to the number of people."""
    from wizard.store import Responder

    yamada = Responder("山田", "情報システム")
    with Incident.create(folder / "count.toml", yamada) as incident:
        for fact, value in (("aware_at", datetime(2026, 11, 20, 10, 0, tzinfo=JST)), ("aware_how", "internal"),
                            ("organisation", "business"), ("role", "controller"), ("data", ["name"])):
            incident.append("answer", {"fact": fact, "value": value, "question": fact}, yamada)
    return folder / "count.toml"


@pytest.mark.parametrize(("typed", "meant"), [
    (["32001", "backspace", "enter"], 3200),
    (["3200", "end", "left", "left", "1", "enter"], 32100),
    ([events.Paste("32001"), "backspace", "enter"], 3200),
    (["9", "home", "1", "enter"], 19),
    (["1234", "home", "delete", "enter"], 234),
    (["1234", "left", "left", "ctrl+k", "5", "enter"], 125),
    (["999", "ctrl+u", "42", "enter"], 42),
    (["1,000", "ctrl+w", "7", "enter"], 17),  # Ctrl+W deletes the word left of the cursor: "000"
])
async def test_editing_keys_in_a_count_act_in_the_order_typed(app_factory, tmp_path, typed, meant):
    app = app_factory("ja", at_the_count(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.current == "affected_max"
        await burst(pilot, *typed)
        assert saved(screen.session.path)[-1] == ("affected_max", meant)
        assert screen.current == "cause"


async def test_a_corrected_time_is_previewed_and_saved_as_corrected(app_factory):
    app = app_factory("ja", clock=lambda: LATER)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        await burst(pilot, "2026-12-05 23:59", "backspace", "0")
        assert shown(app).query_one("#answer-input").value == "2026-12-05 23:50"
        assert "23:50 JST" in str(shown(app).query_one("#field-reading").render())
        await burst(pilot, "enter")
        assert Incident.load(screen.session.path).answers()["aware_at"] == datetime(2026, 12, 5, 23, 50, tzinfo=JST)


async def test_edits_typed_after_an_answer_reach_the_next_question_in_order(app_factory):
    """The keys held while an answer is saved, edits among them, go on to the next field as typed."""
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        await burst(pilot, "space", "enter", "77", "backspace", "left", "1", "end", "0", "enter")
        assert saved(screen.session.path)[-2:] == [("data", ["name"]), ("affected_max", 170)]


async def new_dialog(pilot, tmp_path):
    """The new-incident dialog, its path in a folder of its own (not the current folder, the default)."""
    (tmp_path / "cases").mkdir()
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    dialog = pilot.app.screen
    dialog.query_one("#path").value = str(tmp_path / "cases" / "a.toml")
    return dialog


async def test_going_back_to_the_path_after_correcting_the_title_keeps_the_path(app_factory, tmp_path):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_dialog(pilot, tmp_path)
        await burst(pilot, "tab", "誤送信x", "backspace", "shift+tab")
        assert dialog.query_one("#path").value == str(tmp_path / "cases" / "a.toml")
        assert dialog.query_one("#title").value == "誤送信"
        await burst(pilot, "enter")
        assert not list(tmp_path.glob("incident-*.toml"))  # not made in the current folder instead
        assert Incident.load(tmp_path / "cases" / "a.toml").title == "誤送信"


@pytest.mark.parametrize(("typed", "path", "title"), [
    (["ctrl+u", "cases/b.toml", "tab", "報告"], "cases/b.toml", "報告"),
    (["tab", "abc", "ctrl+u", "新しい", "tab"], None, "新しい"),
    (["tab", "abc def", "ctrl+w", "xyz", "shift+tab"], None, "abc xyz"),
    (["tab", "ab", events.Paste("支店"), "home", "本社", "shift+tab"], None, "本社ab支店"),
])
async def test_text_typed_after_a_deletion_is_kept(app_factory, tmp_path, typed, path, title):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_dialog(pilot, tmp_path)
        await burst(pilot, *typed)
        assert dialog.query_one("#path").value == (path or str(tmp_path / "cases" / "a.toml"))
        assert dialog.query_one("#title").value == title


async def test_a_burst_from_the_dialog_into_the_first_question(app_factory, tmp_path):
    """Enter in the dialog, then a time with a correction: the incident opens, the time is the corrected one."""
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_dialog(pilot, tmp_path)
        await burst(pilot, "enter", "2026-11-20 10:009", "backspace", "enter")
        answers = Incident.load(tmp_path / "cases" / "a.toml").answers()
        assert answers["aware_at"] == datetime(2026, 11, 20, 10, 0, tzinfo=JST)


def test_every_text_field_of_the_tui_keeps_its_keys_in_order():
    """Every text field is built on KeysInOrder (JInput), never on Textual's Input or TextArea directly."""
    import re
    from pathlib import Path

    import wizard.tui

    folder = Path(wizard.tui.__file__).parent
    direct = [f"{path.name}: {match.group(0)}" for path in sorted(folder.glob("*.py"))
              for match in re.finditer(r"(?<![\w.])(Input|TextArea|MaskedInput)\(", path.read_text(encoding="utf-8"))]
    assert direct == []
