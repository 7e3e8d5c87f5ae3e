"""Nothing lost: what would not read back is refused, takeovers merge, backups are never replaced,
symbolic links lead to the real file, torn tails are cut only after a backup, appends are O(1)."""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.atomic import backups
from wizard.cli import main
from wizard.errors import RoueiError
from wizard.store import Incident, LockHeld
from wizard.store import files
from wizard.store.files import backup_path, lock_path

from .helpers import SATO, START, YAMADA


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())


# ---- 10.1: never write what would not read back ---------------------------------------------------

def test_a_mistyped_year_is_refused_and_nothing_changes(incident, capsys):
    before = incident.path.read_bytes()
    code, text = run(capsys, "answer", str(incident.path), "aware_at=1026-11-20 10:00", "--by", "山田")
    assert code == 2 and "2022-04-01" in text and incident.path.read_bytes() == before


def test_a_pre_1888_tokyo_time_is_stored_with_a_whole_minute_offset(incident):
    """Below the input checks, the store itself never writes Tokyo's local mean time (+09:18:59)."""
    from zoneinfo import ZoneInfo

    with Incident.open_for_writing(incident.path, YAMADA) as open_incident:
        open_incident.note("古い時刻", YAMADA, now=datetime(1026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    text = incident.path.read_text(encoding="utf-8")
    assert "+09:18:59" not in text and "1026-11-20 00:41:01+00:00" in text
    assert Incident.load(incident.path).events[-1].at == datetime(1026, 11, 20, 0, 41, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", ["aware_at=0001-01-01 00:00", "affected_max=9223372036854775808"])
def test_what_a_file_cannot_hold_is_refused_at_the_door(incident, capsys, value):
    before = incident.path.read_bytes()
    code, text = run(capsys, "answer", str(incident.path), value, "--by", "山田")
    assert code == 2 and "Traceback" not in text and incident.path.read_bytes() == before


def test_a_record_that_would_not_read_back_is_refused_and_nothing_changes(incident, monkeypatch):
    before, events = incident.path.read_bytes(), incident.events
    monkeypatch.setattr(files, "render", lambda tables: ['[[events]]\nid = "broken"\n'])
    with pytest.raises(RoueiError) as caught:
        incident.note("読み戻せない", YAMADA)
    assert caught.value.key == "store.error.unwritable"
    assert incident.path.read_bytes() == before and incident.events == events


# ---- 10.3: --force takes over without losing what the old holder saves ---------------------------

def test_a_holder_whose_lock_was_taken_over_notices_and_loses_nothing(incident, clock):
    first = Incident.open_for_writing(incident.path, YAMADA)
    second = Incident.open_for_writing(incident.path, SATO, force=True)
    second.note("引き継いだ側", SATO, now=clock())
    first.note("元の側（ロックを失ったあと）", YAMADA, now=clock())
    assert first.lock_lost and not second.lock_lost
    texts = [e.data.get("text") for e in Incident.load(incident.path).events]
    assert texts[-2:] == ["引き継いだ側", "元の側（ロックを失ったあと）"]
    first.close()
    assert lock_path(incident.path).exists()  # the one who took it over keeps theirs
    second.close()
    assert not lock_path(incident.path).exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks writers (POSIX)")
def test_100_parallel_answers_with_force_lose_nothing(incident, tmp_path):
    writers, each = 4, 25
    pids = []
    for k in range(writers):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                with open(tmp_path / f"done-{k}", "w") as log:
                    for i in range(each):
                        value = 1000 * (k + 1) + i
                        if main(["answer", str(incident.path), f"affected_max={value}", "--by", f"w{k}",
                                 "--force"]) == 0:
                            log.write(f"{value}\n")
                            log.flush()
            except BaseException:
                code = 1
            os._exit(code)
        pids.append(pid)
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in pids)
    reported = {int(v) for k in range(writers) for v in (tmp_path / f"done-{k}").read_text().split()}
    stored = {e.data["value"] for e in Incident.load(incident.path).events if e.kind == "answer"
              and e.data["fact"] == "affected_max"}
    assert len(reported) == writers * each and reported <= stored  # 100 recorded, 0 lost
    assert main(["verify", str(incident.path)]) == 0


# ---- 10.4: a backup is never replaced -------------------------------------------------------------

def test_merge_onto_a_damaged_output_keeps_every_backup(incident, tmp_path, capsys, clock):
    copy = tmp_path / "copy.toml"
    copy.write_bytes(incident.path.read_bytes())
    Incident.load(copy).note("写し", SATO, now=clock())
    out = tmp_path / "out.toml"
    out.write_bytes(incident.path.read_bytes())
    Incident.load(out).note("OUT だけの記録", SATO, now=clock())
    sound = out.read_bytes()
    backup_path(out).write_bytes(sound)  # OUT's sound backup
    out.write_text("<<<<<<< HEAD\n" + out.read_text(encoding="utf-8"), encoding="utf-8")
    damaged = out.read_bytes()
    code, text = run(capsys, "merge", str(incident.path), str(copy), "-o", str(out))
    assert code == 0 and "out.toml.bak.1" in text
    assert backup_path(out).read_bytes() == sound and (tmp_path / "out.toml.bak.1").read_bytes() == damaged


def test_merge_never_replaces_someone_elses_bak_file(incident, tmp_path, capsys):
    conflicted = tmp_path / "case.toml"  # an incident left with git's conflict markers: set aside, then written
    text = "<<<<<<< HEAD\n" + incident.path.read_text(encoding="utf-8") + ">>>>>>> theirs\n"
    conflicted.write_text(text, encoding="utf-8")
    (tmp_path / "case.toml.bak").write_text("大事な控え\n", encoding="utf-8")
    code, _ = run(capsys, "merge", str(incident.path), str(incident.path), "-o", str(conflicted))
    assert code == 0 and (tmp_path / "case.toml.bak").read_text(encoding="utf-8") == "大事な控え\n"
    assert (tmp_path / "case.toml.bak.1").read_text(encoding="utf-8") == text


def test_merge_never_writes_over_a_file_that_is_not_an_incident(incident, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("メモ\n", encoding="utf-8")
    code, _ = run(capsys, "merge", str(incident.path), str(incident.path), "-o", str(notes))
    assert code == 2 and notes.read_text(encoding="utf-8") == "メモ\n"
    assert not (tmp_path / "notes.txt.bak").exists()


# ---- 10.6: symbolic links --------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_saving_through_a_symlink_writes_and_locks_the_real_file(incident, tmp_path, capsys):
    link = tmp_path / "link.toml"
    link.symlink_to(incident.path)
    with Incident.open_for_writing(link, SATO) as opened:
        assert lock_path(incident.path).exists() and not lock_path(link).exists()
        with pytest.raises(LockHeld):
            Incident.open_for_writing(incident.path, YAMADA)
        opened.note("リンク経由", SATO)
    assert link.is_symlink() and Incident.load(incident.path).events[-1].data["text"] == "リンク経由"
    merged_out = tmp_path / "merged-link.toml"
    merged_out.symlink_to(incident.path)
    assert run(capsys, "merge", str(incident.path), str(link), "-o", str(merged_out))[0] == 0
    assert merged_out.is_symlink()


# ---- 10.9: a byte order mark -----------------------------------------------------------------------

def test_a_utf8_byte_order_mark_is_accepted_and_kept(incident, clock):
    incident.path.write_bytes(b"\xef\xbb\xbf" + incident.path.read_bytes())
    with Incident.open_for_writing(incident.path, SATO) as opened:
        opened.note("BOM 付き", SATO, now=clock())
    loaded = Incident.load(incident.path)
    assert loaded.events[-1].data["text"] == "BOM 付き" and incident.path.read_bytes().startswith(b"\xef\xbb\xbf")


# ---- 10.13: temporary files left by a kill --------------------------------------------------------

def test_stale_temporary_files_of_our_own_pattern_are_cleaned(incident):
    folder = incident.path.parent
    stale, fresh, other = folder / ".incident.toml.x1.tmp", folder / ".incident.toml.x2.tmp", folder / ".other.tmp"
    for path in (stale, fresh, other):
        path.write_bytes(b"x" * 100)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    Incident.open_for_writing(incident.path, SATO).close()
    assert not stale.exists() and fresh.exists() and other.exists()


# ---- 12: appends ------------------------------------------------------------------------------------

def test_a_torn_tail_is_left_out_then_cut_after_a_backup(incident, clock):
    for i in range(3):
        incident.note(f"保存済み {i}", YAMADA, now=clock())
    whole = incident.path.read_bytes()
    saved = [e.id for e in incident.events]
    incident.note("途中で切れる", YAMADA, now=clock())
    full = incident.path.read_bytes()
    for size in range(len(whole) + 2, len(full), 7):  # every way a kill or power cut can cut the last record
        incident.path.write_bytes(full[:size])
        loaded = Incident.load(incident.path)
        assert [e.id for e in loaded.events] == saved and loaded.torn, size
        loaded.note("続き", SATO, now=clock())
        after = Incident.load(incident.path)
        assert [e.id for e in after.events][:-1] == saved and not after.torn
        assert incident.path.read_bytes().startswith(whole)
        newest = backups(backup_path(incident.path))[-1]
        assert newest.read_bytes() == full[:size]  # what was cut is kept
        if os.name == "posix":
            assert stat.S_IMODE(os.stat(newest).st_mode) == 0o600
        for path in backups(backup_path(incident.path)):
            path.unlink()


def test_a_writer_opens_by_the_ends_and_never_rereads_what_it_holds(tmp_path, monkeypatch, clock):
    path = tmp_path / "i.toml"
    inc = Incident.create(path, YAMADA, title="件名", now=clock())
    for i in range(200):
        inc.note(f"{i}", YAMADA, now=clock())
    other = Incident.load(path)

    def no_whole_read(*_args, **_kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Incident, "load", no_whole_read)
    writer = Incident.open_for_writing(path, SATO)
    assert writer.title == "件名" and writer.heads == (inc.events[-1].id,)
    writer.note("端だけ読んで追記", SATO, now=clock())
    other.note("別の手", YAMADA, now=clock())  # takes in the writer's record: only what came after
    writer.note("その後に", SATO, now=clock())
    writer.close()
    monkeypatch.undo()
    texts = [e.data.get("text") for e in Incident.load(path).events[-3:]]
    assert texts == ["端だけ読んで追記", "別の手", "その後に"]


def test_a_schema_1_file_is_migrated_on_its_first_change_with_a_backup(tmp_path, clock):
    from wizard.store.events import make_event

    created = make_event("created", {"title": "旧形式", "exercise": False}, (), YAMADA, START)
    note = make_event("note", {"text": "前の版で"}, (created.id,), YAMADA, START + timedelta(minutes=1))
    old = (files.BANNER + f'format = "rouei-incident"\nschema = 1\nheads = [\n    "{note.id}",\n]\n' +
           "".join("\n" + b for b in files.render([created.table(), note.table()])))
    path = tmp_path / "old.toml"
    path.write_text(old, encoding="utf-8")
    assert [e.id for e in Incident.load(path).events] == [created.id, note.id]
    with Incident.open_for_writing(path, SATO) as opened:
        opened.note("新しい版で", SATO, now=clock())
    text = path.read_text(encoding="utf-8")
    assert "schema = 2" in text and "heads" not in text.split("[[events]]")[0]
    assert len(Incident.load(path).events) == 3 and backup_path(path).read_text(encoding="utf-8") == old


def test_reload_takes_in_only_what_was_appended(incident, clock):
    other = Incident.load(incident.path)
    assert incident.reload() is False
    other.note("別の手から", SATO, now=clock())
    assert incident.reload() is True and incident.events[-1].data["text"] == "別の手から"
    assert incident.reload() is False


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(0, 70_000), min_size=1, max_size=12))
def test_blocks_read_backwards_are_the_blocks_read_forwards(tmp_path_factory, sizes):
    """Blocks of any length (shorter and longer than the window read at a time) come back whole,
    the last first, without the header."""
    path = tmp_path_factory.mktemp("back") / "i.toml"
    blocks = [f'[[events]]\nid = "{i}"\ntext = "{"あ" * (size // 3)}"\n' for i, size in enumerate(sizes)]
    data = ('format = "rouei-incident"\nschema = 2\n' + "".join("\n" + b for b in blocks)).encode("utf-8")
    path.write_bytes(data)
    with open(path, "rb") as fh:
        found = [b.decode("utf-8") for b in files.blocks_backwards(fh.fileno(), len(data))]
    assert found == blocks[::-1]
