"""Legal cases of an independent review of issue 21: more of the regulators' worked examples, and the
combinations of the new facts, each put to the engine.

Every case names the text it comes from (clause and public address) and quotes the words it turns on.
The principle under test: an unknown fact, or a combination of facts, never gives a user fewer duties or
more time than the texts do. Facts not named in a case are those of `helpers.BASE`.
"""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.calendar import count_days
from wizard.domain.explain import explain
from wizard.domain.flows import bundled
from wizard.domain.logic import Tri
from wizard.domain.vocabulary import FACTS
from wizard.i18n import set_lang, t

from .helpers import det

TSUSOKU = "https://www.ppc.go.jp/personalinfo/legal/guidelines_tsusoku/"
BANGO_JIGYOSHA = "https://www.ppc.go.jp/legal/policy/my_number_guideline_jigyosha/"
BANGO_GYOSEI = "https://www.ppc.go.jp/legal/policy/my_number_guideline_gyosei/"
GYOSEI_GL = "https://www.ppc.go.jp/personalinfo/legal/"  # 個人情報保護法ガイドライン（行政機関等編）

YES, MAYBE, NO = Tri.YES, Tri.MAYBE, Tri.NO


def status(d, trigger: str) -> Tri:
    return d.trigger_status.get(trigger, NO)


def clocks(d) -> dict[str, Tri]:
    return {c.clock.id: c.status for c in d.clocks if c.status.possible}


def clock(d, clock_id: str):
    return next(c for c in d.clocks if c.clock.id == clock_id)


def report(d, track: str) -> dict:
    return next(r for r in d.to_json()["reports"] if r["track"] == track)


def words(d, lang: str = "ja") -> str:
    set_lang(lang)
    try:
        return " ".join(" ".join([line.text, *line.detail, *(s.title for s in line.sources)])
                        for s in explain(d) for line in s.lines)
    finally:
        set_lang("ja")


# ── Strong encryption protects stored data, not information on its way in ───────────────────────────────
# 施行規則7条1号 (e-Gov 428M60020000003): 「要配慮個人情報が含まれる個人データ（高度な暗号化その他の個人の権利利益を
# 保護するために必要な措置を講じたものを除く。以下この条及び次条第一項において同じ。）」 — the carve-out is for
# personal data the business protected. 通則編 3-5-3-1(3) 事例7 (TSUSOKU): a tampered link sends people to 「偽の入力
# ページ」 and 「当該ユーザーが当該偽の入力ページに入力した個人情報が当該第三者に送信された場合」; 事例8: 「宛先の改ざん
# された返信用封筒により返信されたアンケート用紙に記入された個人情報が当該第三者に送付された場合」. What people type
# into a fake page or write on a paper form never passed through the business's encryption.

@pytest.mark.parametrize(("cause", "extra", "example"), [
    ("phishing", {"own_channel": True}, "3-5-3-1(3) 事例7: 改ざんされたリンクから偽の入力ページへ"),
    ("fraud", {}, "3-5-3-1(3) 事例8: 宛先の改ざんされた返信用封筒"),
    ("web_skimming", {}, "3-5-3-1(3) 事例6: 入力ページの改ざん"),
])
def test_encrypting_stored_data_does_not_protect_information_being_acquired(cause, extra, example):
    d = det(cause=cause, stored_data=False, encryption="high", data=["name", "card_number"], **extra)
    assert d.report_required is YES and d.notice_required is YES, example
    assert status(d, "wrongful_purpose") is YES and d.to_json()["final_days"] == 60, example
    assert not d.tracks[0].exemptions, example


def test_a_public_bodys_tampered_link_is_reported_whatever_its_encryption():
    # 施行規則43条3号 (行政機関等編ガイドライン 5-4-1 (3), GYOSEI_GL): 「当該行政機関の長等の属する行政機関等が取得し、
    # 又は取得しようとしている個人情報であって、保有個人情報として取り扱われることが予定されているものを含む。」
    d = det(organisation="public_body", role=..., cause="phishing", own_channel=True, stored_data=False,
            encryption="high", data=["name", "address"])
    assert d.report_required is YES and status(d, "wrongful_purpose") is YES


