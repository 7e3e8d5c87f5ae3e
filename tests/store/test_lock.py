"""The write lock: who holds it, stale locks, takeover, release only of one's own lock."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest
import tomli_w

from wizard.store import Incident, Lock, LockHeld
from wizard.store.files import lock_path
from wizard.store.lock import read_holder

from .helpers import START, SATO, YAMADA


def foreign_lock(incident_path, *, host=None, pid=None, since=START):
    lock_path(incident_path).write_text(tomli_w.dumps({
        "name": "鈴木", "role": "", "host": host or socket.gethostname(), "pid": pid or os.getpid(), "since": since,
    }), encoding="utf-8")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_names_its_holder_and_is_released(incident):
    with Incident.open_for_writing(incident.path, YAMADA, now=START) as inc:
        holder = read_holder(incident.path)
        assert (holder.name, holder.host, holder.pid, holder.since) == ("山田", socket.gethostname(), os.getpid(), START)
        with pytest.raises(LockHeld) as caught:
            Incident.open_for_writing(incident.path, SATO)
        held = caught.value
        assert held.holder.name == "山田" and held.stale is False
        assert "山田" in str(held) and "2026-11-20 10:00" in str(held) and socket.gethostname() in str(held)
        inc.note("書ける", YAMADA)
    assert not lock_path(incident.path).exists()
    Incident.open_for_writing(incident.path, SATO).close()


def test_reading_needs_no_lock(incident):
    with Incident.open_for_writing(incident.path, YAMADA):
        assert Incident.load(incident.path).events == incident.events


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked with signals on POSIX")
def test_a_lock_of_a_process_gone_from_this_computer_is_cleared_with_a_note(incident, capsys):
    foreign_lock(incident.path, pid=dead_pid())
    with Incident.open_for_writing(incident.path, YAMADA) as opened:  # no question asked, no --force
        assert opened.lock_cleared.name == "鈴木"
        assert read_holder(incident.path).name == "山田"
    foreign_lock(incident.path, pid=dead_pid())
    from wizard.cli import main

    assert main(["answer", str(incident.path), "cause=loss", "--by", "佐藤"]) == 0
    note = capsys.readouterr().err
    assert "鈴木" in note and "終わっている" in note and "2026-11-20 10:00 JST" in note
    assert Incident.load(incident.path).answers()["cause"] == "loss"
    assert not lock_path(incident.path).exists()


def test_a_live_lock_of_this_computer_is_not_cleared(incident):
    foreign_lock(incident.path)  # this very process: alive
    with pytest.raises(LockHeld) as caught:
        Incident.open_for_writing(incident.path, YAMADA)
    assert caught.value.stale is False and read_holder(incident.path).name == "鈴木"


HOLD = """
import sys, time
from wizard.store import Incident, Responder
with Incident.open_for_writing(sys.argv[1], Responder("佐藤", "総務")):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("ending", ["SIGHUP", "SIGTERM"])
def test_a_process_told_to_end_lets_its_lock_go(incident, ending):
    """A terminal window closed (SIGHUP) or a shutdown (SIGTERM): the lock goes with the process."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(incident.path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "locked\n"
        assert read_holder(incident.path).name == "佐藤"
        child.send_signal(getattr(signal, ending))
        assert child.wait(timeout=30) == -getattr(signal, ending)  # ended as the signal ends a process
    finally:
        child.kill()
    assert not lock_path(incident.path).exists()
    Incident.open_for_writing(incident.path, YAMADA).close()


def test_a_lock_from_another_computer_is_not_stale_but_can_be_forced(incident):
    foreign_lock(incident.path, host="other-laptop", pid=1)
    with pytest.raises(LockHeld) as caught:
        Incident.open_for_writing(incident.path, YAMADA)
    assert caught.value.stale is False and "other-laptop" in str(caught.value)
    with Incident.open_for_writing(incident.path, YAMADA, force=True):
        pass


def test_an_unreadable_lock_is_stale(incident):
    lock_path(incident.path).write_bytes(b"\xff garbage")
    with pytest.raises(LockHeld) as caught:
        Lock(incident.path, YAMADA).acquire()
    assert caught.value.stale is True and caught.value.holder is None


def test_release_leaves_a_lock_someone_took_over(incident):
    mine = Lock(incident.path, YAMADA).acquire()
    theirs = Lock(incident.path, SATO).acquire(force=True)
    mine.release()
    assert read_holder(incident.path).name == "佐藤"
    theirs.release()
    assert not lock_path(incident.path).exists()


def test_a_failed_load_releases_the_lock(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(Exception):
        Incident.open_for_writing(broken, YAMADA)
    assert not lock_path(broken).exists()
