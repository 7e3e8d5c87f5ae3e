"""`rouei export`: never over the incident or a file that is not a rouei export, `-o -`, who exports
without `--by`, and a read-only stick (the documents are written, only the record is not)."""

from __future__ import annotations

import errno
import os

import pytest

from wizard.cli import main
from wizard.store import Incident, Responder


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.toml"
    with Incident.create(path, Responder("山田"), title="テスト") as incident:
        incident.answer("aware_at", "2026-11-20T10:00:00+09:00", Responder("山田"))
    return path


def export(case, *args: str) -> int:
    return main(["export", str(case), "--what", "memo", "--by", "山田", *args])


@pytest.mark.parametrize("name", ["case.toml", "case.toml.bak", "case.toml.lock", "case.toml.bak.1"])
def test_never_over_the_incident_its_backup_or_lock(case, capsys, name):
    target = case.with_name(name)
    if name != "case.toml":
        target.write_bytes(b"keep me")
    before = target.read_bytes()
    for force in ([], ["--force"]):
        assert export(case, "-o", str(target), *force) == 2
        assert target.read_bytes() == before
        assert str(target) in capsys.readouterr().err


def test_never_over_the_incident_through_a_link_or_into_its_folder(case, capsys):
    link = case.with_name("link.toml")
    link.symlink_to(case.name)
    before = case.read_bytes()
    assert export(case, "-o", str(link), "--force") == 2
    assert case.read_bytes() == before and link.is_symlink()
    assert main(["export", str(case), "--format", "json", "--by", "山田", "-o", str(case.parent) + "/"]) == 0
    assert case.read_bytes() != before  # only the export's record was appended
    assert Incident.load(case).events[-1].kind == "export"


def test_an_existing_file_that_is_not_an_export_needs_force(case, tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("my own notes\n", encoding="utf-8")
    assert export(case, "-o", str(notes)) == 2
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    assert "--force" in capsys.readouterr().err
    assert export(case, "-o", str(notes), "--force") == 0
    assert notes.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(("fmt", "what", "lang"), [("md", "memo", "ja"), ("txt", "notice", "en"),
                                                    ("html", "ppc_report", "ja"), ("json", "memo", "en"),
                                                    ("ics", "calendar", "ja")])
def test_an_earlier_export_is_replaced(case, tmp_path, fmt, what, lang):
    target = tmp_path / f"out.{fmt}"
    args = ["export", str(case), "--format", fmt, "--what", what, "--by", "山田", "--lang", lang, "-o", str(target)]
    assert main(args) == 0
    assert main(args) == 0


def test_a_folder_export_keeps_a_foreign_file_of_the_same_name(case, tmp_path, capsys, monkeypatch):
    from datetime import datetime

    from wizard import clock
    from wizard.domain.facts import JST

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 21, 9, 0, tzinfo=JST))
    folder = tmp_path / "out"
    folder.mkdir()
    name = "2026-11-21_テスト_memo.md"  # named by the day, the incident's title and the document
    (folder / name).write_text("not rouei's\n", encoding="utf-8")
    assert main(["export", str(case), "--by", "山田", "-o", str(folder)]) == 2
    assert [p.name for p in folder.iterdir()] == [name]  # nothing written at all
    assert name in capsys.readouterr().err.replace("\n", "")  # the message wraps long paths


def test_dash_is_standard_output(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(case), "--by", "山田", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.count("インシデント") >= 10 and not (tmp_path / "-").exists()


def test_without_by_the_saved_name_then_the_login_name(case, capsys, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "taro")
    assert main(["export", str(case), "--what", "memo"]) == 0
    event = Incident.load(case).events[-1]
    assert (event.kind, event.by, event.role) == ("export", "taro", "OSのログイン名")
    from wizard.settings import load_settings, save_settings

    save_settings(load_settings().__class__(name="佐藤", role="総務"))
    assert main(["export", str(case), "--what", "memo"]) == 0
    assert Incident.load(case).events[-1].by == "佐藤"
    assert main(["export", str(case), "--what", "memo", "--by", "鈴木"]) == 0
    assert Incident.load(case).events[-1].by == "鈴木"


def test_a_read_only_stick_still_gets_its_documents(case, tmp_path, capsys, monkeypatch):
    from wizard.atomic import write_error

    def read_only(cls, path, *args, **kwargs):
        raise write_error(path, OSError(errno.EROFS, os.strerror(errno.EROFS)))

    monkeypatch.setattr(Incident, "open_for_writing", classmethod(read_only))
    before = case.read_bytes()
    out = tmp_path / "elsewhere" / "memo.md"
    out.parent.mkdir()
    assert export(case, "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    err = capsys.readouterr().err
    assert "書き出しはできました" in err and str(case) in err
    assert case.read_bytes() == before


def test_a_facts_file_is_never_its_own_export(tmp_path, capsys):
    facts = tmp_path / "facts.toml"
    facts.write_text('aware_at = 2026-11-20T10:00:00+09:00\norganisation = "business"\n', encoding="utf-8")
    before = facts.read_bytes()
    assert main(["export", str(facts), "--what", "memo", "-o", str(facts), "--force"]) == 2
    assert facts.read_bytes() == before


def test_a_saved_role_belongs_to_the_saved_name_only(tmp_path, capsys):
    """`--by` another name than the one saved on this computer never borrows the saved person's role."""
    from wizard.settings import load_settings, save_settings

    save_settings(load_settings().__class__(name="佐藤", role="総務"))
    path = tmp_path / "other.toml"
    assert main(["new", "-o", str(path), "--by", "Yamada", "--no-open"]) == 0
    assert main(["new", "-o", str(tmp_path / "own.toml"), "--no-open"]) == 0
    assert (Incident.load(path).events[0].by, Incident.load(path).events[0].role) == ("Yamada", "")
    assert Incident.load(tmp_path / "own.toml").events[0].role == "総務"
