"""Small widgets shared by the screens, and the localisation of Textual's own key bindings."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from wizard.i18n import t
from wizard.wrap import wrap


class JInput(Input):
    """An Input that accepts the full-width space U+3000 (Japanese IMEs send it for Space in kana mode).

    Textual inserts only `is_printable` characters, and U+3000 is not printable to Python.
    """

    def on_key(self, event: events.Key) -> None:
        if event.character == "\u3000" or event.key == "ideographic_space":
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor("\u3000")


class Prose(Widget):
    """Text folded with Japanese line-breaking rules: Textual's own wrapping lets 「。」 start a line.

    Accepts a `Text` (styles kept) or a string; the widget's CSS colour applies to a string.
    """

    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text if isinstance(text, Text) else Text(text)

    def update(self, text: str | Text) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        """The text cut into lines of at most `width` cells (wrap() may hang punctuation two cells over)."""
        out, start = [], 0
        plain = self.text.plain
        for line in wrap(plain, max(4, width - 2)):
            index = plain.find(line.lstrip(), start) if line.strip() else start
            index = start if index < 0 else index
            out.append(self.text[index:index + len(line.lstrip())])
            start = index + len(line.lstrip())
        return out or [Text("")]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width or 80))


def key(key: str, action: str, binding_id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose footer label and tooltip come from the catalogue (`tui.key.<id>`)."""
    return Binding(key, action, binding_id, show=show, priority=priority, id=binding_id)


def relabel(node: DOMNode) -> None:
    """Give `node`'s bindings their labels in the current language (bindings are fixed at class creation)."""
    table = node._bindings.key_to_bindings
    for name, bindings in table.items():
        table[name] = [
            dataclasses.replace(b, description=t(f"tui.key.{b.id}"), tooltip=t(f"tui.tip.{b.id}"))
            if b.id else b
            for b in bindings
        ]
