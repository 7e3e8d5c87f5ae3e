"""Small widgets shared by the screens, and the localisation of Textual's own key bindings."""

from __future__ import annotations

import dataclasses

from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Input

from wizard.i18n import t


class JInput(Input):
    """An Input that accepts the full-width space U+3000 (Japanese IMEs send it for Space in kana mode).

    Textual inserts only `is_printable` characters, and U+3000 is not printable to Python.
    """

    def on_key(self, event: events.Key) -> None:
        if event.character == "\u3000" or event.key == "ideographic_space":
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor("\u3000")


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
