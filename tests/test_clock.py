"""The one clock: aware JST times whatever the machine's zone; an injected clock wins."""

import os
import subprocess
import sys
from datetime import datetime, timezone

from wizard import clock


def test_now_is_jst_and_aware_whatever_the_machine_zone():
    code = "from wizard import clock; n = clock.now(); print(n.utcoffset().total_seconds(), clock.show(n)[-3:])"
    for tz in ("UTC", "America/New_York", "Asia/Tokyo"):
        out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TZ": tz},
                             capture_output=True, text=True, check=True).stdout.split()
        assert out == ["32400.0", "JST"], tz


def test_injected_clock_and_labels():
    fixed = datetime(2026, 11, 20, 1, 0, 30, 999, tzinfo=timezone.utc)
    clock.use_clock(lambda: fixed)
    try:
        assert clock.now() == datetime(2026, 11, 20, 10, 0, 30, tzinfo=clock.JST)
        assert clock.show(clock.now()) == "2026-11-20 10:00 JST"
        assert clock.show(datetime(2026, 11, 20, 10, 0)) == "2026-11-20 10:00 JST"  # naive = JST
    finally:
        clock.use_clock(None)
    assert clock.now() != datetime(2026, 11, 20, 10, 0, 30, tzinfo=clock.JST)
