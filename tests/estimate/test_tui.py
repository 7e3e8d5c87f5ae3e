"""The estimates tab: the determination first, the planning-only sentence, the factors, an adjustment
recorded with a reason; and its snapshot at 80×24 and 120×36 in both languages."""

from __future__ import annotations

import pytest

from ..tui.conftest import _deterministic, app_factory, settle  # noqa: F401 (fixtures)
from ..tui.test_snapshots import CASES, SIZES, _snapshot_conditions, keys, make_incident  # noqa: F401


async def open_tab(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.action_tab("estimate")
    await settle(pilot)


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_estimate_tab(snap_compare, app_factory, lang, size):
    app = app_factory(lang, make_incident(lang))
    seen: dict = {}

    async def run_before(pilot) -> None:
        await open_tab(pilot)
        await keys(seen=seen)(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
    assert seen["tab"] == "estimate"
    text = seen["text"]
    first = {"ja": ("判定: 報告: 必要", "計画のための見積り"), "en": ("Determination:", "estimates for planning")}[lang]
    assert text.index(first[0]) < text.index(first[1])  # the determination is shown first


async def test_adjusting_a_factor_records_it_with_the_reason(app_factory):
    from textual.widgets import Select

    from wizard.store import Incident

    path = make_incident("ja")
    app = app_factory("ja", path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_tab(pilot)
        view = app.screen.query_one("#estimate-view")
        view.query_one("#estimate-factor", Select).value = "jo.response"
        view.query_one("#estimate-value").value = "2"
        view.query_one("#estimate-reason").value = ""
        view.query_one("#estimate-record").press()
        await settle(pilot)
        assert "理由" in str(view.query_one("#estimate-status").render())  # refused: no reason
        view.query_one("#estimate-reason").value = "公表が遅れた"
        view.query_one("#estimate-record").press()
        await settle(pilot)
    event = Incident.load(path).events[-1]
    assert (event.kind, event.data["factor"], event.data["value"], event.data["reason"]) == \
        ("estimate", "jo.response", 2, "公表が遅れた")


async def test_word_is_offered_in_the_export_tab(app_factory):
    from textual.widgets import RadioButton

    app = app_factory("ja", make_incident("ja"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.action_tab("export")
        await settle(pilot)
        names = [b.name for b in app.screen.query_one("#export-format").query(RadioButton)]
        assert "docx" in names


async def test_f11_opens_the_tab_f1_lists_it_and_pagedown_scrolls_it(app_factory):
    app = app_factory("ja", make_incident("ja"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        from ..tui.test_snapshots import visible_text

        assert "影響度と費用の見積りのタブ" in visible_text(app)  # F1 lists it
        await pilot.press("escape", "f11")
        await settle(pilot)
        assert app.screen.query_one("#tabs").active == "estimate"
        view = app.screen.query_one("#estimate-view")
        assert view.max_scroll_y > 0 and view.scroll_y == 0
        await pilot.press("pagedown")  # no Tab first: as in 判定
        await settle(pilot)
        assert view.scroll_y > 0


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [80, 100, 120])
async def test_every_tab_is_in_view(app_factory, lang, width):
    from textual.widgets import Tab, Tabs

    app = app_factory(lang, make_incident(lang))
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#tabs").query_one(Tabs)
        right = bar.content_region.right
        tabs = list(bar.query(Tab))
        assert len(tabs) == 9
        assert all(tab.region.right <= right and tab.region.width > 0 for tab in tabs), \
            [(str(tab.label), tab.region) for tab in tabs]
