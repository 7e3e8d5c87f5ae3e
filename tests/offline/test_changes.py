"""Every export recorded in an incident keeps the rule set and the findings; a re-assessment with
newer rules (or newer answers) shows what changed since."""

from __future__ import annotations

import json
import shutil

import pytest

from wizard.cli import main
from wizard.domain.flows import bundled, bundled_dir
from wizard.store import Incident


def rouei(capsys, *argv: str) -> str:
    assert main([*argv, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    return " ".join((captured.out + captured.err).split())


@pytest.fixture
def case(tmp_path, capsys):
    path = tmp_path / "case.toml"
    rouei(capsys, "new", "-o", str(path), "--by", "山田", "--no-open")
    rouei(capsys, "answer", str(path), "aware_at=2026-11-20T10:00", "organisation=business", "role=controller",
          "data=name", "affected_max=5000", "cause=misdelivery", "--by", "山田")
    rouei(capsys, "export", str(path), "--what", "determination", "-o", str(tmp_path / "out.md"), "--by", "山田")
    return path


def newer_rules(tmp_path, final_days: int):
    """A copy of the bundled rules, one version up, with the business track's 確報 in `final_days` days."""
    folder = tmp_path / "rules-2999"
    shutil.copytree(bundled_dir(), folder)
    shutil.rmtree(folder / "scenarios")  # their answer keys follow the real rules (flows check would refuse them)
    manifest = folder / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(bundled().manifest.version, "2999.1.0", 1),
                        encoding="utf-8")
    pack = folder / "rules" / "appi_business.toml"
    text = pack.read_text(encoding="utf-8")
    assert "\nfinal_days = 30\n" in text
    pack.write_text(text.replace("\nfinal_days = 30\n", f"\nfinal_days = {final_days}\n", 1), encoding="utf-8")
    return folder


def test_the_export_event_records_the_rule_set_and_findings(case):
    event = Incident.load(case).events[-1]
    assert event.kind == "export"
    assert event.data["rules"]["version"] == bundled().manifest.version
    assert event.data["rules"]["set"] == "bundled"
    assert event.data["determination"]["final_due"] == "2026-12-21"


def test_same_rules_nothing_changed(case, capsys):
    out = rouei(capsys, "assess", str(case))
    assert "Nothing changed since the determination recorded at" in out


def test_newer_rules_show_what_changed(case, tmp_path, capsys):
    rouei(capsys, "flows", "install", str(newer_rules(tmp_path, 20)))
    bundled.cache_clear()
    out = rouei(capsys, "assess", str(case))
    assert "Bundled rules 2026" in out and "the determination now (Installed rules 2999.1.0)" in out
    assert "final report due: 2026-12-21 → 2026-12-09" in out and "days for the final report: 30 → 20" in out
    assert "Answers changed since then too" not in out
    bundled.cache_clear()
    data = json.loads(rouei(capsys, "assess", str(case), "--json"))
    since = data["changes_since_recorded"]
    assert since["rules"]["set"] == "bundled" and data["rules"]["set"] == "installed"
    assert {"key": "final_days", "then": 30, "now": 20} in since["items"]
    assert since["answers_since"] is False


def test_answers_after_the_record_are_called_out(case, capsys):
    rouei(capsys, "answer", str(case), "data=name,card_number", "--by", "佐藤")
    out = rouei(capsys, "assess", str(case))
    assert "reportable situations: number of people over the threshold → " in out
    assert "Answers changed since then too" in out
