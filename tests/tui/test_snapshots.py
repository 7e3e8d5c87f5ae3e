"""SVG snapshots of the key screens, at 80×24 and 120×36, in Japanese and English.

Deterministic: the fixture's fixed clock, an incident written through the store with fixed event times
(so the event ids, the times shown and the countdowns never move), no cursor blink, no animation, the
textual-dark theme, colour on (the root conftest sets NO_COLOR, which would make every snapshot grey),
Japan time as the machine's time zone (the recent list shows local time), and the incident at a relative
path so no temporary folder name reaches the screen.

A failing snapshot writes `snapshot_report.html`: look at it before running `--snapshot-update`.
Snapshots compare text and styles, not pixels; the SVGs squash Japanese when viewed (Rich #2742) —
`scripts/screenshots.py` makes properly spaced ones.
"""

from __future__ import annotations

import io
import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wizard.domain.facts import JST
from wizard.store import Incident, Responder
from wizard.store.events import stored_value

from .conftest import settle

YAMADA = Responder("山田", "情報システム")
SATO = Responder("佐藤", "総務")
CREATED = datetime(2026, 11, 20, 10, 5, tzinfo=JST)  # the fixture's NOW is 11:00
FILE = Path("incident-20261120-1005.toml")  # relative: the tests run in their own temporary folder
TITLE = {"ja": "ECサイトへの不正アクセス", "en": "Web shop breach"}
RECENT_PATH = "/home/yamada/rouei/incident-20261120-1005.toml"

# Ransomware at a web shop: card numbers of up to 5,000 customers, some in the EU. Reportable on three
# grounds, a 60-day final report, the GDPR's 72 hours and the card acquirer's clock.
ANSWERS = [
    ("aware_at", datetime(2026, 11, 20, 10, 0, tzinfo=JST)),
    ("aware_how", "attacker"),
    ("organisation", "business"),
    ("role", "controller"),
    ("data", ("address", "card_number", "email", "name", "purchase_history")),
    ("affected_max", 5000),
    ("cause", "ransomware"),
    ("encryption", "none"),
    ("sectors", ()),
    ("eu_residents", "yes"),
]
UP_TO = {question: index for index, (question, _) in enumerate(ANSWERS)}

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
CASES = [pytest.param(lang, size, id=f"{lang}-{size}") for lang in ("ja", "en") for size in SIZES]


