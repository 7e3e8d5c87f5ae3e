"""The incident commands as a user runs them: new, open, answer, assess, log, verify, merge."""

from __future__ import annotations

import json
import shutil

import pytest

from wizard.cli import main
from wizard.store import Incident
from wizard.store.files import lock_path

from .helpers import SATO


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, " ".join(captured.out.split()), " ".join(captured.err.split())


@pytest.fixture
def started(tmp_path, capsys):
    path = tmp_path / "incident.toml"
    assert run(capsys, "new", "-o", str(path), "--by", "山田", "--role", "情報システム", "--title", "誤送信",
               "--no-open")[0] == 0
    assert run(capsys, "answer", str(path), "aware_at=2026-11-20T10:00", "organisation=business",
               "data=name,email", "affected_max=1,200", "--by", "山田")[0] == 0
    return path


def test_new_creates_the_file_and_says_what_next(tmp_path, capsys):
    path = tmp_path / "i.toml"
    code, out, _ = run(capsys, "new", "-o", str(path), "--by", "山田", "--title", "誤送信", "--exercise", "--no-open")
    inc = Incident.load(path)
    assert code == 0 and inc.title == "誤送信" and inc.exercise is True and inc.events[0].by == "山田"
    assert str(path) in out and inc.fingerprint in out and "rouei answer" in out


def test_new_opens_the_tui_unless_told_not_to(tmp_path, capsys, monkeypatch):
    calls = []
    monkeypatch.setattr("wizard.tui.run", lambda path, **kw: calls.append((path, kw)) or 0)
    assert run(capsys, "new", "-o", str(tmp_path / "i.toml"), "--by", "山田")[0] == 0
    assert calls == [(tmp_path / "i.toml", {"by": "山田", "lang": "ja"})]
    assert run(capsys, "open", str(tmp_path / "i.toml"), "--by", "佐藤", "--lang", "en")[0] == 0
    assert calls[-1] == (tmp_path / "i.toml", {"by": "佐藤", "lang": "en"})
    assert run(capsys, "open", str(tmp_path / "none.toml"))[0] == 2


def test_the_responder_comes_from_by_or_the_settings(tmp_path, capsys):
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "a.toml"), "--no-open")
    assert code == 2 and "--by" in err and not (tmp_path / "a.toml").exists()
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "a.toml"), "--no-open", "--lang", "en")
    assert "A responder name is needed" in err

    from wizard.settings import update_settings

    update_settings(name="高橋", role="総務")
    assert run(capsys, "new", "-o", str(tmp_path / "a.toml"), "--no-open")[0] == 0
    assert (Incident.load(tmp_path / "a.toml").events[0].by, Incident.load(tmp_path / "a.toml").events[0].role) == \
        ("高橋", "総務")


def test_a_title_with_personal_data_is_refused_or_masked(tmp_path, capsys):
    path = tmp_path / "i.toml"
    code, _, err = run(capsys, "new", "-o", str(path), "--by", "山田", "--title", "090-1234-5678 の件", "--no-open")
    assert code == 2 and "--mask" in err and "090-1234-5678" not in err and not path.exists()
    code, out, _ = run(capsys, "new", "-o", str(path), "--by", "山田", "--title", "090-1234-5678 の件", "--mask",
                       "--no-open")
    assert code == 0 and Incident.load(path).title == "***-****-**** の件" and "伏せ字" in out


def test_new_never_overwrites(started, capsys):
    before = started.read_bytes()
    code, _, err = run(capsys, "new", "-o", str(started), "--by", "山田", "--no-open")
    assert code == 2 and "すでに" in err and started.read_bytes() == before


def test_answer_records_each_value_with_who_and_when(started, capsys):
    code, out, _ = run(capsys, "answer", str(started), "encryption=unknown", "cause=misdelivery", "--by", "佐藤")
    assert code == 0 and "暗号化 = 分からない" in out and "原因 =" in out
    events = Incident.load(started).events
    assert [(e.by, e.data["fact"]) for e in events[-2:]] == [("佐藤", "encryption"), ("佐藤", "cause")]
    assert Incident.load(started).answers()["data"] == ("email", "name")
    assert not lock_path(started).exists()


@pytest.mark.parametrize("bad", ["affected=1", "cause=aliens", "affected_max=lots", "aware_at=unknown", "novalue"])
def test_answer_refuses_what_assess_would_refuse(started, capsys, bad):
    before = started.read_bytes()
    code, _, err = run(capsys, "answer", str(started), "cause=loss", bad, "--by", "佐藤")
    assert code == 2 and err and started.read_bytes() == before


def test_answer_respects_the_lock(started, capsys):
    with Incident.open_for_writing(started, SATO):
        code, _, err = run(capsys, "answer", str(started), "cause=loss", "--by", "山田")
        assert code == 2 and "佐藤" in err and "--force" in err
    assert run(capsys, "answer", str(started), "cause=loss", "--by", "山田")[0] == 0
    lock = Incident.open_for_writing(started, SATO)  # left behind, as after a crash elsewhere
    try:
        assert run(capsys, "answer", str(started), "cause=theft", "--by", "山田", "--force")[0] == 0
    finally:
        lock.close()
    assert Incident.load(started).answers()["cause"] == "theft"


