"""Evidence hashing, whole command against whole command, in the same run (design.md's bars).

    python scripts/bench_evidence.py                      # 1 GiB of random bytes and 10,000 small files
    python scripts/bench_evidence.py --size-mib 256 --files 2000 --runs 5
    python scripts/bench_evidence.py --file big.img       # an existing file instead of the 1 GiB one

(a) One large file: `rouei evidence add` (a new incident each run, made outside the timing) against
    `openssl dgst -sha256` on the same file: the same crypto library, so the real limit. `sha256sum`
    is timed too, for reference only (coreutils may or may not use libcrypto). Bar: rouei ≤ 1.15 ×.
(b) 10,000 small files in 20 folders: `rouei evidence add FOLDER` against
    `find FOLDER -type f -exec sha256sum {} +`. Bar: rouei ≤ 2 ×.
Every run is a whole process from launch to exit, as a user runs it; the commands alternate (A/B
pairs, which one goes first alternating too), from a warm page cache. Medians, quartiles and the
range are printed, with the machine's load. Exit 1 when a bar is not met, 2 when a tool is missing.
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
from pathlib import Path

from bytecode import compile_rouei

MIB = 1 << 20
ROUEI = [sys.executable, "-m", "wizard"]


def make_big(path: Path, size_mib: int) -> None:
    with path.open("wb") as fh:
        for _ in range(size_mib):
            fh.write(os.urandom(MIB))


def make_small(folder: Path, count: int) -> None:
    for i in range(count):
        sub = folder / f"d{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:05d}.log").write_bytes(os.urandom(1000 + (i * 37) % 4000))


def timed(command: list[str], env: dict, prepare=None) -> float:
    if prepare is not None:
        prepare()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def new_incident(path: Path, env: dict):
    def prepare() -> None:
        for stale in path.parent.glob(f"{path.name}*"):
            stale.unlink()
        subprocess.run([*ROUEI, "new", "--no-open", "-o", str(path), "--by", "bench"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
    return prepare


def pairs(commands: dict[str, tuple[list[str], object]], runs: int, env: dict) -> dict[str, list[float]]:
    names = list(commands)
    for name in names:  # warm the page cache and the bytecode
        timed(commands[name][0], env, commands[name][1])
    times: dict[str, list[float]] = {name: [] for name in names}
    for run in range(runs):
        for name in names if run % 2 == 0 else names[::-1]:
            times[name].append(timed(commands[name][0], env, commands[name][1]))
    return times


def line(name: str, values: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return (f"  {name:34} median {statistics.median(values):7.3f} s  quartiles {q1:.3f}–{q3:.3f}  "
            f"range {min(values):.3f}–{max(values):.3f}")


def verdict(label: str, ours: list[float], theirs: list[float], bar: float) -> bool:
    ratio = statistics.median(ours) / statistics.median(theirs)
    pair = sorted(a / b for a, b in zip(ours, theirs))
    ok = ratio <= bar
    print(f"  {label}: {ratio:.2f} × (pairs {pair[0]:.2f}–{pair[-1]:.2f}, median {statistics.median(pair):.2f}); "
          f"bar ≤ {bar} × {'ok' if ok else 'OVER THE BAR'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="an existing large file (default: a new random one)")
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the new large file (default 1024)")
    parser.add_argument("--files", type=int, default=10_000, help="small files (default 10,000)")
    parser.add_argument("--runs", type=int, default=7, help="A/B pairs of each comparison (default 7)")
    args = parser.parse_args()
    missing = [tool for tool in ("openssl", "sha256sum", "find") if shutil.which(tool) is None]
    if missing:
        print(f"missing: {', '.join(missing)}: nothing to compare with", file=sys.stderr)
        return 2
    compile_rouei()
    with tempfile.TemporaryDirectory(prefix="rouei-bench-") as scratch:
        scratch = Path(scratch)
        env = dict(os.environ, ROUEI_CONFIG_DIR=str(scratch / "config"))
        big = args.file or scratch / "evidence.bin"
        if args.file is None:
            make_big(big, args.size_mib)
        small = scratch / "small"
        make_small(small, args.files)
        case = scratch / "cases" / "case.toml"
        case.parent.mkdir()
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
              f"{args.runs} A/B pairs each, whole processes")
        big_times = pairs({"rouei evidence add": ([*ROUEI, "evidence", "add", str(case), str(big), "--by", "b"],
                                                  new_incident(case, env)),
                           "openssl dgst -sha256": (["openssl", "dgst", "-sha256", str(big)], None),
                           "sha256sum (reference)": (["sha256sum", str(big)], None)}, args.runs, env)
        print(f"(a) one file of {big.stat().st_size / MIB:.0f} MiB")
        for name, values in big_times.items():
            print(line(name, values))
        ok = verdict("rouei / openssl", big_times["rouei evidence add"], big_times["openssl dgst -sha256"], 1.15)
        small_times = pairs({"rouei evidence add": ([*ROUEI, "evidence", "add", str(case), str(small), "--by", "b"],
                                                    new_incident(case, env)),
                             "find -exec sha256sum {} +": (["find", str(small), "-type", "f", "-exec", "sha256sum",
                                                            "{}", "+"], None)}, args.runs, env)
        print(f"(b) {args.files:,} small files")
        for name, values in small_times.items():
            print(line(name, values))
        ok &= verdict("rouei / find+sha256sum", small_times["rouei evidence add"],
                      small_times["find -exec sha256sum {} +"], 2.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
