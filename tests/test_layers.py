"""Layers: the domain, session store, exports and evidence code never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = ("domain", "store", "exports", "evidence", "exercise", "profile", "estimate")


def headless_modules() -> list[str]:
    modules = []
    for package in HEADLESS:
        folder = ROOT / "wizard" / package
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules.append(name.removesuffix(".__init__"))
    return modules


def test_headless_layers_do_not_import_textual():
    modules = headless_modules()
    assert "wizard.domain.engine" in modules
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + \
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(bad)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_command_line_does_not_import_textual_for_assess(tmp_path):
    facts = tmp_path / "f.toml"
    facts.write_text("aware_at = 2026-11-20T10:00:00\n", encoding="utf-8")
    code = ("import sys\nfrom wizard.cli import main\nmain(['assess', sys.argv[1], '--json'])\n"
            "print(any(m.startswith('textual') for m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(facts)], capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.strip().endswith("False"), result.stderr


# What each lower layer may import of rouei, lazily or not (an import inside a function counts too).
BELOW = {
    "domain": ("wizard.domain", "wizard.i18n", "wizard.errors", "wizard.clock", "wizard.rulesets", "wizard.paths"),
    "store": ("wizard.store", "wizard.domain", "wizard.i18n", "wizard.errors", "wizard.clock", "wizard.atomic",
              "wizard.printable", "wizard.rulesets", "wizard.paths", "wizard.shell"),
}


def imported(path: Path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "wizard":
            names |= {f"wizard.{alias.name}" for alias in node.names}  # from wizard import clock
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n == "wizard" or n.startswith("wizard.")}


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_lower_layers_never_import_upper_ones(layer):
    allowed = BELOW[layer]
    bad = {f"{path.relative_to(ROOT)}: {name}" for path in (ROOT / "wizard" / layer).rglob("*.py")
           for name in imported(path) if not any(name == a or name.startswith(a + ".") for a in allowed)}
    assert bad == set()
