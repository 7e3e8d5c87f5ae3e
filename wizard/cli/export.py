"""`rouei export` (being built; see issue 5)."""

from __future__ import annotations

from wizard.cli.incident import _pending


def add_export(sub, common):
    _pending(sub, common, "export")
