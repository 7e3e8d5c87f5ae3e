"""Hostile input from the attack run (issue 20, items 13–17): what is recorded is clean, what is printed
holds no escape sequence, Word files are written whatever a file holds, bad values are messages."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.store import Incident

OSC52, TITLE, CLEAR = "\x1b]52;c;cHduZWQ=\x07", "\x1b]0;PWNED\x07", "\x1b[2J\x1b[H"
HOSTILE = f"{OSC52}{TITLE}{CLEAR}名簿\r\n│ 99 │ 偽の行\u202eevil"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse refuses an option's value
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def case(tmp_path, capsys) -> Path:
    path = tmp_path / "case.toml"
    assert run(capsys, "new", "--no-open", "-o", path, "--by", "山田", "--title", "誤送信")[0] == 0
    assert run(capsys, "answer", path, "aware_at=2026-11-20 10:00", "data=name,card_number", "affected_max=1200",
               "--by", "山田")[0] == 0
    return path


def _one(folder: Path, name: str) -> Path:
    """The exported file whose name ends in `name` (names begin with the date and the incident)."""
    [path] = folder.glob(f"*{name}")
    return path


# ---- 13: estimate --reason ----------------------------------------------------------------------

def test_an_estimate_reason_is_recorded_echoed_and_drafted_clean(case, tmp_path, capsys):
    code, out, err = run(capsys, "estimate", case, "enisa.dpc=3", "--reason", HOSTILE, "--by", "山田")
    assert code == 0 and not RAW.search(out + err)
    reason = Incident.load(case).events[-1].data["reason"]
    assert reason == "]52;c;cHduZWQ=]0;PWNED[2J[H名簿 │ 99 │ 偽の行evil"
    assert run(capsys, "export", case, "--format", "md", "--what", "memo", "-o", f"{tmp_path}/md/")[0] == 0
    assert run(capsys, "export", case, "--format", "txt", "--what", "memo", "-o", f"{tmp_path}/txt/")[0] == 0
    for memo in (_one(tmp_path / "md", "memo.md"), _one(tmp_path / "txt", "memo.txt")):
        text = memo.read_text(encoding="utf-8")
        assert "名簿" in text and not RAW.search(text.replace("\t", "")), memo
    code, out, err = run(capsys, "estimate", case)
    assert code == 0 and "名簿" in out and not RAW.search(out)


def test_a_reason_of_100000_characters_is_refused_and_nothing_is_written(case, capsys):
    before = case.read_bytes()
    code, _out, err = run(capsys, "estimate", case, "enisa.dpc=3", "--reason", "x" * 100_000, "--by", "山田")
    assert code == 2 and "100,000" in err and len(err) < 1000 and case.read_bytes() == before


def test_a_reason_of_control_characters_only_is_no_reason(case, capsys):
    code, _out, err = run(capsys, "estimate", case, "enisa.dpc=3", "--reason", "\x1b\x07\u202e", "--by", "山田")
    assert code == 2 and not RAW.search(err)


# ---- 14: Word files -----------------------------------------------------------------------------

def _received(fuzz, path: Path) -> None:
    """The file as received from someone whose program wrote control characters everywhere."""
    def change(events):
        events[0]["data"]["title"] = f"誤送信{HOSTILE}\x00\ufffe"
        for event in events[1:]:
            event["by"] = f"佐藤{TITLE}\x0b"
            if event["kind"] == "note":
                event["data"]["text"] = f"メモ{HOSTILE}\x00"
            if event["kind"] == "estimate":
                event["data"]["reason"] = f"理由{HOSTILE}\x01"

    fuzz.rewrite(path, change)


def test_word_files_are_written_whatever_the_texts_hold(case, tmp_path, capsys, fuzz, monkeypatch):
    monkeypatch.setenv("ROUEI_PROFILE", str(_hostile_profile(tmp_path)))
    with Incident.open_for_writing(case, _who()) as incident:
        incident.note("メモ", _who())
    assert run(capsys, "estimate", case, "enisa.dpc=3", "--reason", "名簿", "--by", "山田")[0] == 0
    _received(fuzz, case)
    assert run(capsys, "verify", case)[0] == 0
    code, out, err = run(capsys, "export", case, "--format", "docx", "-o", tmp_path / "docx")
    assert code == 0, err
    files = sorted((tmp_path / "docx").glob("*.docx"))
    assert len(files) >= 9
    for file in files:
        xml = zipfile.ZipFile(file).read("word/document.xml").decode("utf-8")
        assert not RAW.search(xml), file.name
    timeline = zipfile.ZipFile(_one(tmp_path / "docx", "timeline.docx")).read("word/document.xml").decode("utf-8")
    assert "cHduZWQ=" in timeline and "PWNED" in timeline  # the texts are there, their escapes shown


def _who():
    from wizard.store import Responder

    return Responder("山田")


# ---- 15: profile fields -------------------------------------------------------------------------

def _hostile_profile(folder: Path) -> Path:
    path = folder / "profile.toml"
    bad = json.dumps(HOSTILE)[1:-1]  # a TOML basic string takes JSON's escapes
    path.write_text(f"""\
