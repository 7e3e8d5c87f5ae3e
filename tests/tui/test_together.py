"""Several responders in the TUI: a conflict after a merge is shown and resolved; a lock is named."""

from __future__ import annotations

import shutil
from datetime import timedelta

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
