"""Folder evidence is written as a `sums` text, a line per file (one literal string in the file: fast at
10,000 files), and read back the same as the string lists and tables of earlier files; a small file is
read in one call, without a buffer."""

from __future__ import annotations

import hashlib
import os

import pytest

from wizard.evidence import hashing
from wizard.evidence.collect import collect
from wizard.evidence.payload import add_data, entry_data
from wizard.evidence.register import add, find, incident_files, register
from wizard.store import Incident, Responder

YAMADA = Responder("山田")


def test_sums_lines_round_trip_odd_names(incident, tree):
    [collected] = collect([str(tree)], ignore=incident_files(incident.path))
    data = add_data(collected, "E-000001")
    lines = data["sums"].split("\n")
    assert lines.pop() == "" and lines and all(len(line.split(" ", 3)[0]) == 64 for line in lines)
    tables = {e["path"]: e for e in data["entries"]}  # only what a line cannot hold
    assert all(e["kind"] == "link" or "path_hex" in e for e in tables.values() if e["path"] != "new\nline.txt")
    assert tables["new\nline.txt"]["kind"] == "file"
    [item_id] = add(incident, [collected], YAMADA)
    item = find(register(Incident.load(incident.path)), item_id)
    assert item.entries == collected.entries and item.manifest == collected.manifest


def test_a_large_folder_is_one_literal_string_in_the_file(incident, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(50):
        (folder / f"{i:03d} it's.log").write_bytes(b"x" * i)
    [collected] = collect([str(folder)])
    [item_id] = add(incident, [collected], YAMADA)
    assert "sums = '''\n" in incident.path.read_text(encoding="utf-8")
    item = find(register(Incident.load(incident.path)), item_id)
    assert item.entries == collected.entries and len(item.entries) == 50


def test_an_earlier_file_with_a_string_per_line_reads_the_same(incident, tree):
    [collected] = collect([str(tree)], ignore=incident_files(incident.path))
    old = add_data(collected, "E-000003")
    old["sums"] = old["sums"].removesuffix("\n").split("\n")
    incident.append("evidence_add", old, YAMADA)
    item = find(register(Incident.load(incident.path)), "E-000003")
    assert item.entries == collected.entries


def test_an_earlier_file_with_every_entry_as_a_table_reads_the_same(incident, tree):
    [collected] = collect([str(tree)], ignore=incident_files(incident.path))
    old = add_data(collected, "E-000002") | {"sums": None}
    del old["sums"]
    old["entries"] = [entry_data(e) for e in collected.entries]
    incident.append("evidence_add", old, YAMADA)
    item = find(register(Incident.load(incident.path)), "E-000002")
    assert item.entries == collected.entries


def test_a_small_file_is_read_in_one_call_without_a_buffer(tmp_path, monkeypatch):
    reads, buffers = [], []
    read, real_bytearray = os.read, bytearray
    monkeypatch.setattr(hashing.os, "read", lambda fd, n: reads.append(n) or read(fd, n))
    monkeypatch.setattr(hashing, "bytearray", lambda n: buffers.append(n) or real_bytearray(n), raising=False)
    path = tmp_path / "small.log"
    path.write_bytes(b"x" * 100)
    assert hashing.hash_file(path).sha256 == hashlib.sha256(b"x" * 100).hexdigest()
    assert reads == [101] and buffers == []  # one byte more than its size: one that grew is seen


def test_a_small_file_read_in_pieces_is_read_to_its_size(tmp_path, monkeypatch):
    read = os.read
    monkeypatch.setattr(hashing.os, "read", lambda fd, n: read(fd, min(n, 7)))  # as some network file systems do
    path = tmp_path / "small.log"
    path.write_bytes(b"0123456789" * 5)
    assert hashing.hash_file(path).sha256 == hashlib.sha256(b"0123456789" * 5).hexdigest()


def test_a_small_file_that_grew_before_it_was_read_is_unstable(tmp_path, monkeypatch):
    path = tmp_path / "live.log"
    path.write_bytes(b"x" * 100)
    read = os.read

    def grow_then_read(fd, n):
        with path.open("ab") as fh:
            fh.write(b"more")
        return read(fd, n)

    monkeypatch.setattr(hashing.os, "read", grow_then_read)
    with pytest.raises(hashing.Skip) as caught:
        hashing.hash_file(path)
    assert caught.value.reason == "unstable"
