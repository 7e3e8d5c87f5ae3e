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


def test_rouei_estimate_shows_and_adjusts(tmp_path, capsys):
    from wizard.store import Incident, Responder

    path = tmp_path / "i.toml"
    who = Responder("山田")
    with Incident.create(path, who) as inc:
        inc.answer("aware_at", "2026-11-20T10:00:00+09:00", who)
        inc.answer("data", ["name", "address"], who)
        inc.answer("affected_max", 100, who)
    assert main(["estimate", str(path)]) == 0
    shown = capsys.readouterr().out
    assert shown.index("判定:") < shown.index("計画のための見積り") < shown.index("重大度（ENISA")
    assert main(["estimate", str(path), "cost.gifts=0", "jo.x=1,2", "--reason", "方針", "--by", "山田"]) == 0
    capsys.readouterr()
    assert main(["estimate", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["response_costs"]["lines"]["gifts"]["value"] == 0
    assert data["jo"]["x"]["value"] == [1, 2]
    assert [e.kind for e in Incident.load(path).events][-2:] == ["estimate", "estimate"]


def test_rouei_estimate_refuses_bad_input_cleanly(tmp_path, capsys):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    assert main(["estimate", str(path), "enisa.dpc=3", "--reason", "x", "--by", "山田"]) == 2  # a facts file
    assert main(["estimate", str(path), "enisa.dpc"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "FACTOR=VALUE" in err