def test_assess_json_lists_conflicts(started, capsys, tmp_path):
    copy = tmp_path / "copy.toml"
    shutil.copy(started, copy)
    run(capsys, "answer", str(started), "affected_max=6000", "aware_at=2026-11-20T09:00", "--by", "山田")
    run(capsys, "answer", str(copy), "affected_max=7000", "aware_at=2026-11-20T11:00", "--by", "佐藤")
    out = tmp_path / "merged.toml"
    code, text, _ = run(capsys, "merge", str(started), str(copy), "-o", str(out))
    assert code == 0 and "最大の人数" in text and ("6,000人 / 7,000人" in text or "7,000人 / 6,000人" in text)
    code = main(["assess", str(out), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [(c["fact"], sorted(c["values"])) for c in data["conflicts"]] == [
        ("aware_at", ["2026-11-20T09:00:00+09:00", "2026-11-20T11:00:00+09:00"]), ("affected_max", [6000, 7000])]
    assert "affected_max" in data["unknown_facts"]
    assert main(["assess", str(started), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []
    code, text, _ = run(capsys, "answer", str(out), "affected_max=7000", "--by", "山田")
    assert "食い違いを解決しました: 最大の人数" in text


def test_log_shows_who_did_what_and_the_brief(started, capsys):
    run(capsys, "answer", str(started), "cause=misdelivery", "--by", "佐藤")
    code, out, _ = run(capsys, "log", str(started), "--brief", "--by", "山田")
    assert code == 0
    assert "山田（情報システム）" in out and "インシデントを作成: 誤送信" in out and "最大の人数 = 1,200人" in out
    assert "山田 さんへの引き継ぎ" in out and "ほかの人の記録: 1 件" in out and "期限（済ませたものは" in out and "確報" in out
    code, out, _ = run(capsys, "log", str(started), "--lang", "en")
    assert code == 0 and "Who" in out and "created the incident" in out and "answered:" in out


def test_verify_prints_the_fingerprint(started, capsys):
    code, out, _ = run(capsys, "verify", str(started))
    inc = Incident.load(started)
    assert code == 0 and inc.fingerprint in out and inc.fingerprint_full in out and "記録 5 件" in out


def test_merge_reports_what_came_from_where_the_same_both_ways(started, capsys, tmp_path):
    copy = tmp_path / "usb.toml"
    shutil.copy(started, copy)
    run(capsys, "answer", str(copy), "cause=loss", "--by", "佐藤")
    code, out, _ = run(capsys, "merge", str(started), str(copy), "-o", str(tmp_path / "ab.toml"))
    assert code == 0 and "usb.toml だけの記録 1 件" in out and "合計 6 件" in out
    run(capsys, "merge", str(copy), str(started), "-o", str(tmp_path / "ba.toml"))
    assert (tmp_path / "ab.toml").read_bytes() == (tmp_path / "ba.toml").read_bytes()
    assert run(capsys, "merge", str(started), str(copy), "-o", str(started))[0] == 0  # into one of the two
    assert (tmp_path / "ab.toml").read_bytes() == started.read_bytes()


@pytest.mark.parametrize("command", ["new", "open", "answer", "log", "verify", "merge"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_describes_and_gives_examples(command, lang, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help", "--lang", lang])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert ("例:" if lang == "ja" else "Example") in out and f"rouei {command}" in out or command == "open"


def test_merge_replaces_an_output_left_with_git_conflict_markers(started, capsys, tmp_path):
    copy = tmp_path / "theirs.toml"
    shutil.copy(started, copy)
    run(capsys, "answer", str(copy), "cause=loss", "--by", "佐藤")
    out = tmp_path / "conflicted.toml"
    out.write_text("<<<<<<< HEAD\n" + started.read_text(encoding="utf-8") + "=======\n>>>>>>> theirs\n", encoding="utf-8")
    code, text, _ = run(capsys, "merge", str(started), str(copy), "-o", str(out))
    assert code == 0 and "conflicted.toml.bak" in text
    assert len(Incident.load(out).events) == 6
    assert (tmp_path / "conflicted.toml.bak").read_text(encoding="utf-8").startswith("<<<<<<<")


def test_merge_refuses_to_overwrite_another_incident(started, capsys, tmp_path):
    other = tmp_path / "other.toml"
    run(capsys, "new", "-o", str(other), "--by", "佐藤", "--title", "別件", "--no-open")
    before = other.read_bytes()
    code, _, err = run(capsys, "merge", str(started), str(started), "-o", str(other))
    assert code == 2 and "別のインシデント" in err and other.read_bytes() == before


def test_log_streams_the_last_records_or_those_since_a_time(started, capsys):
    for i in range(3):
        run(capsys, "answer", str(started), f"affected_max={i + 1}", "--by", "佐藤")
    code, out, _ = run(capsys, "log", str(started), "--last", "2")
    assert code == 0 and "最大の人数 = 2人" in out and "最大の人数 = 3人" in out and "最大の人数 = 1人" not in out
    assert "記録 8 件" in out  # the summary still counts every record
    code, out, _ = run(capsys, "log", str(started), "--since", "2000-01-01T00:00")
    assert code == 0 and "インシデントを作成" in out
    assert run(capsys, "log", str(started), "--since", "9999-01-01T00:00")[0] == 0
    with pytest.raises(SystemExit):
        main(["log", str(started), "--last", "0"])
