"""ENISA severity: SE = DPC × EI + CB and its bands, proposed from the facts, adjustable, ranges for unknowns."""

from __future__ import annotations

import pytest

from wizard.estimate import estimate
from wizard.estimate.data import estimates_data
from wizard.estimate.enisa import band

from .helpers import adjust, facts


def se(f, *events):
    return estimate(f, events).severity


@pytest.mark.parametrize(("score", "expected"), [
    (0.25, "low"), (1.99, "low"), (2.0, "medium"), (2.99, "medium"), (3.0, "high"), (3.99, "high"),
    (4.0, "very_high"), (6.0, "very_high"),
])
def test_bands_are_the_methodologys(score, expected):
    assert band(estimates_data().enisa, score) == expected


# The methodology's own worked examples of DPC (ENISA 2013, as the public course pages and
# calculators repeat them), each scored by hand: SE = DPC × EI + CB.
@pytest.mark.parametrize(("example", "dpc", "ei", "cb", "score", "level"), [
    # a supermarket's customer list (names, addresses) sent to one wrong recipient: 1 × 1 + 0.25
    ("supermarket", 1, 1.0, {"confidentiality": 0.25}, 1.25, "low"),
    # a luxury-goods seller's list (DPC raised to 2 for the financial status it implies), misdelivered
    ("luxury", 2, 1.0, {"confidentiality": 0.25}, 2.25, "medium"),
    # an adult bookstore's delivery addresses (3: sexual preferences), published by an attacker
    ("bookstore", 3, 1.0, {"confidentiality": 0.5, "malicious": 0.5}, 4.0, "very_high"),
    # a list of undercover officers (4: their safety), stolen
    ("undercover", 4, 1.0, {"confidentiality": 0.5, "malicious": 0.5}, 5.0, "very_high"),
    # "performed general blood tests" = 1, with names only (EI 0.75), misdelivered
    ("blood_test_fact", 1, 0.75, {"confidentiality": 0.25}, 1.0, "low"),
    # the actual results = 4, same circumstances: 4 × 0.75 + 0.25
    ("blood_test_results", 4, 0.75, {"confidentiality": 0.25}, 3.25, "high"),
    # a card expired long ago = 1, numbers only (EI 0.5), lost: 1 × 0.5 + 0.25
    ("card_expired", 1, 0.5, {"confidentiality": 0.25}, 0.75, "low"),
    # full card details usable for transactions = 4, skimmed: 4 × 0.5 + 0.5 + 0.5
    ("card_full", 4, 0.5, {"confidentiality": 0.5, "malicious": 0.5}, 3.0, "high"),
])
def test_worked_examples(example, dpc, ei, cb, score, level):
    events = [adjust("enisa.dpc", dpc, example), adjust("enisa.ei", ei, example)]
    for element in ("confidentiality", "integrity", "availability", "malicious"):
        events.append(adjust(f"enisa.cb.{element}", cb.get(element, 0), example))
    s = se(facts(), *events)
    assert s.dpc.value.lo == dpc and s.ei.value.lo == ei
    assert (s.score.lo, s.score.hi) == (score, score)
    assert s.bands == (level, level)


def test_proposed_from_the_facts_name_and_address_misdelivered():
    s = se(facts(data=["name", "address"], cause="misdelivery"))
    assert (s.dpc.value.lo, s.ei.value.lo) == (1, 1.0)
    assert [f.value.lo for f in s.cb] == [0.25, 0, 0, 0]
    assert s.score.lo == s.score.hi == 1.25 and s.bands == ("low", "low")
    assert s.many is True  # 1,000 people: the flag outside the formula


def test_sensitive_data_stolen_by_an_attacker():
    s = se(facts(data=["name", "medical"], cause="unauthorized_access"))
    assert s.dpc.value.lo == 4 and s.dpc.basis == "medical"
    # 4 × 0.75 (a name alone) + confidentiality 0.5 + malicious 0.5 + integrity and availability 0–0.5 each
    assert (s.score.lo, s.score.hi) == (4.0, 5.0)


def test_several_kinds_take_the_highest_category():
    s = se(facts(data=["name", "purchase_history", "bank_account"]))
    assert (s.dpc.value.lo, s.dpc.value.hi) == (2, 3)


def test_unknown_facts_give_a_range():
    s = se(facts(data=..., cause=..., encryption=..., affected_max=...))
    assert (s.dpc.value.lo, s.dpc.value.hi) == (1, 4)
    assert (s.ei.value.lo, s.ei.value.hi) == (0.25, 1.0)
    assert (s.score.lo, s.score.hi) == (1 * 0.25 + 0.25, 4 * 1.0 + 2.0)
    assert s.bands == ("low", "very_high") and s.many is None


def test_data_with_unknown_in_it_reaches_the_top_category():
    s = se(facts(data=["name", "unknown"]))
    assert (s.dpc.value.lo, s.dpc.value.hi) == (1, 4)


def test_high_encryption_lowers_ease_of_identification_and_is_flagged():
    s = se(facts(data=["name", "address"], encryption="high"))
    assert s.ei.value.lo == s.ei.value.hi == 0.25 and s.unintelligible
    exposed = se(facts(data=["name", "address"], encryption="high_key_exposed"))
    assert exposed.ei.value.lo == 1.0 and not exposed.unintelligible


def test_recovered_before_viewed_has_no_loss_of_confidentiality():
    s = se(facts(cause="loss", recovered_unviewed=True))
    assert s.cb[0].value.hi == 0 and s.cb[0].basis == "recovered_unviewed"


def test_an_adjustment_replaces_the_proposal_and_keeps_it_and_the_reason():
    s = se(facts(data=["name"]), adjust("enisa.dpc", 3, "高級品の顧客名簿（経済状況が推測される）"))
    assert s.dpc.value.lo == 3 and s.dpc.proposed.lo == 1
    assert s.dpc.adjustment.reason.startswith("高級品")
    assert se(facts(data=["name"]), adjust("enisa.dpc", 3), adjust("enisa.dpc", "proposed")).dpc.value.lo == 1


def test_an_adjustment_can_be_a_range_and_a_bad_one_is_skipped():
    s = se(facts(), adjust("enisa.dpc", [2, 3]), adjust("enisa.ei", 0.6))
    assert (s.dpc.value.lo, s.dpc.value.hi) == (2, 3)
    assert s.ei.adjustment is None  # 0.6 is not one of ENISA's levels


def test_bands_above_low_are_marked_unconfirmed():
    assert not se(facts()).unconfirmed_band  # low: "SE < 2" is the methodology's own
    assert se(facts(data=["medical"], cause="unauthorized_access")).unconfirmed_band
