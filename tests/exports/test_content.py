"""What the drafts must and must not say: the nine report items in order, only the notice items the
rule allows, no personal data, no untranslated message keys, both languages complete."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wizard.domain.facts import JST, Facts
from wizard.exports import BINARY_FORMATS, DOCUMENTS, FORMATS, render, title
from wizard.exports.context import from_facts, from_incident
from wizard.i18n import catalogue
from wizard.store import Incident
from wizard.store.guard import scan

from . import scenarios

AS_OF = datetime(2026, 11, 21, 9, 0, tzinfo=JST)
DRAFTS = ("ppc_report", "notice", "public_notice", "memo")
KEY_LEAK = re.compile(r"\b(?:export|explain|store|cli_export|evidence|status|fact|value)\.[a-z_]+\b")


def context(incidents, name):
    return from_incident(Incident.load(incidents[name]), as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])


def sections(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_ppc_report_has_the_nine_items_in_order(incidents):
    text = dict(render(context(incidents, "misdelivery"), "md", ("ppc_report",)))["ppc_report.md"]
    items = [s for s in sections(text) if s[0].isdigit()]
    assert items == [f"{n}. {t}" for n, t in enumerate((
        "概要", "漏えい等が発生し、又は発生したおそれがある個人データの項目",
        "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数", "原因",
        "二次被害又はそのおそれの有無及びその内容", "本人への対応の実施状況", "公表の実施状況",
        "再発防止のための措置", "その他参考となる事項"), 1)]
    assert "【判明している事項】" in text and "【現時点で不明（判明次第追完）】" in text
    assert "施行規則7条1号（要配慮個人情報）: 該当" in text
    # rouei's own record (file, fingerprint, rule version) is the memo's, not the PPC's
    full = Incident.load(incidents["misdelivery"]).fingerprint_full
    assert full not in text.split("## 1.")[1] and "判定ルール" not in text
    memo = dict(render(context(incidents, "misdelivery"), "md", ("memo",)))["memo.md"]
    assert full in memo and "判定ルール 2026" in memo


def test_notice_keeps_to_the_items_of_rule_10(incidents):
    """概要, 項目, 原因, 二次被害, その他参考となる事項 (advice, other, contact): no number of people."""
    text = dict(render(context(incidents, "misdelivery"), "md", ("notice",)))["notice.md"]
    numbered = [s.split(". ", 1)[1] for s in sections(text) if s[0].isdigit()]
    assert numbered == ["概要", "対象となる個人情報の項目", "原因", "二次被害又はそのおそれ",
                        "ご注意いただきたいこと", "その他", "お問い合わせ先"]
    assert "35" not in text and "公表" not in text.split("## 1.")[1]
    assert "従業員各位" in text and "188" in text


def test_notice_advice_by_kind_of_data():
    facts = Facts(aware_at=AS_OF, organisation="business", data=("login_password", "card_number", "my_number"),
                  cause="unauthorized_access")
    text = dict(render(from_facts(facts, as_of=AS_OF, lang="ja"), "txt", ("notice",)))["notice.txt"]
    assert "カード会社に連絡" in text and "他のサービスでもお使いの場合" in text and "市区町村" in text
    english = dict(render(from_facts(facts, as_of=AS_OF, lang="en"), "txt", ("notice",)))["notice.txt"]
    assert "card statements" in english and "same password" in english and "My Number" in english


@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_no_personal_data_and_no_message_keys(incidents, name):
    ctx = context(incidents, name)
    for fmt in (f for f in FORMATS if f not in BINARY_FORMATS):  # Word files: tests/exports/test_docx.py
        for file, text in render(ctx, fmt):
            leaked = KEY_LEAK.findall(text)
            assert not leaked, f"{file}: untranslated {leaked[:3]}"
            if file.split(".")[0] in DRAFTS:
                assert not scan(text), f"{file} holds what looks like personal data"


def test_processor_report_goes_to_the_controller():
    facts = Facts(aware_at=AS_OF, organisation="business", role="processor", controller_notified=False,
                  data=("name",), affected_max=2000, cause="loss")
    text = dict(render(from_facts(facts, as_of=AS_OF, lang="ja"), "txt", ("ppc_report",)))["ppc_report.txt"]
    assert text.startswith("委託元への通知（報告事項）の下書き")
    assert "委託元への通知: 未実施" in text and "委託先（当社）" in text
    assert "委託元への通知（委託先）: 2026-11-26(木)" in text and "確報の期限" not in text


def test_not_reportable_still_drafts_with_a_note():
    facts = Facts(aware_at=AS_OF, organisation="business", data=("name",), affected_max=10, cause="misdelivery",
                  encryption="none", recovered_unviewed=True, sectors=(), eu_residents="no", role="controller")
    text = dict(render(from_facts(facts, as_of=AS_OF, lang="ja"), "txt", ("ppc_report",)))["ppc_report.txt"]
    assert "報告対象事態に当たりません" in text


def test_conflicts_are_shown(incidents):
    ctx = context(incidents, "misdelivery")
    ctx.conflicts = [{"fact": "affected_max", "values": [35, 40]}]
    text = dict(render(ctx, "txt", ("ppc_report", "memo", "determination")))
    assert "35人 / 40人" in text["memo.txt"] and "35人 / 40人" in text["determination.txt"]
    assert "35人 / 40人" not in text["ppc_report.txt"]  # an internal matter, not for the PPC


def test_both_languages_have_the_same_messages():
    for lang in ("ja", "en"):
        keys = {k for k in catalogue(lang) if k.startswith(("export.", "cli_export."))}
        assert keys, lang
    ja = {k for k in catalogue("ja") if k.startswith(("export.", "cli_export."))}
    en = {k for k in catalogue("en") if k.startswith(("export.", "cli_export."))}
    assert ja == en
    used = set()
    for path in Path(__file__).parents[2].joinpath("wizard", "exports").glob("*.py"):
        used |= set(re.findall(r'"((?:export|cli_export)\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    assert used <= ja


def test_every_document_has_a_title_for_the_export_screen():
    assert all(not title(d).startswith("export.") for d in DOCUMENTS)


def test_every_document_builds_in_english_from_a_bare_facts_file():
    facts = Facts(aware_at=AS_OF)
    files = render(from_facts(facts, as_of=AS_OF, lang="en"), "md")
    assert [f for f, _ in files] == [f"{d}.md" for d in DOCUMENTS]
    assert all(not KEY_LEAK.findall(text) for _, text in files)


def test_no_textual_in_the_export_layer():
    code = ("import sys, wizard.exports, wizard.exports.html, wizard.exports.ics, wizard.exports.plain, "
            "wizard.exports.state, wizard.cli.export; assert 'textual' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_public_body_is_told_to_replace_our_company():
    facts = Facts(aware_at=AS_OF, organisation="public_body", data=("name", "address"), affected_max=500,
                  cause="loss")
    files = dict(render(from_facts(facts, as_of=AS_OF, lang="ja"), "txt", ("ppc_report", "notice", "public_notice")))
    assert all("「当社」は機関の名称" in text for text in files.values())


def test_a_processor_that_notified_gets_no_ppc_deadline_nor_filing_step():
    from tests.domain.helpers import facts

    notified = facts(role="processor", controller_notified=True, data=["medical", "my_number"], affected_max=3000,
                     cause="unauthorized_access")
    ctx = from_facts(notified, as_of=AS_OF, lang="ja", source="facts.toml")
    docs = dict(render(ctx, "txt", ("ppc_report", "memo", "checklist", "calendar")))
    ppc, memo, checklist = docs["ppc_report.txt"], docs["memo.txt"], docs["checklist.txt"]
    assert "委託元への通知（報告事項）の下書き" in ppc
    assert "委託元に通知済み" in ppc and "自ら個人情報保護委員会に報告する必要も" in ppc
    assert "報告対象事態に当たりません" not in ppc  # it is one: the controller reports it
    for text in (ppc, memo, checklist, docs["calendar.txt"]):  # no 速報/確報 step, no PPC deadline
        assert "速報を提出する" not in text and "確報を提出する" not in text
        assert "2026-11-25" not in text and "2027-01-18" not in text and "2026-12-21" not in text
    assert "委託元の調査と報告に協力する" in checklist
    assert "委託元に通知済みのため、自らの報告・本人通知は不要" in memo
