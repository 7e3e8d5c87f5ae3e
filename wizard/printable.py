"""Text from people, safe on a terminal and in a file: control characters never reach either raw.

`clean` is for input (names, titles, notes, places): it drops control and invisible format characters
(ESC, BEL, direction overrides) and turns line breaks into spaces, or in a note into a plain newline.
`shown` is for display of what is already stored (an older or hand-edited file): each such character
is written as its escape (`\\x1b`, `\\r`, `\\n`), so it can neither retitle a terminal nor forge a row.
"""

from __future__ import annotations

import unicodedata

_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
_HIDDEN = {"Cc", "Cf", "Zl", "Zp"}  # control, format (bidi overrides, zero-width), line/paragraph separators


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in _HIDDEN


def clean(text: str, *, lines: bool = False) -> str:
    """`text` without control characters: a tab becomes a space; a line break (CR LF, CR, LF…) a space,
    or a newline with `lines`; any other control or format character is dropped."""
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
    if text.isprintable():
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if _hidden(ch) else ch for ch in text)
