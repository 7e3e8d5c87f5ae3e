"""Facts and adjustment events for the estimate tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from wizard.domain.facts import Facts, facts_from_mapping

AT = datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=9)))
BASE = {"aware_at": "2026-11-20T10:00:00+09:00", "organisation": "business", "data": ["name"],
        "affected_max": 1000, "cause": "misdelivery", "encryption": "none", "recovered_unviewed": False,
        "sectors": [], "eu_residents": "no"}


def facts(**changes) -> Facts:
    """Known facts with `changes` applied; a value of ... makes the fact unknown."""
    raw = {**BASE, **changes}
    return facts_from_mapping({k: v for k, v in raw.items() if v is not ...}, "test")


def adjust(factor: str, value, reason: str = "理由", by: str = "山田"):
    """An `estimate` event as the store holds it (only the fields the estimates read)."""
    return SimpleNamespace(kind="estimate", data={"factor": factor, "value": value, "reason": reason}, by=by, at=AT)
