"""A scripted exercise from the command line (start, injects, answers, ticks, clock moves) and its report:
all right, then the same run with two wrong answers, whose report names both misses."""

from __future__ import annotations

import json

import pytest

from wizard.cli import main
from wizard.exercise.run import Run
from wizard.exercise.score import score
from wizard.store import Incident

FACILITATOR = ("--by", "進行役")
TEAM = ("--by", "山田")


def rouei(capsys, *args) -> str:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def play(capsys, path, *, wrong: bool = False) -> None:
    """Ransomware on a Friday evening, on a manual clock the facilitator moves."""
    rouei(capsys, "exercise", "start", "ransomware_friday", "-o", path, "--manual", "--no-open", *FACILITATOR)
    start_data = "data=name,address" if wrong else "data=unknown"  # wrong 1: assumes no My Numbers
    rouei(capsys, "answer", path, "aware_at=2026-11-20T18:30", "organisation=business", "role=controller",
          "cause=ransomware", start_data, *TEAM)
    rouei(capsys, "exercise", "clock", path, "--advance", "20", *FACILITATOR)
    rouei(capsys, "exercise", "tick", path, "record_t0", "escalate", "isolate_network", "hands_off", "preserve_logs",
          "ransom_note", *TEAM)
    rouei(capsys, "exercise", "clock", path, "--advance", "40", *FACILITATOR)
    rouei(capsys, "exercise", "inject", path, *FACILITATOR)  # vendor_call falls due at 19:30
    rouei(capsys, "exercise", "clock", path, "--advance", "15", *FACILITATOR)
    data = "name,address,phone,employee_id" + (",health_checkup" if wrong else "")  # wrong 2: health data
    rouei(capsys, "answer", path, f"data={data}", "affected_max=3200", "encryption=none", "sectors=",
          "eu_residents=no", *TEAM)
    rouei(capsys, "exercise", "inject", path, "leak_site", *FACILITATOR)
    rouei(capsys, "exercise", "clock", path, "--advance", "30", *FACILITATOR)
    rouei(capsys, "exercise", "tick", path, "police", "forensic_vendor", *TEAM)
    rouei(capsys, "exercise", "clock", path, "--advance", "840", *FACILITATOR)
    rouei(capsys, "exercise", "inject", path, "--next", *FACILITATOR)
    rouei(capsys, "exercise", "clock", path, "--advance", "600", *FACILITATOR)
    rouei(capsys, "exercise", "tick", path, "hash_evidence", "preliminary_report", "restore_verified", *TEAM)


@pytest.fixture
def right(tmp_path, capsys):
    path = tmp_path / "team-a.toml"
    play(capsys, path)
    return path


@pytest.fixture
def wrong(tmp_path, capsys):
    path = tmp_path / "team-b.toml"
    play(capsys, path, wrong=True)
    return path


def test_every_now_is_exercise_time(right):
    incident = Incident.load(right)
    assert incident.exercise
    answers = [e for e in incident.events if e.kind == "answer"]
    assert answers[0].at.isoformat() == "2026-11-20T18:30:00+09:00"
    assert answers[-1].at.isoformat() == "2026-11-20T19:45:00+09:00"
    assert incident.events[-1].at.isoformat() == "2026-11-21T20:15:00+09:00"
    assert all("real_at" in e.data for e in incident.events if e.kind.startswith("exercise_"))
    # on a manual clock too, `rouei answer` and `exercise tick` record the real time beside the exercise time
    assert all("real_at" in e.data for e in incident.events[1:])


def test_the_right_run_scores_every_decision_right(right, capsys):
    result = score(Run(Incident.load(right)))
    assert [s.id for s in result.stages] == ["start", "vendor_call", "leak_site", "forensics_first"]
    assert result.decisions and all(d.right for d in result.decisions)
    vendor = result.stages[1]
    # 60 days from the start: with the cause unknown, every world in which a report is due is a 7条3号 one
    assert {d.key: d.minutes for d in vendor.decisions}["final_days"] == 0
    assert [(d.id, d.status) for d in result.deadlines] == [("preliminary", "met"), ("final", "open")]
    assert result.evidence_late == [] and result.first_recovery.item == "restore_verified"
    assert result.unknowns == ["data"] and [c.item for c in result.contacts] == ["police", "preliminary_report"]
    report = json.loads(rouei(capsys, "exercise", "report", right, "--format", "json"))
    assert report["exercise"] is True and report["teams"][0]["right"] == report["teams"][0]["total"] == 16


