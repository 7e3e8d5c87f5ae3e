"""The block writer writes what tomli-w writes, byte for byte, for any table an event can hold."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta, timezone

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.store.tomlwrite import block

TEXT = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ['say "hi"', "C:\\logs\\a.log", "tab\there", "new\nline", "\x00\x1b\x7f", "", "キー", "a" * 120])
KEYS = st.sampled_from(["id", "data", "sums", "a-b_c", "with space", "ドット.key", "", "x" * 90]) | TEXT
SCALARS = (TEXT | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False)
           | st.dates() | st.times() | st.datetimes(timezones=st.just(timezone(timedelta(hours=9))))
           | st.datetimes())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=20)
TABLES = st.dictionaries(KEYS, VALUES, max_size=6)
JST = timezone(timedelta(hours=9))


def event(data: dict, by: str = "山田") -> dict:
    """An event's table (`Event.table()`): never short enough for one line, so always a block."""
    return {"id": "0" * 64, "parents": ["1" * 64], "at": datetime(2026, 11, 20, 10, tzinfo=JST), "by": by,
            "role": "", "kind": "evidence_add", "data": data}


def tomli_w_block(event: dict) -> str:
    """The block as tomli-w writes it in an array of events (an id is too long for one line)."""
    text = tomli_w.dumps({"events": [event]})
    return text if text.endswith("\n") else text + "\n"


@settings(max_examples=400, deadline=None)
@given(TABLES, TEXT)
def test_the_same_text_as_tomli_w(data, by):
    table = event(data, by)
    assert block(table) == tomli_w_block(table)


def test_tables_in_an_array_at_the_length_of_one_line_and_every_escape():
    for n in range(80, 100):  # `    { path = "…" },` is 100 characters at n = 82
        table = event({"skipped": [{"path": "p" * n}], "text": "".join(map(chr, range(32))) + '"\\\x7f'})
        assert block(table) == tomli_w_block(table)


@settings(max_examples=200, deadline=None)
@given(TABLES)
def test_what_is_written_reads_back(data):
    table = event(data)
    assert tomllib.loads(block(table))["events"] == [table]


def test_a_large_list_of_lines_and_tables_that_do_not_fit_on_a_line():
    table = event({"sums": [f"{'a' * 64} {n} - d/{n}.log" for n in range(1000)],
                   "items": [{"item": "E-1", "changed": ["x" * 40] * 3}], "clock": time(9, 30), "day": date(2026, 1, 2),
                   "entries": [{"path": "link", "kind": "link", "target": "a"}]})
    assert block(table) == tomli_w_block(table)
