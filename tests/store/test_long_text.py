"""Long texts of several lines (a folder's `sums`) are written as multi-line literal strings, which a
TOML reader takes in whole; whatever a text holds, it reads back exactly as it was, from a block and
from the file (whose readers look for `[[events]]` lines in the raw bytes)."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.store import Incident
from wizard.store.files import LONG_TEXT, render

from .helpers import YAMADA

LINE = "ab" * 32 + " 1234 2026-11-20T10:05:00.123456+09:00 logs/app/2026-11/20.log\n"
AWKWARD = ["\n", "'", "'''", "\r\n", "\r", "\t", "\x00", "\x1b[31m", "\x7f", "\ud800", "[[events]]", "\n[[events]]\n",
           'kind = "tick"\n', "\\", '"""', "\u202e", "日本語"]
texts = st.lists(st.one_of(st.text(), st.sampled_from(AWKWARD), st.just(LINE * 20)), max_size=8).map("".join)


def block(text: str) -> str:
    [written] = render([{"id": "0" * 64, "kind": "evidence_add", "data": {"item": "E-1", "sums": text}}])
    assert tomllib.loads(written)["events"][0]["data"]["sums"] == text
    return written


def test_a_long_text_of_lines_is_one_literal_string():
    text = LINE * 100
    assert f"sums = '''\n{text}'''\n" in block(text)


def test_short_texts_and_texts_a_literal_cannot_hold_are_written_by_tomli_w():
    for text in (LINE, "x" * LONG_TEXT, *(LINE * 100 + odd + "\n" for odd in ("it's'''here", "a\rb", "\x1b[31m", "\x7f")),
                 LINE * 100 + "ends in a quote'", LINE * 100 + "[[events]]\n" + LINE):
        assert 'sums = "' in block(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_reads_back_exactly_from_a_block(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # no TOML file can hold it; tomli-w's text would not encode either
    block(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_any_text_appended_loads_back_and_the_next_append_finds_the_end(incident, text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return
    event = incident.append("evidence_add", {"item": "E-1", "sums": text}, YAMADA)
    with Incident.open_for_writing(incident.path, YAMADA) as writer:  # reads the file's ends only
        after = writer.append("note", {"text": "次"}, YAMADA)
    assert after.parents == (event.id,)
    assert Incident.load(incident.path).events[-2:] == (event, after)


def test_an_event_with_a_long_text_is_appended_and_loads(incident):
    event = incident.append("evidence_add", {"item": "E-1", "sums": LINE * 100}, YAMADA)
    assert "sums = '''\n" in incident.path.read_text(encoding="utf-8")
    assert Incident.load(incident.path).events[-1] == event
