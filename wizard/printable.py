"""Text from people, safe on a terminal and in a file: control characters never reach either raw.

`clean` is the one cleaning of text from people, for input (names, titles, notes, places, reasons,
a profile's fields) and for every document rouei writes: it drops control and invisible format
characters (ESC, BEL, direction overrides, and what XML cannot hold) and turns line breaks into spaces,
or in a note into a plain newline. `shown` is for display on a terminal of what is already stored (an
older or hand-edited file): each such character is written as its escape (`\\x1b`, `\\r`, `\\n`), so
it can neither retitle a terminal nor forge a row.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
# control, format (bidi overrides, zero-width), line/paragraph separators, lone surrogates
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_NONCHARACTERS = {"\ufffe", "\uffff"}  # not characters, and not allowed in XML (a Word file)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")  # printable, not isprintable()


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in _HIDDEN or ch in _NONCHARACTERS


def _plain(text: str) -> bool:
    """Whether `text` has nothing to clean (quick: most texts)."""
    return text.isprintable() or _SPACES.sub("", text).isprintable()


def clean(text: str, *, lines: bool = False) -> str:
    """`text` without control characters: a tab becomes a space; a line break (CR LF, CR, LF…) a space,
    or a newline with `lines`; any other control or format character is dropped."""
    if _plain(text):
        return text
    text = text.replace("\r\n", "\n")
    out = []
    for ch in text:
        if ch in _BREAKS:
            out.append("\n" if lines else " ")
        elif ch == "\t":
            out.append(" ")
        elif not _hidden(ch):
            out.append(ch)
    return "".join(out)


def shown(text: str) -> str:
    """`text` for one line of a terminal: every control or format character as its escape."""
    if _plain(text):
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if _hidden(ch) else ch for ch in text)


def json_text(data, **options) -> str:
    """`data` as indented UTF-8 JSON with every control or format character written as its `\\u` escape:
    `json` leaves DEL, C1 controls and direction overrides raw, and JSON goes to terminals too."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2, **options)
    if _plain(text.replace("\n", "")):
        return text
    return "".join(json.dumps(ch)[1:-1] if _hidden(ch) and ch != "\n" else ch for ch in text)
