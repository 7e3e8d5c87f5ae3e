"""Kinds ticked, then 「分からない」: the ticked kinds are kept with "unknown", which reads "these, and maybe
more" (issue 20.3) in the determination, the TUI and the drafts, which never state the list as complete."""

from __future__ import annotations

from wizard.exports import render
from wizard.exports.context import from_incident
from wizard.store import Incident

from .conftest import NOW, settle
from .test_typing_ahead import burst, start
from .walk import shown


async def test_unknown_after_ticks_keeps_the_ticked_kinds(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        await burst(pilot, "space", "down", "space", "tab", "tab", "tab", "enter")  # 氏名, 住所, then 分からない
        path = screen.session.path
        assert Incident.load(path).answers()["data"] == ("address", "name", "unknown")
        assert "data" in screen.session.determination().unknown_facts  # still the cautious reading
        await pilot.press("pageup")
        await settle(pilot)
        view = shown(app)
        assert "住所、氏名（ほかにもあるかもしれない）" in str(view.query_one("#question-current").render())
        assert sorted(view.query_one("#multi").selected) == ["0", "1"]  # the kinds ticked again
        before = len(Incident.load(path).events)
        await burst(pilot, "enter")  # ticks untouched: Enter keeps "and maybe more"
        assert len(Incident.load(path).events) == before and screen.current == "affected_max"
    ppc = dict(render(from_incident(Incident.load(path), as_of=NOW, lang="ja"), "md", ("ppc_report",)))
    text = ppc["ppc_report.md"]
    items = text.split("## 2.")[1].split("## 3.")[0]
    assert "【現時点で不明（判明次第追完）】" in items and "ほかの項目が含まれるおそれあり" in items
    assert "氏名" in items and "住所" in items


async def test_unknown_with_nothing_ticked_is_unknown(app_factory):
    app = app_factory("ja")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "data")
        await burst(pilot, "tab", "tab", "tab", "enter")
        assert Incident.load(screen.session.path).answers()["data"] == ("unknown",)
