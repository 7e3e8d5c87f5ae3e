"""Building facts for tests in one line."""

from __future__ import annotations

from wizard.domain.engine import Determination, assess
from wizard.domain.facts import Facts, facts_from_mapping

BASE = {
    "aware_at": "2026-11-20T10:00:00+09:00",
    "organisation": "business",
    "role": "controller",
    "data": ["name", "email"],
    "affected_max": 10,
    "cause": "misdelivery",
    "encryption": "none",
    "recovered_unviewed": False,
    "sectors": [],
    "eu_residents": "no",
}


def facts(**changes) -> Facts:
    """Fully known facts (nothing triggers) with `changes` applied; a value of ... removes the key."""
    raw = {**BASE, **changes}
    return facts_from_mapping({k: v for k, v in raw.items() if v is not ...}, "test")


def det(**changes) -> Determination:
    return assess(facts(**changes))
