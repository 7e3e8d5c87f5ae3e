"""Command start-up against `import textual`, whole processes in A/B pairs (a script, not a timed test).

    python scripts/bench_cli.py [--runs 21] [--other PATH]

Times `rouei --version` and `rouei assess FACTS --json` against `python -c "import textual"` (the
bar: `--version` ≤ the time to import Textual; every command pays only for what it uses), alternating
the order in each pair. `--other PATH` adds the same commands run from another checkout of rouei
(e.g. a worktree of main, put first on PYTHONPATH) for a before/after in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_rouei

FACTS = 'aware_at = 2026-11-20T10:00:00+09:00\norganisation = "business"\ndata = ["name", "email"]\n'


def timed(command: list[str], env: dict) -> float:
    """Seconds for one whole process, run from the filesystem root (`python -m` puts the current
    folder first on the path, which would hide `--other`)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=os.path.abspath(os.sep))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--other", type=Path, help="another checkout of rouei to compare with")
    args = parser.parse_args()
    compile_rouei()
    if args.other:
        compile_rouei(args.other)
    with tempfile.TemporaryDirectory(prefix="rouei-bench-") as scratch:
        facts = Path(scratch) / "facts.toml"
        facts.write_text(FACTS, encoding="utf-8")
        env = dict(os.environ, ROUEI_CONFIG_DIR=str(Path(scratch) / "config"))
        envs = {"": env} | ({"before: ": dict(env, PYTHONPATH=str(args.other))} if args.other else {})
        rouei = [sys.executable, "-m", "wizard"]
        commands = {"python -c 'import textual'": ([sys.executable, "-c", "import textual"], env)}
        for label, e in envs.items():
            commands[f"{label}rouei --version"] = ([*rouei, "--version"], e)
            commands[f"{label}rouei assess --json"] = ([*rouei, "assess", str(facts), "--json"], e)
        names = list(commands)
        for name in names:
            timed(*commands[name])
        times: dict[str, list[float]] = {name: [] for name in names}
        for run in range(args.runs):
            for name in names if run % 2 == 0 else names[::-1]:
                times[name].append(timed(*commands[name]))
    base = statistics.median(times[names[0]])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
          f"{args.runs} rounds, order alternating")
    for name, values in times.items():
        q1, _, q3 = statistics.quantiles(values, n=4)
        print(f"  {name:34} median {statistics.median(values) * 1000:6.0f} ms  quartiles {q1 * 1000:.0f}–{q3 * 1000:.0f}"
              f"  = {statistics.median(values) / base:.2f} × import textual")
    return 0


if __name__ == "__main__":
    sys.exit(main())
