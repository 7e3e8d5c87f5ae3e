"""`merge` takes in nothing unseen: split chains of custody are shown as conflicts (merge, log, assess
--json); a copy whose records were rewritten is refused, naming both files; a real incident holding an
exercise's records is refused; another incident is named with both copies; OUT that is no incident is kept."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from wizard.cli import main
from wizard.store import Incident, Responder
from wizard.store.events import make_event
from wizard.store.files import document, render

from .helpers import START, SATO, YAMADA, Clock


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def started(tmp_path):
    clock = Clock()
    path = tmp_path / "case.toml"
    with Incident.create(path, YAMADA, title="誤送信", now=clock()) as inc:
        inc.answer("aware_at", START, YAMADA, now=clock())
        inc.answer("data", ["name", "medical"], YAMADA, now=clock())
        inc.answer("cause", "misdelivery", YAMADA, now=clock())
        inc.note("受信者に削除を依頼", YAMADA, now=clock())
    return path


def rebuilt(source, target, *, change=None, extra=()) -> None:
    """`source` rewritten as a tamperer would: every record after the first made again on a new chain
    (`change`: the record number whose data is altered, and how), every id computed again, plus `extra`."""
    events = list(Incident.load(source).events)
    out = [events[0]]
    for number, event in enumerate(events[1:], 1):
        data = {**event.data, **change[1]} if change and change[0] == number else event.data
        out.append(make_event(event.kind, data, (out[-1].id,), Responder(event.by, event.role), event.at))
    for kind, data, at in extra:
        out.append(make_event(kind, data, (out[-1].id,), YAMADA, at))
    target.write_text(document(render([e.table() for e in out])), encoding="utf-8")
    Incident.load(target)  # it verifies: nothing in the file itself shows the rewrite


def test_a_copy_whose_records_were_rewritten_is_refused_naming_both_files(started, tmp_path, capsys):
    rewritten = tmp_path / "usb.toml"
    rebuilt(started, rewritten, change=(3, {"value": "loss"}),
            extra=[("answer", {"fact": "encryption", "value": "high"}, START + timedelta(hours=2))])
    out = tmp_path / "merged.toml"
    code, _, err = run(capsys, "merge", started, rewritten, "-o", out)
    assert code == 2 and not out.exists()
    said = " ".join(err.split())
    assert "case.toml" in said and "usb.toml" in said and "書き換えられ" in said and "--fingerprint" in said
    code, _, err = run(capsys, "merge", rewritten, started, "-o", out, "--lang", "en")
    assert code == 2 and "changed after they were made" in err and "rouei verify" in err
    assert not out.exists()


def test_copies_worked_on_apart_still_merge(started, tmp_path, capsys):
    other = tmp_path / "usb.toml"
    shutil.copy(started, other)
    with Incident.open_for_writing(other, SATO) as inc:
        inc.answer("affected_max", 30, SATO, now=START + timedelta(hours=1))
    with Incident.open_for_writing(started, YAMADA) as inc:
        inc.note("手元で追記", YAMADA, now=START + timedelta(hours=1))
    code, out, _ = run(capsys, "merge", started, other, "-o", tmp_path / "m.toml")
    assert code == 0 and "合わせました" in out and "共通の記録は最初の1件" not in out


def test_copies_that_share_only_the_creation_are_merged_with_every_one_sided_answer_named(tmp_path, capsys):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    with Incident.create(a, YAMADA, title="t", now=START) as inc:
        pass
    shutil.copy(a, b)
    with Incident.open_for_writing(a, YAMADA) as inc:
        inc.answer("aware_at", START, YAMADA, now=START + timedelta(minutes=1))
    with Incident.open_for_writing(b, SATO) as inc:
        inc.answer("encryption", "high", SATO, now=START + timedelta(minutes=2))
    code, out, _ = run(capsys, "merge", a, b, "-o", tmp_path / "m.toml")
    said = " ".join(out.split())
    assert code == 0 and "共通の記録は最初の1件" in said
    assert "暗号化 = " in said and "b.toml だけ" in said  # the answer only one copy gives is named


def test_a_real_incident_holding_exercise_records_is_refused(started, tmp_path, capsys):
    smuggled = tmp_path / "usb.toml"
    shutil.copy(started, smuggled)
    with Incident.open_for_writing(smuggled, SATO) as inc:
        inc.append("exercise_inject", {"scenario": "ransomware", "inject": "leak_site"}, SATO, now=START + timedelta(hours=1))
    code, _, err = run(capsys, "merge", started, smuggled, "-o", tmp_path / "m.toml")
    said = " ".join(err.split())
    assert code == 2 and "usb.toml" in said and "演習の記録" in said and "exercise_inject" in said
    assert not (tmp_path / "m.toml").exists()


def test_another_incident_is_refused_naming_every_file(started, tmp_path, capsys):
    other = tmp_path / "other.toml"
    Incident.create(other, YAMADA, title="別件", now=START).close()
    copy = tmp_path / "copy.toml"
    shutil.copy(started, copy)
    code, _, err = run(capsys, "merge", started, copy, "-o", other)
    said = " ".join(err.split())
    assert code == 2 and "other.toml" in said and "case.toml" in said and "copy.toml" in said
    assert Incident.load(other).title == "別件"
    code, _, err = run(capsys, "merge", started, other, "-o", tmp_path / "m.toml")
    said = " ".join(err.split())
    assert code == 2 and "case.toml と" in said and "other.toml" in said


@pytest.mark.parametrize("content", ["返信なし\n", "# 報告書\n", 'format = "rouei-export"\n'])
def test_out_that_is_no_incident_is_never_replaced(started, tmp_path, content, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "merge", started, started, "-o", notes)
    assert code == 2 and "notes.txt" in err and notes.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml", "notes.txt"]


@pytest.fixture
def split_custody(tmp_path, capsys):
    from wizard.evidence.collect import collect, incident_files
    from wizard.evidence.register import add, transfer

    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "a.log").write_bytes(b"x\n")
    a = tmp_path / "a.toml"
    with Incident.create(a, YAMADA, title="t") as inc:
        inc.answer("aware_at", START, YAMADA)
        [item] = add(inc, collect([str(tmp_path / "logs")], ignore=incident_files(a)), YAMADA)
    b = tmp_path / "b.toml"
    shutil.copy(a, b)
    for path, taker in ((a, "佐藤"), (b, "鈴木")):
        with Incident.open_for_writing(path, YAMADA) as inc:
            transfer(inc, item, taker, "解析", YAMADA)
    return a, b, item


def test_custody_conflicts_are_shown_by_merge_log_and_assess(split_custody, tmp_path, capsys):
    a, b, item = split_custody
    merged = tmp_path / "m.toml"
    either = [f"{item} の保管者: 佐藤 / 鈴木", f"{item} の保管者: 鈴木 / 佐藤"]  # in the order of the records
    code, out, _ = run(capsys, "merge", a, b, "-o", merged)
    assert code == 0 and any(x in out for x in either) and "rouei evidence transfer" in out
    code, out, _ = run(capsys, "log", merged)
    assert code == 0 and any(x in out for x in either)
    code, out, _ = run(capsys, "assess", merged, "--json")
    [custody] = [c for c in json.loads(out)["conflicts"] if "evidence" in c]
    assert custody["evidence"] == item and sorted(custody["values"]) == ["佐藤", "鈴木"]
    code, out, _ = run(capsys, "assess", merged, "--lang", "en")
    assert f"evidence {item} held by: " in out
