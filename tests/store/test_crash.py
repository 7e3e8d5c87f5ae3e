"""Crash safety: a writer killed with SIGKILL during saves, hundreds of times, never loses a saved event."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROUNDS = 300


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_kill_9_during_saves_loses_nothing_saved(tmp_path):
    driver = Path(__file__).with_name("crash_driver.py")
    result = subprocess.run([sys.executable, str(driver), str(tmp_path), str(ROUNDS), "20261120"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    tally = json.loads(result.stdout.strip().splitlines()[-1])
    assert tally["problems"] == []
    assert tally["rounds"] == ROUNDS
    assert tally["saved"] >= 30  # the writer did save between kills
    assert tally["interrupted"] > 0  # and kills did land in the middle of saves
