"""Every rule, with cases taken from the fact sheets' examples."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.logic import Tri

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


def test_unknown_cause_may_trigger_but_keeps_30_days():
    d = det(cause=...)
    assert d.report_required is Tri.MAYBE
    assert d.to_json()["final_days"] == 30
    assert "cause" in d.unknown_facts
    assert d.deciding.long_pending


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


def test_encryption_exemption_is_not_applied_to_volume_for_businesses():
    d = det(affected_max=5000, encryption="high")
    assert d.triggers == ["volume"]
    assert "appi.check.encryption_scope" in [c.id for c in d.checks]


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


def test_processor_that_notified_the_controller():
    d = det(role="processor", controller_notified=True, data=["medical"])
    assert d.report_required is Tri.YES
    assert d.route.route.route == "controller"
    assert d.notice_required is Tri.NO
    assert "notify_controller" not in [i.id for i, _ in d.checklist]


def test_processor_that_has_not_notified_yet():
    d = det(role="processor", controller_notified=False, data=["medical"])
    assert d.route.route.route == "controller"
    assert d.notice_required is Tri.YES
    assert "notify_controller" in [i.id for i, _ in d.checklist]
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


def test_finance_sector_report_applies_to_any_leak():
    d = det(sectors=["finance"])
    assert d.report_required is Tri.NO
    assert [c["id"] for c in d.to_json()["clocks"]] == ["finance_sector"]


def test_my_number_payroll_below_thresholds_is_not_reportable_under_the_act():
    d = det(data=["name", "my_number"], affected_max=100)
    assert d.my_number is Tri.NO
    assert "mynumber.check.use_systems" in [c.id for c in d.checks]


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


def test_my_number_misconfiguration_is_public_viewing():
    assert det(data=["my_number"], cause="misconfiguration").triggers == ["my_number_public"]


def test_my_number_public_body_system_is_one_person_enough():
    d = det(organisation="public_body", role=..., data=["my_number"], affected_max=1)
    assert "my_number_system" in d.triggers


def test_earliest_deadline_wins_across_tracks():
    # Unknown organisation: as a business, item (iii) gives 60 days; as a public body, 30 days apply.
    d = det(organisation=..., role=..., cause="unauthorized_access")
    reports = {r["track"]: r for r in d.to_json()["reports"]}
    assert reports["appi"]["final_days"] == 60
    assert reports["public_body"]["final_days"] == 30
    assert d.to_json()["final_days"] == 30
    assert d.to_json()["final_due"] == reports["public_body"]["final_due"]


def test_gdpr_clock_is_72_hours_from_awareness():
    d = det(eu_residents="yes")
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "gdpr_72h")
    assert clock["due"] == "2026-11-23T10:00:00+09:00"


def test_gdpr_unknown_is_a_possible_clock():
    d = det(eu_residents=...)
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "gdpr_72h")
    assert clock["status"] == "maybe"
    assert d.unknown_facts == ("eu_residents",)


def test_card_acquirer_counts_three_business_days():
    # Friday 2026-11-20 is day 1; Mon 23 is 勤労感謝の日; so Tue 24 and Wed 25.
    d = det(data=["card_number"])
    clock = next(c for c in d.to_json()["clocks"] if c["id"] == "card_acquirer")
    assert clock["due"] == "2026-11-25"


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
