"""The evidence and export tabs on a real incident: hashing with progress, the register, files written."""

from __future__ import annotations

from datetime import timedelta

from wizard.store import Incident, Responder

from .conftest import NOW, settle


def incident(tmp_path):
    yamada = Responder("山田", "情報システム")
    path = tmp_path / "case.toml"
    with Incident.create(path, yamada, title="誤送信", now=NOW - timedelta(hours=1)) as inc:
        inc.answer("aware_at", NOW - timedelta(hours=1), yamada, NOW - timedelta(minutes=50))
        inc.answer("data", ("name", "medical"), yamada, NOW - timedelta(minutes=40))
    return path


async def test_evidence_added_and_verified_from_the_tab(app_factory, tmp_path):
    path = incident(tmp_path)
    log = tmp_path / "アクセスログ.log"
    log.write_text("GET /\n" * 1000, encoding="utf-8")
    app = app_factory("ja", path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.action_tab("evidence")
        await settle(pilot)
        view = screen.query_one("#evidence-view")
        view.add([str(log)], "金庫", "")
        await settle(pilot)
        text = "".join(str(w.render()) for w in screen.query_one("#evidence-list").query("Prose")).replace("\n", "")
        assert "アクセスログ.log" in text and "金庫" in text
        view.verify()
        await settle(pilot)
        assert "変わりなし 1" in str(screen.query_one("#evidence-status").render())
    kinds = [e.kind for e in Incident.load(path).events]
    assert kinds[-2:] == ["evidence_add", "evidence_verify"]


async def test_export_tab_writes_documents_and_records_the_export(app_factory, tmp_path):
    path = incident(tmp_path)
    app = app_factory("ja", path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.action_tab("export")
        await settle(pilot)
        await pilot.click("#export-run")
        await settle(pilot)
        status = str(screen.query_one("#export-status").render())
    folder = tmp_path / "case-export"
    assert "case-export" in status
    [ppc] = folder.glob("*_ppc_report.html")  # <date>_<incident>_<document>
    assert (folder / ppc.name.replace("ppc_report", "notice")).is_file()
    assert "漏えい等報告" in ppc.read_text(encoding="utf-8")
    assert Incident.load(path).events[-1].kind == "export"


def on_screen(app) -> str:
    from .test_snapshots import visible_text

    return visible_text(app)


async def test_at_80x24_f12_then_enter_exports_and_the_result_is_on_screen(app_factory, tmp_path):
    path = incident(tmp_path)
    app = app_factory("ja", path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert "書き出す" in on_screen(app)  # the button, without scrolling
        await pilot.press("enter")  # the focus is on it
        await settle(pilot)
        assert "個のファイルを" in on_screen(app)  # and its result
    assert len(list((tmp_path / "case-export").glob("*_ppc_report.html"))) == 1


async def test_at_80x24_the_evidence_dialogs_show_their_buttons_and_the_item_is_picked_from_a_list(
        app_factory, tmp_path):
    path = incident(tmp_path)
    log = tmp_path / "access.log"
    log.write_text("GET /\n", encoding="utf-8")
    app = app_factory("en", path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f10", "enter")  # the focus is on 証拠を追加
        await settle(pilot)
        assert type(app.screen).__name__ == "AddEvidenceDialog"
        text = on_screen(app)
        assert "Add evidence" in text.split("Note (optional)")[1] and "Cancel" in text  # the buttons show
        await pilot.press(*str(log), "enter")
        await settle(pilot)
        screen = app.screen
        assert "access.log" in " ".join(str(w.render()) for w in screen.query("#evidence-list Prose"))
        screen.query_one("#evidence-transfer").press()
        await settle(pilot)
        assert type(app.screen).__name__ == "TransferDialog"
        assert "E-" in on_screen(app) and "Cancel" in on_screen(app)  # a list to pick from, not an id to type
        await pilot.press(*"佐藤", "enter")
        await settle(pilot)
    register_events = [e for e in Incident.load(path).events if e.kind.startswith("evidence")]
    assert [e.kind for e in register_events][-1] == "evidence_transfer"


async def test_the_checklist_shows_how_to_do_the_highlighted_item_and_wraps_long_items(app_factory, tmp_path):
    from wizard.i18n import pick
    from wizard.domain.flows import bundled

    path = incident(tmp_path)
    with Incident.open_for_writing(path, Responder("山田", "情報システム")) as inc:
        inc.answer("cause", "loss", Responder("山田", "情報システム"), NOW - timedelta(minutes=30))
        inc.tick("record_t0", Responder("山田", "情報システム"), now=NOW - timedelta(minutes=20))
    app = app_factory("en", path)
    details = {item.id: pick(item.detail) for item in bundled().checklist}
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f6", "space", "space")  # Space works at once: tick and untick the first item
        await settle(pilot)
        screen = app.screen
        detail = " ".join(str(screen.query_one("#checklist-detail").render()).split())
        assert detail == " ".join(details["record_t0"].split())
        text = on_screen(app)
        assert "…" not in text  # a ticked item's long line wraps instead (it ended in … even at 120x36)
        for _ in range(12):
            await pilot.press("down")  # on through the phases, without Tab
            await settle(pilot)
            if "receipt number" in " ".join(str(screen.query_one("#checklist-detail").render()).split()):
                break
        assert "受理番号" in str(screen.query_one("#checklist-detail").render())  # the police report, for a loss
    kinds = [e.kind for e in Incident.load(path).events]
    assert kinds.count("tick") + kinds.count("untick") >= 3


async def test_the_strip_shows_the_next_two_deadlines_and_the_deadlines_tab_both_ends_of_the_window(
        app_factory, tmp_path):
    path = incident(tmp_path)  # health data, EU residents unknown: 速報 from 11/23 to 11/25, GDPR maybe
    app = app_factory("ja", path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        strip = str(app.screen.query_one("#live-strip").render()).splitlines()
        assert "GDPR 72時間 11/23" in strip[0] and "速報3日目 11/23" in strip[1]  # GDPR's 72 h end sooner
        await pilot.press("f8")
        await settle(pilot)
        text = on_screen(app)
        assert "速報の目安（早い方・3日）" in text and "2026-11-23(月)" in text
        assert "速報の目安（遅い方・5日）" in text and "2026-11-25(水)" in text
