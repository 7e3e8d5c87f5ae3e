"""Hostile input: broken incident files of every sort give clean errors, never a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
from datetime import date, datetime, time, timedelta, timezone

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.cli import main
from wizard.errors import RoueiError
from wizard.store import Incident
from wizard.timeline import describe
from wizard.store.events import Event, event_id
from wizard.store.files import document, render

from .helpers import START, SATO, YAMADA, Clock

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                          HealthCheck.too_slow])


@pytest.fixture(scope="module")
def spot(tmp_path_factory):
    """One file path that each generated example overwrites."""
    return tmp_path_factory.mktemp("fuzz") / "i.toml"


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> str:
    """The text of a small incident with events of several kinds."""
    clock = Clock()
    inc = Incident.create(tmp_path_factory.mktemp("valid") / "i.toml", YAMADA, title="誤送信", now=clock())
    inc.answer("aware_at", START, YAMADA, now=clock())
    inc.answer("data", ("name", "email"), SATO, now=clock())
    inc.answer("affected_max", 1200, SATO, now=clock())
    inc.note("確認中", SATO, now=clock())
    inc.tick("escalate", YAMADA, note="済", now=clock())
    inc.append("evidence_add", {"item": "E1", "files": [{"path": "a.log", "size": 3}]}, SATO, now=clock())
    return inc.path.read_text(encoding="utf-8")


def exercise(path) -> None:
    """Load the file and use everything derived from it; only clean errors may come out."""
    try:
        inc = Incident.load(path)
    except RoueiError as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)
        return
    inc.answers(), inc.conflict_list(), inc.ticks(), inc.fingerprint
    for event in inc.events:
        describe(event)
    try:
        inc.facts_for_assess()
    except RoueiError:
        pass
    inc.brief("佐藤", START + timedelta(days=2))


LINE_NOISE = st.sampled_from(["", "[[events]]", "[events.data]", "id = 1", 'kind = "answer"', "parents = [\"x\"]",
                              "at = 2026-13-40T99:00:00", "data = 5", "schema = 2", "schema = 0", 'format = "x"',
                              "heads = []", "by = \"\"", "value = {}", "fact = 3", "]", "= =", "\x00", "a.b.c = 1",
                              'title = """', "events = 1", "[events]", "[[heads]]", "exercise = \"yes\""])


@st.composite
def mutated(draw, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["truncate", "delete", "duplicate", "replace", "insert", "swap", "char"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if action == "truncate":
            joined = "\n".join(lines)
            lines = joined[:draw(st.integers(0, len(joined)))].split("\n")
        elif action == "delete" and lines:
            del lines[i]
        elif action == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif action == "replace" and lines:
            lines[i] = draw(LINE_NOISE | st.text(max_size=30))
        elif action == "insert":
            lines.insert(i, draw(LINE_NOISE))
        elif action == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "char" and lines:
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.characters()) + lines[i][k + 1:]
    return "\n".join(lines)


@settings(SETTINGS, max_examples=600)  # scripts/fuzz_files.py runs the long campaign
@given(data=st.data())
def test_mutated_files_give_clean_errors(spot, valid, data):
    spot.write_text(data.draw(mutated(valid)), encoding="utf-8", errors="surrogatepass")
    exercise(spot)


@settings(SETTINGS, max_examples=40)
@given(blob=st.binary(max_size=200))
def test_arbitrary_bytes_give_clean_errors(spot, blob):
    spot.write_bytes(blob)
    exercise(spot)


toml_scalar = st.one_of(
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1), st.booleans(),
    st.floats(allow_nan=False), st.dates(), st.times(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                 timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=9))])),
)
toml_value = st.recursive(toml_scalar, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3), max_leaves=8)
known_fields = {"fact": st.sampled_from(["affected_max", "data", "aware_at", "cause", "nope"]),
                "value": toml_value, "item": toml_value, "text": toml_value, "title": toml_value,
                "exercise": toml_value, "note": toml_value, "to": toml_value, "format": toml_value}


@st.composite
def hashed_history(draw) -> str:
    """Events whose ids are right but whose payloads are anything at all."""
    at = datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=9)))
    events: list[Event] = []
    for n in range(draw(st.integers(1, 6))):
        kind = "created" if n == 0 else draw(st.sampled_from(["answer", "note", "tick", "untick", "handover",
                                                             "export", "created", "evidence_add", "x"]))
        data = draw(st.fixed_dictionaries({}, optional=known_fields))
        parents = (events[-1].id,) if events else ()
        at += timedelta(minutes=draw(st.integers(-5, 5)))
        events.append(Event(id=event_id(parents, at, "山田", "", kind, data), parents=parents, at=at, by="山田",
                            kind=kind, data=data))
    return document(render([e.table() for e in events]))


