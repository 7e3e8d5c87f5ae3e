"""`rouei evidence` (being built; see issue 6)."""

from __future__ import annotations

from wizard.cli.incident import _pending


def add_evidence(sub, common):
    _pending(sub, common, "evidence")