def test_two_wrong_answers_are_both_named_with_the_rule(wrong, capsys):
    result = score(Run(Incident.load(wrong)))
    assert [(s.id, d.key) for s, d in result.misses] == [("start", "my_number_report_required"),
                                                          ("vendor_call", "triggers")]
    md = rouei(capsys, "exercise", "report", wrong, "--format", "md", "--lang", "en")
    assert "The My Number report (at the start)" in md
    assert "My Number report: the right answer was 'required'; the team's determination said 'not required'" in md
    assert "The reportable situations (after 'A call from the IT vendor')" in md
    assert "the right answer was 'wrongful purpose, number of people over the threshold'" in md
    assert "'sensitive data, wrongful purpose, number of people over the threshold'" in md and "Improvement plan" in md
    assert "Rule: My Number Act Art. 29-4" in md and "Rule: Enforcement Rules Art. 7(i) (e-Gov" in md
    assert md.count("EXERCISE") > 10


def test_teams_side_by_side_in_html(right, wrong, tmp_path, capsys):
    out = tmp_path / "aar.html"
    rouei(capsys, "exercise", "report", right, wrong, "--format", "html", "-o", out, "--lang", "en")
    html = out.read_text(encoding="utf-8")
    assert "team-a" in html and "team-b" in html and "16/16" in html and "14/16" in html
    assert 'class="exercise"' in html


def test_a_second_terminal_sees_the_same_clock_and_injects(right, capsys):
    out = rouei(capsys, "exercise", "inject", right, "--lang", "en")
    assert "No inject is due (exercise time 2026-11-21 20:15 JST)" in " ".join(out.split())
    assert main(["exercise", "inject", str(right), "--next", "--lang", "en", *FACILITATOR]) == 2
    assert "Every inject of" in capsys.readouterr().err


def test_an_exercise_cannot_be_merged_into_a_real_incident(right, tmp_path, capsys):
    real = tmp_path / "real.toml"
    rouei(capsys, "new", "-o", real, "--no-open", *TEAM)
    code = main(["merge", str(right), str(real), "-o", str(tmp_path / "m.toml"), "--lang", "en", *TEAM])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2 and "An exercise can never be merged into a real incident" in err
    assert not (tmp_path / "m.toml").exists()


@pytest.mark.parametrize("args, message", [
    (("exercise", "start", "nope", "-o", "x.toml", "--no-open", "--by", "a"), "ransomware_friday"),
    (("exercise", "start", "card_skimming", "-o", "x.toml", "--speed", "-3", "--by", "a"), "--speed"),
    (("exercise", "report", "missing.toml"), "missing.toml"),
])
def test_bad_input_is_a_clear_message(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(list(args)) == 2
    assert message in capsys.readouterr().err


def test_a_real_incident_is_not_an_exercise(tmp_path, capsys):
    real = tmp_path / "real.toml"
    rouei(capsys, "new", "-o", real, "--no-open", *TEAM)
    assert main(["exercise", "inject", str(real), "--next", *FACILITATOR]) == 2
    assert "rouei exercise start" in capsys.readouterr().err


def test_a_clock_entry_that_holds_no_clock_is_a_clear_message(right, capsys):
    from wizard.store import Responder

    with Incident.open_for_writing(right, Responder("誰か")) as incident:
        incident.append("exercise_clock", {"real_at": "yesterday", "speed": -1}, Responder("誰か"))
    assert main(["exercise", "clock", str(right), "--lang", "en"]) == 2
    assert "exercise clock entry" in capsys.readouterr().err


def test_the_facilitators_guide_has_the_answer_key_and_prints_as_html(tmp_path, capsys):
    text = rouei(capsys, "exercise", "show", "municipality_usb", "--seed", "1", "--lang", "en")
    assert "Variant: 90 residents" in text and "90 residents' names" in text
    assert "Answer key: after 'What the list held'" in text and "report to the PPC or ministry: not required" in text
    out = tmp_path / "guide.html"
    rouei(capsys, "exercise", "show", "laptop_encrypted", "--format", "html", "-o", out)
    html = out.read_text(encoding="utf-8")
    assert 'class="exercise"' in html and "ファシリテーター用ガイド" in html and "情報システム部の確認" in html


def test_the_list_names_every_scenario(capsys):
    text = rouei(capsys, "exercise", "list", "--lang", "en")
    for scenario in ("ransomware_friday", "card_skimming", "health_misdelivery", "insider_salesperson",
                     "payroll_processor", "municipality_usb", "laptop_encrypted", "cloud_journalist"):
        assert scenario in text


def test_an_answer_finds_the_exercise_clock_from_the_end_without_reading_the_history(right, capsys, monkeypatch):
    from wizard.store import Responder

    with Incident.open_for_writing(right, Responder("山田")) as incident:
        for i in range(300):  # a long run since the last clock move: the clock is far from the end
            incident.note(f"メモ {i}" + "。" * 200, Responder("山田"))
    expected = Run(Incident.load(right)).clock()

    def no_whole_read(*_args, **_kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Incident, "load", no_whole_read)
    rouei(capsys, "answer", right, "encryption=none", *TEAM)
    monkeypatch.undo()
    answer = Incident.load(right).events[-1]
    assert answer.kind == "answer" and answer.at == expected  # the manual clock stands still
