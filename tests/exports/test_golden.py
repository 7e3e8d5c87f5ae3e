"""Every export of the two scenario incidents, compared with the files in `golden/`.

After a deliberate change, regenerate them with `ROUEI_GOLDEN=update python -m pytest tests/exports`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.exports import BINARY_FORMATS, FORMATS, render
from wizard.exports.context import from_incident
from wizard.store import Incident

from . import scenarios

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("ROUEI_GOLDEN") == "update"
TEXT_FORMATS = tuple(f for f in FORMATS if f not in BINARY_FORMATS)  # Word files: tests/exports/test_docx.py


def exported(incidents, name: str, fmt: str) -> list[tuple[str, str]]:
    incident = Incident.load(incidents[name])
    ctx = from_incident(incident, as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])
    return render(ctx, fmt)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_golden(incidents, name, fmt):
    folder = GOLDEN / name
    for file, text in exported(incidents, name, fmt):
        path = folder / file
        if UPDATE:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.is_file(), f"{path} is missing: run with ROUEI_GOLDEN=update"
        assert text == path.read_bytes().decode("utf-8"), f"{name}/{file} differs from its golden file"


def test_every_golden_file_is_produced(incidents):
    """No stale golden file is left behind by a document that is no longer exported."""
    made = {f"{name}/{file}" for name in scenarios.BUILD for fmt in TEXT_FORMATS
            for file, _ in exported(incidents, name, fmt)}
    stored = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file() and p.name[0] != "."}
    assert stored == made
