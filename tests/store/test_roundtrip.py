"""Round trips: what is appended is what loads, byte for byte, with every kind and value kept."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date, datetime, time

import pytest

from wizard.errors import FactError, RoueiError
from wizard.store import Incident, PersonalDataFound
from wizard.store.files import backup_path, document
from wizard.store.history import History

from .helpers import START, SATO, YAMADA


def fill(inc: Incident, clock) -> None:
    """One event of every kind rouei knows, and one it does not."""
    for fact, value in (("organisation", "business"), ("controller_notified", False), ("data", ("email", "name")),
                        ("affected_max", 1200), ("encryption", None), ("sectors", ()), ("cause", "misdelivery")):
        inc.answer(fact, value, YAMADA, now=clock())
    inc.note("取引先1社に誤送信。先方に削除を依頼済み。", SATO, now=clock())
    inc.tick("record_t0", SATO, note="10:05 記録", now=clock())
    inc.tick("escalate", SATO, now=clock())
    inc.tick("escalate", YAMADA, done=False, now=clock())
    inc.handover("鈴木", SATO, note="夜間は鈴木さん", now=clock())
    inc.append("export", {"format": "md", "what": ["ppc_report"], "fingerprint": inc.fingerprint}, SATO, now=clock())
    inc.append("evidence_add", {"item": "E1", "sha256": "0" * 64, "size": 12, "ratio": 0.5, "day": date(2026, 11, 20),
                                "clock": time(10, 30), "local": datetime(2026, 11, 20, 10, 30),
                                "files": [{"path": "logs/a.log", "size": 3}], "meta": {"tags": ["a", "b"]}},
               SATO, now=clock())


def test_every_kind_loads_as_it_was_appended(incident, clock):
    fill(incident, clock)
    loaded = Incident.load(incident.path)
    assert loaded.events == incident.events
    assert loaded.title == "顧客リストの誤送信" and loaded.exercise is False
    assert loaded.fingerprint_full == incident.fingerprint_full
    assert loaded.answers() == {"aware_at": START, "organisation": "business", "controller_notified": False,
                                "data": ("email", "name"), "affected_max": 1200, "sectors": (),
                                "cause": "misdelivery"}
    assert loaded.events[-1].data["files"] == [{"path": "logs/a.log", "size": 3}]
    assert loaded.events[-1].data["clock"] == time(10, 30)


def test_a_file_written_whole_equals_the_one_grown_event_by_event(incident, clock, tmp_path):
    fill(incident, clock)
    grown = incident.path.read_bytes()
    loaded = Incident.load(incident.path)
    assert document(loaded.history.blocks(), loaded.history.written_heads).encode() == grown
    copy = Incident(tmp_path / "copy.toml", History(loaded.events))
    copy.save()
    assert copy.path.read_bytes() == grown


def test_one_table_per_event_and_stable_key_order(incident, clock):
    fill(incident, clock)
    text = incident.path.read_text(encoding="utf-8")
    assert text.count("[[events]]\n") == len(incident.events)
    block = text.split("[[events]]\n")[2]
    keys = [line.split(" = ")[0] for line in block.splitlines() if " = " in line]
    assert keys[:6] == ["id", "parents", "at", "by", "role", "kind"]
    assert text.index("format = ") < text.index("schema = 2") < text.index("[[events]]")
    assert "heads" not in text.split("[[events]]")[0]  # nothing in the header changes when a record is added


def test_answers_are_validated_like_a_facts_file(incident, clock):
    before = incident.path.read_bytes()
    with pytest.raises(FactError):
        incident.answer("affected", 10, YAMADA, now=clock())
    with pytest.raises(FactError):
        incident.answer("cause", "aliens", YAMADA, now=clock())
    with pytest.raises(FactError):
        incident.answer("aware_at", "unknown", YAMADA, now=clock())
    with pytest.raises(FactError):
        incident.answer("affected_max", -1, YAMADA, now=clock())
    assert incident.path.read_bytes() == before
    assert len(incident.events) == 2


def test_unknown_answers_leave_the_fact_unknown(incident, clock):
    incident.answer("affected_max", 5000, YAMADA, now=clock())
    incident.answer("affected_max", "unknown", SATO, now=clock())
    assert "affected_max" not in incident.answers()
    assert incident.facts_for_assess().affected_max is None
    assert Incident.load(incident.path).events[-1].data == {"fact": "affected_max", "value": "unknown"}


def test_no_determination_before_aware_at(tmp_path, clock):
    inc = Incident.create(tmp_path / "i.toml", YAMADA, now=clock())
    with pytest.raises(RoueiError) as caught:
        inc.facts_for_assess()
    assert caught.value.key == "store.error.no_aware_at"


def test_ticks_follow_the_latest_event(incident, clock):
    incident.tick("escalate", YAMADA, now=clock())
    incident.tick("record_t0", SATO, note="済", now=clock())
    incident.tick("escalate", SATO, done=False, now=clock())
    ticks = Incident.load(incident.path).ticks()
    assert ticks["escalate"].done is False and ticks["escalate"].by == "佐藤"
    assert ticks["record_t0"].done is True and ticks["record_t0"].note == "済"


def test_event_times_have_whole_seconds_and_a_zone(incident):
    event = incident.note("x", YAMADA, now=START.replace(second=5, microsecond=123456))
    assert event.at == START.replace(second=5)
    with pytest.raises(ValueError):
        incident.note("x", YAMADA, now=datetime(2026, 11, 20, 10, 0))


def test_an_append_leaves_every_earlier_byte_as_it_was(incident, clock):
    before = incident.path.read_bytes()
    inode = os.stat(incident.path).st_ino
    incident.note("次の記録", YAMADA, now=clock())
    Incident.load(incident.path).note("別の手から", SATO, now=clock())
    after = incident.path.read_bytes()
    assert after.startswith(before) and len(after) > len(before) and os.stat(incident.path).st_ino == inode
    assert after[len(before):].startswith(b"\n[[events]]\n") and not backup_path(incident.path).exists()
    assert [e.data.get("text") for e in Incident.load(incident.path).events[-2:]] == ["次の記録", "別の手から"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_file_written_whole_keeps_the_previous_version_owner_only(incident, clock, tmp_path):
    os.chmod(incident.path, 0o644)  # as a copy from a USB stick can be
    before = incident.path.read_bytes()
    other = tmp_path / "other.toml"
    other.write_bytes(before)
    Incident.load(other).note("写しで", SATO, now=clock())
    merged = Incident.merge(Incident.load(incident.path), Incident.load(other), incident.path)
    merged.save()
    assert backup_path(incident.path).read_bytes() == before
    assert os.stat(backup_path(incident.path)).st_nlink == 1  # a copy, not a link sharing the old mode
    assert stat.S_IMODE(os.stat(incident.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(backup_path(incident.path)).st_mode) == 0o600


@pytest.mark.parametrize(("code", "key"), [(errno.ENOSPC, "file.disk_full"), (errno.EROFS, "file.read_only"),
                                           (errno.EACCES, "file.read_only")])
def test_a_failed_save_is_reported_and_loses_nothing(incident, clock, monkeypatch, code, key):
    incident.note("保存済み", YAMADA, now=clock())
    before, events = incident.path.read_bytes(), incident.events

    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)  # the data went out, but could not be made durable
    with pytest.raises(RoueiError) as caught:
        incident.note("保存できない", YAMADA, now=clock())
    assert caught.value.key == key and str(incident.path) in str(caught.value)
    assert incident.path.read_bytes() == before and incident.events == events
    monkeypatch.undo()
    incident.note("空きができた", YAMADA, now=clock())
    assert [e.data.get("text") for e in Incident.load(incident.path).events[-2:]] == ["保存済み", "空きができた"]
    assert not [p for p in incident.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_second_writer_without_the_lock_is_merged_not_overwritten(incident, clock):
    first, second = Incident.load(incident.path), Incident.load(incident.path)
    first.answer("affected_max", 6000, YAMADA, now=clock())
    second.answer("affected_max", 7000, SATO, now=clock())
    on_disk = Incident.load(incident.path)
    assert {e.id for e in first.events} | {e.id for e in second.events} == {e.id for e in on_disk.events}
    assert len(on_disk.events) == 4 and on_disk.answers()["affected_max"] == 7000  # taken in, then added after


def test_create_refuses_an_existing_file_and_personal_data_in_the_title(incident, tmp_path):
    with pytest.raises(RoueiError) as caught:
        Incident.create(incident.path, YAMADA)
    assert caught.value.key == "store.error.exists"
    with pytest.raises(PersonalDataFound) as found:
        Incident.create(tmp_path / "other.toml", YAMADA, title="yamada@example.jp から連絡")
    assert "yamada@example.jp" not in str(found.value) and "@" in found.value.masked
    assert not (tmp_path / "other.toml").exists()


def test_read_only_opening_refuses_changes(incident):
    view = Incident.load(incident.path, read_only=True)
    with pytest.raises(RoueiError) as caught:
        view.note("x", YAMADA)
    assert caught.value.key == "store.error.read_only"


def test_append_refuses_what_toml_cannot_hold(incident):
    for bad in ({"x": None}, {"x": object()}, {"x": 2**64}, {1: "x"}):
        with pytest.raises(ValueError):
            incident.append("custom", bad, YAMADA)
    with pytest.raises(ValueError):
        incident.append("Bad-Kind", {}, YAMADA)
    assert len(Incident.load(incident.path).events) == 2
