"""A fair score (issue 22, item 2): no credit for a route without a report, misses grouped by the rule
behind them with one or two primary sources, one improvement row per lesson, real time beside every
exercise time (a manual clock too), and clock moves logged as what they were."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wizard.cli import main
from wizard.exercise.report import after_action
from wizard.exercise.run import Run, start
from wizard.exercise.scenario import find
from wizard.exercise.score import score
from wizard.exports.model import Items, Table
from wizard.i18n import set_lang
from wizard.store import Incident, Responder

FACILITATOR = Responder("進行役", "facilitator")
TEAM = Responder("佐藤")


class FakeReal:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _english():
    set_lang("en")
    yield
    set_lang("ja")


def no_report_run(path, real: FakeReal) -> Run:
    """Ransomware, on a manual clock, played by a team that decides there is nothing to report."""
    run = start(find("ransomware_friday"), path, FACILITATOR, speed=0, real=real)
    answers = {"aware_at": "2026-11-20T18:30", "organisation": "business", "role": "controller",
               "cause": "misconfiguration", "data": ["name"], "affected_max": 10, "encryption": "high",
               "sectors": [], "eu_residents": "no", "recovered_unviewed": False}
    for fact, value in answers.items():
        run.incident.answer(fact, value, TEAM, run.now())
    for inject in ("vendor_call", "leak_site", "forensics_first"):
        real.now += timedelta(minutes=5)
        run.move_clock(advance=30, who=FACILITATOR)
        run.release(inject, FACILITATOR)
    return run


def test_a_team_that_decided_no_report_gets_no_credit_for_where_to_report(tmp_path):
    result = score(no_report_run(tmp_path / "n.toml", FakeReal()))
    routes = [d for d in result.decisions if d.key == "route"]
    assert routes and not any(d.right for d in routes)
    assert {d.got for d in routes} == {None}


def test_misses_are_grouped_by_rule_with_one_or_two_primary_sources(tmp_path):
    run = no_report_run(tmp_path / "n.toml", FakeReal())
    result = score(run)
    assert len(result.misses) == 15
    assert len(result.lessons) == 2  # the attack (7条3号) and the My Number report (番号法29条の4)
    attack, my_number = result.lessons
    assert set(attack.keys) == {"report_required", "notice_required", "route", "final_days", "triggers"}
    assert [m.stage for m in attack.stages] == ["start", "vendor_call", "leak_site", "forensics_first"]
    assert attack.sources().startswith("Enforcement Rules Arts. 7(iii) and 8(2)") and attack.sources().count(";") <= 1
    assert my_number.keys == ["my_number_report_required"] and my_number.sources().startswith("My Number Act Art. 29-4")
    doc = after_action([run], [result])
    plan = next(s for s in doc.sections if s.title == "Improvement plan").blocks[1]
    assert isinstance(plan, Table)
    filled = [row for row in plan.rows if row[0] != "＿＿＿＿"]
    assert len(filled) == 2 and "7(iii)" in filled[0][0] and "29-4" in filled[1][0]
    misses = next(s for s in doc.sections if s.title.endswith("What was missed, and why")).blocks[0]
    assert isinstance(misses, Items) and len(misses.rows) == 2
    assert all(sum(line.startswith("Rule: ") for line in item.detail) == 1 for item in misses.rows)


def test_two_teams_missing_the_same_rule_share_one_improvement_row(tmp_path):
    runs = [no_report_run(tmp_path / f"{name}.toml", FakeReal()) for name in ("a", "b")]
    doc = after_action(runs, [score(r) for r in runs])
    plan = next(s for s in doc.sections if s.title == "Improvement plan").blocks[1]
    filled = [row[0] for row in plan.rows if row[0] != "＿＿＿＿"]
    assert len(filled) == 2 and all(text.endswith("(a, b)") for text in filled)


def test_a_manual_clock_team_has_real_times_and_real_minutes(tmp_path):
    real = FakeReal()
    run = start(find("laptop_encrypted"), tmp_path / "m.toml", FACILITATOR, speed=0, real=real)
    real.now += timedelta(minutes=7)  # the exercise clock stands still; the room does not
    for fact, value in {"aware_at": "2026-12-01T20:00", "organisation": "business", "role": "controller",
                        "cause": "loss", "data": ["name", "email"], "affected_max": 2300}.items():
        run.incident.answer(fact, value, TEAM, run.now())
    result = score(run)
    report = next(d for d in result.stages[0].decisions if d.key == "report_required")
    assert report.right and report.minutes == 0 and report.real_minutes == 7
    doc = after_action([run], [result])
    timeline = next(s for s in doc.sections if s.title.endswith("Timeline (injects and decisions)")).blocks[0]
    assert all(row[1] for row in timeline.rows)  # the 実時刻 column is filled on every line
    assert timeline.rows[-1][1] == "2026-12-01 12:07 JST"
    summary = doc.sections[0].blocks[0]
    assert any("✓0 min (real 7 min)" in cell for row in summary.rows for cell in row)


def test_resume_is_logged_as_a_resume_and_an_advance_as_an_advance(tmp_path, capsys):
    path = tmp_path / "r.toml"
    for args in (("start", "card_skimming", "-o", path, "--no-open"), ("clock", path, "--pause"),
                 ("clock", path, "--resume"), ("clock", path, "--advance", "15")):
        assert main(["exercise", *map(str, args), "--by", "進行役", "--lang", "en"]) == 0
    capsys.readouterr()
    assert main(["log", str(path), "--lang", "en"]) == 0
    log = " ".join(capsys.readouterr().out.split())
    assert "Exercise clock paused" in log and "Exercise clock resumed" in log
    assert "Exercise clock moved 15 min on to" in log
    moves = [e.data["move"] for e in Incident.load(path).events if e.kind == "exercise_clock"]
    assert moves == ["pause", "resume", "advance"]


def test_a_blind_run_scores_the_teams_own_calls_beside_what_rouei_said(tmp_path):
    from wizard.exercise import calls

    real = FakeReal()
    run = start(find("ransomware_friday"), tmp_path / "b.toml", FACILITATOR, speed=0, blind=True, real=real)
    for fact, value in {"aware_at": "2026-11-20T18:30", "organisation": "business", "role": "controller",
                        "cause": "ransomware"}.items():
        run.incident.answer(fact, value, TEAM, run.now())
    assert calls.hidden(run) and calls.missing(run) == list(calls.CALLS)
    real.now += timedelta(minutes=4)
    for key, value in (("report_required", False), ("notice_required", True), ("route", "none"), ("final_days", 30)):
        calls.record(run, key, value, TEAM)
    assert not calls.hidden(run)
    run.release("vendor_call", FACILITATOR)
    assert calls.hidden(run)  # a new inject: call again before seeing
    with pytest.raises(Exception) as bad:
        calls.record(run, "final_days", 45, TEAM)
    assert "45" in str(bad.value) and "60" in str(bad.value)
    result = score(run)
    first = {c.key: c for c in result.stages[0].calls}
    assert first["report_required"].called is False and first["report_required"].rouei is True
    assert not first["report_required"].right and first["notice_required"].right
    assert first["route"].called is None and first["route"].answer == "ppc" and not first["route"].right
    assert first["report_required"].minutes == 0 and first["report_required"].real_minutes == 4
    doc = after_action([run], [result])
    table = next(s for s in doc.sections if s.title.endswith("Own calls (blind)")).blocks[0]
    row = next(r for r in table.rows if r[1] == "report to the PPC or ministry" and r[0] == "At the start")
    assert row[2:] == ["not required", "0 min (real 4 min)", "required", "required", "✗"]
    summary = doc.sections[0].blocks[0]
    assert ["Own calls (blind)", "1/8"] in summary.rows


def test_a_duty_that_does_not_hold_is_explained_by_its_own_rule(tmp_path):
    """A team that keeps the My Number report after the vendor said there were none learns why from the
    My Number Act, not from a lesson without a rule."""
    run = start(find("ransomware_friday"), tmp_path / "m.toml", FACILITATOR, speed=0, real=FakeReal())
    run.release("vendor_call", FACILITATOR)
    for fact, value in {"aware_at": "2026-11-20T18:30", "organisation": "business", "role": "controller",
                        "cause": "ransomware", "data": ["name", "my_number"], "affected_max": 3200}.items():
        run.incident.answer(fact, value, TEAM, run.now())
    lesson = next(lesson for lesson in score(run).lessons if "my_number_report_required" in lesson.keys)
    assert lesson.sources().startswith("My Number Act Art. 29-4")


def test_a_blind_teams_wrong_call_is_a_lesson_even_when_its_answers_were_right(tmp_path):
    """The team typed the facts right (rouei's determination on them is right) but called "no report" itself
    before seeing it: the debrief's misses and improvement plan must not say that nothing was missed."""
    from wizard.exercise import calls

    run = start(find("health_misdelivery"), tmp_path / "b.toml", FACILITATOR, speed=0, blind=True, real=FakeReal())
    for fact, value in {"aware_at": "2026-11-25T09:40", "organisation": "business", "role": "controller",
                        "cause": "misdelivery", "data": ["name", "health_checkup"], "affected_max": 1}.items():
        run.incident.answer(fact, value, TEAM, run.now())
    for key, value in (("report_required", False), ("notice_required", True), ("route", "ppc"), ("final_days", 30)):
        calls.record(run, key, value, TEAM)
    result = score(run)
    assert all(d.right for d in result.decisions)
    assert [lesson.keys for lesson in result.lessons] == [["report_required"]]
    assert result.lessons[0].sources().startswith("Enforcement Rules Art. 7(i)")
    doc = after_action([run], [result])
    misses = next(s for s in doc.sections if s.title.endswith("What was missed, and why")).blocks[0]
    assert isinstance(misses, Items) and len(misses.rows) == 1
    assert any("the team's own call was 'not required'" in line for line in misses.rows[0].detail)
    plan = next(s for s in doc.sections if s.title == "Improvement plan").blocks[1]
    assert [row for row in plan.rows if row[0] != "＿＿＿＿"]


def test_the_command_line_shows_a_blind_teams_determination_only_once_it_has_called(tmp_path, capsys):
    """`assess`, `estimate` and `export` show what the team's screens hide (exit 2, saying how to go on),
    until the team has recorded its own calls at the current stage."""
    from wizard.exercise import calls

    path = tmp_path / "b.toml"
    run = start(find("ransomware_friday"), path, FACILITATOR, speed=0, blind=True, real=FakeReal())
    run.incident.answer("aware_at", "2026-11-20T18:30", TEAM, run.now())
    for command in (["assess", str(path)], ["assess", str(path), "--json"], ["estimate", str(path)],
                    ["export", str(path), "--what", "ppc_report", "-o", "-"]):
        capsys.readouterr()
        assert main(["--lang", "en", *command]) == 2, command
        said = " ".join(capsys.readouterr().err.split())
        assert "blind exercise run" in said and "Ctrl+R" in said and "report" in said, command
    for key, value in (("report_required", True), ("notice_required", True), ("route", "ppc"), ("final_days", 60)):
        calls.record(run, key, value, TEAM)
    assert main(["--lang", "en", "assess", str(path), "--json"]) == 0
    assert '"report_required"' in capsys.readouterr().out
