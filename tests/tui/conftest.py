"""Deterministic TUI tests: a fixed clock, no cursor blink, no animation, a fixed theme, private folders."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from wizard import clock
from wizard.domain.facts import JST
from wizard.tui.app import RoueiApp, make_app

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=JST)  # an hour after the incidents' awareness time


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch, tmp_path):
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.chdir(tmp_path)
    yield
    clock.use_clock(None)  # the app installs the test's clock as the one clock


@pytest.fixture
def app_factory(tmp_path):
    """`app_factory(lang="ja", path=None, by="山田", role="情報システム")` -> a RoueiApp."""

    def make(lang: str = "ja", path: Path | None = None, *, by: str | None = "山田",
             role: str = "情報システム", clock=lambda: NOW) -> RoueiApp:
        app = make_app(path, lang=lang, by=by, role=role, clock=clock)
        app.theme = "textual-dark"
        return app

    return make


async def settle(pilot) -> None:
    """Wait for workers and pending messages (never sleep)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
