"""Four incidents worked out by hand with the sources' values: which cost lines each calls for, the
total, what it leaves out, and the JO figure (JNSA 2024 reference values; the JNSA EP map)."""

from __future__ import annotations

from wizard.estimate import estimate

from .helpers import facts

LETTER, GIFT = 1_300_000 / 10_000, 6_500_000 / 10_000  # yen per person: DM ¥1.3M, prepaid cards ¥6.5M per 10,000


def lines(est) -> dict[str, tuple[int, int] | None]:
    """The counted lines with their amounts; the others as None."""
    return {i.line.id: (i.factor.value.lo, i.factor.value.hi) if i.counted else None for i in est.costs.items}


def test_a_misdirected_health_check_calls_for_no_call_centre_and_no_card_monitoring():
    est = estimate(facts(data=["name", "employee_id", "health_checkup"], affected_max=35, cause="misdelivery"))
    counted = {k: v for k, v in lines(est).items() if v}
    assert counted == {"legal": (300_000, 1_000_000), "letters": (35 * LETTER, 35 * LETTER)}
    assert est.costs.total.lo == 300_000 + 4_550 and est.costs.total.hi == 1_000_000 + 4_550
    assert est.costs.left_out == ("overtime",)  # priced by no source: named, not guessed
    why = {i.line.id: i.why for i in est.costs.items}
    assert why["call_centre"][0].kind == "outsiders" and why["call_centre"][0].holds is False  # staff only
    assert why["card_monitoring"][0].kind == "data" and why["investigation"][0].kind == "cause"
    # JO: 健康診断等の結果 spans 病歴 (x 2) and 病状 (x 3); the name alone: identifiability 3
    jo = est.compensation
    assert (jo.per_person.lo, jo.per_person.hi) == (500 * (10 + 1) * 3, 500 * (100 + 1) * 3) == (16_500, 151_500)
    assert (jo.total.lo, jo.total.hi) == (16_500 * 35, 151_500 * 35)
    assert est.costs.survey is None


def test_ransomware_at_a_web_shop_budgets_recovery_and_names_lost_business():
    est = estimate(facts(data=["name", "address", "email", "phone", "purchase_history", "card_number"],
                         affected_max=5000, cause="ransomware", eu_residents="yes"))
    got = lines(est)
    assert got["recovery"] == got["prevention"] == (2_000_000, 90_000_000)  # 数百万〜数千万円, read as a range
    assert got["card_monitoring"] == (3 * 1_000_000, 3 * 5_000_000)  # ¥1–5M a month, 3 months
    assert got["dark_web"] == (2_000_000, 9_000_000) and got["flaming"] == (3_000_000, 9_000_000)
    assert got["letters"] == (5000 * LETTER,) * 2 and got["gifts"] == (5000 * GIFT,) * 2
    assert all(got[k] for k in ("investigation", "consulting", "legal", "newspaper", "call_centre"))
    assert est.costs.total.lo == (3_000_000 + 100_000 + 300_000 + 650_000 + 500_000 + 7_000_000 + 3_250_000
                                  + 3_000_000 + 2_000_000 + 3_000_000 + 2_000_000 + 2_000_000) == 26_800_000
    assert est.costs.total.hi == (4_000_000 + 1_000_000 + 1_000_000 + 650_000 + 500_000 + 10_000_000 + 3_250_000
                                  + 9_000_000 + 9_000_000 + 15_000_000 + 90_000_000 + 90_000_000) == 233_400_000
    assert est.costs.left_out == ("lost_business", "overtime")
    assert est.costs.widest().line.id == "recovery"
    assert est.costs.survey.median == 38_000_000  # what victims reported, beside the budget
    # JO: card number (1, 3), name + address: 6
    assert est.compensation.per_person.lo == est.compensation.per_person.hi == 500 * (1 + 25) * 6 == 78_000
    assert est.compensation.total.lo == 78_000 * 5000


def test_card_data_skimmed_from_a_web_shop():
    est = estimate(facts(data=["name", "address", "email", "phone", "card_number"], affected_max=2000,
                         cause="web_skimming"))
    got = lines(est)
    assert got["recovery"] is None and got["prevention"] == (2_000_000, 90_000_000)
    assert got["card_monitoring"] and got["dark_web"] and got["call_centre"]
    assert est.costs.total.lo == (3_000_000 + 100_000 + 300_000 + 260_000 + 500_000 + 7_000_000 + 1_300_000
                                  + 3_000_000 + 2_000_000 + 3_000_000 + 2_000_000) == 22_460_000
    assert est.costs.total.hi == (4_000_000 + 1_000_000 + 1_000_000 + 260_000 + 500_000 + 10_000_000 + 1_300_000
                                  + 9_000_000 + 9_000_000 + 15_000_000 + 90_000_000) == 141_060_000
    assert est.costs.left_out == ("lost_business", "overtime")
    assert est.compensation.total.lo == 78_000 * 2000


def test_a_lost_laptop_with_300_customers():
    est = estimate(facts(data=["name", "address", "customer_id", "purchase_history"], affected_max=300,
                         cause="loss"))
    counted = {k: v for k, v in lines(est).items() if v}
    assert counted == {"legal": (300_000, 1_000_000), "letters": (300 * LETTER,) * 2, "gifts": (300 * GIFT,) * 2}
    over = next(i for i in est.costs.items if i.line.id == "call_centre").why[0]
    assert (over.kind, over.holds, over.value) == ("over", False, 1_000)  # 300 people: no call centre
    # JO: 購入履歴 is economic level 2 in the published examples; name + address: 6
    jo = est.compensation
    assert jo.y.value.lo == 2 and jo.y.confirmed
    assert jo.per_person.lo == jo.per_person.hi == 500 * (1 + 5) * 6 == 18_000
    assert jo.total.lo == 18_000 * 300


def test_unknown_facts_count_the_lines_they_may_call_for():
    est = estimate(facts(data=..., affected_max=..., cause=...))
    by_id = {i.line.id: i for i in est.costs.items}
    assert by_id["recovery"].applies is None and by_id["recovery"].counted  # the cautious budget
    assert by_id["call_centre"].applies is None and by_id["call_centre"].counted
    assert est.costs.left_out == ("letters", "gifts", "lost_business", "overtime")
