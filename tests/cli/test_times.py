"""Every time a person reads is Japan time with its label, on a computer whose zone is UTC: the evidence
register (`list`, `show`, `transfer --at`, the timeline line of a hand-over) and the messages of the store."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

import pytest

from wizard import clock
from wizard.cli import main

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)  # 18:00 in Japan
TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])(?! ?JST)")  # a time of day not labelled JST


@pytest.fixture
def case(tmp_path, utc_machine, capsys):
    clock.use_clock(lambda: NOW)
    evidence = tmp_path / "f.txt"
    evidence.write_bytes(b"hello\n")
    os.utime(evidence, (NOW.timestamp() - 3600, NOW.timestamp() - 3600))  # modified at 17:00 JST
    path = tmp_path / "case.toml"
    assert main(["new", "-o", str(path), "--by", "山田", "--no-open", "--no-profile"]) == 0
    assert main(["evidence", "add", str(path), str(evidence), "--by", "山田"]) == 0
    capsys.readouterr()
    yield path
    clock.use_clock(None)


def _item(path) -> str:
    return re.search(r"E-[0-9a-f]{6}", path.read_text(encoding="utf-8")).group()


def _unlabelled(text: str) -> list[str]:
    return [line for line in text.splitlines() if TIME.search(line.replace("│", " "))]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_transfer_at_without_offset_is_japan_time_and_shown_back_as_such(case, lang, capsys):
    item = _item(case)
    assert main(["evidence", "transfer", str(case), item, "--to", "佐藤", "--reason", "解析", "--at",
                 "2026-12-06 18:03", "--by", "山田", "--lang", lang]) == 0
    said = capsys.readouterr().out
    assert "2026-12-06 18:03:00 JST" in said and "09:03" not in said and not _unlabelled(said)

    assert main(["evidence", "show", str(case), item, "--lang", lang]) == 0
    shown = capsys.readouterr().out
    assert "2026-12-06 18:00:00 JST" in shown  # collected
    assert "2026-12-06 18:03:00 JST" in shown  # handed over
    assert "2026-12-06 17:00:00 JST" in shown  # the file's modification time
    assert "09:0" not in shown and not _unlabelled(shown)

    assert main(["evidence", "list", str(case), "--lang", lang]) == 0
    listed = capsys.readouterr().out
    assert "18:00" in listed and "JST" in listed and "09:00" not in listed

    assert main(["log", str(case), "--lang", lang]) == 0
    log = capsys.readouterr().out
    assert "2026-12-06 18:03 JST" in log and "+00:00" not in log and "09:03" not in log


def test_a_hand_over_typed_with_another_offset_is_shown_in_japan_time(case, capsys):
    item = _item(case)
    assert main(["evidence", "transfer", str(case), item, "--to", "佐藤", "--reason", "解析", "--at",
                 "2026-12-06T09:03Z", "--by", "山田"]) == 0
    assert "2026-12-06 18:03:00 JST" in capsys.readouterr().out
    assert main(["log", str(case)]) == 0
    assert "2026-12-06 18:03 JST" in capsys.readouterr().out


def test_a_hand_over_before_the_collection_is_refused_in_japan_time(case, capsys):
    item = _item(case)
    assert main(["evidence", "transfer", str(case), item, "--to", "佐藤", "--reason", "解析", "--at",
                 "2026-12-06 17:59", "--by", "山田"]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "2026-12-06 17:59 JST" in err and "2026-12-06 18:00 JST" in err


def test_a_lock_names_since_when_in_japan_time(case, capsys):
    from wizard.store import Incident, Responder

    with Incident.open_for_writing(case, Responder("佐藤")):
        assert main(["answer", str(case), "cause=loss", "--by", "山田"]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "2026-12-06 18:00 JST" in err and "09:00" not in err


def test_a_new_incident_is_named_by_the_date_in_japan(tmp_path, utc_machine, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    clock.use_clock(lambda: datetime(2026, 12, 5, 16, 30, tzinfo=timezone.utc))  # 01:30 on 12/06 in Japan
    try:
        assert main(["new", "--by", "山田", "--no-open", "--no-profile"]) == 0
    finally:
        clock.use_clock(None)
    assert (tmp_path / "incident-20261206-0130.toml").is_file()