def test_strongly_encrypted_data_with_the_key_safe_is_outside_every_item():
    # The same bracket (「以下この条…において同じ」) reaches items 2–4; 行政機関等編 5-4-1 (1): 「（高度な暗号化…を除く。
    # 以下（2）から（5）までにおいて同じ。）」.
    for organisation in ("business", "public_body"):
        d = det(organisation=organisation, role=..., cause="unauthorized_access", encryption="high",
                data=["name", "card_number", "medical"], affected_max=50_000)
        assert d.report_required is NO and d.notice_required is NO, organisation


@pytest.mark.parametrize(("encryption", "expected"), [("high_key_exposed", YES), (..., MAYBE), ("none", YES)])
def test_encryption_helps_only_with_the_key_known_to_be_safe(encryption, expected):
    # PPC Q&A 17-14 (https://www.ppc.go.jp/all_faq_index/faq5-q17-14/): the means of decryption must be properly
    # managed; a key that may have leaked with the data, or an answer not yet known, is no exemption.
    d = det(cause="unauthorized_access", encryption=encryption, data=["card_number"])
    assert d.report_required is expected
    assert ("encryption" in d.unknown_facts) is (expected is MAYBE)


# ── 滅失: lost inside, a copy kept ─────────────────────────────────────────────────────────────────────
# 通則編 3-5-1-3 (TSUSOKU): 「事例2）個人データが記載又は記録された書類・媒体等を社内で紛失した場合（※2）」「なお、
# 上記の場合であっても、その内容と同じデータが他に保管されている場合は、滅失に該当しない。」「（※2）社外に流出した場合
# には、個人データの漏えいに該当する。」 7条1号: 「漏えい、滅失若しくは毀損（…「漏えい等」という。）」.

def test_patient_records_lost_inside_with_a_copy_are_no_loss():
    d = det(cause="loss", data=["name", "medical"], lost_inside=True, copy_kept=True)
    assert d.report_required is NO


def test_patient_records_lost_inside_without_a_copy_are_a_loss_of_sensitive_data():
    d = det(cause="loss", data=["name", "medical"], lost_inside=True, copy_kept=False)
    assert d.triggers == ["sensitive"] and d.report_required is YES and d.to_json()["final_days"] == 30


@pytest.mark.parametrize(("inside", "copy", "unknown"), [(True, ..., "copy_kept"), (..., True, "lost_inside")])
def test_a_loss_not_yet_placed_or_without_a_known_copy_stays_reportable(inside, copy, unknown):
    d = det(cause="loss", data=["name", "medical"], lost_inside=inside, copy_kept=copy)
    assert d.report_required is MAYBE and unknown in d.unknown_facts


def test_a_stolen_record_is_no_mere_loss_whatever_is_kept():
    # 3-5-3-1(3) 事例3: 「個人データが記載又は記録された書類・媒体等が盗難された場合」.
    d = det(cause="theft", lost_inside=True, copy_kept=True)
    assert d.report_required is YES and status(d, "wrongful_purpose") is YES


def test_a_public_bodys_my_numbers_lost_inside_with_a_copy():
    # 特定個人情報ガイドライン（行政機関等編）別添2 1B (BANGO_GYOSEI): 「…を当該行政機関等の内部で紛失した場合（※2）」
    # 「その内容と同じデータが他に保管されている場合は、滅失に該当しない。」 — for My Numbers. The 行政機関等編
    # guideline 5-4-1 lists 「紛失し、又は誤って廃棄した場合」 among 漏えい等 without that distinction, so the 68条
    # report stays, with the check that says why.
    d = det(organisation="public_body", role=..., cause="loss", data=["my_number"], my_number_system=False,
            lost_inside=True, copy_kept=True, affected_max=150)
    assert d.my_number is NO
    assert report(d, "public_body")["status"] == "yes"
    assert "public.check.not_a_leak" in [c.id for c in d.checks]


# ── Phishing: whose channel ─────────────────────────────────────────────────────────────────────────────
# PPC Q&A 6-6 (https://www.ppc.go.jp/all_faq_index/faq1-q6-6): 「本人が第三者に個人情報取扱事業者の取り扱う個人
# データと同じ内容の情報を詐取されたのみでは、…報告対象にならないと考えられます。」; Q&A 6-7② and 3-5-3-1(3) 事例7:
# a link on the business's own site or mail is its item (iii).

