"""The profile in the TUI: the form from the start screen, a new incident started from it (the profile's
answers shown to confirm), and the firm's own contacts first."""

from __future__ import annotations

import tomllib

import tomli_w

import pytest
from textual.widgets import Checkbox, OptionList

from wizard.profile.files import load
from wizard.store import Incident
from wizard.tui.incident import IncidentScreen
from wizard.tui.profile import ProfileDialog

from .conftest import settle
from .test_snapshots import keys, save_settings
from .test_walkthrough import new_incident
from .walk import answer

PROFILE = tomli_w.dumps({
    "firm": {"name": "株式会社サンプル商事", "card_data": True},
    "people": [{"name": "佐藤 花子", "roles": ["it", "privacy_officer"], "phone": "090-3333-4444"}],
    "partners": [{"kind": "lawyer", "name": "霞が関法律事務所", "phone": "03-5656-7878"}],
})


async def fill(pilot, field: str, text: str) -> None:
    dialog = pilot.app.screen
    dialog.query_one(f"#{field}").focus()
    await pilot.press("ctrl+u", *text)


async def open_form(pilot) -> ProfileDialog:
    """The profile form, from the start screen's p."""
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfileDialog)
    return pilot.app.screen


async def save(pilot) -> None:
    """保存, with the keyboard: Enter in a field goes on to the next one, so Tab to 保存 and Enter."""
    pilot.app.screen.query_one("#ok").focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_enter_goes_on_to_the_next_field_and_saves_nothing(app_factory, profile_path):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot)
        await fill(pilot, "files", "金庫")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and app.focused.id == "organisation"  # the last text field: on to the kind
        await fill(pilot, "name", "株式会社テスト")
        await pilot.press("enter", *"東京都", "enter")
        await settle(pilot)
        assert app.screen is dialog and app.focused.id == "desk_phone"
        assert dialog.value("address") == "東京都"
        assert tomllib.loads(profile_path.read_text(encoding="utf-8")) == tomllib.loads(PROFILE)  # not saved


async def test_boxes_say_their_state_in_text_and_all_fit_at_80x24(app_factory, profile_path):
    """Ticked ✓ / chosen ●, blank when not, with NO_COLOR too; the three kinds of data one under another,
    the EU box whole on an 80-column screen."""
    import os

    assert os.environ.get("NO_COLOR")  # the tests' own setting: no colour to tell states apart
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot)

        def box(widget_id: str) -> str:
            return str(dialog.query_one(f"#{widget_id}").render())

        assert "✓" in box("card_data") and "✓" not in box("my_number") and "✓" not in box("eu_customers")
        assert "●" in box("business") and "●" not in box("public_body")
        eu = dialog.query_one("#eu_customers")
        eu.focus()
        await settle(pilot)
        assert eu.region.right <= 80 - 2 and eu.region.y < 24  # whole, inside the dialog's frame
        assert "EU在住の顧客がいる" in box("eu_customers")
        await pilot.press("enter")  # ticks it
        await settle(pilot)
        assert "✓" in box("eu_customers")
        await save(pilot)
    assert load(profile_path).firm.eu_customers is True


@pytest.fixture
def profile_path(tmp_path, monkeypatch):
    path = tmp_path / "profile.toml"
    path.write_text(PROFILE, encoding="utf-8")
    monkeypatch.setenv("ROUEI_PROFILE", str(path))
    return path


async def test_form_sets_up_a_profile_keeping_what_it_does_not_show(app_factory, profile_path):
    path = profile_path
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot)
        assert dialog.value("name") == "株式会社サンプル商事" and dialog.value("second") == "佐藤 花子"
        assert dialog.query_one("#card_data", Checkbox).value is True
        await fill(pilot, "decision", "山田 太郎")
        await fill(pilot, "decision_phone", "03-ABC")
        await save(pilot)
        assert app.screen is dialog and app.focused.id == "decision_phone"  # said and focused, nothing saved
        assert tomllib.loads(path.read_text(encoding="utf-8")) == tomllib.loads(PROFILE)
        dialog.query_one("#decision_phone").value = "０３－１１１１ー２２２２"  # full-width: read as 03-1111-2222
        await fill(pilot, "insurer", "サンプル損保")
        await fill(pilot, "notice_days", "30")
        await save(pilot)
        assert app.screen is not dialog
    profile = load(path)
    assert [(p.name, p.roles, p.phone) for p in profile.people] == [
        ("佐藤 花子", ("it", "privacy_officer"), "090-3333-4444"), ("山田 太郎", ("decision",), "03-1111-2222")]
    assert profile.insurer.notice_days == 30
    assert [p.name for p in profile.partners_of("lawyer")] == ["霞が関法律事務所"]  # not on the form: kept
    assert profile.updated is not None


async def test_incident_from_the_profile_with_its_contacts_first(app_factory, profile_path):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        for value in ("2026-11-20 10:00", "internal"):
            await answer(pilot, value)
        assert screen.current == "role"  # the organisation came from the profile
        await answer(pilot, "controller")
        assert "カード番号" in str(screen.query_one("#question-current").render())  # the data question recalls the cards
        for value in (["card_number"], 300, "web_skimming", "none"):
            await answer(pilot, value)
        await settle(pilot)
        assert screen.current == "sectors"  # asked again, with the profile's answer shown
        assert "プロフィールからの回答" in str(screen.query_one("#question-current").render())
        await pilot.press("f7")
        await settle(pilot)
        listing = screen.query_one("#contacts-list", OptionList)
        texts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert texts[0] == "自社の連絡先（プロフィールから）"
        assert texts[1].startswith("意思決定者  （未登録）")
        assert texts[2].startswith("カード会社（アクワイアラ・決済代行）  （未登録）")
        assert texts.index("公的な窓口") > texts.index(next(x for x in texts if "霞が関法律事務所" in x))
        incident_path = screen.session.path
    created = Incident.load(incident_path).events[0]
    assert created.data["profile"]["fingerprint"] == load(profile_path).fingerprint


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_profile_form_snapshot(snap_compare, app_factory, profile_path, monkeypatch, lang):
    monkeypatch.delenv("NO_COLOR", raising=False)  # snapshots in colour, as test_snapshots takes them
    save_settings(lang)
    assert snap_compare(app_factory(lang, by=None), terminal_size=(80, 24), run_before=keys("p"))
