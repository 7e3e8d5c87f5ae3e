"""Evidence hashing throughput against `sha256sum` on the same file, in the same run.

    python scripts/bench_evidence.py                 # makes a 1 GiB file of random bytes in a temp folder
    python scripts/bench_evidence.py --file big.img  # or measures an existing file
    python scripts/bench_evidence.py --runs 7 --size-mib 256

Both hashers read the same file from a warm page cache, alternating, several runs; the medians
and their ratio are printed. Bar (design.md): rouei ≥ 0.9 × sha256sum. Exit 1 below the bar,
2 when `sha256sum` is missing or the digests disagree.
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

from wizard.evidence.hashing import hash_file

BAR = 0.9
MIB = 1 << 20


def make_file(path: Path, size_mib: int) -> None:
    with path.open("wb") as fh:
        for _ in range(size_mib):
            fh.write(os.urandom(MIB))


def time_sha256sum(tool: str, path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out.split()[0]


def time_rouei(path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    digest = hash_file(path)
    return time.perf_counter() - start, digest.sha256


def bench(path: Path, runs: int, tool: str) -> int:
    size = path.stat().st_size
    time_rouei(path)  # warm the page cache so both read from memory
    theirs, ours = [], []
    for _ in range(runs):
        seconds, their_digest = time_sha256sum(tool, path)
        theirs.append(size / seconds)
        seconds, our_digest = time_rouei(path)
        ours.append(size / seconds)
        if their_digest != our_digest:
            print(f"digests differ: sha256sum {their_digest}, rouei {our_digest}", file=sys.stderr)
            return 2
    theirs_mid, ours_mid = statistics.median(theirs), statistics.median(ours)
    ratio = ours_mid / theirs_mid
    print(f"file: {path} ({size / MIB:.0f} MiB), {runs} runs, medians")
    print(f"sha256sum: {theirs_mid / MIB:8.1f} MiB/s   runs: {', '.join(f'{r / MIB:.0f}' for r in theirs)}")
    print(f"rouei:     {ours_mid / MIB:8.1f} MiB/s   runs: {', '.join(f'{r / MIB:.0f}' for r in ours)}")
    print(f"ratio rouei / sha256sum: {ratio:.2f} (bar ≥ {BAR}) {'ok' if ratio >= BAR else 'BELOW THE BAR'}")
    return 0 if ratio >= BAR else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="an existing file to hash (default: a new random file)")
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the new file (default 1024)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each hasher (default 5)")
    args = parser.parse_args()
    tool = shutil.which("sha256sum")
    if tool is None:
        print("sha256sum is not installed: nothing to compare with", file=sys.stderr)
        return 2
    if args.file:
        return bench(args.file, args.runs, tool)
    with tempfile.TemporaryDirectory(prefix="rouei-bench-") as folder:
        path = Path(folder) / "evidence.bin"
        make_file(path, args.size_mib)
        return bench(path, args.runs, tool)


if __name__ == "__main__":
    sys.exit(main())
