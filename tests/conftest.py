"""Shared test isolation: a private config folder, Japanese as the starting language, UTF-8 output."""

from __future__ import annotations

import os

import pytest

from wizard.i18n import set_lang


@pytest.fixture(autouse=True)
def _quick_pilot(monkeypatch):
    """Textual's Pilot waits after each key until the process looks idle, sampling in 20 ms naps; 5 ms
    naps tell idle as well (workers and messages are awaited explicitly) and quarter the waiting."""
    from textual import _wait

    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", 1 / 200)


@pytest.fixture(scope="session")
def fuzz():
    """`scripts/fuzz_files.py`: hostile incident files that verify, and records added by hand."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "fuzz_files.py"
    spec = importlib.util.spec_from_file_location("fuzz_files", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_files", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUEI_CONFIG_DIR", str(tmp_path / "rouei-config"))
    monkeypatch.delenv("ROUEI_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    set_lang("ja")
    from wizard.cli import console

    console.out.cache_clear()
    console.err.cache_clear()
    yield
    set_lang("ja")


@pytest.fixture
def utc_machine(monkeypatch):
    """The computer's own zone is UTC (as on many servers and some laptops), not Japan's."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: one worker more than the cores: the TUI tests wait on their event loops part of the time."""
    return (os.cpu_count() or 1) + 1


FIRST = ("tests/offline/test_bundle.py", "tests/exports/test_print.py", "tests/store/test_crash.py",
         "tests/store/test_fuzz.py", "tests/store/test_fuzz_records.py", "tests/tui/test_walkthrough.py")


def pytest_collection_modifyitems(items) -> None:
    """The longest tests first, so that no worker is left running one while the others have finished."""
    items.sort(key=lambda item: not item.nodeid.startswith(FIRST))
