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
