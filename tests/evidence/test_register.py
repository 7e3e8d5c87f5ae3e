"""The register: items from events, chains of custody, and verification that names each changed file."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from wizard.errors import RoueiError
from wizard.evidence.collect import collect
from wizard.evidence.register import (add, describe_event, find, incident_files, record_verify, register, transfer,
                                     verify)
from wizard.store import Incident, Responder

from .helpers import ODD_NAMES, deny_reading

YAMADA = Responder("山田")
SUZUKI = Responder("鈴木", "情報システム担当")


def added(incident, *paths, **kw):
    ids = add(incident, collect([str(p) for p in paths], ignore=incident_files(incident.path)), YAMADA, **kw)
    return [find(register(incident), i) if i else None for i in ids]


def statuses(report):
    return {(r.item.id, f.rel): f.status for r in report.items for f in r.findings}


def test_an_added_folder_is_in_the_register_with_its_files(incident, tree):
    [item] = added(incident, tree, location="金庫A", note="サーバから取得")
    assert item.id.startswith("E-") and len(item.id) == 8
    assert (item.kind, item.path, item.root) == ("folder", str(tree), os.path.realpath(tree))
    assert (item.collected_by, item.holder, item.location, item.note) == ("山田", "山田", "金庫A", "サーバから取得")
    assert set(ODD_NAMES) <= {e.rel for e in item.entries}
    assert item.last_check is None


def test_everything_intact_right_after_adding(incident, tree):
    added(incident, tree, tree / "app" / "access.log")
    report = verify(incident)
    assert report.ok
    assert {r.status for r in report.items} == {"intact"}
    assert report.counts()["intact"] == sum(len(r.item.entries) for r in report.items)


def test_verify_names_the_changed_missing_and_added_files(incident, tree):
    [item] = added(incident, tree)
    (tree / "app" / "access.log").write_bytes(b"GET /admin\n")
    (tree / ODD_NAMES[0]).unlink()
    (tree / "app" / "2026-11" / "21.log").write_bytes(b"new\n")
    report = verify(incident)
    assert not report.ok
    found = statuses(report)
    assert found[item.id, "app/access.log"] == "changed"
    assert found[item.id, ODD_NAMES[0]] == "missing"
    assert found[item.id, "app/2026-11/21.log"] == "added"
    assert found[item.id, "app/2026-11/20.log"] == "intact"
    assert report.items[0].status == "changed"


def test_a_moved_folder_is_missing_as_a_whole(incident, tree):
    added(incident, tree)
    tree.rename(tree.with_name("moved"))
    [result] = verify(incident).items
    assert result.status == "missing"
    assert {f.status for f in result.findings} == {"missing"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_a_retargeted_link_is_changed(incident, tree):
    [item] = added(incident, tree)
    (tree / "self").unlink()
    (tree / "self").symlink_to("elsewhere")
    assert statuses(verify(incident))[item.id, "self"] == "changed"


def test_an_unreadable_file_at_verification_is_reported(incident, tree, monkeypatch):
    [item] = added(incident, tree)
    deny_reading(monkeypatch, "access.log")
    report = verify(incident)
    assert statuses(report)[item.id, "app/access.log"] == "unreadable"
    assert not report.ok


def test_a_single_unreadable_file_is_not_recorded(incident, tree, monkeypatch):
    deny_reading(monkeypatch, "access.log")
    assert added(incident, tree / "app" / "access.log") == [None]
    assert [e.kind for e in incident.events] == ["created"]


def test_custody_transfers_make_a_chain(incident, tree):
    [item] = added(incident, tree / "app")
    at = item.collected_at  # the same second: allowed
    transfer(incident, item.id, "鈴木", "解析のため", YAMADA, handed_at=at)
    moved = transfer(incident, item.id.upper(), "弁護士", "保全の依頼", SUZUKI)
    assert [(t.giver, t.taker, t.reason, t.recorded_by) for t in moved.custody] == [
        ("山田", "鈴木", "解析のため", "山田"), ("鈴木", "弁護士", "保全の依頼", "鈴木")]
    assert moved.custody[0].handed_at == at
    assert moved.holder == "弁護士"


def test_a_transfer_from_someone_who_does_not_hold_the_item_is_refused(incident, tree):
    [item] = added(incident, tree / "app")
    with pytest.raises(RoueiError) as caught:
        transfer(incident, item.id, "鈴木", "", YAMADA, giver="佐藤")
    assert caught.value.key == "evidence.error.not_holder"
    with pytest.raises(RoueiError) as caught:
        transfer(incident, "E-000000", "鈴木", "", YAMADA)
    assert caught.value.key == "evidence.error.unknown_item"
    with pytest.raises(RoueiError) as caught:
        transfer(incident, item.id, "山田", "", YAMADA)
    assert caught.value.key == "evidence.error.bad_taker"
    assert [e.kind for e in incident.events] == ["created", "evidence_add"]


def test_the_last_verification_is_in_the_register(incident, tree):
    [item] = added(incident, tree / "app")
    (tree / "app" / "access.log").unlink()
    record_verify(incident, verify(incident), SUZUKI)
    [checked] = register(incident)
    assert (checked.last_check.status, checked.last_check.by) == ("missing", "鈴木")
    assert checked.last_check.counts["missing"] == 1


def test_a_payload_this_version_cannot_read_is_left_out_not_a_crash(incident, tree):
    [item] = added(incident, tree / "app")
    incident.append("evidence_add", {"item": 3}, SUZUKI)
    incident.append("evidence_transfer", {"item": "E-zz", "to": []}, SUZUKI)
    incident.append("evidence_verify", {"items": "all"}, SUZUKI)
    nul = {"item": "E-000001", "path": "x", "root": "/tmp/a\0b", "kind": "file", "manifest": ""}
    naive = {"item": item.id, "from": "山田", "to": "x", "handed_at": datetime(2030, 1, 1)}
    incident.append("evidence_add", nul, SUZUKI)
    incident.append("evidence_transfer", naive, SUZUKI)
    [only] = register(incident)
    assert (only.id, only.custody) == (item.id, [])
    assert verify(incident).ok
    assert [describe_event(e) for e in incident.events[2:]] == [None] * 5


def test_the_register_survives_saving_and_loading(incident, tree):
    [item] = added(incident, tree, location="金庫A")
    transfer(incident, item.id, "鈴木", "解析のため", YAMADA)
    [loaded] = register(Incident.load(incident.path))
    assert (loaded.entries, loaded.skipped, loaded.location) == (item.entries, item.skipped, "金庫A")
    assert [(t.giver, t.taker) for t in loaded.custody] == [("山田", "鈴木")]
    assert verify(Incident.load(incident.path)).ok


def test_the_incident_file_is_never_its_own_evidence(incident, tree, tmp_path):
    [item] = added(incident, tmp_path)
    names = {e.rel for e in item.entries}
    assert "incident.toml" not in names and "incident.toml.bak" not in names
    added(incident, tree)  # changes the incident file and its backup
    assert verify(incident).ok
    with pytest.raises(RoueiError) as caught:
        added(incident, incident.path)
    assert caught.value.key == "evidence.error.incident_file"


@pytest.mark.skipif(os.name != "posix", reason="POSIX bytes in names")
def test_a_name_that_is_not_utf8_is_verified_by_its_exact_bytes(incident, tree):
    [item] = added(incident, tree)
    name = os.fsdecode(b"latin1-\xe9.txt")
    assert name in {e.rel for e in item.entries}
    (tree / name).write_bytes(b"changed\n")
    assert statuses(verify(incident))[item.id, name] == "changed"


def test_each_evidence_event_reads_as_one_line_for_the_timeline(incident, tree):
    [item] = added(incident, tree / "app")
    transfer(incident, item.id, "鈴木", "解析のため", YAMADA)
    (tree / "app" / "access.log").unlink()
    record_verify(incident, verify(incident), SUZUKI)
    add_line, transfer_line, verify_line = (describe_event(e) for e in incident.events[1:])
    assert add_line == f"証拠 {item.id} を記録: {tree / 'app'}（フォルダ、{len(item.entries)}ファイル、613 バイト）"
    assert transfer_line.startswith(f"証拠 {item.id} の受け渡し: 山田 → 鈴木（解析のため、")
    assert verify_line == f"証拠 1 件を確認: 問題あり 1 件（{item.id} 見つからない）"
    assert describe_event(incident.events[0]) is None  # not an evidence event
