"""The drafts fill in what the profile knows: reporter, inquiry desk, organisation, addressees, own contacts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wizard.exports import render
from wizard.exports.context import from_incident
from wizard.profile import start
from wizard.store import Incident, Responder

JST = timezone(timedelta(hours=9))
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
WHO = Responder("山田", "情報システム")


@pytest.fixture
def incident(tmp_path, profile):
    path = tmp_path / "incident.toml"
    created = Incident.create(path, WHO, title="カード情報", now=T0, profile=start.stamp(profile))
    start.record(created, profile, WHO, T0)
    for fact, value in (("aware_at", T0), ("role", "controller"), ("data", ["card_number", "name"]),
                        ("cause", "web_skimming"), ("affected_max", 300)):
        created.answer(fact, value, WHO, T0)
    return Incident.load(path)


def texts(incident, profile, what):
    ctx = from_incident(incident, as_of=T0 + timedelta(hours=1), lang="ja", profile=profile)
    return dict(render(ctx, "txt", what))


def test_ppc_draft_names_the_firm_as_reporter(incident, profile):
    ppc = texts(incident, profile, ("ppc_report",))["ppc_report.txt"]
    assert "報告者: 株式会社サンプル商事" in ppc and "報告者の所在地: 東京都千代田区霞が関1-1-1" in ppc
    assert "事業者の名称（担当者個人の名前ではなく" not in ppc
    assert "サンプル損保" not in ppc  # the insurer is the firm's own matter: the memo's
    memo = texts(incident, profile, ("memo",))["memo.txt"]
    assert "サイバー保険: サンプル損保 事故受付（証券番号 CY-2026-0042）への事故の通知期限 2026-12-19(土)" in memo
    assert "保険証券で確認してください" in memo
    bare = texts(incident, None, ("ppc_report",))["ppc_report.txt"]
    assert "報告者: 【事業者の名称（担当者個人の名前ではなく法人・団体の名称）】" in bare


def test_notices_carry_the_desk_and_the_firm(incident, profile):
    docs = texts(incident, profile, ("notice", "public_notice"))
    for text in docs.values():
        assert "お客様相談室" in text and "0120-111-222" in text
        assert "株式会社サンプル商事\n東京都千代田区霞が関1-1-1" in text  # the sender's name and address
        assert "【事業者名】" not in text and "【所在地】" not in text
        assert "【メールアドレス】" in text  # not in the profile: still to fill in


def test_memo_addressees_and_own_contacts_first(incident, profile):
    docs = texts(incident, profile, ("memo", "contacts"))
    assert "宛先: 山田 太郎（意思決定者）、佐藤 花子（個人情報保護管理者）" in docs["memo.txt"]
    contacts = docs["contacts.txt"]
    assert contacts.index("自社の連絡先（プロフィールから）") < contacts.index("公的窓口")
    assert contacts.index("サンプルカード 加盟店窓口") < contacts.index("サンプル損保 事故受付")


def test_exports_use_the_default_profile_and_survive_a_broken_one(incident, profile_file, monkeypatch):
    monkeypatch.setenv("ROUEI_PROFILE", str(profile_file))
    assert from_incident(incident, as_of=T0, lang="ja").profile is not None
    profile_file.write_text("[firm]\nname = 3\n", encoding="utf-8")
    ctx = from_incident(incident, as_of=T0, lang="ja")
    assert ctx.profile is None
    assert "insurer_notice" not in [c.clock.id for c in ctx.det.clocks]


def test_contacts_from_another_profile_say_so(incident, profile):
    other = profile.model_copy(update={"people": profile.people[:1]})
    contacts = texts(incident, other, ("contacts",))["contacts.txt"]
    assert f"別のプロフィール {profile.fingerprint} (2026-11-01) から始まりました" in contacts
    assert "別のプロフィール" not in texts(incident, profile, ("contacts",))["contacts.txt"]


def test_a_person_with_both_roles_is_addressed_once(incident, profile):
    """A small firm's director is often its privacy officer too: one name, both roles, not the name twice."""
    both = profile.people[0].model_copy(update={"roles": ["decision", "privacy_officer"]})
    memo = texts(incident, profile.model_copy(update={"people": (both,)}), ("memo",))["memo.txt"]
    assert "宛先: 山田 太郎（意思決定者・個人情報保護管理者）\n" in memo
