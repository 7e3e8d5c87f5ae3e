"""Legal cases: the regulators' own worked examples and the rules of issue 21, each put to the engine.

Every case names the text it comes from — the clause and its public address — and quotes the words it
turns on. The facts not named in a case are those of `helpers.BASE`: a business, its own data, nothing
that triggers, and every fact a branch may ask answered with the reading that keeps every item in play.
"""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.explain import explain
from wizard.domain.flows import bundled
from wizard.domain.logic import Tri
from wizard.i18n import set_lang

from .helpers import det

TSUSOKU = "https://www.ppc.go.jp/personalinfo/legal/guidelines_tsusoku/"
BANGO_JIGYOSHA = "https://www.ppc.go.jp/legal/policy/my_number_guideline_jigyosha/"
BANGO_GYOSEI = "https://www.ppc.go.jp/legal/policy/my_number_guideline_gyosei/"
EUR_LEX = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"

YES, MAYBE, NO = Tri.YES, Tri.MAYBE, Tri.NO
SENSITIVE_HEALTH = ["name", "health_checkup"]


def status(d, trigger: str) -> Tri:
    return d.trigger_status.get(trigger, NO)


def clocks(d) -> dict[str, Tri]:
    return {c.clock.id: c.status for c in d.clocks if c.status.possible}


def text(d, lang: str = "ja") -> str:
    set_lang(lang)
    try:
        return " ".join(" ".join([line.text, *line.detail, *(s.title for s in line.sources),
                                  *(s.url or "" for s in line.sources)]) for s in explain(d) for line in s.lines)
    finally:
        set_lang("ja")


# ── Item 1: data taken before the business stored it counts only for 7条3号 ─────────────────────────────
# 通則編 3-5-1-1 (TSUSOKU): 「同条第3号に規定する「個人データ」には、「当該個人情報取扱事業者が取得し、又は取得
# しようとしている個人情報であって、個人データとして取り扱われることが予定されているもの」が含まれる。そのため、
# 同号に定める事態との関係では…」 — only item (iii) reaches information being acquired.

@pytest.mark.parametrize(("cause", "example"), [
    ("web_skimming", "3-5-3-1(3) 事例6: 入力ページが第三者に改ざんされ、ユーザーが入力した個人情報が当該第三者に送信された"),
    ("phishing", "3-5-3-1(3) 事例7: 入力ページに遷移するためのリンクやボタンが第三者に改ざんされ…偽の入力ページ"),
    ("fraud", "3-5-3-1(3) 事例8: 第三者により宛先の改ざんされた返信用封筒を顧客に送付した結果…"),
])
def test_information_being_acquired_is_item_iii_only(cause, example):
    d = det(cause=cause, stored_data=False, data=SENSITIVE_HEALTH + ["card_number"], affected_max=2400)
    assert (status(d, "wrongful_purpose"), status(d, "sensitive"), status(d, "financial"), status(d, "volume")) == \
        (YES, NO, NO, NO), example
    assert d.report_required is YES and d.notice_required is YES
    assert d.to_json()["final_days"] == 60  # 規則8条2項: 3号の事態は60日


def test_a_skimmed_health_questionnaire_is_not_stated_as_item_i():
    # The example: 「● 要配慮個人情報の漏えい等…（施行規則7条1号）」 for a skimmed health questionnaire.
    d = det(cause="web_skimming", stored_data=False, data=SENSITIVE_HEALTH, affected_max=40)
    assert d.triggers == ["wrongful_purpose"]
    assert "施行規則7条1号）" not in text(d)


def test_skimming_where_stored_data_may_be_taken_shows_items_i_ii_iv_as_may_apply():
    # Where the same data may also sit in the shop's database, items i, ii and iv "may apply", with the
    # question that settles it (the fact `stored_data`).
    d = det(cause="web_skimming", stored_data=..., data=["card_number", "name"], affected_max=2400)
    assert d.to_json()["certainty"]["triggers"] == {"financial": "maybe", "wrongful_purpose": "yes", "volume": "maybe"}
    assert d.unknown_facts == ("stored_data",)
    assert d.report_required is YES and d.to_json()["final_days"] == 60
    assert {"trigger_gone:financial", "trigger_gone:volume"} <= set(dict(d.what_if["stored_data"])[False])


