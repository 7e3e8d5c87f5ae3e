"""`rouei assess`: JSON as design.md specifies, a readable explanation, and clean errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from wizard.cli import main

FACTS = """aware_at = 2026-11-20T10:00:00+09:00
organisation = "business"
role = "controller"
data = ["name", "email"]
affected_max = 1200
cause = "misdelivery"
encryption = "none"
recovered_unviewed = false
sectors = []
eu_residents = "no"
"""


def write(tmp_path, text: str, name: str = "facts.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output(tmp_path, capsys):
    assert main(["assess", str(write(tmp_path, FACTS)), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report_required"] is True
    assert data["triggers"] == ["volume"]
    assert data["final_due"] == "2026-12-21" and data["final_days"] == 30
    assert data["preliminary_due"] == "2026-11-25"
    assert data["route"] == "ppc" and data["unknown_facts"] == []


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["報告", "本人の数が1,000人を超える", "2026-12-21(月)", "30日目は 2026-12-19(土)", "出典"]),
    ("en", ["Leak report to the PPC", "more than 1,000 people", "Mon 2026-12-21", "day 30 is Sat 2026-12-19"]),
])
def test_readable_explanation(tmp_path, capsys, lang, words):
    assert main(["assess", str(write(tmp_path, FACTS)), "--lang", lang]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in out


def test_unknown_facts_are_explained(tmp_path, capsys):
    path = write(tmp_path, 'aware_at = 2026-11-20T10:00:00\ndata = ["medical"]\norganisation = "business"\n'
                           'cause = "misdelivery"\nrecovered_unviewed = false\naffected_max = 3\n')
    assert main(["assess", str(path), "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Unknown facts" in out and "Encryption" in out
    assert "no report would be required" in out


LAPTOP = FACTS.replace('affected_max = 1200', 'affected_max = 50000').replace('"misdelivery"', '"loss"')


def test_lost_laptop_strongly_encrypted_key_safe_needs_no_report_nor_notice(tmp_path, capsys):
    path = write(tmp_path, LAPTOP.replace('encryption = "none"', 'encryption = "high"'))
    assert main(["assess", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["report_required"], data["notice_required"], data["triggers"]) == (False, False, [])
    for lang, words in (("ja", ["報告対象外: 施行規則7条1号の括弧書", "7条のすべての号", "鍵やパスワードの保管場所"]),
                        ("en", ["Not reportable: Enforcement Rules Art. 7(i)", "every item of Art. 7",
                                "how you confirmed they did not leak"])):
        assert main(["assess", str(path), "--lang", lang]) == 0
        out = capsys.readouterr().out
        out = "".join(out.split()) if lang == "ja" else " ".join(out.split())  # lines fold anywhere in Japanese
        for word in words:
            assert (word.replace(" ", "") if lang == "ja" else word) in out


def test_lost_laptop_with_the_key_possibly_exposed_needs_report_and_notice(tmp_path, capsys):
    path = write(tmp_path, LAPTOP.replace('encryption = "none"', 'encryption = "high_key_exposed"'))
    assert main(["assess", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["report_required"], data["notice_required"], data["triggers"]) == (True, True, ["volume"])


def test_an_awareness_date_before_the_rules_exits_2(tmp_path, capsys):
    path = write(tmp_path, FACTS.replace("2026-11-20", "2022-03-31"))
    assert main(["assess", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "no rules" in err and "2022-04-01" in err


@pytest.mark.parametrize(("text", "words"), [
    ('aware_at = 2026-11-20T10:00:00\npeople = 3\n', ["people", "aware_at"]),
    ('aware_at = 2026-11-20T10:00:00\naffected_max = -5\n', ["affected_max", "-5", "unknown"]),
    ('aware_at = 2026-11-20T10:00:00\ncause = "hackers"\n', ["cause", "hackers", "unauthorized_access"]),
    ('aware_at = 2026-11-20T10:00:00\ndata = ["name", "shoe_size"]\n', ["data", "shoe_size", "medical"]),
    ('aware_at = 2026-11-20T10:00:00\nrecovered_unviewed = "maybe"\n', ["recovered_unviewed", "true, false"]),
    ('organisation = "business"\n', ["aware_at"]),
    ('aware_at = "last tuesday"\n', ["aware_at", "last tuesday"]),
    ("aware_at = 2026-11-20T10:00:00\n[[broken\n", ["TOML"]),
])
def test_bad_input_exits_2_naming_the_key(tmp_path, capsys, text, words):
    path = write(tmp_path, text)
    assert main(["assess", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for word in words:
        assert word in err
    assert str(path.name) in err or "TOML" in err


def test_missing_file_and_folder(tmp_path, capsys):
    assert main(["assess", str(tmp_path / "nope.toml")]) == 2
    assert "ファイルが見つかりません" in capsys.readouterr().err
    assert main(["assess", str(tmp_path), "--lang", "en"]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_not_utf8(tmp_path, capsys):
    path = tmp_path / "sjis.toml"
    path.write_bytes('aware_at = 2026-11-20T10:00:00\n# 漏えい\n'.encode("cp932"))
    assert main(["assess", str(path), "--lang", "en"]) == 2
    assert "UTF-8" in capsys.readouterr().err


def test_usage_errors_are_exit_2_in_japanese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["assess"])
    assert info.value.code == 2
    assert "次の引数が必要です" in capsys.readouterr().err


def test_help_is_translated(capsys):
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    ja = capsys.readouterr().out
    assert "使い方" in ja and "事実ファイル" in ja
    with pytest.raises(SystemExit):
        main(["assess", "--help", "--lang", "en"])
    assert "a facts file" in capsys.readouterr().out


def test_console_script_runs_in_a_subprocess(tmp_path):
    path = write(tmp_path, FACTS)
    result = subprocess.run([sys.executable, "-m", "wizard", "assess", str(path), "--json"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["triggers"] == ["volume"]


def test_a_path_that_looks_like_markup_is_printed_as_it_is(tmp_path, capsys):
    assert main(["assess", str(tmp_path / "[/]x[red].toml"), "--lang", "en"]) == 2
    assert "[/]x[red].toml" in capsys.readouterr().err
