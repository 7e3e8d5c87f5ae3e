"""The questions as a responder at 2 a.m. meets them: the clock, the range of awareness times, Japanese
keyboard input echoed before it is saved, the counter, and where the focus lands (issue 11.1–11.3, 11.7–11.8)."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from wizard.domain.facts import JST
from wizard.store import Incident
from wizard.tui.incident import IncidentScreen

from .conftest import settle
from .test_walkthrough import MISDELIVERY, answer_all_until, new_incident
from .walk import answer, shown

AT_0232_JST = datetime(2026, 11, 19, 17, 32, tzinfo=timezone.utc)  # 02:32 on 11/20 in Japan


@pytest.fixture
def machine_zone(monkeypatch):
    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(("zone", "local"), [("UTC", "11/19 17:32 UTC"), ("America/New_York", "11/19 12:32 EST")])
async def test_now_records_japan_time_whatever_the_machine_zone(app_factory, machine_zone, zone, local):
    machine_zone(zone)
    app = app_factory("ja", clock=lambda: AT_0232_JST)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        view = shown(app)
        await pilot.click("#now")
        await settle(pilot)
        assert view.query_one("#answer-input").value == "2026-11-20 02:32 JST"
        reading = str(view.query_one("#field-reading").render())
        assert "2026-11-20(金) 02:32 JST" in reading and local in reading  # the machine's zone beside it
        await pilot.press("enter")
        await settle(pilot)
        path = app.screen.session.path
    assert path.name == "incident-20261120-0232.toml"  # the new file is named in Japan time too
    assert Incident.load(path).answers()["aware_at"] == datetime(2026, 11, 20, 2, 32, tzinfo=JST)


@pytest.mark.parametrize(("typed", "says"), [
    ("2027-01-01 10:00", "より先"), ("2021-12-01 10:00", "2022-04-01 より前"), ("1026-11-20 10:00", "より前"),
])
async def test_an_awareness_time_out_of_range_is_refused_beside_the_field(app_factory, typed, says):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        await pilot.press(*typed, "enter")
        await settle(pilot)
        assert app.screen.current == "aware_at"
        assert says in str(shown(app).query_one("#field-error").render())
        assert "aware_at" not in Incident.load(app.screen.session.path).answers()


@pytest.mark.parametrize(("lang", "typed", "says", "saved"), [
    ("ja", "２０２６年１１月２０日　９時３０分", ["2026-11-20(金) 09:30 JST として記録します"], (9, 30)),
    ("en", "11/20", ["Fri 2026-11-20 00:00 JST", "cautious"], (0, 0)),  # a date alone: the start of the day
])
async def test_typed_time_is_read_and_echoed_before_it_is_saved(app_factory, lang, typed, says, saved):
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        view = shown(app)
        view.query_one("#answer-input").value = typed
        await settle(pilot)
        assert str(view.query_one("#field-error").render()) == ""
        reading = str(view.query_one("#field-reading").render())
        assert all(part in reading for part in says)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.session.answers()["aware_at"].value == datetime(2026, 11, 20, *saved, tzinfo=JST)


async def test_a_full_width_count_is_read_and_a_huge_one_refused(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        await answer_all_until(pilot, MISDELIVERY, "affected_max")
        field = shown(app).query_one("#answer-input")
        field.value = "9223372036854775808"
        await settle(pilot)
        assert "大きすぎます" in str(shown(app).query_one("#field-error").render())
        field.value = "３，２００"
        await settle(pilot)
        assert "3,200 として記録します" in str(shown(app).query_one("#field-reading").render())
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session.answers()["affected_max"].value == 3200


async def test_the_counter_tells_the_position_on_the_path_after_going_back(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        labels = [str(shown(app).query_one("#progress-label").render())]
        for key in ("aware_at", "aware_how", "organisation", "role", "data", "affected_max"):
            await answer(pilot, MISDELIVERY[key])
            await settle(pilot)
            labels.append(str(shown(app).query_one("#progress-label").render()))
        assert [label.split("/")[0].strip() for label in labels] == [f"質問 {n}" for n in range(1, 8)]
        assert all("約" in label for label in labels)  # the questions ahead are not answered yet
        for expected in (6, 5, 4):
            await pilot.press("pageup")
            await settle(pilot)
            assert str(shown(app).query_one("#progress-label").render()).startswith(f"質問 {expected} /")


async def test_enter_in_the_data_list_moves_on_with_what_is_ticked(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        await answer_all_until(pilot, MISDELIVERY, "data")
        assert "全" in str(shown(app).query_one("#multi-hint").render())  # says more options follow
        await pilot.press("space", "enter")  # tick 氏名, then Enter moves on (it used to untick)
        await settle(pilot)
        assert screen.current == "affected_max"
        assert screen.session.answers()["data"].value == ("name",)


async def test_after_the_last_question_enter_opens_the_determination_and_pgdn_scrolls_it(app_factory):
    from .walk import answer_all

    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        await answer_all(pilot, MISDELIVERY)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen) and screen.current is None
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#tabs").active == "determination"
        view = screen.query_one("#determination-view")
        assert view.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert view.scroll_y > 0


async def test_keys_typed_in_one_burst_after_tab_go_to_the_next_field(app_factory):
    from textual import events

    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#path").value = ""
        for char in ["a", "b", "c", "\t", "d", "e", "f"]:  # as a terminal delivers a fast typist's keys
            app.post_message(events.Key("tab" if char == "\t" else char, None if char == "\t" else char))
        await settle(pilot)
        assert (dialog.query_one("#path").value, dialog.query_one("#title").value) == ("abc", "def")


async def test_none_and_dont_know_without_tab(app_factory):
    """Enter on an empty multi-select moves to the cautious 分からない (Enter again answers it, never 該当なし);
    分からない can be typed."""
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        await answer_all_until(pilot, MISDELIVERY, "data")
        await pilot.press("space", "enter")  # 氏名
        await settle(pilot)
        await pilot.press(*"分からない")
        await settle(pilot)
        assert "「分からない」として記録します" in str(shown(app).query_one("#field-reading").render())
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session.answers()["affected_max"].value is None
        for key in ("cause", "encryption", "recovered_unviewed"):
            await answer(pilot, MISDELIVERY[key])
        await settle(pilot)
        assert screen.current == "sectors"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current == "sectors" and app.focused.id == "unknown"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session.answers()["sectors"].value == ("unknown",)