def test_skimming_with_stored_data_taken_too_is_every_item():
    d = det(cause="web_skimming", stored_data=True, data=["card_number", "name"], affected_max=2400)
    assert d.to_json()["certainty"]["triggers"] == {"financial": "yes", "wrongful_purpose": "yes", "volume": "yes"}


def test_the_ppc_report_draft_states_which_items_apply_as_the_guideline_does():
    # 通則編 3-5-3-3 (TSUSOKU): 概要 includes 「規則第7条各号該当性」.
    from wizard.exports.ppc import _triggers

    class Ctx:
        pass
    ctx = Ctx()
    ctx.det = det(cause="web_skimming", stored_data=..., data=["card_number"], affected_max=2400)
    field = _triggers(ctx)
    lines = dict(line.split(": ", 1) for line in field.value.splitlines())
    assert lines == {
        "施行規則7条1号（要配慮個人情報）": "該当なし",
        "施行規則7条2号（財産的被害のおそれ）": "該当のおそれ",
        "施行規則7条3号（不正の目的）": "該当",
        "施行規則7条4号（本人の数が基準を超える）": "該当のおそれ",
    }


def test_public_bodies_item_iii_also_reaches_information_being_acquired():
    # 施行規則43条3号 (iuris.jp copy of e-Gov 428M60020000003): 「保有個人情報（当該行政機関の長等の属する行政機関等が
    # 取得し、又は取得しようとしている個人情報であって、保有個人情報として取り扱われることが予定されているものを
    # 含む。）」 — items 1, 2 and 4 carry no such words.
    d = det(organisation="public_body", role=..., cause="web_skimming", stored_data=False, data=SENSITIVE_HEALTH,
            affected_max=500)
    assert d.triggers == ["wrongful_purpose"]


def test_my_numbers_typed_into_a_skimmed_form_are_not_yet_in_a_my_number_file():
    # 番号法29条の4第1項 (e-Gov 425AC0000000027): 「特定個人情報ファイルに記録された特定個人情報の漏えい…」.
    d = det(cause="web_skimming", stored_data=False, data=["my_number", "name"], affected_max=500)
    assert d.my_number is NO
    assert d.triggers == ["wrongful_purpose"]  # the APPI item (iii) still holds


def test_fraud_on_information_being_acquired_before_2024_04_01_was_not_item_iii():
    # 施行規則7条3号の括弧書 (令和5年個人情報保護委員会規則第5号) in force from 2024-04-01.
    before = det(cause="fraud", stored_data=False, aware_at="2024-03-29T10:00:00+09:00")
    after = det(cause="fraud", stored_data=False, aware_at="2024-04-01T10:00:00+09:00")
    assert before.report_required is NO and after.report_required is YES


# ── Item 2: a GDPR processor notifies its controller ──────────────────────────────────────────────────
# Regulation (EU) 2016/679 Art. 33(2) (EUR_LEX): "The processor shall notify the controller without undue
# delay after becoming aware of a personal data breach." The 72 hours of Art. 33(1) are the controller's.

def test_a_gdpr_processor_has_no_72_hour_clock_but_notifies_its_controller():
    d = det(role="processor", controller_notified=False, eu_residents="yes")
    assert "gdpr_72h" not in clocks(d)
    assert clocks(d)["gdpr_processor"] is YES
    assert next(c for c in d.to_json()["clocks"] if c["id"] == "gdpr_processor")["due"] is None  # without undue delay
    assert "without undue delay" in text(d, "en") and EUR_LEX in text(d, "en")


def test_a_gdpr_controller_keeps_the_72_hours_and_an_unknown_role_shows_both():
    assert clocks(det(eu_residents="yes"))["gdpr_72h"] is YES
    unsure = clocks(det(role=..., eu_residents="yes"))
    assert (unsure["gdpr_72h"], unsure["gdpr_processor"]) == (MAYBE, MAYBE)


def test_a_public_body_is_never_shown_the_processor_path():
    assert "gdpr_processor" not in clocks(det(organisation="public_body", role=..., eu_residents="yes"))


