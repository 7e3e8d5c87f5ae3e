"""The JNSA JO model and the response-cost lines, each case worked out by hand."""

from __future__ import annotations

from wizard.estimate import estimate

from .helpers import adjust, facts

# per person = 500 × (10^(x−1) + 5^(y−1)) × identifiability × social × response


def jo(f, *events):
    return estimate(f, events).compensation


def test_name_and_address():
    # EP map (1, 1); name + address: identifiability 6; a general business; an appropriate response
    c = jo(facts(data=["name", "address"], affected_max=1000))
    assert c.per_person.lo == c.per_person.hi == 500 * (10**0 + 5**0) * 6 * 1 * 1 == 6_000
    assert c.total.lo == c.total.hi == 6_000_000


def test_card_number():
    # EP map (1, 3); no name or address: identifiability 1
    c = jo(facts(data=["card_number"], affected_max=500))
    assert c.per_person.lo == c.per_person.hi == 500 * (10**0 + 5**2) * 1 * 1 * 1 == 13_000
    assert c.total.lo == 6_500_000
    # with the cardholder's name: identifiability 3
    assert jo(facts(data=["name", "card_number"])).per_person.lo == 500 * (1 + 25) * 3 == 39_000


def test_medical_history_spans_two_levels_of_the_published_examples():
    # 病歴 is (2, 1), 病状・カルテ (3, 1): the category gives x = 2–3, as published (no "check this");
    # with the name: identifiability 3; a medical-sector body carries social responsibility 2
    c = jo(facts(data=["name", "medical"], sectors=["medical"], affected_max=120))
    assert (c.x.value.lo, c.x.value.hi) == (2, 3) and c.x.confirmed
    assert c.per_person.lo == 500 * (10**1 + 5**0) * 3 * 2 * 1 == 33_000
    assert c.per_person.hi == 500 * (10**2 + 5**0) * 3 * 2 * 1 == 303_000
    assert c.total.lo == 33_000 * 120


def test_unknown_data_gives_a_range_and_no_total_without_a_count():
    c = jo(facts(data=..., affected_max=..., organisation="business", sectors=[]))
    # lowest: (1, 1), identifiability 1; highest: (3, 3), identifiability 6
    assert c.per_person.lo == 500 * (1 + 1) * 1 == 1_000
    assert c.per_person.hi == 500 * (10**2 + 5**2) * 6 == 375_000
    assert c.total is None


def test_known_name_and_maybe_more():
    c = jo(facts(data=["name", "address", "unknown"], affected_max=10))
    assert c.per_person.lo == 6_000 and c.per_person.hi == 500 * (100 + 25) * 6 == 375_000
    assert (c.total.lo, c.total.hi) == (60_000, 3_750_000)


def test_unknown_sector_gives_social_responsibility_1_to_2():
    c = jo(facts(data=["name", "address"], sectors=...))
    assert (c.per_person.lo, c.per_person.hi) == (6_000, 12_000)
    assert not c.social.confirmed  # which organisations get 2 is rouei's reading: shown as "check this"


def test_factors_adjust_with_a_reason():
    c = jo(facts(data=["name", "address"]), adjust("jo.response", 2, "公表が遅れた"), adjust("jo.x", 2, "家族構成を含む"))
    assert c.per_person.lo == 500 * (10 + 1) * 6 * 1 * 2 == 66_000
    assert c.response.adjustment.reason == "公表が遅れた"


def test_ep_levels_not_in_the_published_examples_are_marked():
    assert jo(facts(data=["card_number"])).y.confirmed
    assert not jo(facts(data=["bank_account"])).y.confirmed


def test_response_costs_scale_with_people_and_lines_are_editable():
    # customers' names, unknown cause: every line the facts may call for counts
    k = estimate(facts(affected_max=20_000, cause=...)).costs
    lines = {i.line.id: i.factor.value for i in k.items}
    assert lines["letters"].lo == 1_300_000 * 2 and lines["gifts"].lo == 6_500_000 * 2
    assert (lines["investigation"].lo, lines["investigation"].hi) == (3_000_000, 4_000_000)
    assert (lines["card_monitoring"].lo, lines["card_monitoring"].hi) == (0, 0)  # no card numbers
    edited = estimate(facts(affected_max=20_000, cause=...), [adjust("cost.gifts", 0, "お詫びの品は送らない")]).costs
    assert edited.total.lo == k.total.lo - 13_000_000


def test_an_adjusted_line_counts_even_where_the_facts_do_not_call_for_it():
    base = estimate(facts(affected_max=35)).costs  # misdelivered to one recipient: no call centre
    edited = estimate(facts(affected_max=35), [adjust("cost.call_centre", 500_000, "社内で窓口")]).costs
    assert edited.total.lo == base.total.lo + 500_000


def test_per_person_costs_wait_for_the_number_of_people():
    k = estimate(facts(affected_max=...)).costs
    assert k.left_out == ("letters", "gifts", "overtime")
    assert k.total.lo == 300_000 + 500_000 + 7_000_000 + 3_000_000  # legal, newspaper, call centre, backlash


def test_the_firms_own_figures_join_the_total_once_entered():
    k = estimate(facts(cause="ransomware"), [adjust("cost.lost_business", 12_000_000, "3日停止 × 粗利")]).costs
    assert "lost_business" not in k.left_out
    assert estimate(facts(cause="ransomware")).costs.total.lo + 12_000_000 == k.total.lo
