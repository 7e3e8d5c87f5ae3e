"""Terminal output for the command line: rich consoles on UTF-8 streams, errors on stderr (rich is
imported on first use, so a command that prints nothing through it never loads it)."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

from wizard.i18n import t

if TYPE_CHECKING:
    from rich.console import Console


def configure_streams() -> None:
    """Write UTF-8 whatever the platform's default (cp932 on Japanese Windows), never crash on a glyph."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


@cache
def out() -> Console:
    return _console(stderr=False)


@cache
def err() -> Console:
    return _console(stderr=True)


def _console(*, stderr: bool) -> Console:
    """A console that folds prose to a terminal's width, and writes lines as they are to a pipe or a file
    (a reader of a log or a script's output never gets a command cut at 80 columns)."""
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    console.soft_wrap = not console.is_terminal
    return console


def say(console: Console, text: str, style: str = "", *, lead: str = "", lead_style: str = "") -> None:
    """Plain text (never markup, control characters as escapes) line by line: prose folded to the terminal,
    a command to copy (a line that starts `rouei `) never folded, so that it pastes whole."""
    from rich.text import Text

    from wizard.printable import shown

    for i, line in enumerate(shown(line) for line in text.split("\n")):
        head = Text(lead, style=lead_style) if i == 0 and lead else Text()
        command = line.lstrip().startswith("rouei ")
        console.print(head + Text(line, style=style), highlight=False, soft_wrap=command or console.soft_wrap)


def plain(value: object) -> str:
    """A value inside a message printed with markup (a path, a name, a title): plain text (`[` is no
    markup), on one line, any control or format character shown as its escape."""
    from rich.markup import escape

    from wizard.printable import shown

    return escape(shown(str(value)))


def message(key: str, **params: object) -> str:
    """The message `key` for a terminal: its own markup kept, every value `plain`."""
    return t(key, **{name: plain(value) for name, value in params.items()})


def report_error(error: object) -> None:
    """One clear error line (or block) on stderr, prefixed in the user's language.

    The message is printed as plain text: a path with `[/]` in it is not markup, and a control character
    in a value it quotes (from a hand-edited file) is shown as its escape."""
    say(err(), str(error), lead=t("cli.error_prefix") + " ", lead_style="bold red")
