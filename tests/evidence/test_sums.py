"""Folder evidence is written as one `sums` line per file (fast at 10,000 files) and read back the same
as the tables of earlier files; a small file is hashed without a megabyte buffer."""

from __future__ import annotations

import hashlib

from wizard.evidence import hashing
from wizard.evidence.collect import collect
from wizard.evidence.register import _entry_data, add, add_data, find, incident_files, register
from wizard.store import Incident, Responder

YAMADA = Responder("山田")


def test_sums_lines_round_trip_odd_names(incident, tree):
    [collected] = collect([str(tree)], ignore=incident_files(incident.path))
    data = add_data(collected, "E-000001")
    assert data["sums"] and all(len(line.split(" ", 3)[0]) == 64 for line in data["sums"])
    assert all(e["kind"] == "link" or "path_hex" in e for e in data["entries"])  # only what a line cannot hold
    [item_id] = add(incident, [collected], YAMADA)
    item = find(register(Incident.load(incident.path)), item_id)
    assert item.entries == collected.entries and item.manifest == collected.manifest


def test_an_earlier_file_with_every_entry_as_a_table_reads_the_same(incident, tree):
    [collected] = collect([str(tree)], ignore=incident_files(incident.path))
    old = add_data(collected, "E-000002") | {"sums": None}
    del old["sums"]
    old["entries"] = [_entry_data(e) for e in collected.entries]
    incident.append("evidence_add", old, YAMADA)
    item = find(register(Incident.load(incident.path)), "E-000002")
    assert item.entries == collected.entries


def test_a_small_file_gets_a_small_buffer(tmp_path, monkeypatch):
    sizes = []
    real = bytearray

    def spy(n):
        sizes.append(n)
        return real(n)

    monkeypatch.setattr(hashing, "bytearray", spy, raising=False)
    path = tmp_path / "small.log"
    path.write_bytes(b"x" * 100)
    assert hashing.hash_file(path).sha256 == hashlib.sha256(b"x" * 100).hexdigest()
    assert sizes == [101]
