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
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


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
    from rich.text import Text

    from wizard.printable import shown

    message = "\n".join(shown(line) for line in str(error).split("\n"))
    err().print(Text(t("cli.error_prefix") + " ", style="bold red") + Text(message), highlight=False)
