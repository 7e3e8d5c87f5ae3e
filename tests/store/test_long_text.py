"""Long texts of several lines (a folder's `sums`) are written as multi-line literal strings, which a
TOML reader takes in whole; whatever a text holds, it reads back exactly as it was."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.store import Incident
from wizard.store.files import LONG_TEXT, render

from .helpers import YAMADA

LINE = "ab" * 32 + " 1234 2026-11-20T10:05:00.123456+09:00 logs/app/2026-11/20.log\n"


def block(text: str) -> str:
    [written] = render([{"id": "0" * 64, "kind": "evidence_add", "data": {"item": "E-1", "sums": text}}])
    assert tomllib.loads(written)["events"][0]["data"]["sums"] == text
    return written


def test_a_long_text_of_lines_is_one_literal_string():
    text = LINE * 100
    assert f"sums = '''\n{text}'''\n" in block(text)


def test_short_texts_and_texts_a_literal_cannot_hold_are_written_by_tomli_w():
    for text in (LINE, LINE * 100 + "it's'''here\n", LINE * 100 + "a\rb\n", LINE * 100 + "tab\tand\x1b[31m\n",
                 LINE * 100 + "ends in a quote'", LINE * 100 + "\x7f\n", "x" * LONG_TEXT):
        assert 'sums = "' in block(text)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(0, 3))
def test_any_text_reads_back_exactly(text, copies):
    block(LINE * 20 * copies + text)
    block(text + LINE * 20 * copies)


def test_an_event_with_a_long_text_is_appended_and_loads(incident):
    event = incident.append("evidence_add", {"item": "E-1", "sums": LINE * 100}, YAMADA)
    assert "sums = '''\n" in incident.path.read_text(encoding="utf-8")
    assert Incident.load(incident.path).events[-1] == event
