"""`-o` on every command that takes it: `-` is standard output for a document and refused for an incident
file; a name like `out.html` is never made into a folder."""

from __future__ import annotations

import pytest

from wizard.cli import main
from wizard.store import Incident, Responder


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def case(here):
    path = here / "case.toml"
    with Incident.create(path, Responder("山田"), title="誤送信") as incident:
        incident.answer("aware_at", "2026-11-20T10:00:00+09:00", Responder("山田"))
        incident.answer("data", ["name", "email"], Responder("山田"))
    return path


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_exercise_show_to_standard_output(here, fmt, capsys):
    assert main(["exercise", "show", "ransomware_friday", "--format", fmt, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "ransomware" in out.lower() or "ランサムウェア" in out
    assert not (here / "-").exists()


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_exercise_report_to_standard_output(here, fmt, capsys):
    assert main(["exercise", "start", "ransomware_friday", "-o", "team.toml", "--manual", "--no-open",
                 "--by", "進行役"]) == 0
    capsys.readouterr()
    assert main(["exercise", "report", "team.toml", "--format", fmt, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.lstrip().startswith("{" if fmt == "json" else "<!DOCTYPE" if fmt == "html" else "")
    assert len(out) > 200 and not (here / "-").exists()


@pytest.mark.parametrize("args", [["new", "-o", "-", "--by", "山田", "--no-open"],
                                  ["exercise", "start", "ransomware_friday", "-o", "-", "--no-open", "--by", "山田"],
                                  ["merge", "case.toml", "case.toml", "-o", "-"]])
def test_an_incident_file_is_never_standard_output(case, here, args, capsys):
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    assert "標準出力には書けません" in capsys.readouterr().err
    assert not (here / "-").exists()


@pytest.mark.parametrize("name", ["out.html", "report.MD", "x.docx", "notes.txt/"])
def test_several_documents_are_never_written_into_a_folder_named_like_a_document(case, here, name, capsys):
    fmt = "docx" if name == "x.docx" else "html"
    assert main(["export", str(case), "--format", fmt, "-o", name, "--by", "山田"]) == 2
    err = capsys.readouterr().err
    assert "-o" in err and "--what" in err and "/" in err
    assert list(here.iterdir()) == [case]  # no folder, no file, nothing recorded beside it


def test_the_refusal_in_english_and_the_ways_that_work(case, here, capsys):
    assert main(["export", str(case), "--format", "html", "-o", "out.html", "--lang", "en", "--by", "山田"]) == 2
    assert "-o out/" in capsys.readouterr().err
    assert main(["export", str(case), "--format", "html", "-o", "out.html", "--what", "memo", "--by", "山田"]) == 0
    assert (here / "out.html").is_file()
    assert main(["export", str(case), "--format", "html", "-o", "out/", "--by", "山田"]) == 0
    assert list((here / "out").glob("*memo.html"))
    (here / "old.html").mkdir()  # a folder the user made is used as it is
    assert main(["export", str(case), "--format", "md", "-o", "old.html", "--by", "山田"]) == 0
    assert list((here / "old.html").glob("*memo.md"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_export_help_says_so(lang, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help", "--lang", lang])
    assert "out.html" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_the_profile_card_replaces_an_earlier_card_and_nothing_else(here, fmt, capsys):
    from tests.profile.conftest import FULL

    profile = here / "profile.toml"
    profile.write_text(FULL, encoding="utf-8")
    card = ["profile", "card", "--profile", str(profile), "--format", fmt]
    assert main([*card, "-o", f"card.{fmt}"]) == 0 and main([*card, "-o", f"card.{fmt}"]) == 0
    assert main([*card, "--lang", "en", "-o", f"card.{fmt}"]) == 0  # an earlier card in the other language
    notes = here / "notes.txt"
    notes.write_text("返信なし\n", encoding="utf-8")
    for target in (notes, profile):
        before = target.read_bytes()
        assert main([*card, "-o", str(target)]) == 2
        assert target.read_bytes() == before
    assert main([*card, "-o", "-"]) == 0 and not (here / "-").exists()
