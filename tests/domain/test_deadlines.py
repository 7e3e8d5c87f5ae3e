"""The dated duties (`wizard.domain.deadlines`): what each date is, in words, and a duty filed once the
step that discharges it is recorded as done — never counted down or called overdue after that."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from wizard.domain.deadlines import Filing, discharged_by, duties
from wizard.domain.flows import bundled
from wizard.i18n import set_lang

from .helpers import det

JST = timezone(timedelta(hours=9))
HEALTH = {"data": ["name", "medical"]}  # a report is required: 速報 11/23–11/25, 確報 12/21 (30 days)


def test_a_filed_preliminary_report_is_filed_at_both_of_its_dates_whenever_one_looks():
    filing = Filing("preliminary_report", datetime(2026, 11, 24, 9, 0, tzinfo=JST), "佐藤")
    found = {d.key: d for d in duties(det(**HEALTH), {"preliminary_report": filing})}
    for key in ("preliminary_target", "preliminary"):
        duty = found[key]
        assert duty.filed == filing
        for now in (datetime(2026, 11, 21, tzinfo=JST), datetime(2026, 11, 26, 12, tzinfo=JST),
                    datetime(2027, 1, 1, tzinfo=JST)):
            assert duty.state(now) == "filed"  # not open, not urgent, not overdue
    assert found["preliminary_target"].on_time is False and found["preliminary"].on_time is True  # 11/24: after the aim
    final = found["final.appi"]
    assert final.filed is None and final.state(datetime(2026, 11, 26, 12, tzinfo=JST)) == "open"


def test_without_a_filing_the_state_follows_the_clock():
    [duty] = [d for d in duties(det(**HEALTH)) if d.key == "preliminary"]  # 2026-11-25, all day
    assert duty.end == datetime(2026, 11, 25, 23, 59, 59, tzinfo=JST)
    assert duty.state(datetime(2026, 11, 24, 12, tzinfo=JST)) == "open"
    assert duty.state(datetime(2026, 11, 25, 1, tzinfo=JST)) == "urgent"
    assert duty.state(datetime(2026, 11, 26, tzinfo=JST)) == "overdue"


def test_every_step_that_discharges_a_duty_files_it():
    flows = bundled()
    base = {"eu_residents": "unknown", "data": ["name", "medical", "card_number"]}
    # a controller has the GDPR 72 hours; a processor, its notice to the controller (GDPR Art. 33(1), 33(2))
    cases = [det(**base, role="controller"), det(**base, role="processor")]
    assert {d.key for c in cases for d in duties(c)} == {
        "clock.gdpr_72h", "preliminary_target", "clock.card_acquirer", "clock.controller_notice", "preliminary",
        "final.appi"}
    for facts in cases:
        keys = {d.key for d in duties(facts)}
        for item in flows.checklist:
            for key in item.discharges:
                matching = {k for k in keys if k == key or k.startswith(f"{key}.") or (key == "preliminary" and
                                                                                     k == "preliminary_target")}
                at = datetime(2026, 11, 21, tzinfo=JST)
                filed = {d.key for d in duties(facts, {item.id: Filing(item.id, at, "佐藤")}) if d.filed}
                assert matching <= filed, (item.id, key)
                assert all(discharged_by(flows, k) == item.id for k in matching)


@pytest.mark.parametrize(("lang", "titles"), [
    ("ja", ["速報 目安（3日以内）", "速報 遅くとも（5日以内）", "確報 期限（30日以内）"]),
    ("en", ["Preliminary report: aim (within 3 days)", "Preliminary report: at the latest (within 5 days)",
            "Final report: due (within 30 days)"]),
])
def test_each_date_says_what_it_is(lang, titles):
    set_lang(lang)
    found = duties(det(**HEALTH))
    assert [d.title for d in found] == titles
    assert all("日目" not in d.title and "day " not in d.title for d in found)


def test_the_sixty_day_case_says_sixty_days_and_only_that():
    set_lang("ja")
    found = duties(det(data=["name"], cause="unauthorized_access"))  # 不正の目的のおそれ: 60 days
    [final] = [d for d in found if d.track is not None]
    assert final.title == "確報 期限（60日以内）" and "30" not in final.title


def test_clocks_say_their_period():
    set_lang("ja")
    found = {d.key: d for d in duties(det(eu_residents="unknown"))}
    gdpr = found["clock.gdpr_72h"]
    assert gdpr.period == "72時間以内" and gdpr.due == datetime(2026, 11, 23, 10, 0, tzinfo=JST)
    assert gdpr.maybe


def test_a_date_that_fell_on_a_closed_day_keeps_its_nominal_day():
    set_lang("ja")
    found = [d for d in duties(det(**HEALTH, aware_at="2026-11-21T10:00:00+09:00")) if d.track is not None]
    [final] = found  # day 30 is Sunday 12/20: moved to Monday 12/21
    assert final.shifted_from == date(2026, 12, 20) and final.due == date(2026, 12, 21)
