"""Keys typed ahead while an answer is being saved go to the next question, in order, none lost
(issue 12). Pilot's press() waits for the app to be idle after every key, which hides the problem:
these tests post a whole burst to the app at once, as a fast typist's terminal does, with a slow save."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual.keys import _character_to_key

from wizard.errors import RoueiError
from wizard.store import Incident
from wizard.tui.incident import IncidentScreen
from wizard.tui.session import Session

from .conftest import settle
from .test_walkthrough import MISDELIVERY, answer_all_until, new_incident
from .walk import shown

SAVE_SECONDS = 0.05


@pytest.fixture(autouse=True)
def slow_save(monkeypatch):
    """Every answer takes 50 ms to save (a slow disk's fsync), during which the keys pile up."""
    original = Session.answer

    def slow(self, question, value):
        time.sleep(SAVE_SECONDS)
        original(self, question, value)

    monkeypatch.setattr(Session, "answer", slow)


NAMES = {"enter", "down", "up", "left", "right", "home", "end", "space", "tab", "shift+tab", "backspace", "delete",
         "pagedown", "pageup", "escape", "f4", "f10", "ctrl+n", "ctrl+u", "ctrl+k", "ctrl+w", "ctrl+left", "ctrl+right"}
CHARACTERS = {"enter": "\r", "space": " ", "tab": "\t", "backspace": "\x7f", "ctrl+u": "\x15", "ctrl+k": "\x0b",
              "ctrl+w": "\x17", "ctrl+n": "\x0e"}  # as a terminal sends them (Textual's own parser's reading)


def keys(*parts: str | events.Paste) -> list[events.Key | events.Paste]:
    """Key events for names ("enter", "down", "ctrl+u") and for text (every character of "10:00"); a
    Paste event as it is."""
    found: list[events.Key | events.Paste] = []
    for part in parts:
        if isinstance(part, events.Paste):
            found.append(part)
        elif part in NAMES:
            found.append(events.Key(part, CHARACTERS.get(part)))
        else:
            found += [events.Key(c if c.isalnum() else _character_to_key(c), c) for c in part]
    return found


async def burst(pilot, *parts: str | events.Paste) -> None:
    """Send the keys to the app in one go, as a terminal delivers keys typed faster than they are handled."""
    for key in keys(*parts):
        pilot.app.post_message(key.set_sender(pilot.app))
    await settle(pilot)
    await settle(pilot)


def saved(path) -> list[tuple[str, object]]:
    return [(e.data["fact"], e.data["value"]) for e in Incident.load(path).events if e.kind == "answer"]


async def start(pilot, until: str | None = None) -> IncidentScreen:
    await new_incident(pilot)
    if until is not None:
        await answer_all_until(pilot, MISDELIVERY, until)
    return pilot.app.screen


async def test_a_time_then_two_choices_typed_in_one_burst(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await burst(pilot, "2026-11-20 10:00", "enter", "down", "enter", "enter")
        answers = saved(screen.session.path)
        assert [fact for fact, _ in answers] == ["aware_at", "aware_how", "organisation"]  # each once
        assert answers[1:] == [("aware_how", "customer"), ("organisation", "business")]
        assert screen.current == "role"


async def test_a_choice_then_kinds_then_a_count_in_one_burst(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "role")
        await burst(pilot, "enter", "space", "down", "down", "down", "space", "enter", "3,200", "enter", "down")
        assert saved(screen.session.path)[-3:] == [
            ("role", "controller"), ("data", ["email", "name"]), ("affected_max", 3200)]
        assert screen.current == "cause"
        assert shown(app).query_one("#choices").highlighted == 1  # the last key reached the next question


async def test_text_typed_after_enter_is_not_added_to_the_field_submitted(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "affected_max")
        await burst(pilot, "12", "enter", "enter")
        assert saved(screen.session.path)[-2:] == [("affected_max", 12), ("cause", "unauthorized_access")]


async def test_enter_on_no_kinds_goes_to_unknown_never_to_none(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "role")
        await burst(pilot, "enter", "enter", "enter")  # role; nothing ticked: to 分からない; 分からない
        assert saved(screen.session.path)[-2:] == [("role", "controller"), ("data", ["unknown"])]
        assert screen.current == "my_number_system"  # unknown kinds may include My Numbers


async def test_unknown_twice_in_a_row_answers_both(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        await burst(pilot, "enter", "enter", "down", "down", "enter")  # 分からない, then the choice 分からない
        assert saved(screen.session.path)[-2:] == [("data", ["unknown"]), ("my_number_system", "unknown")]
        assert screen.current == "affected_max"


async def test_after_the_last_question_enter_opens_the_determination(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "eu_residents")
        await burst(pilot, "down", "enter", "enter")
        assert saved(screen.session.path)[-1] == ("eu_residents", "no")
        assert screen.current is None
        assert screen.query_one("#tabs").active == "determination"


async def test_a_refused_answer_gets_the_keys_typed_after_it(app_factory, monkeypatch):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "aware_how")

        def refuse(self, question, value):
            raise RoueiError("store.error.read_only", path="x")

        monkeypatch.setattr(Session, "answer", refuse)
        await burst(pilot, "enter", "down", "down")
        assert screen.current == "aware_how"
        assert str(shown(app).query_one("#field-error").render())  # the refusal, beside the field
        assert shown(app).query_one("#choices").highlighted == 2  # the keys after Enter came back here


async def test_a_held_key_that_opens_a_dialog_leaves_the_keys_after_it_to_the_dialog(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "aware_how")
        await burst(pilot, "enter", "f4", "down", "enter")  # the overview: its second line is aware_how
        assert saved(screen.session.path)[-1] == ("aware_how", "internal")
        assert app.screen is screen and screen.current == "aware_how"


async def test_read_only_gives_the_keys_back_to_the_same_question(app_factory, tmp_path):
    from wizard.store import Responder

    path = tmp_path / "held.toml"
    Incident.create(path, Responder("佐藤", "総務")).close()
    with Incident.open_for_writing(path, Responder("佐藤", "総務")) as incident:  # 佐藤 has it open
        incident.answer("aware_at", MISDELIVERY["aware_at"], Responder("佐藤", "総務"))
        app = app_factory("ja", path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            from .test_together import open_read_only

            await settle(pilot)
            screen = await open_read_only(pilot)
            assert screen.session.read_only and screen.current == "aware_how"
            await burst(pilot, "enter", "down", "enter", "down")
            assert screen.current == "aware_how"
            assert shown(app).query_one("#choices").highlighted == 2
    assert saved(path) == [("aware_at", Incident.load(path).answers()["aware_at"])]


async def test_pagedown_after_ticks_moves_on_with_them(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        await burst(pilot, "space", "down", "space", "pagedown", "7", "enter")
        assert saved(screen.session.path)[-2:] == [("data", ["address", "name"]), ("affected_max", 7)]


async def test_a_note_opened_by_a_held_key_gets_the_text_typed_after_it(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "aware_how")
        await burst(pilot, "enter", "ctrl+n", "abc")
        assert type(app.screen).__name__ == "NoteDialog"
        assert app.screen.query_one("#note-text").value == "abc"



async def test_a_note_saved_with_enter_then_the_next_answer_in_one_burst(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "aware_how")
        await burst(pilot, "ctrl+n", "first call", "enter", "down", "enter")
        assert app.screen is screen  # the second Enter did not close the screen under the note
        events = [(e.kind, e.data.get("text", e.data.get("value"))) for e in Incident.load(screen.session.path).events]
        assert events[-2:] == [("note", "first call"), ("answer", "customer")]


async def test_a_tab_key_then_enter_in_one_burst_acts_on_the_tab(app_factory):
    """F10 Enter typed together on a choice question: the Enter goes to what the evidence tab focuses
    (証拠を追加). It went to the question the focus was leaving, and recorded its highlighted choice as
    the cause nobody chose."""
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, until="cause")
        before = saved(screen.session.incident.path)
        await burst(pilot, "f10", "enter")
        assert type(app.screen).__name__ == "AddEvidenceDialog"
        assert saved(screen.session.incident.path) == before
