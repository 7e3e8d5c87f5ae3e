"""`rouei evidence`: add, list, show, transfer, verify by hand, in both languages, and bad input (exit 2)."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from wizard.cli import main
from wizard.store import Incident

from .helpers import ODD_NAMES, deny_reading


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def item_ids(incident) -> list[str]:
    from wizard.evidence.register import register

    return [i.id for i in register(Incident.load(incident.path))]


def test_add_list_transfer_show_verify(capsys, incident, tree):
    code, out, _ = run(capsys, "evidence", "add", incident.path, tree, "--by", "山田", "--location", "金庫A")
    assert code == 0
    [item] = item_ids(incident)
    assert f"{item} を記録しました" in out and "金庫A" in out

    code, out, _ = run(capsys, "evidence", "transfer", incident.path, item.lower(), "--to", "鈴木",
                       "--reason", "解析のため", "--by", "山田", "--at", "2099-01-02T09:30")
    assert code == 0 and "山田 → 鈴木" in out

    code, out, _ = run(capsys, "evidence", "list", incident.path)
    assert code == 0 and item in out and "山田 → 鈴木" in out and "未確認" in out

    code, out, _ = run(capsys, "evidence", "show", incident.path, item)
    assert code == 0
    assert "2099-01-02" in out and "今の保管者: 鈴木" in out and "app/access.log" in out
    assert "new\\nline.txt" in out  # a newline in a name is shown escaped, never breaks the line

    code, out, _ = run(capsys, "evidence", "verify", incident.path, "--by", "鈴木")
    assert code == 0 and "すべての証拠に異常はありません" in out
    assert Incident.load(incident.path).events[-1].kind == "evidence_verify"


def test_verify_exits_1_and_names_what_changed(capsys, incident, tree):
    run(capsys, "evidence", "add", incident.path, tree, "--by", "山田")
    (tree / "app" / "access.log").write_bytes(b"tampered\n")
    (tree / ODD_NAMES[1]).unlink()
    code, out, _ = run(capsys, "evidence", "verify", incident.path, "--lang", "en")
    assert code == 1
    assert "changed: app/access.log (SHA-256 does not match)" in out
    assert f"missing: {ODD_NAMES[1]}" in out
    assert "not recorded" in out  # no --by and no saved name: nothing written
    assert Incident.load(incident.path).events[-1].kind == "evidence_add"


def test_by_defaults_to_the_saved_name(capsys, incident, tree):

    from wizard.settings import update_settings

    update_settings(name="佐藤", role="総務")
    assert run(capsys, "evidence", "add", incident.path, tree / "app")[0] == 0
    event = Incident.load(incident.path).events[-1]
    assert (event.by, event.role) == ("佐藤", "総務")


def test_an_unreadable_file_is_reported_and_exits_1(capsys, incident, tree, monkeypatch):
    deny_reading(monkeypatch, "access.log")
    code, out, _ = run(capsys, "evidence", "add", incident.path, tree, "--by", "山田")
    assert code == 1
    assert "access.log — 読めません（Permission denied）" in out
    assert len(item_ids(incident)) == 1  # the rest is recorded


@pytest.mark.parametrize(("argv", "words"), [
    (["add", "{inc}", "{tree}/nope", "--by", "山田"], ["nope", "見つかりません"]),
    (["add", "{inc}", "{tree}", "--by", "山田", "--note", "連絡先 090-1234-5678"], ["--note", "***-****-****"]),
    (["add", "{inc}", "{tree}"], ["--by"]),
    (["add", "{inc}", "{inc}", "--by", "山田"], ["インシデントファイル自体"]),
    (["add", "{tree}/app/access.log", "{tree}", "--by", "山田"], ["access.log"]),
    (["transfer", "{inc}", "E-000000", "--to", "鈴木", "--reason", "x", "--by", "山田"], ["E-000000"]),
    (["transfer", "{inc}", "{item}", "--to", "鈴木", "--reason", "x", "--by", "山田", "--at", "昨日"], ["昨日"]),
    (["transfer", "{inc}", "{item}", "--to", "鈴木", "--reason", "x", "--by", "山田", "--at", "2000-01-01"],
     ["2000-01-01 00:00 JST"]),
    (["transfer", "{inc}", "{item}", "--from", "佐藤", "--to", "鈴木", "--reason", "x", "--by", "山田"], ["山田"]),
    (["show", "{inc}", "E-zzz"], ["E-zzz"]),
    (["verify", "{tree}/app/access.log"], ["access.log"]),
    (["list", "{tree}/nothing.toml"], ["nothing.toml"]),
])
def test_bad_input_exits_2_with_a_clear_message_and_records_nothing(capsys, incident, tree, argv, words):
    run(capsys, "evidence", "add", incident.path, tree / "app", "--by", "山田")
    [item] = item_ids(incident)
    before = len(Incident.load(incident.path).events)
    values = {"inc": incident.path, "tree": tree, "item": item}
    code, _, err = run(capsys, "evidence", *(a.format(**values) for a in argv))
    assert code == 2
    assert "Traceback" not in err
    for word in words:
        assert word in " ".join(err.split()).replace("\n", "")
    assert len(Incident.load(incident.path).events) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX FIFO")
def test_a_fifo_named_on_the_command_line_is_refused_without_waiting(capsys, incident, tree):
    code, _, err = run(capsys, "evidence", "add", incident.path, tree / "pipe", "--by", "山田")
    assert code == 2 and "FIFO" in err


def test_the_progress_bar_shows_rate_and_time_left_on_a_terminal_only(capsys, incident, tree, monkeypatch):
    from wizard.cli import console
    from wizard.cli import evidence as cli

    from wizard.evidence import apart, hashing

    screen = io.StringIO()
    monkeypatch.setattr(cli, "LARGE", 1)
    monkeypatch.setattr(hashing, "CHUNK", 64)  # several reports of a 600-byte file, as of a large one
    monkeypatch.setattr(apart, "EVERY", 0)
    monkeypatch.setattr(console, "err", lambda: Console(file=screen, force_terminal=True, width=100))
    run(capsys, "evidence", "add", incident.path, tree / "app", "--by", "山田")
    assert "ハッシュ計算中" in screen.getvalue() and "/s" in screen.getvalue()

    quiet = io.StringIO()
    monkeypatch.setattr(console, "err", lambda: Console(file=quiet, force_terminal=False))
    run(capsys, "evidence", "add", incident.path, tree / "app", "--by", "山田")
    assert quiet.getvalue() == ""


def test_help_in_both_languages(capsys):
    for lang, word in (("ja", "保管の流れ"), ("en", "chain of custody")):
        with pytest.raises(SystemExit) as done:
            main(["evidence", "--help", "--lang", lang])
        assert done.value.code == 0 and word in capsys.readouterr().out


def test_someone_elses_lock_is_reported_before_any_hashing(capsys, incident, tree, monkeypatch):
    from wizard.evidence import hashing
    from wizard.store import Lock, Responder

    monkeypatch.setattr(hashing, "hash_file", lambda *a, **k: pytest.fail("hashed while the file is locked"))
    with Lock(incident.path, Responder("佐藤")).acquire():
        code, _, err = run(capsys, "evidence", "add", incident.path, tree, "--by", "山田")
    assert code == 2 and "佐藤" in err
