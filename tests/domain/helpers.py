"""Building facts for tests in one line."""

from __future__ import annotations

from wizard.domain.engine import Determination, assess
from wizard.domain.facts import Facts, facts_from_mapping

BASE = {
    "aware_at": "2026-11-20T10:00:00+09:00",
    "organisation": "business",
    "role": "controller",
    "data": ["name", "email"],
    "my_number_system": False,  # a private employer's payroll, if My Numbers are added
    "affected_max": 10,
    "cause": "misdelivery",
    "own_channel": True,  # the facts that only some causes, data or sectors ask: the reading that
    "stored_data": True,  # keeps every item of the rules in play, so that a test names what it settles
    "lost_inside": False,
    "copy_kept": False,
    "viewable_outside": True,
    "encryption": "none",
    "recovered_unviewed": False,
    "sectors": [],
    "comms_secrecy": True,
    "individual_customers": True,
    "eu_residents": "no",
}


def facts(**changes) -> Facts:
    """Fully known facts (nothing triggers) with `changes` applied; a value of ... removes the key."""
    raw = {**BASE, **changes}
    return facts_from_mapping({k: v for k, v in raw.items() if v is not ...}, "test")


def det(**changes) -> Determination:
    return assess(facts(**changes))
