"""Evidence hashing, whole command against whole command, in the same run (design.md's bars).

    python scripts/bench_evidence.py               # both rows
    python scripts/bench_evidence.py small         # 10,000 files of 1–4 KiB against the Python floor
    python scripts/bench_evidence.py large         # hashing throughput on 1 GiB against openssl
    python scripts/bench_evidence.py small --files 2000 --runs 5
    python scripts/bench_evidence.py large --size-mib 256 --file big.img

small: `rouei evidence add FOLDER` of 10,000 files of 1–4 KiB in 20 folders (a new incident each run,
    made outside the timing) against the language's floor: a Python process that walks the folder and
    hashes each file with `hashlib.file_digest`, printing a line per file. Bar: rouei ≤ 1.5 ×.
large: hashing throughput, i.e. (rouei on 1 GiB − rouei on 1 byte) / (openssl dgst -sha256 on 1 GiB −
    openssl on 1 byte): what start-up costs cancels out, what remains is the hashing itself against the
    same crypto library. Bar: ≤ 1.10 ×.

Every run is a whole process from launch to exit, as a user runs it, from a warm page cache; the
commands alternate (A/B pairs, which goes first alternating too) so that a busy machine slows both
alike. Printed: each command's median and quartiles of wall time, the ratio of the medians, the
quartiles of the pairs' ratios, the ratio of the CPU times (user + system, all processes of a run:
what a loaded machine cannot share out), and the load before and after. Exit 1 when a bar is not
met, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import os
import resource
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
FLOOR = '''
import hashlib, os, sys

for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as fh:
            print(hashlib.file_digest(fh, "sha256").hexdigest(), path)
'''


def make_big(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        while size > 0:
            fh.write(os.urandom(min(size, MIB)))
            size -= MIB


def make_small(folder: Path, count: int) -> None:
    for i in range(count):
        sub = folder / f"d{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:05d}.log").write_bytes(os.urandom(1024 + (i * 37) % 3073))  # 1–4 KiB


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class Command:
    """A command timed as a whole process: wall seconds and CPU seconds (user + system) of each run."""

    def __init__(self, name: str, argv: list[str], prepare=None) -> None:
        self.name, self.argv, self.prepare = name, argv, prepare
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, env: dict) -> None:
        if self.prepare is not None:
            self.prepare()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(self.argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self.wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    def line(self) -> str:
        q1, q2, q3 = statistics.quantiles(self.wall, n=4)
        return (f"  {self.name:28} median {statistics.median(self.wall):7.3f} s  quartiles {q1:.3f}–{q3:.3f}  "
                f"CPU {statistics.median(self.cpu):.3f} s")


def alternate(commands: list[Command], runs: int, env: dict) -> None:
    for command in commands:  # warm the page cache and the bytecode
        command.run(env)
        command.wall.clear()
        command.cpu.clear()
    for run in range(runs):
        for command in commands[run % len(commands):] + commands[:run % len(commands)]:  # each goes first in turn
            command.run(env)


def quartiles(values: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{statistics.median(values):.2f} (quartiles {q1:.2f}–{q3:.2f})"


def verdict(label: str, ratio: float, pairs: list[float], cpu: float, bar: float) -> bool:
    ok = ratio <= bar
    print(f"  {label}: {ratio:.2f} ×; pairs {quartiles(pairs)}; CPU {cpu:.2f} ×; bar ≤ {bar} × "
          f"{'met' if ok else 'NOT MET'}")
    return ok


def new_incident(path: Path, env: dict):
    def prepare() -> None:
        for stale in path.parent.glob(f"{path.name}*"):
            stale.unlink()
        subprocess.run([*ROUEI, "new", "--no-open", "-o", str(path), "--by", "bench"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
    return prepare


def small(args, scratch: Path, env: dict) -> bool:
    folder = scratch / "small"
    make_small(folder, args.files)
    floor = scratch / "floor.py"
    floor.write_text(FLOOR, encoding="utf-8")
    case = scratch / "cases" / "small.toml"
    case.parent.mkdir(exist_ok=True)
    rouei = Command("rouei evidence add", [*ROUEI, "evidence", "add", str(case), str(folder), "--by", "b"],
                    new_incident(case, env))
    python = Command("Python floor (file_digest)", [sys.executable, str(floor), str(folder)])
    print(f"small: {args.files:,} files of 1–4 KiB, {args.runs} A/B pairs; load {load()}")
    alternate([rouei, python], args.runs, env)
    print(rouei.line())
    print(python.line())
    ok = verdict("rouei / floor", statistics.median(rouei.wall) / statistics.median(python.wall),
                 [a / b for a, b in zip(rouei.wall, python.wall)],
                 statistics.median(rouei.cpu) / statistics.median(python.cpu), 1.5)
    print(f"  load after {load()}")
    return ok


def large(args, scratch: Path, env: dict) -> bool:
    if shutil.which("openssl") is None:
        print("missing: openssl, nothing to compare with", file=sys.stderr)
        raise SystemExit(2)
    big = args.file or scratch / "big.bin"
    if args.file is None:
        make_big(big, args.size_mib * MIB)
    tiny = scratch / "tiny.bin"
    tiny.write_bytes(b"x")
    cases = scratch / "cases"
    cases.mkdir(exist_ok=True)
    commands = []
    for label, path in (("1 GiB" if args.file is None and args.size_mib == 1024 else f"{big.stat().st_size / MIB:.0f} MiB",
                         big), ("1 byte", tiny)):
        case = cases / f"{path.stem}.toml"
        commands += [Command(f"rouei evidence add, {label}", [*ROUEI, "evidence", "add", str(case), str(path), "--by", "b"],
                             new_incident(case, env)),
                     Command(f"openssl dgst -sha256, {label}", ["openssl", "dgst", "-sha256", str(path)])]
    print(f"large: {big.stat().st_size / MIB:.0f} MiB, {args.runs} rounds of the four commands; load {load()}")
    alternate(commands, args.runs, env)
    for command in commands:
        print(command.line())
    rouei_big, openssl_big, rouei_tiny, openssl_tiny = commands
    median = statistics.median
    ratio = (median(rouei_big.wall) - median(rouei_tiny.wall)) / (median(openssl_big.wall) - median(openssl_tiny.wall))
    rounds = [(rb - rt) / (ob - ot) for rb, ob, rt, ot in zip(rouei_big.wall, openssl_big.wall, rouei_tiny.wall,
                                                             openssl_tiny.wall)]
    cpu = (median(rouei_big.cpu) - median(rouei_tiny.cpu)) / (median(openssl_big.cpu) - median(openssl_tiny.cpu))
    ok = verdict("hashing throughput, rouei / openssl", ratio, rounds, cpu, 1.10)
    print(f"  load after {load()}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", metavar="ROW", help="small, large (default: both)")
    parser.add_argument("--files", type=int, default=10_000, help="small files (default 10,000)")
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the large file (default 1024)")
    parser.add_argument("--file", type=Path, help="an existing large file instead of a new random one")
    parser.add_argument("--runs", type=int, default=11, help="A/B pairs (rounds) of each row (default 11)")
    args = parser.parse_args()
    if set(args.rows) - {"small", "large"}:
        parser.error(f"unknown row: {', '.join(sorted(set(args.rows) - {'small', 'large'}))}")
    compile_rouei()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    ok = True
    with tempfile.TemporaryDirectory(prefix="rouei-bench-") as scratch:
        scratch = Path(scratch)
        env = dict(os.environ, ROUEI_CONFIG_DIR=str(scratch / "config"))
        for row in args.rows or ["small", "large"]:
            ok &= (small if row == "small" else large)(args, scratch, env)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
