"""Command lines to copy: each word quoted so that it pastes whole into the shell a responder has.

How a word is quoted, and why: a word of letters, digits, kana, kanji and `-_./:=,@+` is left as it is
(`山田`, `case.toml`). A word with a space (`山田 太郎`, a full-width space too) or another character a
shell reads is put in double quotes (`"山田 太郎"`), which bash, zsh, PowerShell and cmd.exe all read
the same way — as long as the word holds none of `" $ ` \\ ! %`, which one of them would expand. Such a
word is single-quoted: POSIX style (`shlex.quote`) on Linux and macOS, PowerShell style (`''` for a
quote) on Windows, whose Windows Terminal opens PowerShell by default. `shlex.quote` alone would write
`'山田 太郎'`, which cmd.exe passes on with the quotes, split in two.
"""

from __future__ import annotations

import os
import shlex

_PLAIN = set("-_./:=,@+")
_EXPANDED = set('"$`\\!%')  # in double quotes: expanded by a POSIX shell, PowerShell or cmd.exe


def quote(word: str) -> str:
    """`word` as one shell word (see the module's docstring)."""
    if word and all(ch.isalnum() or ch in _PLAIN for ch in word):
        return word
    if not any(ch in _EXPANDED or not (ch.isprintable() or ch.isspace()) for ch in word):
        return f'"{word}"'
    if os.name == "nt":
        return "'" + word.replace("'", "''") + "'"
    return shlex.quote(word)


def command(*words: str) -> str:
    """A command line, each word quoted: `command("rouei", "log", "my case.toml")` -> `rouei log "my case.toml"`."""
    return " ".join(quote(str(word)) for word in words)
