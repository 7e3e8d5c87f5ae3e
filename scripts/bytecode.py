"""Byte-compile the rouei that a benchmark times, as `pip install` does at install time.

This machine (and many CI images) sets PYTHONDONTWRITEBYTECODE, and an editable install is never
compiled: without this, every timed run would compile every module of rouei from source, a cost no
installed rouei pays, while the baselines (the standard library, Textual) run from compiled files.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_rouei(checkout: Path | None = None) -> None:
    """Compile `checkout`/wizard (default: the one imported here) into its __pycache__ folders."""
    if checkout is None:
        import wizard

        package = Path(wizard.__file__).parent
    else:
        package = Path(checkout) / "wizard"
    if not compileall.compile_dir(package, quiet=1, workers=0):
        raise SystemExit(f"could not byte-compile {package}")
