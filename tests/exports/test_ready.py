"""Drafts a lawyer can send with few edits: nothing marked known that still holds a placeholder, the PPC
draft kept to what the PPC asks, containment where it belongs, the cause's words to choose."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.domain.facts import JST, Facts
from wizard.domain.vocabulary import CAUSES
from wizard.exports import BUILDERS, render
from wizard.exports.context import from_facts, from_incident, language
from wizard.exports.model import Fields
from wizard.exports.phrases import placeholder_pattern
from wizard.store import Incident

from . import scenarios

AS_OF = datetime(2026, 11, 21, 9, 0, tzinfo=JST)


def contexts(incidents):
    for name in sorted(scenarios.BUILD):
        yield name, from_incident(Incident.load(incidents[name]), as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])
    for cause in (*CAUSES, None):
        for role in ("controller", "processor", None):
            facts = Facts(aware_at=AS_OF, organisation="business", role=role, data=("name", "email"),
                          affected_max=2000, cause=cause)
            for lang in ("ja", "en"):
                yield f"{cause}-{role}-{lang}", from_facts(facts, as_of=AS_OF, lang=lang)


def test_no_field_marked_known_holds_a_placeholder(incidents):
    bad = []
    for name, ctx in contexts(incidents):
        with language(ctx.lang):
            pattern = placeholder_pattern()
            for doc_id, build in BUILDERS.items():
                for section in build(ctx).sections:
                    for block in section.blocks:
                        if isinstance(block, Fields):
                            bad += [f"{name}/{doc_id}: {f.label}: {f.value}" for f in block.rows
                                    if f.known and pattern.search(f.value)]
    assert bad == []


def ppc_items(text: str) -> dict[int, str]:
    """The PPC draft's numbered items by number (Markdown)."""
    parts = text.split("\n## ")
    return {int(p.split(".", 1)[0]): p for p in parts if p[:1].isdigit()}


def misdelivery(incidents, what):
    ctx = from_incident(Incident.load(incidents["misdelivery"]), as_of=scenarios.AS_OF["misdelivery"], lang="ja")
    return dict(render(ctx, "md", what))


def test_asking_the_wrong_recipient_to_delete_is_against_harm_not_recurrence(incidents):
    items = ppc_items(misdelivery(incidents, ("ppc_report",))["ppc_report.md"])
    assert "二次被害の防止のために実施した措置" in items[5] and "誤送付先に連絡し" in items[5]
    assert "誤送付先に連絡し" not in items[8]


def test_the_ppc_draft_keeps_to_what_the_ppc_asks(incidents):
    items = ppc_items(misdelivery(incidents, ("ppc_report",))["ppc_report.md"])
    assert "指紋" not in items[9] and "判定ルール" not in items[9] and "保険" not in items[9]
    assert "rouei" not in "".join(items.values())


def test_the_notice_gives_the_means_of_a_misdelivery_to_choose(incidents):
    notice = misdelivery(incidents, ("notice",))["notice.md"]
    assert "電子メール・FAX・郵便物を誤った宛先に送付した" not in notice
    assert "【電子メール・FAX・郵便物のうち該当するもの】を誤った宛先に送付したことによるものです。" in notice


@pytest.mark.parametrize("cause", ["misdelivery", "loss", "theft", "insider_theft"])
def test_where_the_cause_has_alternatives_the_notice_marks_them_to_choose(cause):
    facts = Facts(aware_at=AS_OF, organisation="business", data=("name",), cause=cause)
    for lang in ("ja", "en"):
        text = dict(render(from_facts(facts, as_of=AS_OF, lang=lang), "txt", ("notice",)))["notice.txt"]
        cause_section = text.split("3. ")[1].split("■")[0]
        with language(lang):
            assert placeholder_pattern().search(cause_section), (cause, lang)


def test_contacts_for_a_misdelivery_follow_the_cause(incidents):
    text = misdelivery(incidents, ("contacts",))["contacts.md"]
    marked = [line for line in text.splitlines() if line.startswith("- ● ")]
    assert [m.split(" — ")[0] for m in marked] == ["- ● 個人情報保護委員会 漏えい等報告",
                                                   "- ● 個人情報保護委員会 個人情報保護法相談ダイヤル"]
    assert "- 消費者ホットライン 188" in text  # there for any case: unmarked
    assert "IPA 企業組織向け" not in text and "#9110" not in text and "フォレンジック" not in text


def test_a_ransomware_case_still_marks_the_cyber_desks(incidents):
    ctx = from_incident(Incident.load(incidents["ransomware"]), as_of=scenarios.AS_OF["ransomware"], lang="ja")
    text = dict(render(ctx, "md", ("contacts",)))["contacts.md"]
    assert "- ● IPA 企業組織向けサイバーセキュリティ相談窓口" in text and "- ● 警察相談専用電話" in text


def test_the_it_person_is_told_what_the_cause_calls_for():
    from wizard.domain.engine import assess
    from wizard.profile.contacts import OwnContact

    def tell(cause):
        return OwnContact("it", None).tell(assess(Facts(aware_at=AS_OF, organisation="business", cause=cause)))

    with language("ja"):
        assert "切り離す" in tell("ransomware") and "切り離す" in tell(None)
        assert "切り離しは不要" in tell("misdelivery") and "遠隔ロック" in tell("loss")


@pytest.mark.parametrize(("title", "source", "slug"), [
    ("健康診断結果の誤送信", "kenshin.toml", "健康診断結果の誤送信"),
    ("Tabletop: ransomware at the web shop", "x.toml", "Tabletop-ransomware-at-the-web-shop"),
    ("", "incident-20261120-1005.toml", "incident-20261120-1005"),
    ("../../etc/passwd", "x.toml", "etc-passwd"),
    ("\u202egpj.exe\x1b[31m", "x.toml", "gpj-exe-31m"),
    ("***", "", "incident"),
])
def test_files_are_named_by_date_incident_and_document(title, source, slug):
    from wizard.exports import named

    ctx = from_facts(Facts(aware_at=AS_OF), as_of=AS_OF, lang="ja", title=title, source=source)
    [(name, _)] = named(ctx, [("ppc_report.docx", b"")])
    assert name == f"2026-11-21_{slug}_ppc_report.docx"


@pytest.fixture(scope="module")
def plain_ctx():
    return from_facts(Facts(aware_at=AS_OF), as_of=AS_OF, lang="ja", title="x", source="x.toml")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=300))
def test_any_title_makes_a_safe_file_name(plain_ctx, title):
    from dataclasses import replace

    from wizard.exports import named

    [(name, _)] = named(replace(plain_ctx, title=title), [("memo.md", "")])
    middle = name.removeprefix("2026-11-21_").removesuffix("_memo.md")
    assert middle and len(middle) <= 40 and all(c.isalnum() or c == "-" for c in middle), name
