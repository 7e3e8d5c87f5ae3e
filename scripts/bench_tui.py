"""Benchmark of the TUI against the quality bars in design.md (a script, not a timed test).

    python scripts/bench_tui.py                 # all three rows
    python scripts/bench_tui.py usual           # first usable frame, a responder saved
    python scripts/bench_tui.py first           # first usable frame on the very first launch
    python scripts/bench_tui.py answers         # answer -> next question
    python scripts/bench_tui.py usual first --runs 11 --imports

usual, first: start-up, in a real terminal. Each app runs as a whole process inside tmux (a real
    pseudo-terminal, 120×36): `rouei` is the real entry point with no arguments; the baseline is a
    minimal Textual app that shows one label. The parent polls the screen every 10 ms (`tmux
    capture-pane`) from just before launch until the first usable frame is on it: for rouei the start
    screen with its buttons and the responder line (drawn last), for the baseline its label. `usual`:
    a responder saved by an earlier session. `first`: the very first launch on a computer (an empty
    settings folder each run): the start screen says nobody is set, and rouei asks for the name; the
    time until that dialog is on the screen is printed too (no bar: it comes a frame after the start
    screen, by design; a rouei that draws the dialog in the first frame covers the start screen's
    buttons with it, and its first frame is the one with the dialog). The runs go in A/B pairs, alternating which app goes first. Bar: rouei's
    median ≤ 1.25 × the baseline's.
answers: under Pilot (`run_test`, 80×24), complete incidents are answered with the keys; the answers
    are saved to the incident file as in real use. The clock starts when the key that gives the answer
    is sent and stops when the next question's widgets are mounted (the question view stays on the
    screen: its `show()` has put the next question's texts and field in place). The baseline, in the
    same run, is a minimal app that swaps one label for another on a key, timed the same way. Bar:
    rouei's median ≤ 50 ms.

Medians, quartiles and the pairs' spread are printed with the machine's load before and after. Exit 1
when a bar is not met. `--imports` adds what is loaded by the time rouei's start screen is up: rouei's
modules, whether pydantic is among them, and the slowest imports by `python -X importtime`.
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

CHILD = "--child"
SIZE = (120, 36)
POLL = 0.010
TMUX = ["tmux", "-L", f"rouei-bench-{os.getpid()}"]  # a server of our own, kept up by one idle session

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


# ---- (a) start-up in tmux ---------------------------------------------------------------------------

def usable(which: str) -> list[str]:
    """Texts that are all on the screen once the first usable frame is drawn."""
    if which == "minimal":
        return ["漏えい対応"]
    from wizard.i18n import t

    name = "山田" if which == "usual" else t("tui.start.nobody", "ja")
    return [t("tui.start.new", "ja"), t("tui.start.open", "ja"), f"担当者: {name}"]


def asked() -> str:
    """A text of the responder dialog (the first launch asks for the name)."""
    from wizard.i18n import t

    return t("tui.responder.lead", "ja")[:20]


def first_frame(which: str, env: dict, scratch: Path) -> tuple[float, float | None]:
    """Seconds from launch until every `usable` text is on the tmux screen, and (first launch) until the
    responder dialog is on it too."""
    script = scratch / f"{which}.py"
    script.write_text(MINIMAL if which == "minimal" else ROUEI, encoding="utf-8")
    session = f"rouei-bench-{os.getpid()}-{which}"
    wanted = usable(which)
    if which == "first":
        env = dict(env, ROUEI_CONFIG_DIR=tempfile.mkdtemp(prefix="first-", dir=scratch))  # nobody saved yet
    env_args = [arg for key in ("ROUEI_CONFIG_DIR", "PYTHONPATH") if key in env for arg in ("-e", f"{key}={env[key]}")]
    command = f"{sys.executable} {script}; sleep 30"
    start = time.perf_counter()
    subprocess.run([*TMUX, "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                    *env_args, command], check=True, env=env)
    frame = None
    try:
        while time.perf_counter() - start < 30:
            screen = subprocess.run([*TMUX, "capture-pane", "-p", "-t", session], capture_output=True,
                                    text=True).stdout
            now = time.perf_counter() - start
            if frame is None and (all(text in screen for text in wanted) or (which == "first" and asked() in screen)):
                frame = now  # the start screen, or (rouei before it drew it first) the dialog over it
            if frame is not None and (which != "first" or asked() in screen):
                return frame, now if which == "first" else None
            time.sleep(POLL)
        raise SystemExit(f"{which}: no usable frame in 30 s; the screen was:\n{screen}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def startup(which: str, runs: int, env: dict, scratch: Path) -> dict[str, list[float]]:
    """`which` (usual or first) and the minimal app, in A/B pairs; for the first launch, also the
    times to the responder dialog (`asked`)."""
    times: dict[str, list[float]] = {which: [], "minimal": [], "asked": []}
    if subprocess.run([*TMUX, "has-session", "-t", "keeper"], capture_output=True).returncode:
        # one server for every row (stopped by main): a server started again at once on the socket of
        # one just stopped can fail ("server exited unexpectedly")
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True)
    for app in (which, "minimal"):  # warm the file cache and the bytecode of both
        first_frame(app, env, scratch)
    for run in range(runs):
        for app in (which, "minimal") if run % 2 else ("minimal", which):
            frame, dialog = first_frame(app, env, scratch)
            times[app].append(frame)
            if dialog is not None:
                times["asked"].append(dialog)
    return times


def child(report: str) -> None:
    """For `--imports`: run rouei headless to its start screen, note what is loaded, and exit."""
    import textual.app

    original_run = textual.app.App.run

    async def first_screen(pilot) -> None:
        app = pilot.app
        while not (type(app.screen).__name__ == "StartScreen" and app.screen.is_mounted):
            await pilot.pause()
        await pilot.pause()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("wizard", "pydantic", "pydantic_core",
                                                                      "tomli_w", "jpholiday"))
        Path(report).write_text("\n".join(loaded), encoding="utf-8")
        app.exit()

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, auto_pilot=first_screen, size=(80, 24))
        return original_run(self, *args, **kwargs)

    textual.app.App.run = run
    exec(compile(ROUEI, "<rouei>", "exec"), {"__name__": "__main__"})


def imports(env: dict, scratch: Path) -> None:
    """What is loaded when the start screen is up, and the slowest imports on the way there."""
    report = scratch / "modules.txt"
    done = subprocess.run([sys.executable, "-X", "importtime", __file__, CHILD, str(report)],
                          env=env, capture_output=True, text=True, timeout=60)
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
    original_show, original_display = QuestionView.show, App._display

    async def show(self, question, answer, position):
        await original_show(self, question, answer, position)
        mounted.setdefault(question.id, time.perf_counter())

    def display(self, screen, renderable):
        if renderable is not None:
            paints.append(time.perf_counter())
        return original_display(self, screen, renderable)

    QuestionView.show, App._display = show, display
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
        QuestionView.show, App._display = original_show, original_display
    found["by_question"] = by_question  # type: ignore[assignment]
    return found


async def baseline_latencies(count: int) -> list[float]:
    """A minimal app that swaps one label for another on Enter, timed as rouei's answers are."""
    from textual.app import App
    from textual.widgets import Label

    mounted: list[float] = []

    class Question(Label):
        def on_mount(self) -> None:
            mounted.append(time.perf_counter())

    class Swap(App):
        BINDINGS = [("enter", "swap")]

        def compose(self):
            yield Question("質問 0")

        async def action_swap(self) -> None:
            await self.query_one(Question).remove()
            await self.mount(Question(f"質問 {len(found) + 1}"))

    found: list[float] = []
    async with Swap().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(count):
            mounted.clear()
            start = time.perf_counter()
            await pilot.press("enter")
            while not mounted:
                await pilot.pause()
            found.append(mounted[0] - start)
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


