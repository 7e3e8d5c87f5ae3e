"""The hand-over brief gives the next responder what they need: every deadline (filed ones with when and
by whom, the firm's own from the first responder's profile included, recorded in the incident), the notes
left for them, and the open steps whose time is up; the exports and `assess` agree."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from wizard import clock
from wizard.cli import main
from wizard.domain.facts import JST
from wizard.store import Incident, Responder

AWARE = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
FILED = datetime(2026, 11, 24, 9, 0, tzinfo=JST)
LATER = datetime(2026, 11, 26, 12, 0, tzinfo=JST)
SATO = Responder("佐藤", "総務")
KNOWN = (("organisation", "business"), ("role", "controller"), ("data", ("name", "medical")),
         ("cause", "misdelivery"), ("affected_max", 10), ("encryption", "none"), ("recovered_unviewed", False),
         ("sectors", ()), ("eu_residents", "no"))


@pytest.fixture
def now():
    clock.use_clock(lambda: LATER)
    yield LATER
    clock.use_clock(None)


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.toml"
    with Incident.create(path, SATO, title="誤送信", now=AWARE) as inc:
        inc.answer("aware_at", AWARE, SATO, AWARE)
        for fact, value in KNOWN:
            inc.answer(fact, value, SATO, AWARE)
        inc.tick("preliminary_report", SATO, now=FILED)
        inc.note("委託先に確認のメール。返信なし", SATO, now=FILED)
        inc.handover("山田", SATO, note="夜間は山田さん", now=FILED)
    return path


def test_the_brief_shows_a_filed_report_filed_with_when_and_by_whom(case, now, capsys):
    assert main(["log", str(case), "--brief", "--by", "山田"]) == 0
    out = capsys.readouterr().out
    brief = out[out.index("山田 さんへの引き継ぎ"):]
    filed = "済（2026-11-24 09:00 JST、佐藤）"
    [aim] = [line for line in brief.splitlines() if "速報 目安（3日以内）" in line]
    [latest] = [line for line in brief.splitlines() if "速報 遅くとも（5日以内）" in line]
    assert filed in aim and filed in latest
    assert "期限を過ぎています" not in brief  # the 速報 was filed; the 確報 is not due yet
    [final] = [line for line in brief.splitlines() if "確報 期限（30日以内）" in line]
    assert "2026-12-21" in final and "未了" in final


def test_the_brief_gives_the_notes_and_the_open_urgent_steps(case, now, capsys):
    assert main(["log", str(case), "--brief", "--by", "山田", "--lang", "en"]) == 0
    brief = capsys.readouterr().out.split("Hand-over")[-1]
    notes = brief[brief.index("Notes and hand-over notes:"):]
    assert "返信なし" in notes and "夜間は山田さん" in notes
    steps = brief[brief.index("Open steps whose time is up"):brief.index("Notes and hand-over notes:")]
    assert "[ ] Record when" in steps or "[ ]" in steps  # the first hour's steps, long over
    assert "Submit the preliminary report" not in steps  # done


def test_the_exports_say_the_same(case, now, tmp_path, capsys):
    assert main(["export", str(case), "--what", "calendar", "--format", "txt", "-o", "-", "--by", "山田"]) == 0
    text = capsys.readouterr().out
    assert text.count("済（2026-11-24(火) 09:00 JST、佐藤）") == 2 and "期限経過" not in text


PROFILE = """\
updated = 2026-11-01
[firm]
name = "株式会社サンプル商事"
organisation = "business"
[[people]]
name = "鈴木 一郎"
roles = ["decision"]
phone = "03-1111-2222"
[[partners]]
kind = "insurer"
name = "サンプル損保 事故受付"
phone = "0120-555-666"
policy_number = "CY-2026-0042"
notice_days = 10
"""


def test_a_deadline_from_the_first_responders_profile_reaches_the_next_responder(tmp_path, now, monkeypatch,
                                                                                 capsys):
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    path = tmp_path / "case.toml"
    assert main(["new", "-o", str(path), "--by", "佐藤", "--no-open", "--profile", str(profile)]) == 0
    assert main(["answer", str(path), "aware_at=2026-11-20 10:00", "data=name", "--by", "佐藤"]) == 0
    text = path.read_text(encoding="utf-8")
    assert 'kind = "clock"' in text  # recorded when first computed: the incident began from the profile
    assert "サンプル損保" not in text and "CY-2026-0042" not in text and "鈴木" not in text  # no partner's data
    capsys.readouterr()

    monkeypatch.setenv("ROUEI_PROFILE", str(tmp_path / "none.toml"))  # 山田 has no profile
    assert main(["log", str(path), "--brief", "--by", "山田"]) == 0
    out = capsys.readouterr().out
    assert "期限を記録: 保険会社への事故通知（事業者プロフィールの通知期限）（プロフィールから）" in out  # the timeline
    [line] = [x for x in out[out.index("期限（済ませたものは"):].splitlines() if "保険会社への事故通知" in x]
    assert "2026-11-29" in line and "10日以内" in line  # day 10, the day of awareness as day 1
    assert main(["assess", str(path), "--json"]) == 0
    clocks = json.loads(capsys.readouterr().out)["clocks"]
    assert {"id": "insurer_notice", "due": "2026-11-29", "status": "yes"} in clocks
    assert main(["export", str(path), "--what", "calendar", "--format", "ics", "-o", "-", "--by", "山田"]) == 0
    assert "DTSTART;VALUE=DATE:20261129" in capsys.readouterr().out


def test_a_profile_met_after_the_start_is_recorded_by_an_export(tmp_path, now, monkeypatch, capsys):
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    path = tmp_path / "case.toml"
    assert main(["new", "-o", str(path), "--by", "佐藤", "--no-open", "--no-profile"]) == 0
    assert main(["answer", str(path), "aware_at=2026-11-20 10:00", "data=name", "--by", "佐藤"]) == 0
    assert 'kind = "clock"' not in path.read_text(encoding="utf-8")
    monkeypatch.setenv("ROUEI_PROFILE", str(profile))  # 鈴木 has the firm's profile
    assert main(["export", str(path), "--what", "calendar", "--format", "txt", "-o", "-", "--by", "鈴木"]) == 0
    assert "サンプル損保" in capsys.readouterr().out  # their own copy names the insurer
    assert main(["export", str(path), "--what", "calendar", "--format", "txt", "-o", "-", "--by", "鈴木"]) == 0
    kinds = [e.kind for e in Incident.load(path).events]
    assert kinds.count("clock") == 1  # recorded once, when first computed
    monkeypatch.setenv("ROUEI_PROFILE", str(tmp_path / "none.toml"))
    capsys.readouterr()
    assert main(["export", str(path), "--what", "calendar", "--format", "txt", "-o", "-", "--by", "山田"]) == 0
    out = capsys.readouterr().out
    assert "保険会社への事故通知（事業者プロフィールの通知期限）" in out and "サンプル損保" not in out