# ── Item 3: the telecom report is for 通信の秘密 only ──────────────────────────────────────────────────
# 電気通信事業法施行規則57条 (as quoted at https://www.dsk.or.jp/dskwiki/, e-Gov 360M50001000025): 「通信の秘密の
# 漏えい 様式第五十の二 電気通信業務に関し通信の秘密の漏えいを知つた日から三十日以内」; MIC
# (https://www.soumu.go.jp/main_sosiki/joho_tsusin/d_syohi/rouei_houkoku.html): 「電気通信事業者が通信の秘密の
# 漏えい事案を発生させた際には…報告をすることが義務付けられています」.

@pytest.mark.parametrize(("data", "case"), [
    (["name", "address"], "a misdirected contract letter: name and address only"),
    (["my_number", "employee_id", "name"], "a carrier's own employees' My Numbers"),
])
def test_data_known_not_to_be_communications_secrecy_needs_no_telecom_report(data, case):
    # The kinds of data do not settle it (a leaked mail or message can hold any kind): the fact is asked, the
    # report "may apply" until it is known, and is not shown once the answer is no.
    assert clocks(det(sectors=["telecom"], data=data, comms_secrecy=...))["telecom_secrecy"] is MAYBE, case
    assert "comms_secrecy" in det(sectors=["telecom"], data=data, comms_secrecy=...).unknown_facts
    assert "telecom_secrecy" not in clocks(det(sectors=["telecom"], data=data, comms_secrecy=False)), case


def test_the_telecom_report_may_apply_until_the_fact_is_known():
    assert clocks(det(sectors=["telecom"], data=["email", "other"], comms_secrecy=...))["telecom_secrecy"] is MAYBE
    assert "telecom_secrecy" not in clocks(det(sectors=["telecom"], data=["email", "other"], comms_secrecy=False))
    assert clocks(det(sectors=["telecom"], data=["email", "other"], comms_secrecy=True))["telecom_secrecy"] is YES


# ── Item 6: the telecom 詳報 is counted as its law counts ────────────────────────────────────────────────
# 「知つた日から三十日以内」 has no counting rule of its own, so 民法140条 (e-Gov 129AC0000000089) applies: 「日、週、月
# 又は年によって期間を定めたときは、期間の初日は、算入しない。ただし、その期間が午前零時から始まるときは、この限りで
# ない。」; and 行政機関の休日に関する法律2条 (e-Gov 363AC0000000091): 「…行政機関の休日に当たるときは、行政機関の
# 休日の翌日をもつてその期限とみなす。」

@pytest.mark.parametrize(("aware", "due", "civil"), [
    ("2026-12-02T10:00:00+09:00", date(2027, 1, 4), None),  # day 30 is 12-31 (closed to 1/3): not 2026-12-31
    ("2026-11-04T10:00:00+09:00", date(2026, 12, 3), date(2026, 12, 4)),  # 民法140条: day 1 is 11-05, day 30 Fri 12-04
    ("2026-11-04T00:00:00+09:00", date(2026, 12, 3), None),  # awareness at 00:00: that day is day 1 either way
    ("2026-10-02T15:00:00+09:00", date(2026, 11, 2), None),  # day 30 is Sat 10-31 (or Sun 11-01): moved to Mon 11-02
])
def test_the_telecom_detailed_report_date(aware, due, civil):
    # No counting rule in the text: the earlier of the two readings (the PPC's day 1 for its identically worded
    # 施行規則8条2項, 通則編 3-5-3-4 「その時点を1日目とする」; 民法140条) is the deadline, marked "check this", the
    # later one beside it; both moved off closed days.
    d = det(sectors=["telecom"], data=["email"], aware_at=aware)
    clock = next(c for c in d.clocks if c.clock.id == "telecom_secrecy")
    assert clock.due == due and clock.later_reading == civil and not clock.confirmed
    assert clock.due.weekday() < 5 and not (clock.due.month == 12 and clock.due.day >= 29)


def test_the_telecom_count_is_explained_with_its_law():
    d = det(sectors=["telecom"], data=["email"], aware_at="2026-12-02T10:00:00+09:00")
    words = text(d)
    assert "民法140条" in words and "2027-01-04" in words and "行政機関の休日に関する法律2条" in words


