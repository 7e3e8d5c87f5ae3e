"""Benchmark of the TUI against the quality bars in design.md (a script, not a timed test).

    python scripts/bench_tui.py [--runs 15] [--answers 5] [--skip-startup] [--skip-answers] [--imports]

(a) Start-up. Both apps run as a whole process: `rouei` is the real command-line entry point, with no
    arguments, so it opens the start screen. The baseline is a minimal Textual app that shows one label.
    Both go through the same wrapper, which makes `App.run` headless (80×24) with an autopilot. The
    autopilot waits until the first screen is mounted, then for one idle pause (Pilot's idle test), and
    exits. The runs alternate between the two apps, and the parent times each process from launch to
    exit. The bar is rouei's median ≤ 1.25 × the minimal app's median.
    Also shown, from the same runs: the time from launch to the first paint of that screen.
(b) Answering. Under Pilot (`run_test`, 80×24), complete incidents are answered with the keys; the
    answers are saved to the incident file as in real use. The clock starts when the key that gives
    the answer is sent (Enter, or PgDn for a multi-select); the keys that move to the choice come
    first. It stops when the next question's view is mounted (its `on_mount` has run). The bar is a
    median ≤ 50 ms. Two more figures come from the same presses: until the first paint that shows the
    new question, and until Pilot finds the app idle. The last has a floor of about 40 ms: Pilot
    polls for idleness every 20 ms, twice per key.

`--imports` adds what is loaded by the time rouei's start screen is up: rouei's modules, whether
pydantic is among them, and the slowest imports by `python -X importtime`.
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

CHILD = "--child"

MINIMAL = '''
from textual.app import App
from textual.widgets import Label


class Minimal(App):
    def compose(self):
        yield Label("漏えい対応")


Minimal().run()
'''

ROUEI = '''
from wizard.cli import main

raise SystemExit(main([]))
'''


# ---- the child process: run one app to its first screen and exit ----------------------------------

def child(which: str, report: str | None) -> None:
    """Run `which` until its first screen is mounted and idle, then exit. Prints the milliseconds from
    the parent's launch (BENCH_LAUNCHED) to the first paint of that screen."""
    import textual.app

    launched = float(os.environ.get("BENCH_LAUNCHED", time.time()))
    painted: list[float] = []
    original_run, original_display = textual.app.App.run, textual.app.App._display

    def wanted(screen) -> bool:
        return type(screen).__name__ == ("StartScreen" if which == "rouei" else "Screen")

    def display(self, screen, renderable):
        if renderable is not None and not painted and wanted(screen):
            painted.append(time.time())
        return original_display(self, screen, renderable)

    async def first_screen(pilot) -> None:
        app = pilot.app
        while not (wanted(app.screen) and app.screen.is_mounted):
            await pilot.pause()
        await pilot.pause()
        if report:
            loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("wizard", "pydantic", "pydantic_core",
                                                                          "tomli_w", "jpholiday"))
            Path(report).write_text("\n".join(loaded), encoding="utf-8")
        app.exit()

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, auto_pilot=first_screen, size=(80, 24))
        return original_run(self, *args, **kwargs)

    textual.app.App.run = run
    textual.app.App._display = display
    try:
        exec(compile(MINIMAL if which == "minimal" else ROUEI, f"<{which}>", "exec"), {"__name__": "__main__"})
    finally:
        print(f"first-paint {(painted[0] - launched) * 1000 if painted else float('nan'):.1f}")


def launch(which: str, env: dict) -> tuple[float, float]:
    """(seconds from launch to exit, seconds from launch to the first paint) of one child process."""
    env = dict(env, BENCH_LAUNCHED=repr(time.time()))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, CHILD, which], env=env, capture_output=True, text=True,
                          timeout=60)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{which} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    paint = next(float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("first-paint"))
    return elapsed, paint / 1000


def startup(runs: int, env: dict) -> dict[str, dict[str, list[float]]]:
    times = {which: {"exit": [], "paint": []} for which in ("rouei", "minimal")}
    for which in times:  # warm the file cache and the bytecode of both
        launch(which, env)
    for _ in range(runs):
        for which in times:
            elapsed, paint = launch(which, env)
            times[which]["exit"].append(elapsed)
            times[which]["paint"].append(paint)
    return times


