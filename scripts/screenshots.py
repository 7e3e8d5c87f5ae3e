"""Screenshots for the README: the real app driven with Pilot through its main screens.

    python scripts/screenshots.py [--out screenshots] [--only NAME,…] [--no-png] [--chromium PATH]

Each screen is saved as SVG (Textual's `export_screenshot`) with the CJK fix below, and as PNG through
headless Chromium when it is found. Everything on screen is fixed: the clock (2026-11-20 11:00 JST), the
incident (written through the store with fixed event times, evidence ids and file times), the theme,
no cursor blink, no animation, Japan time, and relative paths inside a temporary folder.

The CJK fix: Rich's `export_svg` gives each `<text>` a `textLength` of `char_width * len(text)` while
the next run starts `cell_len(text)` cells on, so every wide character is squeezed into one cell
(Rich #2742). Here each character of a run holding wide ones gets its own x, at the start of its cell,
and `textLength` goes: every glyph sits in its cells whatever monospace and CJK fonts the viewer has.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from rich.cells import cell_len

ROOT = Path(__file__).resolve().parent.parent
NOW = (2026, 11, 20, 11, 0)  # an hour after the incident became known
CREATED = (2026, 11, 20, 10, 5)
FILE = Path("incident-20261120-1005.toml")
TITLE = {"ja": "ECサイトへの不正アクセス", "en": "Web shop breach"}

# Ransomware at a web shop: card numbers of up to 5,000 customers, some in the EU.
ANSWERS = [
    ("aware_at", "2026-11-20 10:00"),
    ("aware_how", "attacker"),
    ("organisation", "business"),
    ("role", "controller"),
    ("data", ["address", "card_number", "email", "name", "purchase_history"]),
    ("affected_max", 5000),
    ("cause", "ransomware"),
    ("encryption", "none"),
    ("sectors", []),
    ("eu_residents", "yes"),
]
UP_TO = {question: index for index, (question, _) in enumerate(ANSWERS)}


@dataclass(frozen=True)
class Shot:
    name: str
    lang: str
    size: tuple[int, int]
    answered: int | None = None  # None: the start screen
    keys: tuple[str, ...] = ()
    extras: bool = False  # ticks, a note and evidence, for the dashboard tabs
    tab: str = "questions"  # the tab the keys lead to (checked before saving)
    what: str = ""


SHOTS = [
    Shot("start", "ja", (120, 36), what="start screen: new incident, recent incidents, the responder"),
    Shot("question", "ja", (120, 36), UP_TO["data"], ("space", "down", "down", "down", "space"),
         what="the data question (multi-select) with the live determination beside it"),
    Shot("determination", "ja", (120, 36), len(ANSWERS), ("f5",), extras=True, tab="determination",
         what="the determination tab: each duty with its rule and sources"),
    Shot("checklist", "ja", (120, 36), len(ANSWERS), ("f6",), extras=True, tab="checklist",
         what="the checklist tab, two items ticked (who and when)"),
    Shot("deadlines", "ja", (120, 36), len(ANSWERS), ("f8",), extras=True, tab="deadlines",
         what="the deadlines tab with countdowns"),
    Shot("evidence", "ja", (120, 36), len(ANSWERS), ("ctrl+p", *"証拠", "enter"), extras=True, tab="evidence",
         what="the evidence tab: register, hashes, chain of custody"),
    Shot("export", "ja", (120, 36), len(ANSWERS), ("ctrl+p", *"出力", "enter"), extras=True, tab="export",
         what="the export tab: documents, format, folder"),
    Shot("estimate", "ja", (120, 36), len(ANSWERS), ("ctrl+p", *"見積り", "enter"), extras=True, tab="estimate",
         what="the estimates tab: the determination first, ENISA severity with its factors and sources"),
    Shot("question-80x24", "ja", (80, 24), UP_TO["cause"],
         what="a choice question at 80×24: the determination becomes a strip above it"),
    Shot("en-question", "en", (120, 36), UP_TO["cause"], what="the same flow in English"),
    Shot("en-deadlines", "en", (120, 36), len(ANSWERS), ("f8",), extras=True, tab="deadlines", what="deadlines in English"),
]


# ---- the CJK fix ---------------------------------------------------------------------------------

_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_X = re.compile(r'\sx="([0-9.]+)"')
_LENGTH = re.compile(r'\stextLength="([0-9.]+)"')


def fix_cjk(svg: str) -> str:
    """Place every character of a run holding wide characters at the start of its own cell."""

    def place(match: re.Match) -> str:
        attrs, body = match.group(1), match.group(2)
        x, length = _X.search(attrs), _LENGTH.search(attrs)
        text = html.unescape(body)
        if x is None or length is None or not text or cell_len(text) == len(text):
            return match.group(0)
        cell = float(length.group(1)) / len(text)  # Rich's char_width
        start, offset, xs = float(x.group(1)), 0, []
        for char in text:
            xs.append(f"{start + offset * cell:g}")
            offset += cell_len(char)
        attrs = _LENGTH.sub("", _X.sub("", attrs))
        return f'<text{attrs} x="{" ".join(xs)}">{body}</text>'

    return _TEXT.sub(place, svg)


def find_chromium(given: str | None) -> str | None:
    for candidate in (given, "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


def to_png(svg_path: Path, png_path: Path, chromium: str, scratch: Path) -> None:
    """Render the SVG at its own size with headless Chromium (no network: the web font is left out)."""
    svg = svg_path.read_text(encoding="utf-8")
    width, height = (math.ceil(float(v)) for v in re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg).groups())
    offline = scratch / svg_path.name
    offline.write_text(re.sub(r',?\s*url\("https?://[^"]*"\) format\("[a-z0-9]+"\)', "", svg), encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={scratch / 'chromium'}", f"--window-size={width},{height}",
         f"--screenshot={png_path}", offline.as_uri()],
        check=True, capture_output=True, timeout=120)


# ---- the incident ---------------------------------------------------------------------------------

def build(folder: Path, shot: Shot) -> None:
    """The incident file (and evidence files) of `shot` in `folder`, the current folder."""
    from wizard.domain.facts import JST, parse_datetime
    from wizard.evidence import register as evidence
    from wizard.evidence.collect import collect
    from wizard.store import Incident, Responder
    from wizard.store.events import stored_value

    if shot.answered is None:
        return
    yamada, sato = Responder("山田", "情報システム"), Responder("佐藤", "総務")
    at = datetime(*CREATED, tzinfo=JST)
    incident = Incident.create(FILE, yamada, title=TITLE[shot.lang], now=at)
    for index, (question, value) in enumerate(ANSWERS[:shot.answered]):
        value = parse_datetime(value) if question == "aware_at" else tuple(value) if isinstance(value, list) else value
        incident.append("answer", {"fact": question, "value": stored_value(value), "question": question}, yamada,
                        at + timedelta(minutes=index + 1))
    if shot.extras:
        incident.tick("record_t0", yamada, now=at + timedelta(minutes=12))
        incident.tick("escalate", sato, now=at + timedelta(minutes=20))
        logs = folder / "evidence"
        logs.mkdir()
        (logs / "access.log").write_text("".join(f"203.0.113.{i % 250} - - [20/Nov/2026:09:{i % 60:02d}:00 +0900] "
                                                 f"\"POST /admin/login HTTP/1.1\" 401 512\n" for i in range(400)))
        (logs / "ransom-note.txt").write_text("YOUR FILES ARE ENCRYPTED\n")
        stamp = datetime(2026, 11, 20, 9, 58, tzinfo=JST).timestamp()
        for path in (logs / "access.log", logs / "ransom-note.txt", logs):
            os.utime(path, (stamp, stamp))
        ids = iter(["E-3f9a2c", "E-81d04b"])
        original, evidence.new_id = evidence.new_id, lambda taken: next(ids)
        try:
            evidence.add(incident, collect(["evidence/access.log"]), yamada, location="金庫のUSBメモリ No.3",
                         now=at + timedelta(minutes=25))
            evidence.add(incident, collect(["evidence/ransom-note.txt"]), yamada, location="金庫のUSBメモリ No.3",
                         now=at + timedelta(minutes=27))
        finally:
            evidence.new_id = original
        evidence.transfer(incident, "E-3f9a2c", "佐藤", "フォレンジック業者へ渡すため", yamada,
                          handed_at=at + timedelta(minutes=40), now=at + timedelta(minutes=41))
        evidence.record_verify(incident, evidence.verify(incident), yamada, now=at + timedelta(minutes=50))
        incident.note("警察（サイバー犯罪相談窓口）に電話で相談した。受理番号は後日。", yamada,
                      now=at + timedelta(minutes=45))
    incident.close()


def save_settings(config: Path, lang: str) -> None:
    """A responder saved by an earlier session, and two recent incidents."""
    import tomli_w

    from wizard.domain.facts import JST

    config.mkdir(parents=True, exist_ok=True)
    recent = [{"path": f"/home/yamada/rouei/{FILE}", "title": TITLE[lang],
               "opened_at": datetime(*CREATED, tzinfo=JST)},
              {"path": "/home/yamada/rouei/exercise-20261015.toml",
               "title": "机上訓練: 顧客名簿のメール誤送信" if lang == "ja" else "Tabletop: customer list e-mailed to the wrong person",
               "opened_at": datetime(2026, 10, 15, 14, 30, tzinfo=JST)}]
    settings = {"name": "山田", "role": "情報システム", "lang": lang, "recent": recent}
    (config / "settings.toml").write_bytes(tomli_w.dumps(settings).encode("utf-8"))


# ---- taking them ----------------------------------------------------------------------------------

async def take(shot: Shot, folder: Path) -> str:
    from wizard.domain.facts import JST
    from wizard.tui.app import make_app

    now = datetime(*NOW, tzinfo=JST)
    save_settings(Path(os.environ["ROUEI_CONFIG_DIR"]), shot.lang)
    build(folder, shot)
    if shot.answered is None:
        app = make_app(None, lang=shot.lang, clock=lambda: now)
    else:
        app = make_app(FILE, lang=shot.lang, by="山田", role="情報システム", clock=lambda: now)
    app.theme = "textual-dark"
    async with app.run_test(size=shot.size) as pilot:
        await settle(pilot)
        for key in shot.keys:
            await pilot.press(key)
            await settle(pilot)
        check(app, shot)
        return app.export_screenshot()


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def check(app, shot: Shot) -> None:
    """Fail loudly rather than save a picture of the wrong screen."""
    screen = type(app.screen).__name__
    if shot.answered is None:
        assert screen == "StartScreen", screen
        return
    assert screen == "IncidentScreen", screen
    active = app.screen.query_one("#tabs").active
    assert active == shot.tab, (shot.name, active)


def steady_screens(prefix: str) -> Path:
    """Colour on, Japan time, a scratch config folder, no blinking cursor: the same screens every run.
    Returns the scratch folder."""
    os.environ.pop("NO_COLOR", None)
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["ROUEI_CONFIG_DIR"] = str(scratch / "config")
    from textual.widgets import Input

    Input._toggle_cursor = lambda self: None
    return scratch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", default="", help="comma-separated names, e.g. start,question")
    parser.add_argument("--no-png", action="store_true")
    parser.add_argument("--chromium", default=None)
    args = parser.parse_args()

    scratch = steady_screens("rouei-screens-")

    chromium = None if args.no_png else find_chromium(args.chromium)
    if not args.no_png and chromium is None:
        print("Chromium not found: SVG only", file=sys.stderr)
    wanted = {n for n in args.only.split(",") if n}
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path.cwd()
    try:
        for shot in SHOTS:
            if wanted and shot.name not in wanted:
                continue
            folder = scratch / shot.name
            folder.mkdir()
            os.chdir(folder)
            try:
                svg = asyncio.run(take(shot, folder))
            finally:
                os.chdir(home)
            svg_path = args.out / f"{shot.name}.svg"
            svg_path.write_text(fix_cjk(svg), encoding="utf-8")
            line = f"{svg_path.name:24} {shot.lang}  {shot.size[0]}x{shot.size[1]}  {shot.what}"
            if chromium:
                png_path = args.out / f"{shot.name}.png"
                to_png(svg_path, png_path, chromium, scratch)
                line += f"  (+ {png_path.name})"
            print(line)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
