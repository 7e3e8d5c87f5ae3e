"""Screenshots of an exercise for the README: an inject arriving and the after-action report in the TUI.

Usage: .venv/bin/python scripts/exercise_screenshots.py [--out screenshots] [--no-png]
Made from the real app under Pilot with a fixed clock; SVG with wide characters placed cell by cell and
PNG via headless Chromium, as `scripts/screenshots.py` does (its helpers are reused).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import find_chromium, fix_cjk, steady_screens, to_png  # noqa: E402

REAL = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)
SHOTS = [  # name, language, size, responder, keys
    ("exercise-inject", "ja", (80, 24), "山田", ()),
    ("exercise-report", "ja", (100, 30), "進行役", ("enter", "ctrl+g", "r")),
    ("en-exercise-inject", "en", (80, 24), "Yamada", ()),
]


async def take(lang: str, size, by: str, keys) -> str:
    from wizard.exercise.run import start
    from wizard.exercise.scenario import find
    from wizard.i18n import set_lang
    from wizard.store import Responder
    from wizard.tui.app import make_app

    set_lang(lang)
    path = Path("drill.toml")
    facilitator = Responder("進行役" if lang == "ja" else "Facilitator", "facilitator")
    run = start(find("card_skimming"), path, facilitator, speed=0, real=lambda: REAL)
    team = Responder("山田", "情報システム")
    at = run.scenario.start
    for minutes, fact, value in ((5, "aware_at", at), (5, "organisation", "business"), (6, "role", "controller"),
                                 (8, "data", ("card_number",)), (9, "cause", None)):
        run.incident.answer(fact, value, team, at + timedelta(minutes=minutes))
    if keys:  # the report: the letter arrived, the team named the cause but not yet the 60 days
        run.move_clock(advance=120, who=facilitator)
        run.release("acquirer_letter", facilitator)
        run.incident.answer("cause", "misconfiguration", team, at + timedelta(minutes=150))
    else:
        run.release("acquirer_letter", facilitator)
    run.incident.close()
    app = make_app(path, lang=lang, by=by, clock=lambda: REAL)
    app.theme = "textual-dark"
    async with app.run_test(size=size) as pilot:
        for key in ("", *keys):
            if key:
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
        if not keys:  # the newcomer's briefing is under the inject: the notice shows on top
            assert type(app.screen).__name__ == "InjectNotice", app.screen
        return app.export_screenshot()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--no-png", action="store_true")
    args = parser.parse_args()
    scratch = steady_screens("rouei-exercise-screens-")
    chromium = None if args.no_png else find_chromium(None)
    home = Path.cwd()
    try:
        for name, lang, size, by, keys in SHOTS:
            folder = scratch / name
            folder.mkdir()
            os.chdir(folder)
            try:
                svg = asyncio.run(take(lang, size, by, keys))
            finally:
                os.chdir(home)
            svg_path = args.out / f"{name}.svg"
            svg_path.write_text(fix_cjk(svg), encoding="utf-8")
            if chromium:
                to_png(svg_path, args.out / f"{name}.png", chromium, scratch)
            print(svg_path.name, lang, f"{size[0]}x{size[1]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
