"""Control characters in names, titles and notes never reach a terminal or a calendar raw."""

from __future__ import annotations

import pytest

from wizard.cli import main
from wizard.printable import clean, shown
from wizard.store import Incident, Responder

RETITLE = "\x1b]0;PWNED\x07"
FORGED = "\r\n│ 99 │ 2026-11-20 10:00 JST │ 社長 │ 報告不要と判定"


def test_clean_and_shown():
    assert clean(f"山田{RETITLE}太郎") == "山田]0;PWNED太郎"
    assert clean("a\r\nb\rc\u2028d\te\u202ef") == "a b c d ef"
    assert clean("一行目\r\n二行目", lines=True) == "一行目\n二行目"
    assert shown("T\x1b[31m\r\nx") == "T\\x1b[31m\\r\\nx"
    assert shown("全角　スペース") == "全角　スペース"


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.toml"
    assert main(["new", "--no-open", "-o", str(path), "--by", f"山田{RETITLE}", "--title", f"誤送信{FORGED}"]) == 0
    return path


def test_input_is_cleaned(case, capsys):
    assert main(["answer", str(case), "aware_at=2026-11-20 10:00", "--by", "佐藤\r\n偽"]) == 0
    with Incident.open_for_writing(case, Responder("鈴木")) as incident:
        incident.note(f"メモ{RETITLE}\r\n二行目", Responder("鈴木"))
    events = Incident.load(case).events
    text = case.read_text(encoding="utf-8")
    assert "\\u001b" not in text and "\\r" not in text
    assert events[0].by == "山田]0;PWNED" and "\n" not in events[0].data["title"]
    assert events[1].by == "佐藤 偽"
    assert events[-1].data["text"] == "メモ]0;PWNED\n二行目"


def test_a_hand_edited_file_is_shown_escaped(tmp_path, capsys, fuzz):
    path = tmp_path / "old.toml"
    Incident.create(path, Responder("山田")).close()
    fuzz.hand_made(path, "note", {"text": f"x{RETITLE}{FORGED}"}, by=f"悪{RETITLE}")
    capsys.readouterr()
    assert main(["log", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
    assert "\\x1b]0;PWNED\\x07" in out
    assert not any(line.lstrip().startswith("│ 99") for line in out.splitlines())


def test_the_calendar_has_no_bare_cr(tmp_path):
    from wizard.clock import now
    from wizard.exports.context import from_incident
    from wizard.exports.ics import to_ics

    path = tmp_path / "case.toml"
    with Incident.create(path, Responder("山田")) as incident:
        incident.answer("aware_at", "2026-11-20T10:00:00+09:00", Responder("山田"))
    ctx = from_incident(Incident.load(path), as_of=now(), lang="ja")
    ctx.title = f"誤送信\r漏えい{RETITLE}"  # as an older or hand-edited file has it
    ics = to_ics(ctx).replace("\r\n", "")
    assert "\r" not in ics and "\n" not in ics and "\x1b" not in ics
    assert "誤送信\\n漏えい" in ics
