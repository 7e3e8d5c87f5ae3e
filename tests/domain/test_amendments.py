"""Amendments: where each stands, and which version of the law applies on the day of awareness."""

from __future__ import annotations

from datetime import date

from tests.domain.helpers import det
from wizard.domain.explain import explain
from wizard.domain.flows import Amendment, bundled
from wizard.i18n import set_lang

TEXT = {"ja": "x", "en": "x"}


def amendment(**fields) -> Amendment:
    base = dict(id="a", title=TEXT, citation=TEXT, changes=TEXT, status="enacted", status_as_of=date(2026, 11, 2),
                promulgated=date(2026, 7, 17), in_force_by=date(2028, 7, 16), last_verified=date(2026, 12, 6),
                source_as_of="2026")
    return Amendment.model_validate({**base, **fields})


def test_an_enacted_amendment_without_a_date_may_apply_after_its_status_date_and_applies_from_the_latest_day():
    a = amendment()
    assert a.state(date(2026, 10, 1)) == "before"  # known not to be in force then
    assert a.state(date(2026, 11, 2)) == "before"
    assert a.state(date(2026, 12, 6)) == "maybe"  # a cabinet order may have set an earlier day
    assert a.state(date(2028, 7, 15)) == "maybe"
    assert a.state(date(2028, 7, 16)) == "in_force"  # 「公布の日から起算して二年を超えない範囲内」: by then at the latest


def test_an_amendment_with_a_fixed_day_applies_from_that_day_and_a_bill_never():
    a = amendment(in_force_from=date(2027, 1, 17), in_force_by=None)
    assert a.state(date(2027, 1, 16)) == "before" and a.state(date(2027, 1, 17)) == "in_force"
    assert amendment(status="bill", promulgated=None).state(date(2099, 1, 1)) == "before"


def test_the_2026_amendment_is_enacted_and_not_in_force():
    # PPC press release of 2026-07-17 (https://www.ppc.go.jp/news/press/2026/260717/): 「令和８年７月10日の
    # 国会において可決、成立し、本日（令和８年７月17日）公布されました。」「改正法は、一部を除き、公布日から
    # 起算して２年以内で政令で定める日から施行されます。」 e-Gov's amendment history of the APPI gives the
    # other part of Act No. 56 of 2026 the fixed day 2027-01-17.
    found = {a.id: a for a in bundled().amendments}
    notice = found["appi_r8_notice"]
    assert (notice.status, notice.promulgated, notice.in_force_from, notice.in_force_by) == (
        "enacted", date(2026, 7, 17), None, date(2028, 7, 16))
    assert "26条2項" in notice.changes["ja"]
    assert found["appi_r8_first_stage"].in_force_from == date(2027, 1, 17)
    # 通則編 令和8年6月一部改正: 3-5 (漏えい等の報告等) unchanged; it carries no track, so no determination shows it
    assert found["tsusoku_r8_6"].status == "in_force" and not found["tsusoku_r8_6"].tracks


def test_a_determination_says_which_version_applies_on_the_day_of_awareness():
    now = det(aware_at="2026-12-06T09:00:00+09:00", affected_max=5000)
    states = {a["id"]: a["state"] for a in now.to_json()["amendments"]}
    assert states == {"appi_r8_notice": "maybe", "appi_r8_first_stage": "before"}
    later = det(aware_at="2027-02-01T09:00:00+09:00", affected_max=5000)
    assert {a["id"]: a["state"] for a in later.to_json()["amendments"]}["appi_r8_first_stage"] == "in_force"
    set_lang("ja")
    checks = next(s for s in explain(now) if s.key == "checks")
    lines = [line.text for line in checks.lines]
    assert any("知った日（2026-12-06）に施行されているかを rouei は確認できていません" in x and "改正前の規定で判定" in x
               for x in lines)
    assert any("知った日（2026-12-06）には施行されていません" in x for x in lines)


def test_a_public_body_is_not_shown_the_business_amendment():
    public = det(organisation="public_body", affected_max=500)
    assert public.to_json()["amendments"] == []
