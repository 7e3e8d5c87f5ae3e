"""Text from files on the screen is never markup and never raw control characters (issue 20): a title
holding `[/]` stopped the incident screen with a MarkupError, `[@click=…]` in a title or a file name
made a button that quits."""

from __future__ import annotations

import html
from datetime import timedelta

from textual.widgets import OptionList, Static

from wizard.store import Incident, Responder
from wizard.tui.incident import IncidentScreen

from .conftest import NOW, settle

MARKUP = "[/][@click=app.quit]押すと終了[/][link=https://example.com]リンク"


async def test_a_file_name_with_markup_is_listed_as_it_is(app_factory, tmp_path):
    (tmp_path / "[bold][@click=app.quit]終了.toml").write_text("", encoding="utf-8")
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.query_one("#files", OptionList).option_count == 1
        assert "[bold][@click=app.quit]終了.toml" in html.unescape(app.export_screenshot())


async def test_a_title_and_names_with_markup_and_escapes_are_shown_as_they_are(app_factory, tmp_path, fuzz):
    path = tmp_path / "case.toml"
    who = Responder("山田")
    with Incident.create(path, who, title="誤送信", now=NOW - timedelta(hours=1)) as incident:
        incident.answer("aware_at", NOW - timedelta(hours=1), who, NOW - timedelta(minutes=50))
    fuzz.rewrite(path, lambda events: events[0]["data"].update(title=f"{MARKUP}\x1b]0;PWNED\x07"))
    app = app_factory("ja", path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        while not isinstance(app.screen, IncidentScreen):
            await pilot.press("enter")
            await settle(pilot)
        bar = str(app.screen.query_one("#incident-bar", Static).render())
        assert MARKUP in bar and "\\x1b]0;PWNED\\x07" in bar and "\x1b" not in bar