# ── Item 4: public bodies see the public bodies' texts ──────────────────────────────────────────────────

def test_public_bodies_my_number_deadlines_cite_the_guideline_for_public_bodies():
    # 特定個人情報ガイドライン（行政機関等編）別添2 §3E (BANGO_GYOSEI): 「30日以内（規則第２条第２号の事態においては
    # 60日以内…）」, the same period as the business edition, cited from the edition for public bodies.
    d = det(organisation="public_body", role=..., data=["my_number"], cause="theft", my_number_system=...)
    mine = next(t for t in d.tracks if t.track.id == "my_number")
    urls = {s.url for s in mine.track.sources} | {s.url for f in mine.triggers for s in f.rule.sources}
    assert BANGO_GYOSEI in urls and BANGO_JIGYOSHA not in urls
    assert "（事業者編）" not in text(d)


def test_businesses_my_number_deadlines_cite_the_guideline_for_businesses():
    d = det(data=["my_number"], cause="theft")
    mine = next(t for t in d.tracks if t.track.id == "my_number")
    urls = {s.url for s in mine.track.sources} | {s.url for f in mine.triggers for s in f.rule.sources}
    assert BANGO_JIGYOSHA in urls and BANGO_GYOSEI not in urls


def test_public_bodies_are_not_told_that_article_26_applies():
    # A public body's duty is 法68条 (e-Gov 415AC0000000057): 「行政機関の長等は、…個人情報保護委員会に報告しなければ
    # ならない。」; 「現行の26条が適用されます」 is a business's sentence.
    # The 26条 amendment (令和8年法律第56号) is shown to a business, and not to a public body.
    public, business = text(det(organisation="public_body", role=..., affected_max=500)), text(det(affected_max=5000))
    assert "現行の26条が適用されます" not in public and "本人への通知義務を緩和する（26条2項）" not in public
    assert "本人への通知義務を緩和する（26条2項）" in business


# ── Item 5: the public bodies' 確報 period is "check this" ──────────────────────────────────────────────
# 特定個人情報ガイドライン（行政機関等編）第4-6 F a (BANGO_GYOSEI): 「行政機関の長等は、…個人情報保護法施行規則第43条
# で定めるものが生じたときは、個人情報保護法施行規則第44条で定めるところにより、当該事態が生じた旨を個人情報保護
# 委員会に報告しなければならない。」 — the period itself is in 施行規則44条, not read.

def test_a_public_bodys_final_report_date_is_check_this():
    d = det(organisation="public_body", role=..., cause="unauthorized_access")
    report = d.to_json()["reports"][0]
    assert (report["track"], report["final_days"], report["final_confirmed"]) == ("public_body", 30, False)
    deadlines = next(s for s in explain(d) if s.key == "deadlines")
    final = deadlines.lines[-1]
    assert final.status == "maybe" and "施行規則44条" in " ".join(final.detail)


def test_the_screen_marks_a_public_bodys_final_date_as_check_this():
    from wizard.domain.deadlines import duties

    final = [x for x in duties(det(organisation="public_body", role=..., affected_max=500)) if x.key.startswith("final.")]
    assert [(x.title, x.maybe) for x in final] == [("確報 期限（30日以内・要確認）", True)]


def test_a_public_bodys_unconfirmed_date_never_heads_a_sourced_one():
    d = det(organisation="public_body", role=..., cause="theft", data=["my_number"], my_number_system=...)
    reports = {r["track"]: r for r in d.to_json()["reports"]}
    assert d.to_json()["final_due"] == reports["my_number"]["final_due"]  # 番号法規則3条2項: sourced, 60 days
    assert reports["public_body"]["final_due"] < reports["my_number"]["final_due"]  # still shown, as check this


# ── Item 6: public sources, addressed properly ──────────────────────────────────────────────────────────

def test_gdpr_sources_are_eur_lex_and_no_blog():
    flows = bundled()
    for clock in flows.clocks:
        for source in clock.sources:
            assert "gdpr.eu" not in (source.url or "") and "legiscope" not in (source.url or "")
    gdpr = [s for c in flows.clocks if c.id.startswith("gdpr") for s in c.sources]
    assert gdpr and all(s.url == EUR_LEX and "EUR-Lex" in s.title for s in gdpr)