def imports(env: dict, scratch: Path) -> None:
    """What is loaded when the start screen is up, and the slowest imports on the way there."""
    report = scratch / "modules.txt"
    done = subprocess.run([sys.executable, "-X", "importtime", __file__, CHILD, "rouei", "--report", str(report)],
                          env=dict(env, BENCH_LAUNCHED=repr(time.time())), capture_output=True, text=True,
                          timeout=60)
    loaded = report.read_text(encoding="utf-8").split()
    ours = [m for m in loaded if m.startswith("wizard")]
    others = sorted({m.split(".")[0] for m in loaded if not m.startswith("wizard")})
    print("\nLoaded when rouei's start screen is mounted and idle:")
    print(f"  rouei modules ({len(ours)}): {', '.join(ours)}")
    print(f"  of pydantic, pydantic_core, tomli_w, jpholiday: {', '.join(others) or 'none'}")
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line.split(":", 1)[1].split("|")
        try:
            rows.append((int(parts[1]), parts[2].rstrip()))
        except (IndexError, ValueError):
            continue  # the header line
    print("  slowest imports (cumulative ms, -X importtime, one run; indented: imported by the one above):")
    for cumulative, name in sorted(rows, reverse=True)[:20]:
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        print(f"    {cumulative / 1000:7.1f}  {'  ' * depth}{name.strip()}")
    chains: dict[str, int] = {}
    for cumulative, name in rows:
        if not name.startswith("  "):  # imported from running code, not from another import
            root = name.strip().split(".")[0]
            chains[root] = chains.get(root, 0) + cumulative
    print("  import chains started from running code, by package (cumulative ms summed):")
    for root, cumulative in sorted(chains.items(), key=lambda item: -item[1])[:10]:
        print(f"    {cumulative / 1000:7.1f}  {root}")
    ours_rows = sorted((r for r in rows if r[1].strip().startswith("wizard")), reverse=True)
    print("  rouei's own imports (cumulative ms):")
    for cumulative, name in ours_rows[:12]:
        print(f"    {cumulative / 1000:7.1f}  {name.strip()}")


# ---- (b) answering under Pilot --------------------------------------------------------------------

ANSWERS = {  # ransomware at a web shop: every question on its path
    "aware_at": "2026-11-20 10:00", "aware_how": "attacker", "organisation": "business", "role": "controller",
    "data": ["name", "email", "card_number"], "affected_max": "5000", "cause": "ransomware",
    "encryption": "none", "sectors": [], "eu_residents": "yes",
}


async def answer_latencies(rounds: int, scratch: Path) -> dict[str, list[float]]:
    from datetime import datetime

    from textual.app import App
    from textual.widgets import Input

    from wizard.domain.facts import JST
    from wizard.store import Incident, Responder
    from wizard.tui.app import make_app
    from wizard.tui.incident import IncidentScreen
    from wizard.tui.questions import QuestionView

    Input._toggle_cursor = lambda self: None
    mounted: dict[str, float] = {}
    paints: list[float] = []
    original_mount, original_display = QuestionView.on_mount, App._display

    def on_mount(self):
        result = original_mount(self)
        mounted.setdefault(self.question.id, time.perf_counter())
        return result

    def display(self, screen, renderable):
        if renderable is not None:
            paints.append(time.perf_counter())
        return original_display(self, screen, renderable)

    QuestionView.on_mount, App._display = on_mount, display
    now = datetime(2026, 11, 20, 11, 0, tzinfo=JST)
    found: dict[str, list[float]] = {"mounted": [], "painted": [], "idle": []}
    by_question: dict[str, list[tuple[float, float, float]]] = {}
    try:
        for round_ in range(rounds):
            path = scratch / f"bench-{round_}.toml"
            Incident.create(path, Responder("山田", "情報システム"), now=now).close()
            app = make_app(path, lang="ja", by="山田", role="情報システム", clock=lambda: now)
            async with app.run_test(size=(80, 24)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, IncidentScreen), screen
                while screen.current is not None:
                    qid = screen.current
                    final = await prepare(pilot, screen.query_one(QuestionView).question, ANSWERS[qid])
                    await pilot.pause()
                    mounted.clear()
                    paints.clear()
                    start = time.perf_counter()
                    await pilot.press(final)
                    while screen.current == qid or (screen.current is not None and screen.current not in mounted):
                        await pilot.pause()
                    idle = time.perf_counter()
                    if screen.current is None:
                        continue  # the end of the flow: no next question
                    shown = mounted[screen.current]
                    figures = (shown - start, next(p for p in paints if p >= shown) - start, idle - start)
                    for key, value in zip(found, figures):
                        found[key].append(value)
                    by_question.setdefault(f"{qid} -> {screen.current}", []).append(figures)
    finally:
        QuestionView.on_mount, App._display = original_mount, original_display
    found["by_question"] = by_question  # type: ignore[assignment]
    return found


