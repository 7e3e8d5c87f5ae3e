"""Work run apart (a forked process, or a thread where there is no fork): its result, its errors, its
reports, and stopping it."""

from __future__ import annotations

import os
import time

import pytest

from wizard.errors import RoueiError
from wizard.evidence import apart

KINDS = [pytest.param(apart.Forked, marks=pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")),
         apart.Threaded]


@pytest.mark.parametrize("kind", KINDS)
def test_the_result_comes_back_with_the_reports_on_the_way(kind, monkeypatch):
    monkeypatch.setattr(apart, "EVERY", 0)
    seen = []

    def work(report):
        for done in range(0, 5000, 1000):
            report(done, None)  # a total not known beforehand
        return {"sums": "x" * 1_000_000, "pid": os.getpid()}

    result = kind(work, lambda done, total: seen.append((done, total))).result()
    assert result["sums"] == "x" * 1_000_000
    assert (result["pid"] != os.getpid()) == (kind is apart.Forked)
    assert seen == [(d, None) for d in range(0, 5000, 1000)]


@pytest.mark.parametrize("kind", KINDS)
def test_reports_from_a_process_are_few_however_many_are_made(kind):
    seen = []

    def work(report):
        for done in range(100_000):
            report(done, None)
        return "done"

    assert kind(work, lambda done, total: seen.append(done)).result() == "done"
    assert len(seen) < (100 if kind is apart.Forked else 100_001)


@pytest.mark.parametrize("kind", KINDS)
def test_a_clean_error_stays_a_clean_error(kind):
    def work(report):
        raise RoueiError("evidence.error.not_found", path="/nowhere")

    with pytest.raises(RoueiError) as caught:
        kind(work, None).result()
    assert caught.value.key == "evidence.error.not_found" and "/nowhere" in str(caught.value)


def test_a_defect_in_the_process_comes_back_with_its_traceback():
    if not hasattr(os, "fork"):
        pytest.skip("no fork")

    def work(report):
        return {}["missing"]

    with pytest.raises(RuntimeError, match="KeyError"):
        apart.Forked(work, None).result()


@pytest.mark.parametrize("kind", KINDS)
def test_cancel_stops_the_work_at_once(kind):
    def work(report):
        while True:
            time.sleep(0.001)
            report(0, None)

    job = kind(work, None)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 5


def test_a_process_that_dies_is_a_clean_error_saying_nothing_was_recorded():
    if not hasattr(os, "fork"):
        pytest.skip("no fork")

    def work(report):
        os.kill(os.getpid(), 9)

    with pytest.raises(RoueiError) as caught:
        apart.Forked(work, None).result()
    assert caught.value.key == "evidence.error.stopped"