def test_the_mhlw_report_cites_the_notice_it_rests_on():
    # 「医療機関等におけるサイバーセキュリティ対策の強化について」（平成30年10月29日 医政総発1029第1号ほか）, outline in
    # MHLW material 入-4 (https://www.mhlw.go.jp/stf/shingi2/0000183658_00030.html): 「個人情報の漏洩や医療提供体制に
    # 支障が生じる又はそのおそれがあると判断された場合、速やかに当該医療機関等から厚生労働省医療情報技術推進室に連絡」.
    flows = bundled()
    clock = next(c for c in flows.clocks if c.id == "medical_mhlw")
    contact = next(c for c in flows.contacts if c.id == "mhlw_medical")
    for entry in (clock, contact):
        assert any("医政総発1029第1号" in s.title and s.url for s in entry.sources)


# ── Item 7: the facts the PPC's examples turn on ────────────────────────────────────────────────────────
# 通則編 3-5-1-3 (TSUSOKU): 「事例2）個人データが記載又は記録された書類・媒体等を社内で紛失した場合（※2）…なお、
# 上記の場合であっても、その内容と同じデータが他に保管されている場合は、滅失に該当しない。」「（※2）社外に流出した
# 場合には、個人データの漏えいに該当する。」

def test_records_mislaid_inside_the_office_with_a_backup_are_no_leak_and_no_loss():
    d = det(cause="loss", affected_max=1500, lost_inside=True, copy_kept=True)
    assert d.report_required is NO and d.notice_required is NO
    assert [e.id for e in d.tracks[0].exemptions] == ["appi.lost_inside_copy"]


def test_records_mislaid_inside_without_a_copy_are_a_loss_still_counted():
    # 7条4号: 「本人の数が千人を超える漏えい等」 — 漏えい等 includes 滅失 (7条1号: 「漏えい、滅失若しくは毀損（…「漏えい等」…）」).
    assert det(cause="loss", affected_max=1500, lost_inside=True, copy_kept=False).triggers == ["volume"]


def test_a_loss_whose_place_is_unknown_stays_a_possible_leak():
    d = det(cause="loss", affected_max=1500, lost_inside=..., copy_kept=...)
    assert d.report_required is MAYBE
    assert set(d.unknown_facts) == {"lost_inside", "copy_kept"}


def test_a_usb_stick_of_patients_lost_outside_is_item_i():
    # 3-5-3-1(1) 事例1: 「病院における患者の診療情報や調剤情報を含む個人データを記録したUSBメモリーを紛失した場合」.
    d = det(cause="loss", data=["name", "medical"], affected_max=30, lost_inside=False)
    assert d.triggers == ["sensitive"] and d.report_required is YES


def test_my_number_records_mislaid_inside_with_a_copy():
    # 特定個人情報ガイドライン 別添2 1B (BANGO_JIGYOSHA, BANGO_GYOSEI): 「その内容と同じデータが他に保管されている場合は、
    # 滅失に該当しない。」
    d = det(cause="loss", data=["my_number"], affected_max=300, lost_inside=True, copy_kept=True)
    assert d.my_number is NO and d.report_required is NO


# Q&A 6-6 (https://www.ppc.go.jp/all_faq_index/faq1-q6-6): 「本人が第三者に個人情報取扱事業者の取り扱う個人データと
# 同じ内容の情報を詐取されたのみでは、第三者に当該個人情報取扱事業者の取り扱う個人データが漏えいしていないことから、
# 当該個人情報取扱事業者による報告対象にならないと考えられます。」

def test_a_phishing_site_the_business_does_not_run_is_not_its_leak():
    d = det(cause="phishing", own_channel=False, data=["login_id", "payment_login"], affected_max=3000)
    assert d.report_required is NO
    assert [e.id for e in d.tracks[0].exemptions] == ["appi.not_own_channel"]


def test_a_tampered_link_on_the_business_site_is_its_item_iii():
    # Q&A 6-7② (https://www.ppc.go.jp/all_faq_index/faq1-q6-7_) and 3-5-3-1(3) 事例7.
    d = det(cause="phishing", own_channel=True, stored_data=False, data=["name", "card_number"])
    assert d.triggers == ["wrongful_purpose"] and d.to_json()["final_days"] == 60


