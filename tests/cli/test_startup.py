"""Every command pays only for what it uses: what `--version` and `assess --json` load."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pydantic", "rich", "textual", "jpholiday", "tomli_w", "wizard.exports", "wizard.store", "wizard.domain")


def loaded(*args: str, cwd) -> list[str]:
    code = ("import sys, json\nfrom wizard.cli import main\nmain(%r)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith(%r))), file=sys.stderr)") % (list(args), HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_version_loads_nothing_heavy(tmp_path):
    assert loaded("--version", cwd=tmp_path) == []


def test_assess_json_of_a_facts_file_needs_no_terminal_or_export_libraries(tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text('aware_at = 2026-11-20T10:00:00+09:00\norganisation = "business"\n', encoding="utf-8")
    modules = loaded("assess", str(facts), "--json", cwd=tmp_path)
    assert not [m for m in modules if m.split(".")[0] in ("rich", "textual") or m.startswith("wizard.exports")]
    assert "wizard.domain.engine" in modules  # what it does need