[firm]
name = "株式会社サンプル{bad}"
desk_name = "お客様相談室{bad}"
desk_phone = "0120-111-222"

[[people]]
name = "山田 太郎{bad}"
roles = ["decision"]
phone = "03-1111-2222"

[[partners]]
kind = "lawyer"
name = "サンプル法律事務所{bad}"
contact = "担当{bad}"
phone = "03-3333-4444"

[places]
laptop = "金庫A{bad}"
incident_files = "共有フォルダ{bad}"
""", encoding="utf-8")
    return path


def test_profile_fields_are_clean_on_load_on_the_terminal_and_in_drafts(case, tmp_path, capsys, monkeypatch):
    from wizard.profile.files import load

    path = _hostile_profile(tmp_path)
    profile = load(path)
    texts = [profile.firm.name, profile.firm.desk_name, profile.people[0].name, profile.partners[0].name,
             profile.partners[0].contact, profile.places.laptop, profile.places.incident_files]
    assert not any(RAW.search(text) for text in texts) and all("PWNED" in text for text in texts)
    for command in (["show"], ["check"]):
        code, out, err = run(capsys, "profile", *command, "--profile", path)
        assert code in (0, 1) and out and not RAW.search(out + err), command
    monkeypatch.setenv("ROUEI_PROFILE", str(path))
    for fmt in ("md", "html", "txt"):
        assert run(capsys, "export", case, "--format", fmt, "-o", tmp_path / fmt)[0] == 0
        for file in (tmp_path / fmt).iterdir():
            text = file.read_text(encoding="utf-8")
            assert not RAW.search(text.replace("\t", "")), file.name
    assert run(capsys, "profile", "card", "--profile", path, "-o", tmp_path / "card.html")[0] == 0
    assert not RAW.search((tmp_path / "card.html").read_text(encoding="utf-8"))


# ---- 16: values out of range --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["answer", "{case}", "aware_at=0001-01-01T00:00+10:00", "--by", "山田"],
    ["answer", "{case}", "aware_at=9999-12-31T23:59-10:00", "--by", "山田"],
    ["log", "{case}", "--since", "0001-01-01T00:00+10:00"],
    ["log", "{case}", "--since", "2026-11-20T10:00:00+09:18:59"],
])
def test_times_out_of_range_are_messages(case, capsys, args):
    before = case.read_bytes()
    code, _out, err = run(capsys, *[a.replace("{case}", str(case)) for a in args])
    assert code == 2 and ("aware_at" in err or "--since" in err) and case.read_bytes() == before


@pytest.mark.parametrize(("option", "value"), [("--advance", "999999999999"), ("--advance", "4000000000"),
                                               ("--advance", "129601"), ("--speed", "1441")])
def test_the_exercise_clock_moves_within_its_range(tmp_path, capsys, option, value):
    path = tmp_path / "x.toml"
    assert run(capsys, "exercise", "start", "ransomware_friday", "-o", path, "--no-open", "--by", "山田")[0] == 0
    before = path.read_bytes()
    code, _out, err = run(capsys, "exercise", "clock", path, option, value, "--by", "山田", "--lang", "en")
    assert code == 2 and "Give a whole number from 0 to" in err and path.read_bytes() == before
    assert run(capsys, "exercise", "clock", path, "--advance", "129600", "--by", "山田")[0] == 0


# ---- 17: the personal-data guard on every free text ---------------------------------------------

@pytest.mark.parametrize("args", [
    ["answer", "{case}", "cause=loss", "--by", "田中 090_1234_5678"],
    ["answer", "{case}", "cause=loss", "--by", "山田", "--role", "tanaka@localhost"],
    ["estimate", "{case}", "enisa.dpc=3", "--reason", "4111/1111/1111/1111 の件", "--by", "山田"],
    ["estimate", "{case}", "enisa.dpc=3", "--reason", "田中@例え.jp から", "--by", "山田"],
    ["new", "--no-open", "-o", "{other}", "--by", "0 9 0 1 2 3 4 5 6 7 8", "--title", "x"],
])
def test_names_roles_and_reasons_are_screened(case, tmp_path, capsys, args):
    before = case.read_bytes()
    code, _out, err = run(capsys, *[a.replace("{case}", str(case)).replace("{other}", str(tmp_path / "o.toml"))
                                    for a in args])
    assert code == 2 and "*" in err and case.read_bytes() == before and not (tmp_path / "o.toml").exists()
    assert not re.search(r"\d{4}", err.split("「")[-1].split("」")[0])  # the message shows it masked


def test_evidence_names_places_notes_and_hand_overs_are_screened(case, tmp_path, capsys):
    folder = tmp_path / "証拠"
    folder.mkdir()
    (folder / "山本_090_1234_5678.csv").write_text("a,b\n", encoding="utf-8")
    code, out, err = run(capsys, "evidence", "add", case, folder, "--by", "山田",
                         "--location", "金庫A\n│ E-000000 │ 偽 → 偽", "--note", "原本\r\n2行目")
    assert code == 0, err
    text = case.read_text(encoding="utf-8")
    assert "1234" not in text and "山本_***_****_****.csv" in text
    item = Incident.load(case).events[-1].data
    assert item["location"] == "金庫A │ E-000000 │ 偽 → 偽" and item["note"] == "原本 2行目"
    item_id = item["item"]
    code, _out, err = run(capsys, "evidence", "transfer", case, item_id, "--to", "田中 03-1234-5678",
                          "--reason", "解析", "--by", "山田")
    assert code == 2 and "--to" in err
    code, _out, err = run(capsys, "evidence", "transfer", case, item_id, "--to", "鈴木",
                          "--reason", "tanaka@[192.168.0.1] へ", "--by", "山田")
    assert code == 2 and "--reason" in err
    assert run(capsys, "export", case, "--format", "txt", "--what", "evidence", "-o", f"{tmp_path}/out/")[0] == 0
    lines = _one(tmp_path / "out", "evidence.txt").read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith("│") or line.startswith("・E-000000") for line in lines)


def test_a_hand_edited_place_with_line_breaks_cannot_forge_rows_in_a_text_export(case, tmp_path, capsys, fuzz):
    (tmp_path / "a.log").write_text("x\n", encoding="utf-8")
    assert run(capsys, "evidence", "add", case, tmp_path / "a.log", "--by", "山田", "--location", "金庫A")[0] == 0
    forged = "金庫A\n・E-999999\n    保管者: 社長\n■ 偽の見出し"
    fuzz.rewrite(case, lambda events: events[-1]["data"].update(location=forged))
    assert run(capsys, "export", case, "--format", "txt", "--what", "evidence", "-o", f"{tmp_path}/out/")[0] == 0
    lines = _one(tmp_path / "out", "evidence.txt").read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith(("・E-999999", "■ 偽")) or line == "    保管者: 社長" for line in lines)
    assert any(line.strip() == "・E-999999" for line in lines)  # still there, indented under its row