@pytest.fixture(autouse=True)
def _snapshot_conditions(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # read by App.__init__
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def make_incident(lang: str, answered: int = len(ANSWERS), *, first: Responder = YAMADA, first_answers: int = 0,
                  tick: str | None = None) -> Path:
    """The incident file with the first `answered` answers; `first` creates it and gives the first
    `first_answers` of them, 山田 the rest; `tick` ticks a checklist item at 10:40."""
    incident = Incident.create(FILE, first, title=TITLE[lang], now=CREATED)
    for index, (question, value) in enumerate(ANSWERS[:answered]):
        by = first if index < first_answers else YAMADA
        incident.append("answer", {"fact": question, "value": stored_value(value), "question": question}, by,
                        CREATED + timedelta(minutes=index + 1))
    if tick:
        incident.tick(tick, YAMADA, now=CREATED + timedelta(minutes=35))
    incident.close()
    return FILE


def save_settings(lang: str) -> None:
    """A responder saved by an earlier session, and one recent incident."""
    import tomli_w

    folder = Path(os.environ["ROUEI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    settings = {"name": "山田", "role": "情報システム", "lang": lang,
                "recent": [{"path": RECENT_PATH, "title": TITLE[lang], "opened_at": CREATED}]}
    (folder / "settings.toml").write_bytes(tomli_w.dumps(settings).encode("utf-8"))


def visible_text(app) -> str:
    """The characters on the terminal right now, as the user sees them (dialogs over their screen)."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def keys(*pressed: str, seen: dict | None = None):
    """A `run_before` that waits for the app to settle, presses keys, settles again, and notes in `seen`
    what is on screen (the app has exited by the time `snap_compare` returns)."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        if seen is not None:
            screen = pilot.app.screen
            seen["screen"] = type(screen).__name__
            seen["text"] = visible_text(pilot.app)
            seen["current"] = getattr(screen, "current", None)
            tabs = screen.query("#tabs")
            seen["tab"] = tabs.first().active if tabs else None
            seen["responder"] = pilot.app.responder

    return run_before


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_start_screen(snap_compare, app_factory, lang, size):
    save_settings(lang)
    app = app_factory(lang, by=None)  # the responder comes from the settings
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys(seen=seen))
    assert seen["screen"] == "StartScreen"
    assert seen["responder"] == ("山田", "情報システム")
    assert TITLE[lang] in seen["text"]


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_choice_question(snap_compare, app_factory, lang, size):
    app = app_factory(lang, make_incident(lang, UP_TO["cause"]))
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys(seen=seen))
    assert seen["current"] == "cause"


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_data_question(snap_compare, app_factory, lang, size):
    from wizard.domain.flows import bundled

    app = app_factory(lang, make_incident(lang, UP_TO["data"]))
    email = [c.value for c in bundled().question("data").choices].index("email")
    seen: dict = {}
    # 氏名 and メールアドレス ticked with the keyboard, not yet confirmed
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("space", *["down"] * email, "space", seen=seen))
    assert seen["current"] == "data"


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_determination_tab(snap_compare, app_factory, lang, size):
    app = app_factory(lang, make_incident(lang))
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("f5", seen=seen))
    assert (seen["screen"], seen["tab"]) == ("IncidentScreen", "determination")


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_checklist_tab_with_one_item_ticked(snap_compare, app_factory, lang, size):
    app = app_factory(lang, make_incident(lang, tick="record_t0"))
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("f6", seen=seen))
    assert seen["tab"] == "checklist"
    assert "✓" in seen["text"] and "[山田 11/20 10:40 JST]" in seen["text"]  # the tick, who gave it and when


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_deadlines_tab(snap_compare, app_factory, lang, size):
    app = app_factory(lang, make_incident(lang))
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("f8", seen=seen))
    assert seen["tab"] == "deadlines"
    assert "2027-01-18" in seen["text"]  # the 60-day final report


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_hand_over_brief(snap_compare, app_factory, lang, size):
    # 佐藤 created the incident and answered the first three questions; 山田 went on; 佐藤 comes back
    path = make_incident(lang, first=SATO, first_answers=3, tick="record_t0")
    app = app_factory(lang, path, by="佐藤", role="総務")
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys(seen=seen))
    assert seen["screen"] == "HandoverDialog"
    due = seen["text"].index("次の期限" if lang == "ja" else "Due next")  # what is due first, on screen at 80x24
    assert due < seen["text"].index("速報" if lang == "ja" else "Preliminary report")


def test_export_tab_reads_without_colour(snap_compare, app_factory, monkeypatch):
    """NO_COLOR: the chosen format is the one marked ●, the others are blank (they were all ▐●▌)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory("ja", make_incident("ja"))
    seen: dict = {}
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=keys("f12", seen=seen))
    assert seen["text"].count("▐●▌") == 1 and "▐●▌ HTML（印刷用）" in seen["text"]
    assert "書き出す" in seen["text"]  # the button at 80x24


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_awareness_time_echoed_as_read(snap_compare, app_factory, lang):
    app = app_factory(lang, make_incident(lang, 0))
    seen: dict = {}

    async def type_it(pilot) -> None:  # Pilot cannot press 「／」「：」: the text as an IME would give it
        await settle(pilot)
        pilot.app.screen.query_one("#answer-input").value = "１１／２０　９：３０"
        await keys(seen=seen)(pilot)

    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=type_it)
    assert "2026-11-20" in seen["text"] and "09:30 JST" in seen["text"]
