"""The wheel carries the flows, the catalogues and the style sheet; an installed copy finds them
from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_non_editable_install_finds_its_flows(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("rouei-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("wizard/flows/manifest.toml", "wizard/flows/questions.toml", "wizard/flows/rules/appi_business.toml",
                   "wizard/flows/checklist.toml", "wizard/flows/contacts.toml", "wizard/locale/ja/core.toml",
                   "wizard/locale/en/tui.toml", "wizard/tui/app.tcss", "wizard/tui/incident.tcss"):
        assert needed in names, needed
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                              str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import wizard, sys\nfrom wizard.domain.flows import bundled, bundled_dir\n"
            "print(wizard.__file__)\nprint(bundled_dir())\nprint(len(bundled().questions.questions))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    module, flows, questions = run.stdout.split()
    assert module.startswith(str(target)) and flows.startswith(str(target))
    assert int(questions) > 10
