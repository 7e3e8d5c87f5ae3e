"""Text from people and files on the screen: never read as markup, no control character raw.

Textual reads a string given to `Static`, `Label`, an `Option` or `notify` as markup: a title holding
`[/]` would stop the screen with a MarkupError, `[@click=app.quit]` would make it a button and `[link=…]`
a link. And an escape sequence in a hand-edited file would reach the terminal as it is. So a value from
a file, a folder listing or an error message goes on the screen through `plain` (or, inside a message
with markup of its own, through `message`), its control characters shown as escapes
(`wizard.printable.shown`).
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from wizard.i18n import t
from wizard.printable import shown


def plain(value: object) -> Content:
    """`value` as it stands, line breaks kept, every other control or format character as its escape."""
    return Content("\n".join(shown(line) for line in str(value).split("\n")))


def message(key: str, **params: object) -> str:
    """The message `key` with its own markup, every value plain."""
    return t(key, **{name: escape(shown(str(value))) for name, value in params.items()})
