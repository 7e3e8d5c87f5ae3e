"""`rouei export`: where files go, the export event, and clean errors (exit 2) for bad input."""

from __future__ import annotations

import re
import shutil

import pytest

from wizard.cli import main
from wizard.domain.flows import bundled
from wizard.exports import DOCUMENTS
from wizard.store import Incident, Responder

FACTS = 'aware_at = 2026-11-20T10:00:00+09:00\norganisation = "business"\ndata = ["name", "email"]\n'


@pytest.fixture
def incident(incidents, tmp_path):
    path = tmp_path / "kenshin.toml"
    shutil.copy(incidents["misdelivery"], path)
    return path


def test_one_document_to_stdout_is_recorded(incident, capsys):
    before = Incident.load(incident)
    assert main(["export", str(incident), "--what", "ppc_report", "--format", "txt", "--by", "山田"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("漏えい等報告（速報）の下書き") and before.fingerprint in out  # the header, not item 9
    after = Incident.load(incident)
    event = after.events[-1]
    assert (event.kind, event.by) == ("export", "山田")
    recorded = {k: v for k, v in event.data.items() if k not in ("rules", "determination")}
    assert recorded == {"format": "txt", "what": ["ppc_report"], "fingerprint": before.fingerprint_full, "lang": "ja"}
    assert event.data["rules"]["version"] == bundled().manifest.version  # which rules made it
    assert event.data["determination"]["report_required"] is True


def test_every_document_into_a_dated_folder_beside_the_file(incident, capsys):
    assert main(["export", str(incident), "--by", "山田"]) == 0
    [folder] = [p for p in incident.parent.iterdir() if p.is_dir()]
    assert folder.name.startswith("kenshin-export-")
    names = sorted(p.name for p in folder.iterdir())  # <date>_<incident>_<document>: apart in a lawyer's inbox
    assert [re.sub(r"^\d{4}-\d{2}-\d{2}_健康診断結果の誤送信_", "", n) for n in names] == sorted(f"{d}.md" for d in DOCUMENTS)
    assert str(folder) in capsys.readouterr().err


def test_output_folder_and_single_files(incident, tmp_path):
    assert main(["export", str(incident), "--format", "html", "-o", str(tmp_path / "print"), "--by", "山田"]) == 0
    assert len(list((tmp_path / "print").glob("*.html"))) == len(DOCUMENTS)
    assert main(["export", str(incident), "--format", "ics", "-o", str(tmp_path / "due.ics"), "--by", "山田",
                 "--lang", "en"]) == 0
    assert (tmp_path / "due.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert main(["export", str(incident), "--format", "json", "-o", str(tmp_path / "print"), "--by", "山田"]) == 0
    assert len(list((tmp_path / "print").glob("*_健康診断結果の誤送信_state.json"))) == 1
    kinds = [e.data["format"] for e in Incident.load(incident).events if e.kind == "export"]
    assert kinds == ["html", "ics", "json"]


def test_a_facts_file_needs_no_name_and_records_nothing(tmp_path, capsys):
    facts = tmp_path / "facts.toml"
    facts.write_text(FACTS, encoding="utf-8")
    assert main(["export", str(facts), "--what", "notice", "--lang", "en"]) == 0
    assert "Dear customer," in capsys.readouterr().out
    assert facts.read_text(encoding="utf-8") == FACTS


@pytest.mark.parametrize(("args", "says"), [
    (["--what", "ppc_report,nope"], "nope"),
    (["--what", ","], "ppc_report"),
    (["--format", "ics", "--what", "notice"], "calendar"),
])
def test_bad_choices_exit_2(incident, capsys, args, says):
    assert main(["export", str(incident), "--by", "山田", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not any(e.kind == "export" for e in Incident.load(incident).events)


def test_unwritable_places_exit_2(incident, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(incident), "--by", "山田", "-o", str(blocker)]) == 2
    assert str(blocker) in capsys.readouterr().err
    assert main(["export", str(incident), "--by", "山田", "--what", "memo", "-o", str(blocker / "memo.md")]) == 2
    assert "memo.md" in capsys.readouterr().err


def test_an_incident_export_needs_a_name_when_there_is_no_login_name(incident, capsys, monkeypatch):
    import getpass

    def no_login():
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_login)
    assert main(["export", str(incident), "--what", "memo"]) == 2
    assert "--by" in capsys.readouterr().err


def test_written_but_not_recorded_while_someone_else_holds_the_file(incident, tmp_path, capsys):
    with Incident.open_for_writing(incident, Responder("鈴木")):
        assert main(["export", str(incident), "--by", "山田", "-o", str(tmp_path / "out")]) == 0
    assert "鈴木" in capsys.readouterr().err
    assert len(list((tmp_path / "out").iterdir())) == len(DOCUMENTS)
    assert not any(e.kind == "export" for e in Incident.load(incident).events)