def test_phished_logins_used_on_the_real_service_reach_stored_data():
    d = det(cause="phishing", own_channel=True, stored_data=True, data=["name", "card_number"])
    assert set(d.triggers) == {"financial", "wrongful_purpose"}


def test_my_numbers_typed_into_a_phishing_site():
    # Q&A 17-7 (特定個人情報ガイドライン（事業者編）Q&A, as quoted at https://henmi-adm.jp/news/3212.html): 「本人が
    # 第三者に…特定個人情報と同じ内容の特定個人情報を詐取されたのみでは、個人番号利用事務等実施者から第三者に…漏えい
    # していないことから、…報告対象にならないと考えられます。」
    d = det(cause="phishing", own_channel=False, data=["my_number"], affected_max=300)
    assert d.my_number is NO and d.report_required is NO


def test_non_web_fraud_is_a_wrongful_act():
    # 3-5-3-1(3) 事例8: 宛先の改ざんされた返信用封筒 — a wrongful act with no cyber cause: item (iii), 60 days.
    d = det(cause="fraud", stored_data=False, data=["name", "address"], affected_max=12)
    assert d.triggers == ["wrongful_purpose"] and d.to_json()["final_days"] == 60
    assert "medical_mhlw" not in clocks(det(cause="fraud", sectors=["medical"], stored_data=False))  # not a cyber attack


# 3-5-3-1(4) (TSUSOKU): 「事態が発覚した当初1,000人以下であっても、その後1,000人を超えた場合には、1,000人を超えた時点で
# 規則第7条第4号に該当することになる。」; 番号 別添2 §3A(4): 「…100人を超えた時点で規則第２条第4号に該当…」.

def test_a_head_count_that_crossed_the_line_later_starts_the_clock_then():
    d = det(affected_max=1500, volume_aware_at="2026-11-27T09:00:00+09:00")
    report = d.to_json()["reports"][0]
    assert report["counted_from"] == "2026-11-27"
    assert d.to_json()["preliminary_due"] == "2026-12-02"  # 11-27 + 5 days
    assert d.to_json()["final_due"] == "2026-12-28"  # day 30 is Sat 12-26: Mon 12-28
    assert "2026-11-27" in text(d) and "3-5-3-1(4)" in text(d)


def test_a_later_head_count_does_not_move_a_clock_another_item_started():
    d = det(affected_max=1500, volume_aware_at="2026-11-27T09:00:00+09:00", data=SENSITIVE_HEALTH)
    assert d.to_json()["reports"][0]["counted_from"] == "2026-11-20"
    assert det(affected_max=1500, volume_aware_at=...).to_json()["reports"][0]["counted_from"] == "2026-11-20"


def test_a_my_number_count_that_crossed_100_later():
    d = det(data=["my_number"], affected_max=150, volume_aware_at="2026-11-25T09:00:00+09:00")
    report = next(r for r in d.to_json()["reports"] if r["track"] == "my_number")
    assert report["counted_from"] == "2026-11-25"


# Q&A 17-10 (https://www.ppc.go.jp/all_faq_index/faq5-q17-10): 「「不特定多数の者」は、事業者(委託先で特定個人情報を
# 取り扱う従業者を含む。)以外の者が前提ですので…」

@pytest.mark.parametrize(("viewable", "expected"), [(True, YES), (False, NO), (..., MAYBE)])
def test_my_numbers_viewable_by_outsiders_or_only_inside(viewable, expected):
    d = det(cause="misconfiguration", data=["my_number"], affected_max=20, viewable_outside=viewable)
    assert d.my_number is expected


# 番号法規則2条1号 (as quoted in 別添2 §3A(1)): 「ロ 個人番号利用事務実施者が個人番号利用事務を処理するために使用する
# 情報システムにおいて管理される特定個人情報」.

@pytest.mark.parametrize(("system", "expected"), [(True, YES), (False, NO), (..., MAYBE)])
def test_my_numbers_in_the_systems_of_rule_2_item_1(system, expected):
    d = det(data=["my_number"], affected_max=1, my_number_system=system)
    assert d.my_number is expected