async def prepare(pilot, question, value) -> str:
    """Press the keys that lead to the answer; the key that gives it, which the clock times."""
    if question.kind == "choice":
        await pilot.press(*["down"] * [c.value for c in question.choices].index(value))
        return "enter"
    if question.kind == "multi":
        if not value:
            await pilot.press("tab", "tab")  # 該当なし
            return "enter"
        values, position = [c.value for c in question.choices], 0
        for index in sorted(values.index(v) for v in value):
            await pilot.press(*["down"] * (index - position), "space")
            position = index
        return "pagedown"
    await pilot.press(*value)
    return "enter"


# ---- the table ------------------------------------------------------------------------------------

def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == CHILD:
        report = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--report" else None
        child(sys.argv[2], report)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each app (default 15)")
    parser.add_argument("--answers", type=int, default=5, help="complete incidents answered (default 5)")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-answers", action="store_true")
    parser.add_argument("--imports", action="store_true", help="what the start screen loads, the slowest imports")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="rouei-bench-"))
    config = scratch / "config"
    config.mkdir()
    # a responder saved by an earlier session, so the start screen opens without asking
    (config / "settings.toml").write_text('name = "山田"\nrole = "情報システム"\n', encoding="utf-8")
    env = dict(os.environ, ROUEI_CONFIG_DIR=str(config))
    env.pop("ROUEI_LANG", None)
    os.environ["ROUEI_CONFIG_DIR"] = str(config)

    rows = []
    try:
        if not args.skip_startup:
            times = startup(args.runs, env)
            for which, label in (("minimal", "minimal Textual app (one label)"), ("rouei", "rouei, start screen")):
                for key, what in (("paint", "to first paint"), ("exit", "to mounted+idle, whole process")):
                    values = times[which][key]
                    rows.append((f"start-up {what}: {label}", ms(statistics.median(values)),
                                 f"best {ms(min(values))}, max {ms(max(values))}", ""))
            for key, what, bar in (("exit", "whole process", True), ("paint", "first paint", False)):
                rouei, minimal = times["rouei"][key], times["minimal"][key]
                ratio = statistics.median(rouei) / statistics.median(minimal)
                rows.append((f"start-up ratio rouei / minimal, {what}", f"{ratio:.2f}",
                             f"best-of {min(rouei) / min(minimal):.2f}",
                             ("ok (≤ 1.25)" if ratio <= 1.25 else "OVER the 1.25 bar") if bar else "(for information)"))
        if not args.skip_answers:
            import asyncio

            found = asyncio.run(answer_latencies(args.answers, scratch))
            by_question = found.pop("by_question")
            for key, what in (("mounted", "next question mounted"), ("painted", "first paint showing it"),
                              ("idle", "Pilot finds the app idle")):
                values = found[key]
                bar = ("ok (≤ 50 ms)" if statistics.median(values) <= 0.050 else "OVER the 50 ms bar") \
                    if key == "mounted" else "(for information)"
                rows.append((f"answer key to {what} ({len(values)} answers)", ms(statistics.median(values)),
                             f"p90 {ms(statistics.quantiles(values, n=10)[-1])}, max {ms(max(values))}", bar))
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; start-up: {args.runs} runs of each app, "
              f"alternating; answering: {args.answers} incidents at 80x24\n")
        header = ("measure", "median", "spread", "bar")
        widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(4)]
        for row in (header, tuple("-" * w for w in widths), *rows):
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if not args.skip_answers:
            print("\nper answer (medians: mounted / first paint / Pilot idle):")
            for step, figures in by_question.items():
                print(f"  {step:32} " + " / ".join(ms(statistics.median(f[i] for f in figures)) for i in range(3)))
        if args.imports:
            imports(env, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
