"""The firm's own contacts, chosen and ordered by the determination, and the insurer's clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from wizard.domain.engine import assess
from wizard.domain.facts import Facts
from wizard.domain.engine import add_clocks
from wizard.profile.contacts import INSURER_CLOCK, own_clocks, own_contacts
from wizard.profile.files import parse, profile_path

JST = timezone(timedelta(hours=9))
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=JST)


def with_profile(determination, profile):
    return add_clocks(determination, own_clocks(profile))


def det(**facts):
    return assess(Facts.model_validate({"aware_at": T0, **facts}), explain=False)


def calls(determination, profile) -> list[tuple[str, str | None]]:
    return [(c.slot, c.who.name if c.who else None) for c in own_contacts(determination, profile)]


def test_card_leak_calls_the_acquirer_right_after_the_decision_maker(profile):
    leak = with_profile(det(organisation="business", role="controller", data=["card_number", "name"],
                            cause="web_skimming", affected_max=300), profile)
    order = calls(leak, profile)
    assert order[:5] == [("decision", "山田 太郎"), ("acquirer", "サンプルカード 加盟店窓口"),
                         ("privacy_officer", "佐藤 花子"), ("insurer", "サンプル損保 事故受付"),
                         ("forensic", "サンプルセキュリティ")]
    assert ("controller", "委託元株式会社") not in order  # the firm is the controller here
    insurer = next(c for c in own_contacts(leak, profile) if c.slot == "insurer")
    assert "CY-2026-0042" in insurer.tell(leak) and "2026-12-19" in insurer.tell(leak)


def test_processor_calls_the_controller_first(profile):
    leak = with_profile(det(organisation="business", role="processor", data=["name", "email"],
                            cause="misdelivery", affected_max=20), profile)
    order = [slot for slot, _ in calls(leak, profile)]
    assert order[:2] == ["decision", "controller"]
    assert "acquirer" not in order  # no card data
    assert "insurer" in order  # the insurer always
    assert "forensic" not in order and "police" not in order  # a misdelivery needs neither
    tell = next(c for c in own_contacts(leak, profile) if c.slot == "controller").tell(leak)
    assert "委託元" in tell


def test_missing_partners_are_listed_as_missing():
    bare = parse({"firm": {"name": "A"}}, profile_path())
    order = calls(det(cause="ransomware"), bare)
    assert ("insurer", None) in order and ("forensic", None) in order and ("decision", None) in order
    assert all(slot not in ("controller", "processor", "acquirer") for slot, _ in order)  # none to name


def test_insurer_notice_period_becomes_a_clock(profile):
    leak = with_profile(det(data=["name"]), profile)
    clock = next(c for c in leak.clocks if c.clock.id == INSURER_CLOCK)
    assert clock.due == date(2026, 12, 19)  # 30 days, the day of awareness as day 1, never moved later
    assert clock.status.certain
    assert {"id": INSURER_CLOCK, "due": "2026-12-19", "status": "yes"} in leak.to_json()["clocks"]
    assert clock.clock.sources[0].title.startswith("保険約款（証券番号 CY-2026-0042）")


def test_insurer_notice_in_hours_is_a_moment(profile):
    insurer = profile.insurer.model_copy(update={"notice_days": None, "notice_hours": 72})
    hourly = profile.model_copy(update={"partners": (insurer,)})
    clock = next(c for c in with_profile(det(), hourly).clocks if c.clock.id == INSURER_CLOCK)
    assert clock.due == T0 + timedelta(hours=72)


def test_no_period_no_clock(profile):
    insurer = profile.insurer.model_copy(update={"notice_days": None})
    vague = profile.model_copy(update={"partners": (insurer,)})
    plain = det()
    assert with_profile(plain, vague) is plain
    assert with_profile(plain, None) is plain


def test_assess_of_an_incident_shows_the_insurer_clock(tmp_path, profile_file, monkeypatch, capsys):
    import json

    from wizard.cli import main

    monkeypatch.setenv("ROUEI_PROFILE", str(profile_file))
    path = tmp_path / "i.toml"
    assert main(["new", "-o", str(path), "--by", "山田", "--no-open"]) == 0
    assert main(["answer", str(path), "aware_at=2026-11-20T10:00", "--by", "山田"]) == 0
    capsys.readouterr()
    assert main(["assess", str(path), "--json"]) == 0
    clocks = json.loads(capsys.readouterr().out)["clocks"]
    assert {"id": INSURER_CLOCK, "due": "2026-12-19", "status": "yes"} in clocks