def spread(values: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"quartiles {ms(q1)}–{ms(q3)}, min {ms(min(values))}, max {ms(max(values))}"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def start_rows(which: str, args, env: dict, scratch: Path) -> tuple[list[tuple], bool]:
    times = startup(which, args.runs, env, scratch)
    label = "a responder saved" if which == "usual" else "very first launch, nobody saved"
    rows = [("first usable frame in tmux: minimal Textual app (one label)", ms(statistics.median(times["minimal"])),
             spread(times["minimal"]), ""),
            (f"first usable frame in tmux: rouei start screen, {label}", ms(statistics.median(times[which])),
             spread(times[which]), "")]
    ratio = statistics.median(times[which]) / statistics.median(times["minimal"])
    pairs = sorted(r / m for r, m in zip(times[which], times["minimal"]))
    q1, _, q3 = statistics.quantiles(pairs, n=4)
    ok = ratio <= 1.25
    rows.append((f"first usable frame ({which}), rouei / minimal (medians)", f"{ratio:.2f}",
                 f"pairs: median {statistics.median(pairs):.2f}, quartiles {q1:.2f}–{q3:.2f}, "
                 f"range {pairs[0]:.2f}–{pairs[-1]:.2f}", "ok (≤ 1.25)" if ok else "OVER the 1.25 bar"))
    if times["asked"]:
        asked_ratio = statistics.median(times["asked"]) / statistics.median(times["minimal"])
        rows.append(("responder dialog on the screen (first launch), and / minimal", ms(statistics.median(times["asked"])),
                     f"{asked_ratio:.2f} × the minimal app; {spread(times['asked'])}", "(a frame later, by design)"))
    return rows, ok


def answer_rows(args, scratch: Path) -> tuple[list[tuple], bool, dict]:
    import asyncio

    found = asyncio.run(answer_latencies(args.answers, scratch))
    by_question = found.pop("by_question")
    base = asyncio.run(baseline_latencies(len(found["mounted"])))
    rows = [(f"baseline: Enter to the swapped label mounted ({len(base)} swaps)", ms(statistics.median(base)),
             spread(base), "")]
    ok = statistics.median(found["mounted"]) <= 0.050
    for key, what in (("mounted", "next question mounted"), ("painted", "first paint showing it"),
                      ("idle", "Pilot finds the app idle")):
        values = found[key]
        bar = ("ok (≤ 50 ms)" if ok else "OVER the 50 ms bar") if key == "mounted" else "(for information)"
        rows.append((f"answer key to {what} ({len(values)} answers)", ms(statistics.median(values)),
                     spread(values), bar))
    rows.append(("answer, rouei / baseline (medians)",
                 f"{statistics.median(found['mounted']) / statistics.median(base):.2f}", "", ""))
    return rows, ok, by_question


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == CHILD:
        child(sys.argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", metavar="ROW", help="usual, first, answers (default: all)")
    parser.add_argument("--runs", type=int, default=22, help="start-up pairs (default 22)")
    parser.add_argument("--answers", type=int, default=5, help="complete incidents answered (default 5)")
    parser.add_argument("--imports", action="store_true", help="what the start screen loads, the slowest imports")
    args = parser.parse_args()
    wanted = args.rows or ["usual", "first", "answers"]
    if set(wanted) - {"usual", "first", "answers"}:
        parser.error(f"unknown row: {', '.join(sorted(set(wanted) - {'usual', 'first', 'answers'}))}")

    compile_rouei()
    scratch = Path(tempfile.mkdtemp(prefix="rouei-bench-"))
    config = scratch / "config"
    config.mkdir()
    # a responder saved by an earlier session, so the start screen opens without asking
    (config / "settings.toml").write_text('name = "山田"\nrole = "情報システム"\n', encoding="utf-8")
    env = dict(os.environ, ROUEI_CONFIG_DIR=str(config))
    env.pop("ROUEI_LANG", None)
    os.environ["ROUEI_CONFIG_DIR"] = str(config)

    rows, ok, by_question = [], True, None
    before = load()
    try:
        for which in ("usual", "first"):
            if which in wanted:
                found, met = start_rows(which, args, env, scratch)
                rows += found
                ok &= met
        if "answers" in wanted:
            found, met, by_question = answer_rows(args, scratch)
            rows += found
            ok &= met
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {before} before, {load()} after; "
              f"start-up: {args.runs} A/B pairs in tmux {SIZE[0]}x{SIZE[1]}; answering: {args.answers} "
              f"incidents at 80x24\n")
        header = ("measure", "median", "spread", "bar")
        widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(4)]
        for row in (header, tuple("-" * w for w in widths), *rows):
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if by_question:
            print("\nper answer (medians: mounted / first paint / Pilot idle):")
            for step, figures in by_question.items():
                print(f"  {step:32} " + " / ".join(ms(statistics.median(f[i] for f in figures)) for i in range(3)))
        if args.imports:
            imports(env, scratch)
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
