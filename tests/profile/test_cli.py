"""`rouei profile init|show|check|edit|card`."""

from __future__ import annotations

import sys
import tomllib

from wizard.cli import main


def test_init_then_check_then_show(tmp_path, capsys):
    path = tmp_path / "p.toml"
    assert main(["profile", "init", "--profile", str(path), "--name", "株式会社テスト"]) == 0
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["firm"] == {"name": "株式会社テスト"} and "updated" in raw
    assert "# [[partners]]" in path.read_text(encoding="utf-8")  # the commented examples
    assert main(["profile", "init", "--profile", str(path), "--name", "x"]) == 2  # never overwritten silently
    capsys.readouterr()
    assert main(["profile", "check", "--profile", str(path)]) == 1
    out = capsys.readouterr().out
    assert "サイバー保険の保険会社が登録されていません" in out and "通知期限" in out
    assert main(["profile", "show", "--profile", str(path)]) == 0
    assert "株式会社テスト" in capsys.readouterr().out


def test_check_of_a_ready_profile_and_the_environment(profile_file, monkeypatch, capsys):
    monkeypatch.setenv("ROUEI_PROFILE", str(profile_file))
    assert main(["profile", "check"]) == 0
    assert "揃っています" in capsys.readouterr().out
    assert main(["profile", "show", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "CY-2026-0042" in out and "notice within 30 days" in out


def test_bad_profile_is_a_clean_error(tmp_path, capsys):
    path = tmp_path / "p.toml"
    path.write_text('[firm]\nname = "A"\n[[people]]\nname = "B"\nroles = ["it"]\nphone = "call me"\n', encoding="utf-8")
    assert main(["profile", "check", "--profile", str(path)]) == 2
    err = capsys.readouterr().err
    assert "people.0.phone" in err and "Traceback" not in err
    assert main(["profile", "show", "--profile", str(tmp_path / "none.toml")]) == 2


def _editor(tmp_path, script: str) -> str:
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys, pathlib\np = pathlib.Path(sys.argv[1])\n{script}\n", encoding="utf-8")
    return f"{sys.executable} {editor}"


def test_edit_saves_only_what_validates_and_reopens_the_edit_with_its_problem(profile_file, tmp_path, monkeypatch,
                                                                            capsys):
    before = profile_file.read_text(encoding="utf-8")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "p.write_text(p.read_text().replace('0120-555-666', 'none')"
                                                   ".replace('山田 太郎', '山田 一郎'))"))
    assert main(["profile", "edit", "--profile", str(profile_file)]) == 2
    assert profile_file.read_text(encoding="utf-8") == before
    assert "partners.0.phone" in capsys.readouterr().err
    seen = tmp_path / "seen.toml"  # what the editor is given the second time: the user's edit, problem on top
    monkeypatch.setenv("EDITOR", _editor(tmp_path, f"pathlib.Path({str(seen)!r}).write_text(p.read_text()); "
                                                   "p.write_text(p.read_text().replace('none', '０１２０－５５５－７７７'))"))
    assert main(["profile", "edit", "--profile", str(profile_file)]) == 0
    shown = seen.read_text(encoding="utf-8")
    assert shown.startswith("# rouei: ") and "partners.0.phone" in shown.split("\n[")[0]
    assert "山田 一郎" in shown and "none" in shown  # not the old file
    assert "前回の編集" in capsys.readouterr().err
    after = tomllib.loads(profile_file.read_text(encoding="utf-8"))
    assert after["partners"][0]["phone"] == "0120-555-777"  # typed full-width, saved as read
    assert after["people"][0]["name"] == "山田 一郎"
    assert str(after["updated"]) != "2026-11-01"
    assert not list(tmp_path.glob(".*.edit.toml"))


def test_card_formats(profile_file, tmp_path, capsys):
    for fmt in ("html", "md", "txt"):
        target = tmp_path / f"card.{fmt}"
        assert main(["profile", "card", "--profile", str(profile_file), "--format", fmt, "-o", str(target)]) == 0
        assert "山田 太郎" in target.read_text(encoding="utf-8")
    assert main(["profile", "card", "--profile", str(profile_file), "--format", "txt", "--lang", "en"]) == 0
    assert "If personal data may have leaked" in capsys.readouterr().out
