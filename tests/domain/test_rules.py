"""Every rule, with cases taken from the fact sheets' examples."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.logic import Tri
from wizard.errors import RoueiError

from .helpers import det


def test_baseline_nothing_triggers():
    d = det()
    assert d.report_required is Tri.NO
    assert d.notice_required is Tri.NO
    assert d.triggers == []
    assert d.unknown_facts == ()
    j = d.to_json()
    assert j["preliminary_due"] is None and j["final_due"] is None and j["final_days"] is None


@pytest.mark.parametrize("kind", ["medical", "health_checkup", "disability", "criminal_record", "race",
                                  "creed", "social_status", "crime_victim", "criminal_procedure",
                                  "juvenile_procedure"])
def test_sensitive_data_of_one_person_is_reportable(kind):
    d = det(data=["name", kind], affected_max=1)
    assert d.report_required is Tri.YES
    assert d.triggers == ["sensitive"]
    assert d.notice_required is Tri.YES


def test_card_number_alone_is_financial_harm():
    d = det(data=["card_number"], affected_max=1)
    assert "financial" in d.triggers
    assert [c["id"] for c in d.to_json()["clocks"]] == ["card_acquirer"]


def test_card_last4_and_expiry_alone_is_not_financial_but_is_flagged():
    d = det(data=["card_last4"])
    assert d.report_required is Tri.NO
    assert "appi.check.card_last4" in [c.id for c in d.checks]


@pytest.mark.parametrize("login", ["bank_login", "payment_login"])
def test_logins_with_payment_functions_are_financial(login):
    assert det(data=[login]).triggers == ["financial"]


def test_login_without_payment_is_check_this_not_a_trigger():
    d = det(data=["login_id", "login_password"])
    assert d.triggers == []
    assert "appi.check.login_password" in [c.id for c in d.checks]


@pytest.mark.parametrize("cause", ["unauthorized_access", "theft", "ransomware", "insider_theft", "malware"])
def test_wrongful_purpose_gives_60_days(cause):
    d = det(cause=cause, affected_max=1)
    assert d.triggers == ["wrongful_purpose"]
    assert d.to_json()["final_days"] == 60


def test_wrongful_purpose_plus_volume_is_still_60_days():
    d = det(cause="unauthorized_access", affected_max=5000)
    assert d.triggers == ["wrongful_purpose", "volume"]
    assert d.to_json()["final_days"] == 60


def test_unknown_cause_with_another_item_keeps_30_days():
    d = det(cause=..., affected_max=5000)
    assert d.report_required is Tri.YES
    assert d.to_json()["final_days"] == 30
    assert "cause" in d.unknown_facts
    assert d.deciding.long_pending


def test_unknown_cause_alone_is_60_days_since_a_report_is_due_only_for_item_iii():
    d = det(cause=...)
    assert d.report_required is Tri.MAYBE
    assert d.to_json()["final_days"] == 60
    assert not d.deciding.long_pending


def test_web_skimming_counts_from_2024_04_01_only():
    after = det(cause="web_skimming", aware_at="2024-04-01T09:00:00+09:00")
    before = det(cause="web_skimming", aware_at="2024-03-31T09:00:00+09:00")
    assert after.triggers == ["wrongful_purpose"]
    assert before.triggers == []
    assert [t.id for t in before.not_yet_in_force] == ["appi.wrongful_purpose_acquiring"]


@pytest.mark.parametrize(("count", "expected"), [(1000, Tri.NO), (1001, Tri.YES)])
def test_business_volume_line_is_more_than_1000(count, expected):
    assert det(affected_max=count).report_required is expected


@pytest.mark.parametrize(("count", "expected"), [(100, Tri.NO), (101, Tri.YES)])
def test_public_body_volume_line_is_more_than_100(count, expected):
    d = det(organisation="public_body", role=..., affected_max=count)
    assert d.report_required is expected
    if expected is Tri.YES:
        assert d.triggers == ["volume"]
        assert d.required_tracks[0].track.id == "public_body"


def test_public_body_always_30_days_until_article_44_is_confirmed():
    d = det(organisation="public_body", role=..., cause="unauthorized_access")
    assert d.triggers == ["wrongful_purpose"]
    assert d.to_json()["final_days"] == 30


def test_ordinance_sensitive_triggers_only_for_public_bodies():
    assert det(organisation="public_body", role=..., data=["ordinance_sensitive"]).triggers == ["ordinance_sensitive"]
    assert det(data=["ordinance_sensitive"]).triggers == []


def test_strong_encryption_with_key_safe_removes_sensitive():
    assert det(data=["medical"], encryption="high").report_required is Tri.NO


def test_encryption_with_key_exposed_keeps_sensitive():
    assert det(data=["medical"], encryption="high_key_exposed").triggers == ["sensitive"]


def test_unknown_encryption_keeps_sensitive_as_maybe():
    d = det(data=["medical"], encryption=...)
    assert d.report_required is Tri.MAYBE
    assert d.unknown_facts == ("encryption",)


@pytest.mark.parametrize("changes", [
    {"affected_max": 50000, "cause": "loss"},                      # a lost laptop with 50,000 customers
    {"data": ["card_number"], "cause": "loss"},                     # card numbers (item ii)
    {"cause": "unauthorized_access", "affected_max": 5000},         # an attack (item iii) and item iv
    {"data": ["medical", "card_number"], "cause": "theft", "affected_max": 50000},  # every item at once
])
def test_strong_encryption_with_key_safe_removes_every_item_of_article_7(changes):
    d = det(encryption="high", **changes)
    assert d.report_required is Tri.NO and d.notice_required is Tri.NO
    assert d.triggers == []
    assert [e.id for e in d.tracks[0].exemptions] == ["appi.encrypted"]
    assert "appi.check.encryption_scope" not in [c.id for c in d.checks]


def test_key_possibly_exposed_keeps_report_and_notice_for_the_lost_laptop():
    d = det(affected_max=50000, cause="loss", encryption="high_key_exposed")
    assert d.report_required is Tri.YES and d.notice_required is Tri.YES
    assert d.triggers == ["volume"]


def test_encryption_does_not_excuse_web_skimming():
    d = det(cause="web_skimming", encryption="high")
    assert d.triggers == ["wrongful_purpose"]


@pytest.mark.parametrize("data", [["name"], ["medical"], ["card_number"]])
def test_unknown_encryption_in_an_attack_keeps_60_days(data):
    # Every case with a report due is an item (iii) case: with the key safe no report is due at all.
    d = det(cause="ransomware", encryption=..., affected_max=5000, data=data)
    assert d.report_required is Tri.MAYBE
    assert d.to_json()["final_days"] == 60
    assert "encryption" in d.unknown_facts


def test_unknown_encryption_for_a_lost_tablet_with_card_numbers_is_named():
    d = det(cause="loss", encryption=..., data=["card_number"])
    assert d.report_required is Tri.MAYBE
    assert d.unknown_facts == ("encryption",)
    assert d.to_json()["final_days"] == 30
    assert "report:no" in dict(d.what_if["encryption"])["high"]


def test_my_number_attack_with_unknown_encryption_keeps_60_days():
    d = det(data=["my_number"], cause="ransomware", encryption=...)
    reports = {r["track"]: r for r in d.to_json()["reports"]}
    assert reports["my_number"]["final_days"] == 60
    assert d.my_number is Tri.MAYBE


def test_strong_encryption_removes_my_number_items():
    assert det(data=["my_number"], cause="theft", affected_max=500, encryption="high").my_number is Tri.NO


def test_encryption_exemption_covers_every_public_body_item():
    d = det(organisation="public_body", role=..., affected_max=5000, data=["medical"], encryption="high")
    assert d.report_required is Tri.NO


def test_misdelivery_recovered_unread_is_not_a_leak():
    d = det(data=["medical"], recovered_unviewed=True)
    assert d.report_required is Tri.NO
    assert d.tracks[0].exempt is Tri.YES


def test_recovered_does_not_excuse_an_attack():
    d = det(data=["medical"], cause="unauthorized_access", recovered_unviewed=True)
    assert d.report_required is Tri.YES


def test_processor_that_notified_the_controller_has_no_report_or_notice_of_its_own():
    d = det(role="processor", controller_notified=True, data=["medical"], affected_max=5000)
    j = d.to_json()
    assert (j["report_required"], j["notice_required"], j["route"]) == (False, False, "controller")
    assert j["preliminary_due"] is None and j["final_due"] is None and j["final_days"] is None
    assert j["released"] == ["appi"]
    assert [c["id"] for c in j["clocks"]] == []
    steps = [i.id for i, _ in d.checklist]
    assert not {"preliminary_report", "final_report", "notify_individuals", "notify_controller"} & set(steps)
    assert "support_controller" in steps


def test_processor_that_notified_under_the_my_number_act():
    d = det(role="processor", controller_notified=True, data=["my_number"], cause="theft", affected_max=500)
    j = d.to_json()
    assert (j["report_required"], j["my_number_report_required"], j["route"]) == (False, False, "controller")
    assert set(j["released"]) == {"appi", "my_number"}


def test_processor_that_has_not_notified_yet():
    d = det(role="processor", controller_notified=False, data=["medical"])
    assert d.route.route.route == "controller"
    assert d.notice_required is Tri.YES
    assert "notify_controller" in [i.id for i, _ in d.checklist]
    assert "controller_notice" in [c["id"] for c in d.to_json()["clocks"]]


def test_processor_whose_notice_is_unknown_keeps_its_own_duty():
    d = det(role="processor", controller_notified=..., data=["medical"])
    assert d.report_required is Tri.MAYBE and d.notice_required is Tri.MAYBE
    assert "controller_notified" in d.unknown_facts
    assert "controller_notice" in [c["id"] for c in d.to_json()["clocks"]]


def test_unknown_role_reports_to_ppc_and_shows_the_processor_path():
    d = det(role=..., data=["medical"])
    assert d.route.route.route == "ppc"
    assert [r.route for r in d.route.maybe] == ["controller"]


@pytest.mark.parametrize(("sector", "route"), [("finance", "ministry"), ("telecom", "ministry"),
                                                ("medical", "ppc"), ("credit", "ppc")])
def test_sector_routes(sector, route):
    d = det(sectors=[sector], data=["medical"])
    assert d.route.route.route == route


@pytest.mark.parametrize("sector", ["finance", "telecom"])
def test_my_number_only_in_a_delegated_sector_goes_to_the_ppc(sector):
    d = det(sectors=[sector], data=["name", "my_number"], affected_max=500)
    j = d.to_json()
    assert j["report_required"] and j["my_number_report_required"]
    assert j["route"] == "ppc"
    assert j["routes"] == [{"track": "my_number", "route": "ppc"}]


def test_appi_and_my_number_in_finance_show_both_routes():
    d = det(sectors=["finance"], data=["medical", "my_number"], affected_max=500)
    assert d.to_json()["routes"] == [{"track": "appi", "route": "ministry"}, {"track": "my_number", "route": "ppc"}]
    assert d.route.route.route == "ministry"


def test_finance_sector_report_applies_to_any_leak():
    d = det(sectors=["finance"])
    assert d.report_required is Tri.NO
    assert [c["id"] for c in d.to_json()["clocks"]] == ["finance_sector"]


def test_my_number_payroll_below_thresholds_is_not_reportable_under_the_act():
    d = det(data=["name", "my_number"], affected_max=100)  # my_number_system=False: a private payroll
    assert d.my_number is Tri.NO
    unsure = det(data=["name", "my_number"], affected_max=100, my_number_system=...)
    assert unsure.my_number is Tri.MAYBE and unsure.unknown_facts == ("my_number_system",)
    assert "mynumber.check.use_systems" in [c.id for c in unsure.checks]


def test_my_number_over_100_people():
    d = det(data=["my_number"], affected_max=101)
    assert d.my_number is Tri.YES
    assert d.report_required is Tri.YES
    assert d.triggers == ["my_number_volume"]


def test_my_number_theft_is_60_days_and_both_acts_apply():
    d = det(data=["my_number"], cause="theft", affected_max=3)
    assert d.my_number is Tri.YES
    assert set(d.triggers) == {"wrongful_purpose", "my_number_wrongful"}
    assert d.to_json()["final_days"] == 60


def test_my_number_misconfiguration_may_be_public_viewing():
    d = det(data=["my_number"], cause="misconfiguration", viewable_outside=...)
    assert d.triggers == ["my_number_public"]
    assert d.my_number is Tri.MAYBE
    assert d.unknown_facts == ("viewable_outside",)


def test_my_number_at_a_public_body_may_be_item_i_and_asks_about_the_systems():
    d = det(organisation="public_body", role=..., data=["my_number"], affected_max=1, my_number_system=...)
    assert d.triggers == ["my_number_system"]
    assert d.my_number is Tri.MAYBE


def test_ordinance_sensitive_may_apply_for_a_public_body():
    d = det(organisation="public_body", role=..., data=["ordinance_sensitive"])
    assert d.report_required is Tri.MAYBE
    assert d.to_json()["certainty"]["triggers"] == {"ordinance_sensitive": "maybe"}


def test_facts_never_asked_of_a_public_body_are_not_unknown():
    d = det(organisation="public_body", role=..., data=["my_number", "medical"], affected_max=500)
    assert d.unknown_facts == ()
    assert "notify_controller" not in [i.id for i, _ in d.checklist]


def test_a_check_this_period_is_never_the_headline_ahead_of_a_sourced_one():
    # Issue 21, item 5: the public bodies' 確報 period is set by 施行規則44条, which names it only as 「施行規則
    # 第44条で定めるところにより」 in the sources rouei read (特定個人情報ガイドライン（行政機関等編）第4-6 F,
    # https://www.ppc.go.jp/legal/policy/my_number_guideline_gyosei/): "check this", never the headline
    # deadline ahead of a sourced one. Unknown organisation: as a business, item (iii) gives 60 days (規則8条2項).
    d = det(organisation=..., role=..., cause="unauthorized_access")
    reports = {r["track"]: r for r in d.to_json()["reports"]}
    assert reports["appi"]["final_days"] == 60 and reports["appi"]["final_confirmed"] is True
    assert reports["public_body"]["final_days"] == 30 and reports["public_body"]["final_confirmed"] is False
    assert d.to_json()["final_days"] == 60
    assert d.to_json()["final_due"] == reports["appi"]["final_due"]


def test_sourced_deadlines_still_win_by_date():
    # A business with My Numbers stolen: the APPI and My Number reports are both sourced; the earliest wins.
    d = det(data=["my_number"], cause="theft")
    assert {r["final_confirmed"] for r in d.to_json()["reports"]} == {True}


def test_gdpr_clock_is_72_hours_from_awareness():
    d = det(eu_residents="yes")
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "gdpr_72h")
    assert clock["due"] == "2026-11-23T10:00:00+09:00"


def test_gdpr_unknown_is_a_possible_clock():
    d = det(eu_residents=...)
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "gdpr_72h")
    assert clock["status"] == "maybe"
    assert d.unknown_facts == ("eu_residents",)


@pytest.mark.parametrize(("aware", "due"), [
    ("2026-11-20T10:00:00+09:00", "2026-11-24"),  # Fri 20, Mon 23 (a holiday still counts), Tue 24
    ("2026-12-28T10:00:00+09:00", "2026-12-30"),  # the year-end closure of government offices does not count
])
def test_card_acquirer_counts_three_weekdays_and_never_gives_holidays(aware, due):
    d = det(data=["card_number"], aware_at=aware)
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "card_acquirer")
    assert clock["due"] == due


@pytest.mark.parametrize(("cause", "status"), [("misdelivery", None), ("ransomware", "yes"), (..., "maybe")])
def test_mhlw_clock_only_for_cyber_attacks_on_medical_institutions(cause, status):
    d = det(sectors=["medical"], data=["medical"], cause=cause)
    clocks = {c["id"]: c["status"] for c in d.to_json()["clocks"]}
    assert clocks.get("medical_mhlw") == status
    assert ("medical_vendor" in [i.id for i, _ in d.checklist]) is (status is not None)


def test_design_example_deadlines():
    d = det(data=["medical"])
    j = d.to_json()
    assert j["preliminary_due"] == "2026-11-25"
    assert j["final_due"] == "2026-12-21"
    assert j["final_nominal"] == "2026-12-19"


def test_everything_unknown_is_fully_cautious():
    d = det(organisation=..., role=..., data=..., affected_max=..., cause=..., encryption=...,
            recovered_unviewed=..., sectors=..., eu_residents=...)
    j = d.to_json()
    assert j["report_required"] and j["notice_required"] and j["my_number_report_required"]
    assert {"sensitive", "financial", "wrongful_purpose", "volume"} <= set(j["triggers"])
    assert j["final_days"] == 30
    assert set(j["unknown_facts"]) >= {"data", "cause", "encryption", "affected_max"}


def test_what_if_names_the_change_for_an_unknown_fact():
    d = det(data=["medical"], encryption=...)
    changes = dict(d.what_if["encryption"])
    assert "report:no" in changes["high"]
    assert "trigger_gone:sensitive" in changes["high"]


def test_json_keeps_the_design_keys():
    j = det(data=["medical"]).to_json()
    for key in ("report_required", "notice_required", "triggers", "unknown_facts", "route", "preliminary_due",
                "final_due", "final_days", "my_number_report_required", "clocks", "rules"):
        assert key in j
    assert set(j["rules"]) >= {"version", "last_verified"}  # extra keys allowed (design.md)
    date.fromisoformat(j["rules"]["last_verified"])


@pytest.mark.parametrize("aware", ["2022-03-31T23:59:00+09:00", "9999-12-01T10:00:00+09:00", "2100-01-01T00:00:00+09:00"])
def test_an_awareness_date_without_rules_is_a_clean_error(aware):
    with pytest.raises(RoueiError) as info:
        det(aware_at=aware)
    assert info.value.exit_code == 2
    assert "2022-04-01" in str(info.value)


def test_the_first_day_of_the_rules_is_covered():
    assert det(aware_at="2022-04-01T00:00:00+09:00", data=["medical"]).report_required is Tri.YES


def _texts(d, key: str, lang: str = "ja") -> str:
    from wizard.domain.explain import explain
    from wizard.i18n import set_lang

    set_lang(lang)
    try:
        return " ".join(" ".join([line.text, *line.detail]) for s in explain(d) if s.key == key for line in s.lines)
    finally:
        set_lang("ja")


def test_my_number_60_days_cite_rules_art_2_item_2_and_art_3_2():
    text = _texts(det(data=["my_number"], cause="theft"), "deadlines")
    assert "番号法規則2条2号に当たるため60日" in text and "番号法規則3条2項" in text
    assert "3号等" not in text


def test_the_unknown_cause_text_is_not_shown_once_the_cause_is_known():
    known = _texts(det(cause="ransomware"), "triggers", "en") + _texts(det(cause="ransomware"), "deadlines", "en")
    assert "unknown" not in known.lower()
    pending = _texts(det(cause=..., affected_max=5000), "deadlines", "en")
    assert "If Enforcement Rules Art. 7(iii) is confirmed, the deadline becomes 60 days" in pending


def test_what_knowing_a_fact_would_change_is_a_sentence():
    text = _texts(det(affected_max=..., data=["name"]), "unknowns")
    assert "「1,000人」と分かれば、報告は不要になります。" in text
    assert "が外れる" not in text


def test_a_may_apply_trigger_names_the_question_that_settles_it():
    text = _texts(det(organisation="public_body", role=..., data=["ordinance_sensitive"]), "triggers")
    assert "rouei はこの点を尋ねていない" in text and "条例が条例要配慮個人情報を定めていますか" in text


def test_public_body_and_my_number_routes_do_not_cite_article_8_3():
    for d in (det(organisation="public_body", role=..., affected_max=500), det(data=["my_number"], affected_max=500)):
        assert "8条3項" not in _texts(d, "route")