def test_my_number_examples_of_item_4():
    # 別添2 §3A(4): 「マイナンバー部分にマスキング処理することを失念して、特定個人情報を取り扱わない委託事業者等に提供
    # した特定個人情報に係る本人の数が100人を超える場合」.
    assert det(cause="misdelivery", data=["my_number"], affected_max=101).triggers == ["my_number_volume"]
    assert det(cause="misdelivery", data=["my_number"], affected_max=100).my_number is NO


def test_customer_only_finance_data():
    # 金融分野Q&A Q4-12 (https://www.ppc.go.jp/all_faq_index/faq2-q4-12/): the sector-law report is for
    # 「個人顧客に関する個人データ」.
    assert "finance_sector" not in clocks(det(sectors=["finance"], individual_customers=False))
    assert clocks(det(sectors=["finance"], individual_customers=...))["finance_sector"] is MAYBE
    assert clocks(det(sectors=["finance"]))["finance_sector"] is YES


def test_bodies_under_article_58_are_told_they_follow_the_business_rules():
    # 法58条2項 and 125条1項 (e-Gov 415AC0000000057): a local-government body's hospital, clinic or university
    # work is handled as a 個人情報取扱事業者's, and 第5章 (incl. 68条) does not apply to it.
    question = bundled().question("organisation")
    assert "法58条" in question.help["ja"] and "法125条" in question.help["ja"]


# ── The rest of the worked examples that decide report or not ───────────────────────────────────────────

@pytest.mark.parametrize(("changes", "trigger", "example"), [
    ({"data": ["name", "health_checkup"]}, "sensitive", "3-5-3-1(1) 事例2: 従業員の健康診断等の結果"),
    ({"data": ["name", "card_number"]}, "financial", "3-5-3-1(2) 事例1: ECサイトからクレジットカード番号"),
    ({"data": ["payment_login"]}, "financial", "3-5-3-1(2) 事例2: 送金や決済機能のあるウェブサービスのログインIDとパスワード"),
    ({"cause": "unauthorized_access"}, "wrongful_purpose", "3-5-3-1(3) 事例1: 不正アクセス"),
    ({"cause": "ransomware"}, "wrongful_purpose", "3-5-3-1(3) 事例2: ランサムウェア等により…暗号化され、復元できなくなった"),
    ({"cause": "theft"}, "wrongful_purpose", "3-5-3-1(3) 事例3: 書類・媒体等が盗難"),
    ({"cause": "insider_theft"}, "wrongful_purpose", "3-5-3-1(3) 事例4: 従業者が顧客の個人データを不正に持ち出して"),
    ({"cause": "malware"}, "wrongful_purpose", "3-5-3-1(3) 事例5: 情報を窃取するマルウェアに感染"),
    ({"cause": "misconfiguration", "affected_max": 1001}, "volume", "3-5-3-1(4) 事例: 設定ミス…1,000人を超える"),
])
def test_the_guidelines_reportable_examples(changes, trigger, example):
    d = det(**changes)
    assert status(d, trigger) is YES and d.report_required is YES, example


@pytest.mark.parametrize(("changes", "example"), [
    ({"data": ["address", "phone", "email"]}, "Q&A 6-11: 住所、電話番号、メールアドレス、SNSアカウントといった個人データのみ"),
    ({"data": ["card_last4"]}, "Q&A 6-12: 下4桁のみとその有効期限の組合せ"),
    ({"recovered_unviewed": True, "data": ["medical"]}, "Q&A 6-1 事例1: 誤送信…閲覧していないことが確認された"),
])
def test_the_guidelines_examples_that_are_not_reportable(changes, example):
    assert det(**changes).report_required is NO, example


def test_a_backup_does_not_excuse_ransomware():
    # 3-5-1-4: with the same data kept elsewhere there is no 毀損, but 「同時に個人データが窃取された場合には、個人データ
    # の漏えいにも該当する」 and ※4 lists the signs of a possible leak; rouei keeps the report and says so.
    d = det(cause="ransomware")
    assert d.report_required is YES and "appi.check.ransomware_copy" in [c.id for c in d.checks]