@settings(SETTINGS, max_examples=150)
@given(text=hashed_history())
def test_any_payload_under_valid_ids_gives_clean_errors(spot, text):
    spot.write_text(text, encoding="utf-8")
    exercise(spot)


@settings(SETTINGS, max_examples=60)
@given(raw=st.dictionaries(st.sampled_from(["format", "schema", "heads", "events", "title"]), toml_value, max_size=5),
       fixed=st.booleans())
def test_any_top_level_gives_clean_errors(spot, raw, fixed):
    if fixed:
        raw = {**raw, "format": "rouei-incident", "schema": 2}
    spot.write_text(tomli_w.dumps(raw), encoding="utf-8")
    exercise(spot)


@pytest.mark.parametrize("command", ["verify", "log", "assess", "answer"])
def test_commands_on_broken_files_exit_cleanly(tmp_path, valid, command, capsys):
    cases = {"cut-in-the-middle": valid[:len(valid) // 2] + "\n" + valid[len(valid) // 2 + 40:],
             "not toml": "これは TOML ではない = = =",
             "facts file": "aware_at = 2026-11-20T10:00:00\n", "newer": valid.replace("schema = 2", "schema = 9"),
             "no schema": valid.replace("schema = 2\n", ""), "missing by": valid.replace('by = "佐藤"\n', "", 1),
             "hash": valid.replace("value = 1200", "value = 12"), "empty": ""}
    for name, text in cases.items():
        if name == "facts file" and command == "assess":
            continue  # a facts file is what assess reads
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        args = [command, str(path)] + (["cause=loss", "--by", "佐藤"] if command == "answer" else [])
        code = main(args)
        err = capsys.readouterr().err
        if command == "answer" and name in ("cut-in-the-middle", "missing by", "hash"):
            # a writer reads only the ends of the file (the cost of a record is the same at any size);
            # what is wrong in the middle stays found by every reader
            assert code == 0 and main(["verify", str(path)]) in (1, 2), name
            capsys.readouterr()
            continue
        assert code in (1, 2), (name, code)
        assert str(path.name) in err and "Traceback" not in err, (name, err)
        assert (code == 1) == (name == "hash"), name  # 1: altered; 2: cannot be read as an incident


def test_messages_for_broken_files_say_what_and_where(tmp_path, valid):
    def message(text: str) -> str:
        path = tmp_path / "i.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(RoueiError) as caught:
            Incident.load(path)
        return " ".join(str(caught.value).split())

    assert "スキーマ 9" in message(valid.replace("schema = 2", "schema = 9"))
    assert "「by」がありません" in message(valid.replace('by = "佐藤"\n', "", 1))
    assert "行目" in message(valid.replace('by = "佐藤"\n', "", 1))
    assert "line" in message(valid.replace("[events.data]", "= = =", 1))
    assert "「at」" in message(valid.replace("at = 2026-11-20 10:03:00+09:00", 'at = "昨日"'))
    assert "format" in message("aware_at = 2026-11-20T10:00:00\n")
    assert "空" in message("")
    assert "ハッシュ" in message(valid.replace("value = 1200", "value = 12"))
    assert "date" not in message(valid.replace('kind = "note"', 'kind = "Note"'))


def test_time_values_of_all_kinds_survive(tmp_path):
    inc = Incident.create(tmp_path / "i.toml", YAMADA, now=START)
    inc.append("custom", {"d": date(2026, 1, 2), "t": time(1, 2, 3, 400000), "n": datetime(2026, 1, 2, 3, 4, 5, 6)},
               YAMADA, now=START)
    assert Incident.load(inc.path).events[-1].data == {"d": date(2026, 1, 2), "t": time(1, 2, 3, 400000),
                                                       "n": datetime(2026, 1, 2, 3, 4, 5, 6)}


# ---- inputs a user can produce that once crashed or hung (issue 10, item 8) ------------------------

def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("where", ["value", "header"])
def test_deep_nesting_is_a_clean_error(tmp_path, valid, where, capsys):
    path = tmp_path / "deep.toml"
    deep = f"x = {_nested(5000)}\n"
    path.write_text(valid.replace("schema = 2\n", "schema = 2\n" + deep) if where == "header"
                    else valid.replace("value = 1200", f"value = {_nested(5000)}"), encoding="utf-8")
    writer = [["answer", "cause=loss", "--by", "佐藤"]] if where == "header" else []  # a writer reads the ends only
    for command in (["verify"], ["log"], ["assess"], *writer):
        code = main([command[0], str(path), *command[1:]])
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err and "deep.toml" in err, command


def test_deeply_nested_data_is_refused_at_the_door(tmp_path):
    inc = Incident.create(tmp_path / "i.toml", YAMADA, now=START)
    value: list = []
    for _ in range(200):
        value = [value]
    with pytest.raises(RoueiError):
        inc.append("custom", {"x": value}, YAMADA, now=START)
    assert len(Incident.load(inc.path).events) == 1


@pytest.mark.parametrize("body", ["name = \"a\"\nhost = \"{host}\"\npid = 4294967296\nsince = 2026-11-20T10:00:00Z\n",
                                  "name = \"a\"\nhost = \"{host}\"\npid = 1\nsince = 2026-11-20T10:00:00Z\n"
                                  + f"x = {_nested(3000)}\n", "pid = 99999999999999999999999\n"])
def test_odd_lock_files_are_stale_not_crashes(tmp_path, valid, body, capsys):
    import socket

    path = tmp_path / "i.toml"
    path.write_text(valid, encoding="utf-8")
    (tmp_path / "i.toml.lock").write_text(body.replace("{host}", socket.gethostname()), encoding="utf-8")
    code = main(["answer", str(path), "cause=loss", "--by", "佐藤"])
    err = capsys.readouterr().err
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert main(["answer", str(path), "cause=loss", "--by", "佐藤", "--force"]) == 0


def test_huge_integers_in_input_are_clean_errors(tmp_path, valid, capsys):
    path = tmp_path / "i.toml"
    path.write_text(valid, encoding="utf-8")
    for value in ("affected_max=9223372036854775808", "affected_max=" + "9" * 5000):
        code = main(["answer", str(path), value, "--by", "佐藤"])
        assert code == 2 and "Traceback" not in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == valid


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs (POSIX)")
def test_a_fifo_or_a_device_is_refused_without_reading(tmp_path, valid, capsys):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    signal.alarm(20)  # a FIFO opened for reading would block: fail instead of hanging
    try:
        for args in (["verify", str(fifo)], ["log", str(fifo)], ["assess", str(fifo)], ["verify", "/dev/zero"],
                     ["answer", str(fifo), "cause=loss", "--by", "佐藤"]):
            assert main(args) == 2, args
            assert "Traceback" not in capsys.readouterr().err
        path = tmp_path / "i.toml"
        path.write_text(valid, encoding="utf-8")
        os.mkfifo(tmp_path / "i.toml.lock")
        assert main(["answer", str(path), "cause=loss", "--by", "佐藤"]) == 2
        assert main(["answer", str(path), "cause=loss", "--by", "佐藤", "--force"]) == 0
    finally:
        signal.alarm(0)


def test_a_byte_order_mark_is_read(tmp_path, valid, capsys):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + valid.encode("utf-8"))
    for command in (["verify"], ["log"], ["assess"], ["answer", "cause=loss", "--by", "佐藤"]):
        assert main([command[0], str(path), *command[1:]]) == 0, command
    capsys.readouterr()


def test_output_to_a_full_device_is_a_clean_error(tmp_path, valid, capsys):
    path = tmp_path / "i.toml"
    path.write_text(valid, encoding="utf-8")
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full, contextlib.redirect_stdout(full):
        code = main(["log", str(path)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err


def test_a_very_long_note_is_logged_in_bounded_time_and_space(tmp_path, capsys):
    from wizard.store.events import make_event

    created = make_event("created", {"title": "長いメモ", "exercise": False}, (), YAMADA, START)
    note = make_event("note", {"text": "a" * 5_000_000}, (created.id,), YAMADA, START)
    path = tmp_path / "long.toml"
    path.write_text(document(render([created.table(), note.table()])), encoding="utf-8")
    assert main(["log", str(path)]) == 0
    out = capsys.readouterr().out
    assert len(out) < 5_000 and "5,000,0" in out
