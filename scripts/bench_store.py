"""Benchmark of the incident file, whole processes as users run them, in A/B pairs that alternate.

    python scripts/bench_store.py [--pairs 9] [--sizes 10,1000,10000,100000] [--checkout DIR]

`--checkout DIR` times another checkout of rouei (e.g. a `git worktree` of an older commit) with
this Python: its files are written and its commands run with DIR first on the import path.

Each row times two commands, A and B, as separate processes, pair after pair, alternating which one
runs first, so that a loaded machine weighs on both alike; it prints the median of each, the median
of the per-pair ratios B/A with their spread (min–max), and B's peak memory. Bars (design.md):

- `rouei answer` at N events vs `rouei answer` at 10 events: the same cost at any size
  (≤ 2× at 10,000). One answer appends one record; the file grows by one record per run. Also for an
  exercise, whose answers take the exercise clock found from the end of the file.
- `rouei log` and `rouei export --format html` at 10,000 events vs
  `python -c "import tomllib; tomllib.load(...)"` of the same file: ≤ 2×.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bytecode import compile_rouei

JST = timezone(timedelta(hours=9))
ROUEI = str(Path(sys.executable).with_name("rouei"))


def history(n: int, exercise: bool = False) -> list:
    """`n` events of the usual kinds, each appended to the one before (a linear history); the second
    answers aware_at, so that the exports have a determination to show. An `exercise` starts with its
    clock (manual), which an `answer` must find from the end of the file."""
    from wizard.store import Responder
    from wizard.store.events import make_event

    people = (Responder("山田", "情報システム"), Responder("佐藤", "総務"), Responder("鈴木"))
    at = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
    events = [make_event("created", {"title": "ベンチマーク", "exercise": exercise}, (), people[0], at)]
    if exercise:
        clock = {"scenario": "ransomware_friday", "seed": 0, "variant": "", "real_at": at, "speed": 0, "paused": False}
        events.append(make_event("exercise_start", clock, (events[-1].id,), people[0], at))
    for i in range(len(events), n):
        at += timedelta(seconds=7)
        kind = "answer" if i == 1 else ("answer", "note", "tick", "answer", "note", "evidence_add")[i % 6]
        data = {"answer": {"fact": "affected_max", "value": i} if i > 1 else {"fact": "aware_at", "value": at},
                "note": {"text": f"確認した事項 {i}: 先方に電話し、削除を依頼した。"},
                "tick": {"item": "escalate", "note": ""},
                "evidence_add": {"item": f"E{i}", "path": f"logs/app-{i}.log", "sha256": f"{i:064x}", "size": i * 10},
                }[kind]
        events.append(make_event(kind, data, (events[-1].id,), people[i % 3], at))
    return events


def make_files(folder: Path, sizes: list[int | str], env: dict) -> dict[int | str, Path]:
    """The incident files, written by a process of their own: a process forked from one holding
    100,000 events would count that memory as its own peak."""
    paths = {n: folder / f"incident-{n}.toml" for n in sizes}  # an "x" before the size: an exercise
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from bench_store import write; "
            "write(sys.argv[2:])")
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent),
                    *(f"{n}={p}" for n, p in paths.items())], check=True, env=env)
    return paths


def write(specs: list[str]) -> None:
    from wizard.store import Incident
    from wizard.store.history import History

    for spec in specs:
        n, path = spec.split("=", 1)
        Incident(Path(path), History(history(int(n.lstrip("x")), exercise=n.startswith("x")))).save()


def run(command: list[str], env: dict) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one whole process."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - begin
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode(errors='replace')}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss


def pairs(a: list[str], b: list[str], count: int, env: dict) -> dict:
    """`count` alternating A/B pairs: medians, the ratio B/A per pair (median, min, max), B's memory."""
    times_a, times_b, memory = [], [], []
    run(a, env), run(b, env)  # warm the file cache
    for i in range(count):
        order = (a, b) if i % 2 == 0 else (b, a)
        results = {id(cmd): run(cmd, env) for cmd in order}
        times_a.append(results[id(a)][0])
        times_b.append(results[id(b)][0])
        memory.append(results[id(b)][1])
    ratios = [tb / ta for ta, tb in zip(times_a, times_b)]
    return {"a": statistics.median(times_a), "b": statistics.median(times_b), "ratio": statistics.median(ratios),
            "low": min(ratios), "high": max(ratios), "mib": max(memory) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--sizes", default="10,1000,10000,100000")
    parser.add_argument("--checkout", type=Path, help="time the rouei of this folder instead")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compile_rouei(args.checkout)
    folder = Path(tempfile.mkdtemp(prefix="rouei-bench-"))
    os.chdir(folder)  # so that `python -c` finds the checkout timed, not the one in the current folder
    env = {**os.environ, "ROUEI_CONFIG_DIR": str(folder / "config")}
    rouei = [ROUEI]
    if args.checkout:
        env["PYTHONPATH"] = str(args.checkout.resolve())
        rouei = [sys.executable, "-c", "import sys; from wizard.cli import main; sys.exit(main())"]
    try:
        paths = make_files(folder, [*sorted({10, 10_000, *sizes}), "x10", "x10000"], env)
        answer = lambda n: [*rouei, "answer", str(paths[n]), "cause=loss", "--by", "ベンチ"]  # noqa: E731
        load = [sys.executable, "-c", f"import tomllib; tomllib.load(open({str(paths[10_000])!r}, 'rb'))"]
        rows = [(f"rouei answer, {n:,} events", "rouei answer, 10 events", pairs(answer(10), answer(n), args.pairs, env))
                for n in sizes if n != 10]
        rows.append(("rouei answer, exercise, 10,000 events", "the same, 10 events",
                     pairs(answer("x10"), answer("x10000"), args.pairs, env)))
        rows.append(("rouei log, 10,000 events", "tomllib.load", pairs(load, [*rouei, "log", str(paths[10_000])],
                                                                       args.pairs, env)))
        export = [*rouei, "export", str(paths[10_000]), "--format", "html", "--by", "ベンチ",
                  "-o", str(folder / "out") + os.sep]
        rows.append(("rouei export --format html, 10,000 events", "tomllib.load", pairs(load, export, args.pairs, env)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.pairs} A/B pairs each, alternating; times are medians of whole processes")
    print(f"{'B':<42} {'A (baseline)':<24} {'B s':>7} {'A s':>7} {'B/A':>6} {'spread':>12} {'B MiB':>7}")
    for name, base, r in rows:
        print(f"{name:<42} {base:<24} {r['b']:>7.3f} {r['a']:>7.3f} {r['ratio']:>5.2f}× "
              f"{r['low']:>5.2f}–{r['high']:<5.2f} {r['mib']:>7.0f}")


if __name__ == "__main__":
    main()