def test_phishing_whose_channel_is_unknown_is_treated_as_reportable():
    d = det(cause="phishing", own_channel=..., stored_data=..., data=["name", "payment_login"], affected_max=3000)
    assert d.report_required is MAYBE and d.to_json()["final_days"] == 60
    assert "own_channel" in d.unknown_facts
    assert "report:no" in dict(d.what_if["own_channel"])[False]


def test_a_phishing_site_is_still_reported_by_a_public_body():
    # Q&A 6-6 is the business Q&A; no public text applies it to 行政機関等 (法68条, 施行規則43条3号).
    d = det(organisation="public_body", role=..., cause="phishing", own_channel=False, data=["name"])
    assert d.report_required is YES


# ── A head count that crossed the line later ─────────────────────────────────────────────────────────────
# 通則編 3-5-3-1(4) (TSUSOKU): 「事態が発覚した当初1,000人以下であっても、その後1,000人を超えた場合には、1,000人を
# 超えた時点で規則第7条第4号に該当することになる。本人の数が確定できない漏えい等において、漏えい等が発生したおそれが
# ある個人データに係る本人の数が最大1,000人を超える場合には、規則第7条第4号に該当する。」

def test_a_head_count_date_before_awareness_counts_from_awareness():
    d = det(affected_max=1500, volume_aware_at="2026-11-19T09:00:00+09:00")
    assert report(d, "appi")["counted_from"] == "2026-11-20"


def test_a_later_head_count_date_is_not_used_while_the_count_is_unknown():
    # An unknown count may have been over the line from the start: the clock runs from awareness.
    d = det(affected_max=..., volume_aware_at="2026-11-27T09:00:00+09:00")
    assert report(d, "appi")["counted_from"] == "2026-11-20"
    assert d.to_json()["final_due"] == "2026-12-21"


def test_a_public_bodys_count_over_100_later():
    # 施行規則43条4号: 「保有個人情報に係る本人の数が百人を超える漏えい等」.
    d = det(organisation="public_body", role=..., affected_max=101, volume_aware_at="2026-11-24T09:00:00+09:00")
    assert report(d, "public_body")["counted_from"] == "2026-11-24"
    assert det(organisation="public_body", role=..., affected_max=100).report_required is NO


def test_the_head_count_question_asks_for_the_lowest_line_that_applies():
    # One answer serves every track: a business with My Numbers must give when the count may have passed 100
    # (番号法規則2条4号, 別添2 §3A(4): 「100人を超えた時点で規則第２条第4号に該当」), or its My Number report
    # would be counted from the later 1,000 crossing.
    question = bundled().question("volume_aware_at")
    assert "マイナンバーは100人" in question.text["ja"] and "別添2 §3A(4)" in question.help["ja"]
    assert "100 for a public body or My Numbers" in question.text["en"]


# ── 通信の秘密: asked, never inferred away ──────────────────────────────────────────────────────────────
# 電気通信事業法施行規則57条 (as quoted at https://www.dsk.or.jp/dskwiki/, e-Gov 360M50001000025): 「二 通信の秘密の
# 漏えい … 電気通信業務に関し通信の秘密の漏えいを知つた日から三十日以内」. The secrecy covers the content of
# communications, whatever kinds of personal data that content holds.

def test_leaked_mail_contents_of_any_kind_may_be_communications_secrecy():
    d = det(sectors=["telecom"], data=["name", "medical"], comms_secrecy=...)
    assert clocks(d)["telecom_secrecy"] is MAYBE and "comms_secrecy" in d.unknown_facts


def test_the_communications_secrecy_question_is_asked_of_every_carrier():
    from wizard.domain.facts import facts_from_mapping
    from wizard.domain.walk import asked_facts

    facts = facts_from_mapping({"aware_at": "2026-11-20T10:00:00+09:00", "organisation": "business",
                                "role": "controller", "data": ["name", "medical"], "affected_max": 3,
                                "cause": "malware", "encryption": "none", "sectors": ["telecom"]}, "test")
    assert "comms_secrecy" in asked_facts(bundled(), facts)


def test_a_carriers_own_staff_my_numbers_known_not_to_be_communications():
    d = det(sectors=["telecom"], data=["my_number", "employee_id"], comms_secrecy=False)
    assert "telecom_secrecy" not in clocks(d)


# 民法140条 (e-Gov 129AC0000000089): 「日、週、月又は年によって期間を定めたときは、期間の初日は、算入しない。」 — the
# statutes' reading. The PPC counts its own identically worded periods (施行規則8条2項 「当該事態を知った日から三十日
# 以内」) 「その時点を1日目とする」 (通則編 3-5-3-4), and no text says how the MIC counts: the earlier date is the
# deadline, marked "check this", with the later reading beside it.

