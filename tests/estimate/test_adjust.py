"""Adjustments are `estimate` events in the incident: recorded with a reason, checked, read back."""

from __future__ import annotations

import json

import pytest

from wizard.errors import RoueiError
from wizard.estimate import estimate
from wizard.estimate.model import record
from wizard.store import Incident, Responder

YAMADA = Responder("山田", "情報システム")


@pytest.fixture
def incident(tmp_path):
    inc = Incident.create(tmp_path / "i.toml", YAMADA, title="テスト")
    inc.answer("aware_at", "2026-11-20T10:00:00+09:00", YAMADA)
    inc.answer("data", ["name", "address"], YAMADA)
    yield inc
    inc.close()


def test_recorded_adjustment_survives_a_reload(incident, tmp_path):
    record(incident, "enisa.dpc", 2, "高級品の顧客名簿", YAMADA)
    again = Incident.load(tmp_path / "i.toml", read_only=True)
    s = estimate(again.facts_for_assess(), again.events).severity
    assert s.dpc.value.lo == 2 and s.dpc.adjustment.by == "山田"
    assert again.events[-1].kind == "estimate"


@pytest.mark.parametrize(("factor", "value", "reason"), [
    ("enisa.dpc", 5, "x"), ("enisa.dpc", "three", "x"), ("nope", 1, "x"), ("cost.letters", -1, "x"),
    ("enisa.dpc", 2, "  "), ("enisa.dpc", [1, 2, 3], "x"), ("jo.identifiability", 2, "x"),
])
def test_bad_adjustments_are_refused_with_a_message(incident, factor, value, reason):
    with pytest.raises(RoueiError) as exc:
        record(incident, factor, value, reason, YAMADA)
    assert exc.value.args and "Traceback" not in str(exc.value)


def test_estimates_never_change_the_determination(incident):
    from wizard.domain.engine import assess

    before = assess(incident.facts_for_assess()).to_json()
    record(incident, "enisa.dpc", 1, "x", YAMADA)
    record(incident, "jo.response", 2, "x", YAMADA)
    assert assess(incident.facts_for_assess()).to_json() == before
    assert json.dumps(estimate(incident.facts_for_assess(), incident.events).to_json(), ensure_ascii=False)


def test_the_determination_never_reads_the_estimates():
    from pathlib import Path

    import wizard.domain

    for path in Path(wizard.domain.__file__).parent.rglob("*.py"):
        assert "wizard.estimate" not in path.read_text(encoding="utf-8"), path.name
