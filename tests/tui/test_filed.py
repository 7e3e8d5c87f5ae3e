"""A 速報 recorded as filed is shown filed — when and by whom — on the strip, the side panel, the 期限 tab
and the hand-over brief, never counted down or overdue; and the strip says what each date is, whole,
within 80 columns (ja and en, on a computer whose zone is UTC)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from rich.cells import cell_len

from wizard.domain.facts import JST
from wizard.store import Incident, Responder

from .conftest import settle
from .test_snapshots import visible_text

AWARE = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
FILED = datetime(2026, 11, 24, 9, 0, tzinfo=JST)
LATER = datetime(2026, 11, 26, 12, 0, tzinfo=JST)  # the 速報's 5 days are over: it was filed on day 4
SATO = Responder("佐藤", "総務")


def case(tmp_path, *, filed: bool = True):
    path = tmp_path / "case.toml"
    with Incident.create(path, SATO, title="誤送信", now=AWARE) as inc:
        inc.answer("aware_at", AWARE, SATO, AWARE)
        inc.answer("data", ("name", "medical"), SATO, AWARE)
        for fact, value in (("organisation", "business"), ("role", "controller"), ("cause", "misdelivery"),
                            ("affected_max", 10), ("encryption", "none"), ("recovered_unviewed", False),
                            ("sectors", ()), ("eu_residents", "no")):  # all known: the 速報 and 確報 only
            inc.answer(fact, value, SATO, AWARE)
        if filed:
            inc.tick("preliminary_report", SATO, now=FILED)
    return path


WORDS = {"ja": ("速報 済 11/24 09:00 JST（佐藤）", "済 2026-11-24 09:00 JST（佐藤）", "超過"),
         "en": ("Prelim.: done 11/24 09:00 JST (佐藤)", "done 2026-11-24 09:00 JST (佐藤)", "overdue")}


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_a_filed_preliminary_report_is_filed_on_every_screen(app_factory, tmp_path, utc_machine, lang):
    strip_words, long_words, overdue = WORDS[lang]
    app = app_factory(lang, case(tmp_path), by="佐藤", clock=lambda: LATER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        strip = str(app.screen.query_one("#live-strip").render())
        assert strip_words in strip.splitlines()[0] and overdue not in strip
        assert strip.splitlines()[1].startswith({"ja": "確報 期限 12/21（30日以内） あと", "en": "Final: due 12/21"}[lang])
        await pilot.press("f8")
        await settle(pilot)
        tab = " ".join(str(w.render()) for w in app.screen.query_one("#deadlines-view").query("Static"))
        assert tab.count(long_words) == 2 and overdue not in tab  # both 速報 dates, and the 確報 is open
    (tmp_path / "wide").mkdir()
    app = app_factory(lang, case(tmp_path / "wide"), by="佐藤", clock=lambda: LATER)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        panel = str(app.screen.query_one("#live").render())
        assert panel.count(long_words) == 2 and overdue not in panel


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_next_responders_brief_shows_it_filed(app_factory, tmp_path, utc_machine, lang):
    app = app_factory(lang, case(tmp_path), by="山田", clock=lambda: LATER)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HandoverDialog"
        body = " ".join(str(w.render()) for w in app.screen.query_one("#brief-body").query("Static, Prose"))
        _strip, long_words, overdue = WORDS[lang]
        assert body.count(long_words) == 2 and overdue not in body


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_strip_says_what_each_date_is_whole_within_the_width(app_factory, tmp_path, utc_machine, lang):
    app = app_factory(lang, case(tmp_path, filed=False), by="佐藤", clock=lambda: AWARE + timedelta(hours=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = str(app.screen.query_one("#live-strip").render()).splitlines()
        assert len(lines) == 2 and all(cell_len(line) <= 78 for line in lines)
        expected = {"ja": "速報 目安 11/23（3日以内）・遅くとも 11/25（5日以内） あと3日",
                    "en": "Prelim.: aim 11/23 (within 3 days), latest 11/25 (within 5 days) 3d"}[lang]
        assert lines[1].startswith(expected)
        screen = visible_text(app)
        assert "日目" not in screen and "day 3" not in screen and expected in screen  # on screen, not cut