def test_the_telecom_detailed_report_date_is_the_earlier_reading_to_check():
    d = det(sectors=["telecom"], data=["email"], aware_at="2026-11-04T10:00:00+09:00")
    entry = next(c for c in d.to_json()["clocks"] if c["id"] == "telecom_secrecy")
    assert entry["due"] == count_days(date(2026, 11, 4), 30).due.isoformat() == "2026-12-03"
    assert entry["confirmed"] is False
    ja, en = words(d), words(d, "en")
    assert "要確認" in ja and "2026-12-04" in ja
    assert "check this" in en and "2026-12-04" in en


def test_the_telecom_date_is_marked_check_this_in_every_view():
    from wizard.domain.deadlines import duties

    set_lang("ja")
    duty = next(x for x in duties(det(sectors=["telecom"], data=["email"])) if x.key == "clock.telecom_secrecy")
    assert duty.maybe and "30日以内・要確認" in duty.title


# ── Public bodies and processors ────────────────────────────────────────────────────────────────────────
# 法26条1項ただし書 (e-Gov 415AC0000000057): 「他の個人情報取扱事業者又は行政機関等から当該個人データの取扱いの全部又は
# 一部の委託を受けた場合であって、…当該他の個人情報取扱事業者又は行政機関等に通知したときは、この限りでない。」
# 法68条1項 has no such proviso.

def test_a_private_contractor_of_a_public_body_that_notified_it_is_released():
    d = det(role="processor", controller_notified=True, affected_max=5000, cause="unauthorized_access")
    assert d.report_required is NO and d.to_json()["released"] == ["appi"]
    assert d.route.route.route == "controller"


def test_a_public_body_has_no_processor_release():
    d = det(organisation="public_body", role="processor", controller_notified=True, affected_max=500)
    assert d.report_required is YES and d.to_json()["released"] == []
    assert "gdpr_processor" not in clocks(det(organisation="public_body", role="processor", eu_residents="yes"))


def test_a_public_bodys_preliminary_window_says_where_it_comes_from():
    # 特定個人情報ガイドライン（行政機関等編）別添2 §3D (BANGO_GYOSEI): 「行政機関等が当該事態を知った時点から概ね３日～
    # ５日以内」 — the only public text found with the public bodies' yardstick; 施行規則44条 itself was not read.
    text = words(det(organisation="public_body", role=..., affected_max=500))
    assert "別添2 §3D" in text and "施行規則44条" in text


# ── My Numbers: the 別添2 examples ─────────────────────────────────────────────────────────────────────
# 特定個人情報ガイドライン（事業者編）別添2 §3A(2) (BANGO_JIGYOSHA): 「業務に関係なく、マイナンバーを利用し、住所等を
# 検索・取得した場合」; §3E: 「30日以内（規則第２条第２号の事態においては60日以内。同号の事態に加え、同条第１号、
# 第３号又は第４号の事態にも該当する場合も60日以内。）」.

def test_staff_looking_up_my_numbers_for_their_own_ends():
    d = det(cause="insider_theft", data=["my_number", "address"], affected_max=3)
    assert d.my_number is YES and report(d, "my_number")["final_days"] == 60


def test_my_number_items_2_and_4_together_keep_60_days():
    d = det(cause="unauthorized_access", data=["my_number"], affected_max=5000)
    mine = report(d, "my_number")
    assert set(mine["triggers"]) >= {"mynumber.wrongful_purpose", "mynumber.volume"} and mine["final_days"] == 60


def test_my_numbers_used_as_customer_ids():
    # §3A(4): 「個人番号利用事務と関係のない顧客管理のためのＩＤとして利用していたマイナンバーの数が100人を超える場合」.
    assert det(cause="other", data=["my_number", "customer_id"], affected_max=101).my_number is YES
    assert det(cause="other", data=["my_number", "customer_id"], affected_max=100).my_number is NO


def test_below_the_thresholds_the_ppc_still_asks_for_a_report_as_an_effort():
    # §3B: 「報告対象事態に該当しない漏えい等事案においても、特定個人情報を取り扱う事業者は委員会に報告するよう努める」.
    d = det(cause="misdelivery", data=["my_number"], affected_max=5)
    assert d.my_number is NO and "委員会に報告するよう努める" in words(d)


