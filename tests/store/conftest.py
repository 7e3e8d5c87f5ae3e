"""Incident files for the store tests."""

from __future__ import annotations

import pytest

from wizard.store import Incident

from .helpers import START, YAMADA, Clock


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def incident(tmp_path, clock):
    """A new incident with the moment of awareness answered."""
    inc = Incident.create(tmp_path / "incident.toml", YAMADA, title="顧客リストの誤送信", now=clock())
    inc.answer("aware_at", START, YAMADA, now=clock())
    return inc
