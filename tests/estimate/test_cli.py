"""`rouei assess --json` carries the estimates under a new key; the existing keys keep their meaning."""

from __future__ import annotations

import json

from wizard.cli import main

FACTS = """aware_at = 2026-11-20T10:00:00+09:00
organisation = "business"
data = ["name", "address"]
affected_max = 1200
cause = "misdelivery"
encryption = "none"
sectors = []
eu_residents = "no"
"""


def test_assess_json_has_the_estimates(tmp_path, capsys):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    assert main(["assess", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report_required"] is True and data["triggers"] == ["volume"]
    est = data["estimates"]
    assert est["note"] == "planning_only"
    assert est["enisa"]["score"] == 1.25 and est["enisa"]["band"] == "low"
    assert est["jo"]["per_person"] == 6000 and est["jo"]["total"] == 7_200_000
    assert est["response_costs"]["lines"]["letters"]["value"] == 156_000


def test_an_incidents_adjustments_reach_the_json(tmp_path, capsys):
    from wizard.estimate.model import record
    from wizard.store import Incident, Responder

    who = Responder("山田")
    path = tmp_path / "i.toml"
    with Incident.create(path, who) as inc:
        inc.answer("aware_at", "2026-11-20T10:00:00+09:00", who)
        record(inc, "jo.response", 2, "公表が遅れた", who)
    assert main(["assess", str(path), "--json"]) == 0
    jo = json.loads(capsys.readouterr().out)["estimates"]["jo"]
    assert jo["response"]["value"] == 2 and jo["response"]["adjusted"]["reason"] == "公表が遅れた"
    assert isinstance(jo["per_person"], list)  # nothing else is known: a range
