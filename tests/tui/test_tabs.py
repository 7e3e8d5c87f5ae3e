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
    assert (folder / "ppc_report.html").is_file() and (folder / "notice.html").is_file()
    assert "漏えい等報告" in (folder / "ppc_report.html").read_text(encoding="utf-8")
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
    assert (tmp_path / "case-export" / "ppc_report.html").is_file()


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
