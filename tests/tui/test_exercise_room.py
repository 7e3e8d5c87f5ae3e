"""Issue 22 under Pilot: one release path (the facilitator view's release pops up for the team at once),
moves from a team's window recorded as the facilitator's, the opening briefing, the facilitator view on
the live clock, the room view of every team (read-only), the replay, and blind runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard import clock
from wizard.exercise.run import Run, start
from wizard.exercise.scenario import find
from wizard.store import Incident, Responder

from .conftest import settle
from .test_exercise_snapshots import _snapshot_conditions  # noqa: F401 (autouse: Japan time, no NO_COLOR)
from .test_exercise_snapshots import FACILITATOR, FakeReal, exercise_screen, moved
from .test_snapshots import visible_text
from .walk import answer

TEAM = Responder("山田")


def new_run(path: Path, scenario: str = "ransomware_friday", *, speed: int = 0, blind: bool = False,
            real: FakeReal | None = None) -> Path:
    blind_run = {"blind": True} if blind else {}  # (runs the same on code from before blind runs)
    start(find(scenario), path, FACILITATOR, speed=speed, real=real or FakeReal(), **blind_run).incident.close()
    return path


async def past_briefing(pilot) -> None:
    """Close what opening a run shows first (the briefing; on older code, a brief or a notice)."""
    await settle(pilot)
    while type(pilot.app.screen).__name__ in ("Briefing", "HandoverDialog", "InjectNotice"):
        await pilot.press("enter")
        await settle(pilot)


# ---- 1. one release path --------------------------------------------------------------------------

async def test_an_inject_released_from_the_facilitator_view_pops_up_for_the_team_at_once(app_factory):
    from wizard.tui.exercise import FacilitatorView, InjectNotice

    path = new_run(Path("team-b.toml"))
    app = app_factory("ja", path, by="山田", clock=FakeReal())
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorView)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, InjectNotice)  # at once, not only the inbox count
        assert "ITベンダーからの電話" in visible_text(app)
        assert not any(isinstance(s, FacilitatorView) for s in app.screen_stack)  # the answer key is put away
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "j")  # the clock moved from the team's window
        await settle(pilot)
    events = Incident.load(path).events
    release = next(e for e in events if e.kind == "exercise_inject")
    move = next(e for e in events if e.kind == "exercise_clock")
    assert (release.by, release.role) == ("進行役", "facilitator")  # not 山田, who had the keyboard
    assert (move.by, move.role, move.data["move"]) == ("進行役", "facilitator", "advance")


async def test_a_timed_inject_is_released_by_the_timer_not_by_the_team_member(app_factory):
    real = FakeReal()
    path = new_run(Path("team.toml"), "laptop_encrypted", speed=60, real=real)
    app = app_factory("ja", path, by="山田", clock=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await moved(pilot, real, 95)
    release = next(e for e in Incident.load(path).events if e.kind == "exercise_inject")
    assert (release.by, release.role) == ("rouei", "timer")


# ---- 3. the opening situation ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_briefing_opens_the_run_and_comes_back_on_ctrl_t(app_factory, lang):
    from wizard.tui.exercise import Briefing

    path = new_run(Path("team.toml"))
    app = app_factory(lang, path, by="進行役", clock=FakeReal())  # the facilitator who started it
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Briefing)
        text = visible_text(app)
        assert ("README_RESTORE.txt" in text and ("金属部品メーカー" in text if lang == "ja" else "metal-parts" in text))
        assert ("2026-11-20 18:30 JST" in text)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, Briefing)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, Briefing)


async def test_a_team_member_coming_back_is_not_briefed_again(app_factory):
    from wizard.tui.exercise import Briefing

    path = new_run(Path("team.toml"))
    with Incident.open_for_writing(path, TEAM) as incident:
        incident.answer("cause", "ransomware", TEAM, Run(incident).now())
    app = app_factory("ja", path, by="山田", clock=FakeReal())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not any(isinstance(s, Briefing) for s in app.screen_stack)


# ---- 4. the facilitator view follows the clock ------------------------------------------------------

async def test_the_facilitator_view_follows_the_exercise_clock_live(app_factory):
    from wizard.tui.exercise import FacilitatorView

    real = FakeReal()
    path = new_run(Path("team.toml"), "ransomware_friday", speed=60, real=real)
    app = app_factory("ja", path, by="進行役", clock=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, FacilitatorView) and "2026-11-20 18:30 JST" in visible_text(app)
        real.advance(7 * 60 / 60 * 60)  # 7 real minutes at 60x: 7 exercise hours
        await view.follow()
        await settle(pilot)
        assert "2026-11-21 01:30 JST" in visible_text(app)
        assert "2026-11-21 01:30 JST" in str(exercise_screen(app).clock_text())  # the bar says the same


# ---- 6. the room view ------------------------------------------------------------------------------

def stamps(paths):
    return {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}


def play_a_little(path: Path, real: FakeReal, *, wrong: bool) -> None:
    with Incident.open_for_writing(path, TEAM) as incident:
        run = Run(incident, real)
        for fact, value in {"aware_at": "2026-11-20T18:30", "organisation": "business", "role": "controller",
                            "cause": "misconfiguration" if wrong else "ransomware", "data": ["name"]}.items():
            incident.answer(fact, value, TEAM, run.now())
        incident.tick("preserve_logs", TEAM, now=run.now())
        run.release("vendor_call", FACILITATOR)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_room_view_shows_every_team_side_by_side_live_and_never_writes(tmp_path, size):
    from wizard.tui.watch import WatchApp

    real = FakeReal()
    clock.use_clock(real)
    a = new_run(tmp_path / "team-a.toml", real=real)
    b = new_run(tmp_path / "team-b.toml", real=real, blind=True)
    play_a_little(a, real, wrong=False)
    play_a_little(b, real, wrong=True)
    paths = [a, b] + ([new_run(tmp_path / "team-c.toml", real=real)] if size[0] > 80 else [])
    before = stamps(paths)
    app = WatchApp(paths, clock=real)
    app.theme = "textual-dark"
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = visible_text(app)
        for path in paths:
            assert path.stem in text
        assert text.count("演習時刻 11/20 18:30 JST（手動）") == len(paths)
        assert text.count("受信 1/3") == 2 and "ITベンダーからの電話" in text
        assert "✓ 確報 60日" in text  # team a: ransomware, 60 days
        assert "✗ 確報 30日 → 60日" in text  # team b called it a misconfiguration: 30 days
        assert "チームの判断（ブラインド）" in text  # team b is blind: its own calls are shown
        assert "速報 11/25" in text and "証拠保全 1/" in text
        with Incident.open_for_writing(a, TEAM) as incident:  # team a works on: the view follows
            incident.answer("affected_max", 3200, TEAM, Run(incident, real).now())
        before[a] = (a.read_bytes(), os.stat(a).st_mtime_ns)
        real.advance(60)
        app.screen.tick()
        await settle(pilot)
        text = visible_text(app)
        assert "最終 18:30 山田: 回答: 最大の人数" in text and "3,200人" in text
    assert stamps(paths) == before  # read-only: not a byte, not a modification time
    assert not any(p.name.endswith(".lock") for p in tmp_path.iterdir())


async def test_the_room_opens_from_the_facilitator_view_with_the_runs_beside(app_factory, tmp_path):
    from wizard.tui.watch import WatchScreen

    real = FakeReal()
    a = new_run(Path("team-a.toml"), real=real)
    new_run(Path("team-b.toml"), real=real)
    new_run(Path("other.toml"), "card_skimming", real=real)  # another scenario: another room
    app = app_factory("ja", a, by="進行役", clock=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await pilot.press("ctrl+g", "w")
        await settle(pilot)
        assert isinstance(app.screen, WatchScreen)
        assert [p.name for p in app.screen.room.paths] == ["team-a.toml", "team-b.toml"]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WatchScreen)


# ---- 8. replay ---------------------------------------------------------------------------------

async def test_replay_steps_through_a_finished_run_inject_by_inject(tmp_path):
    from wizard.tui.replay import ReplayApp

    real = FakeReal()
    path = new_run(tmp_path / "team-a.toml", real=real)
    with Incident.open_for_writing(path, TEAM) as incident:
        run = Run(incident, real)
        real.advance(120)
        incident.answer("aware_at", "2026-11-20T18:30", TEAM, run.now())
        incident.answer("cause", "ransomware", TEAM, run.now())
        run.move_clock(advance=60, who=FACILITATOR)
        run.release("vendor_call", FACILITATOR)
        real.advance(300)
        incident.answer("data", ["name", "address", "phone", "employee_id"], TEAM, run.now())
        run.release("leak_site", FACILITATOR)
    before = stamps([path])
    app = ReplayApp(path, clock=real)
    app.theme = "textual-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = visible_text(app)
        assert "1/3" in text and "開始時の状況" in text and "README_RESTORE.txt" in text
        assert "✓ PPC等への報告: 必要" in text  # the decisions first, then what the team did
        await pilot.press("pagedown")
        await settle(pilot)
        text = visible_text(app)
        assert "回答: 原因 = サイバー攻撃: ランサムウェア" in text and "(実12:02)" in text
        await pilot.press("right")
        await settle(pilot)
        text = visible_text(app)
        assert "2/3" in text and "ITベンダーからの電話" in text and "保守委託先のITベンダー" in text
        assert "✓ PPC等への報告: 必要" in text and "✗ 確報の期限: 判定なし → 正解: 60日" not in text
        await pilot.press("pagedown")  # the projector's page goes on to what the team did
        await settle(pilot)
        text = visible_text(app)
        assert "漏えいした情報の種類" in text and "(実12:07)" in text
        await pilot.press("end")
        await settle(pilot)
        assert "3/3" in visible_text(app) and "リークサイトへの掲載" in visible_text(app)
        await pilot.press("left", "left", "left")
        await settle(pilot)
        assert "1/3" in visible_text(app)
    assert stamps([path]) == before


# ---- 9. blind runs ----------------------------------------------------------------------------------

async def test_a_blind_run_hides_the_determination_until_the_team_calls(app_factory):
    from wizard.tui.blind import CallDialog
    from wizard.tui.exercise import FacilitatorView

    real = FakeReal()
    path = new_run(Path("team.toml"), blind=True, real=real)
    app = app_factory("ja", path, by="山田", clock=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await answer(pilot, "2026-11-20 18:30")
        await settle(pilot)
        text = visible_text(app)
        assert "【ブラインド】Ctrl+R で判断を記録" in text and "報告: 必要" not in text
        await pilot.press("f5")
        await settle(pilot)
        assert "チームが自分たちの判断を記録するまで" in visible_text(app)
        real.advance(180)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, CallDialog)
        # report: required; notice: required; to whom: the PPC; by when: 60 days
        await pilot.press("enter", "tab", "enter", "tab", "enter", "tab", "right", "enter")
        await settle(pilot)
        assert "すべて記録しました" in visible_text(app)
        await pilot.press("escape")
        await settle(pilot)
        text = visible_text(app)
        assert "【ブラインド】" not in text and "報告: 必要" in text  # revealed
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorView) and "チームの判断（ブラインド）" in visible_text(app)
        await pilot.press("n", "enter")  # the next inject: decide again before seeing
        await settle(pilot)
        assert "【ブラインド】" in visible_text(app)
    from wizard.exercise import calls
    from wizard.exercise.score import score

    result = score(Run(Incident.load(path)))
    made = {c.key: c for c in result.stages[0].calls}
    assert [made[k].called for k in calls.CALLS] == [True, True, "ppc", 60]
    assert all(c.made for c in made.values()) and made["report_required"].real_minutes == 3
    assert made["report_required"].right and made["report_required"].rouei is True
    assert not any(c.made for c in result.stages[1].calls)  # after the inject: no call yet, scored as missing


async def test_a_blind_run_hides_the_estimates_and_refuses_exports_until_the_team_calls(app_factory):
    """The 見積り tab opens with rouei's determination and the 出力 tab writes the PPC draft and the
    determination: both stay shut, like 判定, until the team has called, and again after an inject."""
    from wizard.tui.export import ExportView

    real = FakeReal()
    path = new_run(Path("team.toml"), blind=True, real=real)
    folder = Path("team-export")
    app = app_factory("ja", path, by="山田", clock=real)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        await answer(pilot, "2026-11-20 18:30")
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        text = visible_text(app)
        assert "チームが自分たちの判断を記録するまで" in text and "判定: 報告" not in text
        assert "【ブラインド】rouei の判定は" in text  # folded as Japanese, not at the only space
        await pilot.press("f5")
        await settle(pilot)
        assert "【ブラインド】rouei の判定は" in visible_text(app)
        await pilot.press("f12")
        await settle(pilot)
        assert "チームが自分たちの判断を記録するまで" in visible_text(app)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(ExportView).run_export()  # whatever reaches the button: nothing written
        await settle(pilot)
        assert not folder.exists()
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter", "tab", "enter", "tab", "enter", "tab", "right", "enter", "escape")
        await settle(pilot)
        assert app.screen.query_one("#export-row").display  # the export tab is open again
        await pilot.press("f11")
        await settle(pilot)
        assert "判定: 報告" in visible_text(app)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert any(folder.glob("*ppc_report.html"))
        for f in folder.iterdir():
            f.unlink()
        await pilot.press("ctrl+g", "n", "enter")  # the next inject: shut again until the team calls again
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert "チームが自分たちの判断を記録するまで" in visible_text(app)
        app.screen.query_one(ExportView).run_export()
        await settle(pilot)
        assert not any(folder.iterdir())


# ---- snapshots of the new screens --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_room_view_snapshot(snap_compare, tmp_path, lang):
    from wizard.i18n import set_lang
    from wizard.tui.watch import WatchApp

    real = FakeReal()
    clock.use_clock(real)
    a = new_run(tmp_path / "team-a.toml", real=real)
    b = new_run(tmp_path / "team-b.toml", real=real, blind=True)
    play_a_little(a, real, wrong=False)
    play_a_little(b, real, wrong=True)
    set_lang(lang)
    app = WatchApp([a, b], clock=real)
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_briefing_snapshot(snap_compare, app_factory, lang):
    path = new_run(Path("team.toml"), blind=True)
    assert snap_compare(app_factory(lang, path, by="進行役", clock=FakeReal()), terminal_size=(80, 24))
