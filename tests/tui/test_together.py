"""Several responders in the TUI: a conflict after a merge is shown and resolved; a lock is named."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest

from wizard.store import Incident, Responder
from wizard.tui.incident import IncidentScreen

from .conftest import NOW, settle
from .walk import answer


def diverged(tmp_path):
    """Two copies of one incident that answered affected_max differently, merged into `merged.toml`."""
    yamada, sato = Responder("山田", "情報システム"), Responder("佐藤", "総務")
    a = tmp_path / "a.toml"
    with Incident.create(a, yamada, title="誤送信", now=NOW - timedelta(hours=1)) as incident:
        incident.answer("aware_at", NOW - timedelta(hours=1), yamada, NOW - timedelta(minutes=50))
    b = tmp_path / "b.toml"
    shutil.copy(a, b)
    with Incident.open_for_writing(a, yamada) as incident:
        incident.answer("affected_max", 6000, yamada, NOW - timedelta(minutes=40))
    with Incident.open_for_writing(b, sato) as incident:
        incident.answer("affected_max", 7000, sato, NOW - timedelta(minutes=30))
    merged = Incident.merge(Incident.load(a), Incident.load(b), tmp_path / "merged.toml")
    merged.save()
    return merged.path


async def open_read_only(pilot):
    """In the lock dialog, 読み取り専用で開く, past the hand-over brief: the incident screen."""
    await pilot.click("#read_only")
    await settle(pilot)
    while type(pilot.app.screen).__name__ == "HandoverDialog":
        await pilot.press("enter")
        await settle(pilot)
    return pilot.app.screen


async def test_a_conflict_is_shown_and_resolved_by_answering_again(app_factory, tmp_path):
    path = diverged(tmp_path)
    app = app_factory("ja", path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if type(app.screen).__name__ == "HandoverDialog":
            await pilot.press("enter")
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        bar = screen.query_one("#conflict-bar")
        assert bar.has_class("shown") and "最大の人数" in str(bar.render())
        assert "affected_max" in screen.session.determination().unknown_facts  # cautious while open
        screen.current = "affected_max"
        await screen.show_question()
        await settle(pilot)
        await answer(pilot, 7000)
        await settle(pilot)
        assert not bar.has_class("shown")
        assert Incident.load(path).conflict_list() == []
        assert Incident.load(path).answers()["affected_max"] == 7000


async def test_someone_elses_lock_is_named_and_read_only_is_offered(app_factory, tmp_path):
    path = diverged(tmp_path)
    with Incident.open_for_writing(path, Responder("佐藤", "総務")):
        app = app_factory("ja", path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert type(app.screen).__name__ == "LockDialog"
            text = " ".join(str(w.render()) for w in app.screen.query("Static"))
            assert "佐藤" in text
            screen = await open_read_only(pilot)
            assert isinstance(screen, IncidentScreen) and screen.session.read_only
            assert "読み取り専用" in str(screen.query_one("#incident-bar").render())
            before = len(Incident.load(path).events)
            screen.current = "cause"
            await screen.show_question()
            await settle(pilot)
            await answer(pilot, "loss")
            assert len(Incident.load(path).events) == before  # nothing written


async def test_read_only_refuses_every_writing_action_cleanly(app_factory, tmp_path):
    path = diverged(tmp_path)
    with Incident.open_for_writing(path, Responder("佐藤", "総務")):
        app = app_factory("ja", path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            screen = await open_read_only(pilot)
            before = len(Incident.load(path).events)
            await pilot.press("ctrl+n")  # a note: it used to crash with a traceback
            await settle(pilot)
            assert screen is app.screen  # no note dialog: refused at once
            await pilot.press("f6", "space")  # a checklist tick
            await settle(pilot)
            first = screen.query(".checklist-items").first()
            assert first.selected == []  # the box is not left ticked
            await pilot.press("f10")
            await settle(pilot)
            await pilot.press("enter")  # 証拠を追加
            await settle(pilot)
            assert screen is app.screen
            await pilot.press("f12")
            await settle(pilot)
            await pilot.press("enter")  # 書き出す
            await settle(pilot)
            assert "読み取り専用" in str(screen.query_one("#export-status").render())
            notices = [n.message for n in app._notifications]
            assert len(notices) >= 3 and all("読み取り専用" in n for n in notices)
            assert len(Incident.load(path).events) == before  # nothing written
            assert not (tmp_path / "merged-export").exists()


async def test_the_hand_over_brief_puts_what_is_due_first_then_answers_work_and_people(app_factory, tmp_path):
    path = diverged(tmp_path)
    with Incident.open_for_writing(path, Responder("山田", "情報システム")) as incident:
        incident.tick("record_t0", Responder("山田", "情報システム"), now=NOW - timedelta(minutes=20))
    app = app_factory("ja", path, by="鈴木", role="法務")  # someone new to the incident
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HandoverDialog"
        from .test_snapshots import visible_text

        text = visible_text(app)
        assert text.index("次の期限") < text.index("速報")  # due next first, on screen at 80x24
        assert "速報" in text
        assert "記録を見る" in text  # the log only on demand
        body = app.screen.query_one("#brief-body")
        whole = " ".join(str(w.render()) for w in body.query("Static, Prose"))
        assert whole.index("次の期限") < whole.index("現在の回答")
        assert "知った日時: 2026-11-20(金) 10:00 JST" in whole
        assert "分からないこと" in whole and "食い違い: 最大の人数" in whole
        assert "[山田 11/20 10:40 JST]" in whole and "佐藤（総務）" in whole
        assert "7,000" not in whole  # the answers in conflict are not shown as answers
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0  # PgDn scrolls without Tab
        await pilot.press("l")
        await settle(pilot)
        log = " ".join(str(w.render()) for w in body.query(".brief-log"))
        assert "これまでの記録" in log and "JST" in log and "UTC" not in log
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentScreen)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX terminals and signals")
@pytest.mark.parametrize(("ending", "gone"), [("SIGHUP", False), ("SIGTERM", False), ("SIGHUP", True)])
def test_the_tui_told_to_end_lets_its_lock_go(tmp_path, ending, gone):
    """`rouei open` in a terminal of its own; the window is closed (SIGHUP) or the computer shuts down
    (SIGTERM): the lock goes, the process ends, and the next `rouei answer` by anyone needs no --force.
    `gone`: the terminal is closed before the signal, so that whatever rouei draws fails to be written
    (Textual's output thread then ends, and a clean exit that writes to it waited for ever)."""
    import fcntl
    import struct
    import termios
    import threading

    from wizard.store.files import lock_path

    path = tmp_path / "i.toml"
    Incident.create(path, Responder("佐藤", "総務")).close()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "ROUEI_CONFIG_DIR": str(tmp_path / "config"), "TERM": "xterm-256color"}
    env.pop("ROUEI_PROFILE", None)
    child = subprocess.Popen([sys.executable, "-m", "wizard", "open", str(path), "--by", "佐藤"], stdin=slave,
                             stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    reading = threading.Event()
    reading.set()
    threading.Thread(target=_drain, args=(master, reading), daemon=True).start()  # a terminal reads what is drawn
    try:
        deadline = time.monotonic() + 60
        while not lock_path(path).exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lock_path(path).exists(), "the TUI did not open the incident"
        if gone:  # the window stops reading, what rouei draws backs up, then the window is gone
            reading.clear()
            for _ in range(20):  # a resize: rouei draws the whole screen again
                child.send_signal(signal.SIGWINCH)
                time.sleep(0.1)
            os.close(master)
        child.send_signal(getattr(signal, ending))
        child.wait(timeout=15)
    finally:
        child.kill()
    assert not lock_path(path).exists()
    from wizard.cli import main

    assert main(["answer", str(path), "cause=loss", "--by", "山田"]) == 0


def _drain(fd: int, reading: threading.Event) -> None:
    try:
        while reading.is_set() and os.read(fd, 65536):
            pass
    except OSError:
        pass


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked with signals on POSIX")
async def test_a_lock_left_by_a_process_gone_is_cleared_with_a_note_not_asked_about(app_factory, tmp_path):
    from tests.store.test_lock import dead_pid, foreign_lock

    path = diverged(tmp_path)
    foreign_lock(path, pid=dead_pid())
    app = app_factory("ja", path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert not any(type(s).__name__ == "LockDialog" for s in app.screen_stack)
        assert any(isinstance(s, IncidentScreen) for s in app.screen_stack)
        notes = [n.message for n in app._notifications]
        assert any("鈴木" in n and "外しました" in n for n in notes)


async def test_a_takeover_turns_the_displaced_screen_read_only_at_once(app_factory, tmp_path):
    """佐藤 takes the file over from 山田, who has it open: 山田's screen says so within a second or two and
    records nothing more (her ticks, answers and notes are refused)."""
    path = diverged(tmp_path)
    app = app_factory("ja", path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        while type(app.screen).__name__ == "HandoverDialog":
            await pilot.press("enter")
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen) and not screen.session.read_only
        theirs = Incident.open_for_writing(path, Responder("佐藤", "総務"), force=True)
        before = len(Incident.load(path).events)
        await pilot.press("f6", "space")  # a tick before the screen has looked: refused all the same
        await settle(pilot)
        assert len(Incident.load(path).events) == before
        await pilot.pause(1.5)
        bar = screen.query_one("#incident-bar")
        assert bar.has_class("read-only") and "読み取り専用" in str(bar.render())
        assert any("佐藤さんがこのファイルを引き継ぎました" in n.message for n in app._notifications)
        await pilot.press("down", "space", "ctrl+n")
        await settle(pilot)
        assert app.screen is screen  # no note dialog
        screen.current = "cause"
        screen.action_tab("questions")
        await screen.show_question()
        await settle(pilot)
        await answer(pilot, "loss")
        assert len(Incident.load(path).events) == before  # nothing recorded by her
        theirs.close()
