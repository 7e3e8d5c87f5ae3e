"""Event tables as TOML text: tomli-w's layout, byte for byte, with strings escaped in one step.

tomli-w looks at every character of every string in Python, and renders a table twice when it asks
whether the table would fit on one line: at 10,000 files an evidence event's `sums` took a tenth of a
second to write. Here a string is escaped by one regular expression and a table that is never written
inline (an event) is not tried inline. The text is the one tomli-w writes (a test compares them), and
every block is read back before it is appended (`Incident._append`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from typing import Any

INDENT = "    "
MAX_LINE = 100  # tomli-w's: a table that fits on a line of this length in an array is written inline
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPED = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def block(table: Mapping[str, Any]) -> str:
    """One event's table as its `[[events]]` block, ending in one newline."""
    return "".join(_chunks(table, "events", in_array=True))


def _chunks(table: Mapping[str, Any], name: str, in_array: bool = False) -> Iterator[str]:
    """Table `name` as tomli-w writes it: its header, its plain keys, then its tables, each after a
    blank line (an array of tables too long for one line each as `[[name.key]]`)."""
    plain, tables = [], []
    for key, value in table.items():
        if isinstance(value, Mapping):
            tables.append((key, value, False))
        elif _array_of_tables(value) and not all(map(_fits_inline, value)):
            tables.extend((key, item, True) for item in value)
        else:
            plain.append((key, value))
    started = in_array or bool(plain or not tables)
    if started:
        yield f"[[{name}]]\n" if in_array else f"[{name}]\n"
    for key, value in plain:
        yield f"{_key(key)} = {_value(value)}\n"
    for key, value, as_array in tables:
        if started:
            yield "\n"
        started = True
        yield from _chunks(value, f"{name}.{_key(key)}", as_array)


def _array_of_tables(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _fits_inline(table: Mapping[str, Any]) -> bool:
    text = _inline(table)
    return len(INDENT) + len(text) + 1 <= MAX_LINE and "\n" not in text


def _inline(table: Mapping[str, Any]) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in table.items()) + " }"


def _value(value: Any, level: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + _ESCAPED.sub(_escape, value) + '"'
    if isinstance(value, (int, float, date, datetime)):
        return str(value)
    if isinstance(value, time):
        if value.tzinfo:
            raise ValueError("TOML does not support offset times")
        return str(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        indent = INDENT * (level + 1)
        return "[\n" + "".join(f"{indent}{_value(v, level + 1)},\n" for v in value) + INDENT * level + "]"
    if isinstance(value, Mapping):
        return _inline(value)
    raise TypeError(f"Object of type '{type(value).__qualname__}' is not TOML serializable")


def _key(key: str) -> str:
    if not isinstance(key, str):
        raise TypeError(f"Invalid mapping key '{key}' of type '{type(key).__qualname__}'. A string is required.")
    return key if _BARE_KEY.fullmatch(key) else _value(key)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"
