"""Three complete incidents, from the start screen to the dashboard, with the keyboard only:
the determination, the saved file, and resuming it."""

from __future__ import annotations


import pytest

from wizard.store import Incident
from wizard.tui.incident import IncidentScreen
from wizard.tui.start import StartScreen

from .conftest import settle
from .walk import answer_all

MISDELIVERY = {  # 誤送信: a customer's health-check results e-mailed to the wrong person
    "aware_at": "2026-11-20 10:00", "aware_how": "customer", "organisation": "business", "role": "controller",
    "data": ["name", "email", "health_checkup"], "affected_max": 1, "cause": "misdelivery",
    "encryption": "none", "recovered_unviewed": False, "sectors": [], "eu_residents": "no",
}
RANSOMWARE = {  # ランサムウェア: 5,000 customers of a web shop, card numbers, some in the EU
    "aware_at": "2026-11-20 10:00", "aware_how": "attacker", "organisation": "business", "role": "controller",
    "data": ["name", "address", "email", "purchase_history", "card_number"], "affected_max": "5,000",
    "cause": "ransomware", "encryption": "none", "sectors": [], "eu_residents": "yes",
}
LAPTOP = {  # 暗号化されたノートPCの紛失: staff health checks, disk encryption with the key kept apart
    "aware_at": "2026-11-20 10:00", "aware_how": "internal", "organisation": "business", "role": "controller",
    "data": ["name", "employee_id", "health_checkup"], "affected_max": 300, "cause": "loss", "lost_inside": False,
    "encryption": "high_key_exposed", "encryption_key": "high", "recovered_unviewed": False, "sectors": [],
    "eu_residents": "no",
}


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch):
    """These tests walk the screens; how durably the answers reach the disk the store's crash tests
    check, so the walks skip the fsync of every save (about a tenth of their time on a busy disk)."""
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)


async def new_incident(pilot) -> None:
    """From the start screen, a new incident under the default file name in the current folder."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, StartScreen)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, IncidentScreen)


async def walk_incident(app_factory, answers, lang="ja", size=(80, 24)):
    app = app_factory(lang)
    async with app.run_test(size=size) as pilot:
        await new_incident(pilot)
        seen = await answer_all(pilot, answers)
        det = app.screen.session.determination()
        path = app.screen.session.path
        await pilot.press("f5")
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in app.screen.query(".ex-line"))
    return seen, det, path, shown


async def test_misdirected_email_with_health_data(app_factory):
    seen, det, path, shown = await walk_incident(app_factory, MISDELIVERY)
    assert seen == list(MISDELIVERY)
    j = det.to_json()
    assert j["report_required"] and j["notice_required"]
    assert j["triggers"] == ["sensitive"]
    assert (j["preliminary_due"], j["final_due"], j["final_days"]) == ("2026-11-25", "2026-12-21", 30)
    assert "要配慮個人情報の漏えい等" in shown
    saved = Incident.load(path)
    assert saved.answers()["data"] == ("email", "health_checkup", "name")
    assert saved.facts_for_assess().affected_max == 1
    assert [e.by for e in saved.events] == ["山田"] * len(saved.events)


async def test_ransomware_at_5000_customers(app_factory):
    seen, det, path, shown = await walk_incident(app_factory, RANSOMWARE, lang="en", size=(120, 36))
    assert "recovered_unviewed" not in seen  # not asked after a cyber attack
    j = det.to_json()
    assert j["triggers"] == ["financial", "wrongful_purpose", "volume"]
    assert (j["final_days"], j["final_due"]) == (60, "2027-01-18")
    assert {c["id"] for c in j["clocks"]} == {"gdpr_72h", "card_acquirer"}
    assert "Leak caused by an act that may have had a wrongful purpose" in shown
    assert Incident.load(path).answers()["affected_max"] == 5000


async def test_lost_encrypted_laptop_is_not_reportable(app_factory):
    seen, det, path, shown = await walk_incident(app_factory, LAPTOP)
    assert seen[seen.index("encryption") + 1] == "encryption_key"
    assert det.report_required.value == 0 and det.notice_required.value == 0
    assert Incident.load(path).answers()["encryption"] == "high"
    assert "不要" in shown


@pytest.fixture
def answered(tmp_path):
    """The misdelivery incident with every answer, recorded through the store (the walk through the
    screens that records the same answers is `test_misdirected_email_with_health_data`)."""
    from wizard.store import Responder

    path = tmp_path / "answered.toml"
    who = Responder("山田", "情報システム")
    with Incident.create(path, who) as incident:
        for key, value in MISDELIVERY.items():
            incident.answer(key, value, who)
    return path


async def test_resuming_shows_the_same_determination_and_a_complete_flow(app_factory, answered):
    path = answered
    app = app_factory("ja", path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        assert screen.current is None
        assert screen.session.determination().to_json()["triggers"] == ["sensitive"]


async def test_a_second_responder_gets_the_hand_over_brief(app_factory, answered):
    app = app_factory("ja", answered, by="佐藤", role="総務")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HandoverDialog"
        text = " ".join(str(w.render()) for w in app.screen.query("Static, Prose"))
        assert "山田" in text and "次の期限" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentScreen)


async def test_unknown_is_always_an_answer_and_is_cautious(app_factory):
    answers = {key: None for key in MISDELIVERY} | {"aware_at": "2026-11-20 10:00"}
    for key in ("controller_notified", "my_number_system", "own_channel", "stored_data", "encryption_key",
                "volume_aware_at", "comms_secrecy", "individual_customers"):
        answers[key] = None  # unknown answers lead down every branch that may matter
    seen, det, path, _ = await walk_incident(app_factory, answers)
    assert det.report_required.value == 1  # may be required
    assert "data" in det.unknown_facts and "cause" in det.unknown_facts
    assert "controller_notified" in seen  # an unknown role asks the processor's question too


async def test_a_bad_date_is_refused_beside_the_field(app_factory):
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        for bad in ("yesterday", "2026-13-01 10:00"):  # one app for both: the field is cleared between
            field = app.screen.query_one("#answer-input")
            field.value = ""
            await pilot.press(*bad, "enter")
            await settle(pilot)
            assert app.screen.current == "aware_at"
            assert "Enter a date and time" in str(app.screen.query_one("#field-error").render())


async def test_full_width_space_can_be_typed(app_factory):
    app = app_factory("ja", by=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"山田", "ideographic_space", *"太郎")
        await settle(pilot)
        assert app.screen.query_one("#name").value == "山田\u3000太郎"


async def test_back_and_overview_jump(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await new_incident(pilot)
        screen = app.screen
        await answer_all_until(pilot, MISDELIVERY, "data")
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.current == "role"
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("enter")  # the first question in the list
        await settle(pilot)
        assert screen.current == "aware_at"


async def answer_all_until(pilot, answers, stop):
    from .walk import answer

    screen = pilot.app.screen
    while screen.current != stop:
        await answer(pilot, answers[screen.current])
