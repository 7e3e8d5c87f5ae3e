"""The exercise in the TUI: the exercise clock under Pilot (an injected real clock, no sleeping), an
inject released from a second process appearing in the running app, and snapshots of an inject notice,
the facilitator view and the report."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wizard import clock
from wizard.exercise.run import Run, start
from wizard.exercise.scenario import bundled_scenarios, find
from wizard.store import Incident, Responder

from .conftest import settle
from .test_snapshots import visible_text

FACILITATOR = Responder("進行役", "facilitator")
REAL0 = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)
FILE = Path("team.toml")
ROOT = Path(__file__).resolve().parents[2]


class FakeReal:
    """A real-time source the test moves by hand."""

    def __init__(self) -> None:
        self.now = REAL0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _snapshot_conditions(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
    clock.use_clock(None)


async def moved(pilot, real: FakeReal, seconds: float) -> str:
    """Move the real clock on, let the exercise screen look at its file and clock, and say what shows."""
    real.advance(seconds)
    await exercise_screen(pilot.app).poll()
    await settle(pilot)
    return visible_text(pilot.app)


def started(app_factory, scenario: str, lang: str, speed: int, real: FakeReal):
    """The app opening a new run of `scenario`, for the facilitator who started it."""
    start(find(scenario), FILE, FACILITATOR, speed=speed, real=real).incident.close()
    return app_factory(lang, FILE, by="進行役", clock=real)


def exercise_screen(app):
    from wizard.tui.exercise import ExerciseScreen

    return next(s for s in app.screen_stack if isinstance(s, ExerciseScreen))


async def test_the_exercise_clock_runs_at_its_speed_and_timed_injects_arrive(app_factory):
    from wizard.tui.exercise import Briefing, InjectNotice

    real = FakeReal()
    app = started(app_factory, "laptop_encrypted", "ja", 60, real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Briefing)  # the run starts with the opening situation, read out
        await pilot.press("enter")
        await settle(pilot)
        assert "2026-12-01 20:00 JST" in visible_text(app)
        text = await moved(pilot, real, 30)  # 30 real seconds at 60× speed: half an hour of exercise
        assert app.clock() == clock.now() == datetime(2026, 12, 1, 20, 30, tzinfo=clock.JST)
        assert "2026-12-01 20:30 JST" in text and not isinstance(app.screen, InjectNotice)
        text = await moved(pilot, real, 61)  # past 21:30, when IT confirms the encryption
        assert isinstance(app.screen, InjectNotice)
        assert "情報システム部の確認" in text and "AES-256" in text
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+o")  # the inbox keeps it to reread
        await settle(pilot)
        assert "情報システム部の確認" in visible_text(app) and "（1件）" in visible_text(app)
    released = Run(Incident.load(FILE)).released()
    assert [(r.inject.id, r.at) for r in released] == [("it_confirms", datetime(2026, 12, 1, 21, 31, tzinfo=clock.JST))]
    assert clock.now() != released[0].at  # the real clock is back once the exercise screen is gone


async def test_an_inject_released_from_a_second_terminal_appears(app_factory):
    from wizard.tui.exercise import InjectNotice

    real = FakeReal()
    app = started(app_factory, "municipality_usb", "en", 0, real)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        result = subprocess.run([sys.executable, "-m", "wizard", "exercise", "inject", str(FILE), "--next",
                                 "--by", "facilitator", "--lang", "en"], capture_output=True, text=True, cwd=Path.cwd(),
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 0, result.stderr
        text = await moved(pilot, real, 1)
        assert isinstance(app.screen, InjectNotice)
        assert "What the list held" in text and "150 residents" in text


def notice_run(lang: str) -> Path:
    real = FakeReal()
    run = start(find("card_skimming"), FILE, FACILITATOR, speed=0, real=real)
    run.release("acquirer_letter", FACILITATOR)
    run.incident.close()
    return FILE


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_inject_notice_snapshot(snap_compare, app_factory, lang):
    # the facilitator released it while 山田 was away: 山田 gets the notice on opening (after the brief)
    app = app_factory(lang, notice_run(lang), by="山田", clock=FakeReal())
    seen: dict = {}

    async def run_before(pilot) -> None:
        await settle(pilot)
        seen["screen"] = type(pilot.app.screen).__name__
        seen["text"] = visible_text(pilot.app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    assert seen["screen"] == "InjectNotice"
    assert ("カード会社からの文書" if lang == "ja" else "The acquirer's letter") in seen["text"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_facilitator_view_snapshot(snap_compare, app_factory, lang):
    app = app_factory(lang, notice_run(lang), by="進行役", clock=FakeReal())

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_snapshot(snap_compare, app_factory, lang):
    app = app_factory(lang, notice_run(lang), by="進行役", clock=FakeReal())

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in ("ctrl+g", "r"):
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("manual", [False, True], ids=["scenario pace", "manual"])
async def test_an_exercise_starts_from_the_start_screen(app_factory, tmp_path, manual):
    """e on the start screen, a scenario picked, Enter: the run is created and opens on its clock."""
    app = app_factory("ja", clock=FakeReal())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "StartExerciseDialog"
        assert "始める" in visible_text(app)  # the buttons fit at 80x24
        if manual:
            app.screen.query_one("#manual").value = True
        await pilot.press("down", "down", "enter")  # the third scenario
        await settle(pilot)
        screen = exercise_screen(app)
        run = Run(screen.session.incident)
        assert run.scenario.id == bundled_scenarios()[2].id
        assert run.anchor.speed == (0 if manual else run.scenario.speed)
        assert screen.session.incident.path.name.startswith("exercise-")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_start_exercise_dialog_snapshot(snap_compare, app_factory, lang):
    app = app_factory(lang, clock=FakeReal())

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        pilot.app.screen.query_one("#path").value = "exercise-20261201-1200.toml"  # not the test's own folder
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
