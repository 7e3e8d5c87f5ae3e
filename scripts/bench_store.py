"""Benchmark of the incident file: save, append, load, verify and merge at 100, 1,000 and 10,000 events.

Each figure is the median of several runs, set against plain `tomli_w.dumps` / `tomllib.loads` of the
same data in the same run (design.md, quality bars: ≤ 2× at 10,000 events, cost growing linearly).

    python scripts/bench_store.py [--runs 7] [--sizes 100,1000,10000]

- save:   write a whole incident held in memory (render every event, atomic write, fsync, backup)
          vs `tomli_w.dumps` of the file's data
- append: add one event to a loaded incident and save the file at once (what every answer costs)
          vs `tomli_w.dumps`
- load:   read, parse, validate, verify every id and derive the state vs `tomllib.loads` of the text
- verify: `rouei verify FILE` (load and check, fingerprint, output to /dev/null) vs `tomllib.loads`
- merge:  load two diverged copies, merge, save the result vs `tomllib.loads` of both + `tomli_w.dumps`
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import shutil
import statistics
import tempfile
import time
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomli_w

from wizard.cli import main as rouei
from wizard.store import Incident, Responder
from wizard.store.events import Event, make_event
from wizard.store.history import History

JST = timezone(timedelta(hours=9))
PEOPLE = (Responder("山田", "情報システム"), Responder("佐藤", "総務"), Responder("鈴木"))


def history(n: int, *, start: Event | None = None, seed: int = 0) -> list[Event]:
    """`n` events of the usual kinds, each appended to the one before (a linear history)."""
    at = datetime(2026, 11, 20, 10, 0, tzinfo=JST) + timedelta(seconds=seed)
    events = [start] if start else [make_event("created", {"title": "ベンチマーク", "exercise": True}, (), PEOPLE[0], at)]
    for i in range(len(events), n):
        at += timedelta(seconds=7)
        who = PEOPLE[(i + seed) % 3]
        kind = ("answer", "note", "tick", "answer", "note", "evidence_add")[i % 6]
        data = {"answer": {"fact": "affected_max", "value": i}, "note": {"text": f"確認した事項 {i}: 先方に電話し、削除を依頼した。"},
                "tick": {"item": "escalate", "note": ""},
                "evidence_add": {"item": f"E{i}", "path": f"logs/app-{i}.log", "sha256": f"{i:064x}", "size": i * 10}}[kind]
        events.append(make_event(kind, data, (events[-1].id,), who, at))
    return events


def median_time(action, runs: int, setup=None) -> float:
    """The median time of `action`; what the benchmark itself holds is frozen out of the garbage
    collector's way first, so that rouei and the baseline both run as in a process of their own."""
    times = []
    for _ in range(runs):
        arg = setup() if setup else None
        gc.collect()
        gc.freeze()
        begin = time.perf_counter()
        action(arg) if setup else action()
        times.append(time.perf_counter() - begin)
        gc.unfreeze()
    return statistics.median(times)


def bench(n: int, folder: Path, runs: int) -> list[tuple[str, float, float]]:
    events = history(n)
    path = folder / f"incident-{n}.toml"
    Incident(path, History(events)).save()
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    dumps = median_time(lambda: tomli_w.dumps(data), runs)
    loads = median_time(lambda: tomllib.loads(text), runs)
    rows = []

    counter = iter(range(10**9))
    rows.append(("save", median_time(lambda inc: inc.save(), runs,
                                     setup=lambda: Incident(folder / f"save-{n}-{next(counter)}.toml",
                                                            History(events))), dumps))

    loaded = Incident.load(path)
    loaded.note("first append renders the loaded events once", PEOPLE[1])
    rows.append(("append", median_time(lambda: loaded.note("もう一件", PEOPLE[2]), runs), dumps))

    rows.append(("load", median_time(lambda: Incident.load(path), runs), loads))

    def verify() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert rouei(["verify", str(path)]) == 0

    rows.append(("verify", median_time(verify, runs), loads))

    shared = n - n // 10
    a_events = events[:shared] + history(n // 10 + 1, start=events[shared - 1], seed=1)[1:]
    b_events = events[:shared] + history(n // 10 + 1, start=events[shared - 1], seed=2)[1:]
    a, b = folder / f"a-{n}.toml", folder / f"b-{n}.toml"
    Incident(a, History(a_events)).save()
    Incident(b, History(b_events)).save()
    out = folder / f"merged-{n}.toml"
    Incident.merge(Incident.load(a), Incident.load(b), out).save()
    a_text, b_text, merged = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"), tomllib.loads(out.read_text())

    def merge_baseline() -> None:
        tomllib.loads(a_text), tomllib.loads(b_text), tomli_w.dumps(merged)

    rows.append(("merge", median_time(lambda target: Incident.merge(Incident.load(a), Incident.load(b), target).save(),
                                      runs, setup=lambda: folder / f"m-{n}-{next(counter)}.toml"),
                 median_time(merge_baseline, runs)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="rouei-bench-"))
    try:
        results = {n: bench(n, folder, args.runs) for n in sizes}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"median of {args.runs} runs; baseline: tomli_w.dumps (save, append), tomllib.loads (load, verify), "
          "loads of both + dumps (merge)")
    print(f"{'operation':<8} {'events':>7} {'rouei ms':>10} {'baseline ms':>12} {'ratio':>7} {'µs/event':>9}")
    for n, rows in results.items():
        for name, ours, base in rows:
            print(f"{name:<8} {n:>7,} {ours * 1000:>10.2f} {base * 1000:>12.2f} {ours / base:>6.2f}× "
                  f"{ours / n * 1e6:>9.2f}")


if __name__ == "__main__":
    main()