@pytest.mark.parametrize(("viewable", "count", "expected"), [(False, 20, NO), (False, 150, YES), (True, 1, YES)])
def test_my_numbers_exposed_inside_or_outside(viewable, count, expected):
    # Q&A 17-10 (https://www.ppc.go.jp/all_faq_index/faq5-q17-10): 「「不特定多数の者」は、事業者…以外の者が前提」;
    # a count over 100 is item 4 however it was exposed.
    d = det(cause="misconfiguration", data=["my_number"], viewable_outside=viewable, affected_max=count)
    assert d.my_number is expected


# ── 金融分野 Q&A 4 ─────────────────────────────────────────────────────────────────────────────────────
# Q4-12 (https://www.ppc.go.jp/all_faq_index/faq2-q4-12/): sector-law reports cover any leak of individual customers'
# data, minor misdeliveries included; Q4-8 (https://www.ppc.go.jp/all_faq_index/faq2-q4-8/): My Numbers go to the PPC.

def test_a_bank_fax_to_the_wrong_number_is_a_sector_law_report_only():
    d = det(sectors=["finance"], cause="misdelivery", data=["name", "address"], affected_max=1)
    assert d.report_required is NO and clocks(d)["finance_sector"] is YES


def test_a_banks_my_numbers_go_to_the_ppc_and_its_appi_report_to_the_fsa():
    d = det(sectors=["finance"], cause="theft", data=["my_number", "name"], affected_max=20)
    routes = {r["track"]: r["route"] for r in d.to_json()["routes"]}
    assert routes == {"appi": "ministry", "my_number": "ppc"}


# ── 通則編 3-5-3-4: the worked deadlines ────────────────────────────────────────────────────────────────
# 「確報の報告期限（30日以内又は60日以内）の算定に当たっては、土日・祝日も含める。ただし、30日目又は60日目が土日、祝日
# 又は年末年始閉庁日（12月29日～1月3日）の場合は、その翌日を報告期限とする」; day 1 is the day of awareness.

@pytest.mark.parametrize(("aware", "changes", "due"), [
    ("2026-10-02T10:00:00+09:00", {"data": ["medical"]}, "2026-11-02"),  # day 30 Sat 10-31
    ("2025-11-30T10:00:00+09:00", {"data": ["medical"]}, "2026-01-05"),  # day 30 is 12-29: to 1/3, then Sun
    ("2027-03-04T10:00:00+09:00", {"cause": "unauthorized_access"}, "2027-05-06"),  # day 60 Sun 5-2, then 5/3–5/5
])
def test_the_guidelines_deadline_examples(aware, changes, due):
    assert det(aware_at=aware, **changes).to_json()["final_due"] == due


# ── What users read ─────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_cause_has_words_for_the_drafts(lang):
    # The PPC draft's 概要, the notice and the public notice say what happened in words, never a message key.
    set_lang(lang)
    try:
        for cause in FACTS["cause"].values:
            for family in ("export.cause", "export.reason"):
                assert t(f"{family}.{cause}") != f"{family}.{cause}", (lang, family, cause)
    finally:
        set_lang("ja")


def test_the_phishing_draft_does_not_assert_whose_account_was_stolen():
    # rouei's phishing covers people sent to a fake page (3-5-3-1(3) 事例7) as well as stolen staff logins: the draft
    # leaves the mechanism for the responder to fill in.
    set_lang("ja")
    assert "当社アカウントの不正利用" not in t("export.cause.phishing")
    assert "【" in t("export.reason.phishing")


def test_the_amendments_say_what_was_read_and_what_was_not():
    # The PPC outline of Act No. 56 of 2026 (260717_kaiseihounitsuite.pdf) was cited, not read; the Enforcement Rules'
    # 2026 amending text was not read either (their Arts. 7–10 are inferred unchanged from the guideline's quotes).
    amendments = {a.id: a for a in bundled().amendments}
    assert "確認できていません" in amendments["appi_r8_notice"].changes["ja"]
    assert "not read" in amendments["appi_r8_notice"].changes["en"]
    assert "改正規則の本文は確認できていません" in amendments["rules_r8_2"].changes["ja"]
    assert "附則1条" not in amendments["appi_r8_first_stage"].citation["ja"]
