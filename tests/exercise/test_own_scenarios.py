"""A firm's own scenarios (issue 22, item 7): `exercise new [--from-profile]` writes a valid scenario from
the profile or a template, `flows check FILE` recomputes its answers with the engine, `exercise start
FILE` runs it, and the run carries the scenario so the file alone reports and replays it."""

from __future__ import annotations

import tomllib

import pytest

from wizard.cli import main
from wizard.exercise.run import Run
from wizard.printable import clean
from wizard.store import Incident

PROFILE = """
[firm]
name = "山田精機株式会社"
organisation = "business"
sectors = ["medical"]
my_number = true
eu_customers = true

[[people]]
name = "鈴木一郎"
roles = ["it"]
phone = "03-1234-5678"
title = "情報システム課長"

[[partners]]
kind = "it_vendor"
name = "北関東システム株式会社"
phone = "03-1111-2222"

[[partners]]
kind = "insurer"
name = "東西損害保険"
notice_days = 30
"""


def rouei(capsys, *args, code: int = 0) -> str:
    got = main([str(a) for a in args])
    out = capsys.readouterr()
    assert got == code, out.err + out.out
    return out.out + out.err


@pytest.fixture
def profile(tmp_path, monkeypatch):
    path = tmp_path / "profile.toml"
    path.write_text(PROFILE, encoding="utf-8")
    monkeypatch.setenv("ROUEI_PROFILE", str(path))
    return path


def test_a_scenario_from_the_profile_names_the_firm_its_data_and_partners(tmp_path, capsys, profile):
    path = tmp_path / "yamada-2026.toml"
    rouei(capsys, "exercise", "new", "--from-profile", "-o", path)
    text = path.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    assert raw["id"] == "yamada_2026" and "山田精機株式会社" in raw["title"]["ja"]
    vendor, insurer, _ = raw["injects"]
    assert vendor["sender"]["ja"] == "北関東システム株式会社" and insurer["sender"]["ja"] == "東西損害保険"
    assert "my_number" in vendor["facts"]["data"] and vendor["facts"]["sectors"] == ["medical"]
    assert vendor["facts"]["eu_residents"] == "unknown"
    assert "鈴木" not in text and "03-" not in text  # the staff's names and phones stay in the profile
    assert "docs/scenarios.md" in text  # the template says where its format is explained
    out = rouei(capsys, "flows", "check", path, "--lang", "en")
    assert "No problems" in out and "answers recomputed with the rules" in out


def test_a_template_without_a_profile_is_valid_and_says_what_to_fill_in(tmp_path, capsys):
    path = tmp_path / "ours.toml"
    rouei(capsys, "exercise", "new", "-o", path)
    assert "社名を入れてください" in path.read_text(encoding="utf-8")
    rouei(capsys, "flows", "check", path)
    rouei(capsys, "exercise", "new", "-o", path, code=2)  # never over an existing file


def test_flows_check_file_names_an_answer_the_engine_does_not_give(tmp_path, capsys):
    path = tmp_path / "ours.toml"
    rouei(capsys, "exercise", "new", "-o", path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("final_days = 60", "final_days = 30", 1), encoding="utf-8")
    out = rouei(capsys, "flows", "check", path, "--lang", "en", code=1)
    assert "vendor_report.expect.final_days" in out and "engine says 60" in out
    out = rouei(capsys, "exercise", "start", path, "-o", tmp_path / "run.toml", "--no-open", "--by", "進行役",
                "--lang", "en", code=2)
    assert "vendor_report.expect.final_days" in out and "rouei flows check" in out
    assert not (tmp_path / "run.toml").exists()


def test_a_broken_scenario_file_is_a_clear_message(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text('id = "broken"\nfamily = "weather"\n', encoding="utf-8")
    assert "family" in rouei(capsys, "flows", "check", path, code=1)
    path.write_bytes(b"\xff\xfe not utf-8")
    assert "UTF-8" in rouei(capsys, "flows", "check", path, code=1)
    out = rouei(capsys, "exercise", "start", path, "-o", tmp_path / "run.toml", "--no-open", "--by", "x", code=2)
    assert "broken.toml" in out and "Traceback" not in out


def test_a_run_of_an_own_scenario_carries_it_and_reports_without_the_file(tmp_path, capsys, profile):
    scenario = tmp_path / "ours.toml"
    rouei(capsys, "exercise", "new", "--from-profile", "-o", scenario)
    run_file = tmp_path / "team-a.toml"
    rouei(capsys, "exercise", "start", scenario, "-o", run_file, "--manual", "--no-open", "--by", "進行役")
    rouei(capsys, "exercise", "inject", run_file, "--next", "--by", "進行役")
    scenario.unlink()  # the run holds the scenario it was started from
    run = Run(Incident.load(run_file))
    assert run.scenario.id == "ours" and [r.inject.id for r in run.released()] == ["vendor_report"]
    report = rouei(capsys, "exercise", "report", run_file, "--format", "md")
    assert "北関東システム株式会社からの報告" in report
    log = rouei(capsys, "log", run_file)
    assert "インジェクト配信：北関東システム株式会社からの報告" in " ".join(log.split())


@pytest.mark.parametrize("name", ['"; rm -rf / #', "\x1b[31mred\x1b[0m", "社\u202eemaN", "a\\nb 'c' [d]"])
def test_hostile_firm_names_still_make_a_valid_scenario(tmp_path, capsys, monkeypatch, name):
    path = tmp_path / "profile.toml"
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\u001b")
    path.write_text(PROFILE.replace("山田精機株式会社", escaped), encoding="utf-8")
    monkeypatch.setenv("ROUEI_PROFILE", str(path))
    out = tmp_path / "s.toml"
    code = main(["exercise", "new", "--from-profile", "-o", str(out)])
    err = capsys.readouterr().err
    if code == 2:  # the profile itself refused the name: a clear message, nothing written
        assert "Traceback" not in err and not out.exists()
        return
    assert code == 0
    title = tomllib.loads(out.read_text(encoding="utf-8"))["title"]["ja"]
    assert title.startswith(clean(name)) and title.isprintable()  # no escape or direction character gets in
    assert main(["flows", "check", str(out)]) == 0
    run = tmp_path / "run.toml"
    assert main(["exercise", "start", str(out), "-o", str(run), "--no-open", "--by", "x"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_a_hand_written_scenario_cannot_put_escape_sequences_on_the_screen(tmp_path, capsys):
    path = tmp_path / "ours.toml"
    rouei(capsys, "exercise", "new", "-o", path)
    text = path.read_text(encoding="utf-8").replace("：顧客データベース", "\\u001b]0;owned\\u0007：顧客データベース", 1)
    path.write_text(text, encoding="utf-8")
    run = tmp_path / "run.toml"
    out = rouei(capsys, "exercise", "start", path, "-o", run, "--no-open", "--by", "x")
    assert "\x1b" not in out and "\x07" not in out and "]0;owned" in out


def test_the_worked_example_in_the_docs_passes_the_check(tmp_path, capsys):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    path = tmp_path / "clinic_laptop.toml"
    path.write_text(example, encoding="utf-8")
    assert "2 answers recomputed" in " ".join(rouei(capsys, "flows", "check", path, "--lang", "en").split())
    path.write_text(example.replace("report_required = false", "report_required = true", 1), encoding="utf-8")
    out = rouei(capsys, "flows", "check", path, "--lang", "en", code=1)
    assert "it_confirms.expect.report_required: the scenario expects True, the engine says False" in out
