"""A question shows its current answer where Enter takes it: the highlight of a choice starts on it, and
Enter on an answer unchanged records nothing new (issue 20.2); an answer the profile gave stays what it
was on Enter, also for the list of sectors at 80x24 (issue 20.4)."""

from __future__ import annotations

import pytest
import tomli_w

from wizard.store import Incident

from .conftest import settle
from .test_typing_ahead import burst, saved, start
from .test_walkthrough import MISDELIVERY, answer_all_until, new_incident
from .walk import answer, shown


async def test_going_back_the_highlight_is_on_the_answer_and_enter_keeps_it(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        before = saved(screen.session.path)
        await pilot.press("pageup", "pageup", "pageup")  # back to aware_how, answered 顧客 (the second choice)
        await settle(pilot)
        assert screen.current == "aware_how"
        assert shown(app).query_one("#choices").highlighted == 1
        await pilot.press("enter")
        await settle(pilot)
        assert saved(screen.session.path) == before  # no event: the answer was not changed
        assert screen.current == "organisation"  # on to the next question
        assert shown(app).query_one("#choices").highlighted == 0  # 民間の事業者, its answer
        await burst(pilot, "enter", "enter")  # organisation and role kept, in one burst
        assert saved(screen.session.path) == before
        assert screen.current == "data"


async def test_an_unknown_answer_is_highlighted_and_kept(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "aware_how")
        await answer(pilot, None)  # 分からない
        await pilot.press("pageup")
        await settle(pilot)
        choices = shown(app).query_one("#choices")
        assert choices.highlighted == choices.option_count - 1  # 分からない, last
        before = saved(screen.session.path)
        await pilot.press("enter")
        await settle(pilot)
        assert saved(screen.session.path) == before and screen.current == "organisation"


async def test_a_changed_answer_is_recorded(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "organisation")
        await pilot.press("pageup")
        await settle(pilot)
        await burst(pilot, "down", "enter")  # from 顧客 to 取引先
        assert saved(screen.session.path)[-1] == ("aware_how", "third_party")


async def test_enter_on_an_unchanged_count_or_list_records_nothing(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "cause")
        before = saved(screen.session.path)
        await pilot.press("pageup", "pageup")  # the list of kinds
        await settle(pilot)
        assert screen.current == "data"
        await burst(pilot, "enter", "enter")  # the kinds, then the count, both as they were
        assert saved(screen.session.path) == before and screen.current == "cause"


PROFILE = tomli_w.dumps({"firm": {"name": "株式会社サンプル商事", "eu_customers": False, "sectors": []}})


@pytest.fixture
def plain_profile(tmp_path, monkeypatch):
    path = tmp_path / "profile.toml"
    path.write_text(PROFILE, encoding="utf-8")
    monkeypatch.setenv("ROUEI_PROFILE", str(path))


@pytest.mark.parametrize("keys", [["enter", "enter"], ["pagedown", "enter"], ["down", "enter", "enter"]])
async def test_the_profiles_answers_stay_what_they_were_on_enter(app_factory, plain_profile, keys):
    """Sectors (none) and EU residents (No) from the profile: Enter confirms them, never 分からない nor Yes."""
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        answers = {k: v for k, v in MISDELIVERY.items() if k != "organisation"}
        await answer_all_until(pilot, answers, "sectors")
        assert "プロフィールからの回答" in str(shown(app).query_one("#question-current").render())
        confirm = shown(app).query_one("#confirm")
        assert confirm.region.bottom <= 24 and confirm.region.height > 0  # the buttons on screen at 80x24
        await burst(pilot, *keys)
        answers = Incident.load(screen.session.path).answers()
        assert answers["sectors"] == () and answers["eu_residents"] == "no"
        assert screen.current is None
        assert "gdpr_72h" not in [c["id"] for c in screen.session.determination().to_json()["clocks"]]
