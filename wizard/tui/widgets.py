"""Small widgets shared by the screens, and the localisation of Textual's own key bindings."""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.widget import Widget
from rich.segment import Segment
from textual.strip import Strip
from textual.content import Content
from rich.style import Style
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, OptionList, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

from wizard.i18n import t
from wizard.wrap import wrap


def typed_again(event: events.Key | events.Paste, app: DOMNode) -> events.Key | events.Paste:
    """The same key (or paste), to send again as from the app (so that it reaches the bindings too), with
    the time it was first typed (so that keys held back and keys handed on sort in the order they were typed)."""
    again = events.Paste(event.text) if isinstance(event, events.Paste) else events.Key(event.key, event.character)
    again.set_sender(app)
    again.time = event.time
    return again


class KeysInOrder:
    """For a widget that acts on some keys at once in `_on_key` (a text field inserts the characters typed)
    and on others through its bindings, which Textual runs only once the key has come back up to the app:
    keys typed in one burst then acted out of order ("32001", Backspace, Enter submitted 32001; "3200",
    End, ←, ←, "1" gave 32001). Here the focused widget's own non-priority binding for a key runs inline,
    in `_on_key`, as the app would run it (the same action, `check_action` and keymap); a key it does not
    bind goes on up as before.

    A workaround for Textual's issue #6605 (Textualize/textual, open; pull request #6631 proposes running
    a widget's own bindings inline in `_on_key`): drop this class once Textual ships that fix.
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or self.screen.focused is not self:
            return  # the widget's own handler inserts it; a key for another widget goes on up
        bindings = self._bindings
        if self.app._keymap:
            bindings = bindings.copy()
            bindings.apply_keymap(self.app._keymap)
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # Textual calls the base classes' _on_key too, unless told not to
                return


class JInput(KeysInOrder, Input):
    """An Input whose keys act in the order typed (`KeysInOrder`; Tab and Enter too), that accepts the
    full-width space U+3000 (Japanese IMEs send it for Space in kana mode; Textual inserts only
    `is_printable` characters, and U+3000 is not printable to Python), and that keeps keys typed quickly
    after Tab or Enter for what comes next: Textual queues them here, so "abc", Tab, "def" in one burst
    became "abcdef", and "10:00", Enter, "3" submitted "10:003".

    With `holds_keys`, Enter also makes the app hold the keys typed after it (`hold_keys`) until what
    handles `Submitted` lets them go (`release_keys`): to the next question, the screen under a closed
    dialog, or back here when the text is refused. A paste is a key like the others here.
    """

    def __init__(self, *args: Any, holds_keys: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.holds_keys = holds_keys

    def _not_mine(self, event: events.Key | events.Paste) -> bool:
        """Typed ahead of a focus change, or of the next question: handed back to the app, for the field
        it was typed for."""
        if self.screen.focused is self and not self.app.holding:
            return False
        event.stop()
        event.prevent_default()
        self.app.post_message(typed_again(event, self.app))
        return True

    async def _on_key(self, event: events.Key) -> None:
        if self._not_mine(event):
            return
        if event.key in ("tab", "shift+tab"):  # move now, before the keys queued behind it are handled
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        if event.key == "enter":  # submit now, with what was typed before Enter and nothing after it
            event.stop()
            event.prevent_default()
            if self.holds_keys:
                self.app.hold_keys()
            await self.action_submit()
            return
        if event.character == "\u3000" or event.key == "ideographic_space":
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor("\u3000")
        # else KeysInOrder runs the field's binding for the key, or Input inserts its character

    def _on_paste(self, event: events.Paste) -> None:
        self._not_mine(event)  # else Input's own handler inserts it


class TickList(SelectionList):
    """A SelectionList whose boxes say their state in text (✓ ticked, blank not: Textual draws "X" for
    both and tells them apart by colour alone), and whose long items wrap instead of ending in "…"
    (Textual's SelectionList assumes one line per item)."""

    DEFAULT_CSS = "TickList { text-wrap: wrap; text-overflow: fold; }"

    def action_select(self) -> None:
        """Space ticks the highlighted item at once (Textual ticks whichever item is highlighted when its
        message comes round, so Space then ↓ typed quickly ticked the item below)."""
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            self.toggle(self.get_option_at_index(self.highlighted))

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        selection = self.get_option_at_index(index)
        underlying = next(iter(line)).style or self.rich_style
        if offset:  # a continuation line: indent it under the text
            return Strip([Segment(" " * self._get_left_gutter_width(), underlying), *line])
        ticked = selection.value in self._selected
        component = "selection-list--button" + ("-selected" if ticked else "") + \
            ("-highlighted" if self.highlighted == index else "")
        button = self.get_component_rich_style(component) + Style(meta={"option": index})
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        return Strip([Segment(ToggleButton.BUTTON_LEFT, side), Segment("✓" if ticked else " ", button),
                      Segment(ToggleButton.BUTTON_RIGHT, side), Segment(" ", underlying), *line])


class Choice(RadioButton):
    """A radio button whose state reads without colour: ● chosen, blank not (Textual draws "●" for both)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class Check(Checkbox):
    """A checkbox whose state reads without colour: ✓ ticked, blank not (Textual draws "X" for both)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class Prose(Widget):
    """Text folded with Japanese line-breaking rules: Textual's own wrapping lets 「。」 start a line.

    Accepts a `Text` (styles kept) or a string; the widget's CSS colour applies to a string.
    """

    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.update(text)

    def update(self, text: str | Text) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.cut: tuple[int, list[Text]] | None = None  # the lines for one width (measured, then drawn)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        """The text cut into lines of at most `width` cells (wrap() may hang punctuation two cells over)."""
        if self.cut is None or self.cut[0] != width:
            self.cut = width, self._cut(width)
        return self.cut[1]

    def _cut(self, width: int) -> list[Text]:
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


class SteadyFooter(Footer):
    """Textual's Footer, rebuilt only when the keys it shows change: Textual rebuilds all its keys
    (a widget each) whenever the bindings may have changed, i.e. at every move of the focus."""

    shown: tuple | None = None  # the keys last shown: (key, label, action, enabled, tooltip) each

    def bindings_changed(self, screen: Screen) -> None:
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = tuple((key, b.description, b.action, enabled, tip)
                      for key, (_, b, enabled, tip) in screen.active_bindings.items() if b.show or key == palette)
        if shown == self.shown:
            return
        if screen.app.app_focus:  # else Textual waits for the app's focus to draw them
            self.shown = shown
        super().bindings_changed(screen)


class KeyHints(Widget):
    """A footer for a screen whose keys never change (the start screen): the same keys and labels as
    Textual's Footer, drawn as one line of text, which costs a fraction of the Footer at start-up."""

    DEFAULT_CSS = """
    KeyHints { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for node in (self.screen, self.app):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if binding.show or binding.id == "palette":
                        text.append(f" {self.app.get_key_display(binding)} ", style="bold")
                        text.append(binding.description)  # the next key's own space follows: all fit 80 columns
        return text


def key(key: str, action: str, binding_id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose footer label and tooltip come from the catalogue (`tui.key.<id>`)."""
    return Binding(key, action, binding_id, show=show, priority=priority, id=binding_id)


def label_keys(binding_id: str) -> tuple[str, str]:
    """The catalogue keys of a binding's footer label and of what it does (F1): `tui.key.<id>` and
    `tui.tip.<id>`, or the exercise's own `exercise.tui.key.<x>` and `exercise.tui.tip.<x>` for an id
    `exercise_<x>`."""
    if binding_id.startswith("exercise_"):
        return f"exercise.tui.key.{binding_id[9:]}", f"exercise.tui.tip.{binding_id[9:]}"
    return f"tui.key.{binding_id}", f"tui.tip.{binding_id}"


def relabel(node: DOMNode) -> None:
    """Give `node`'s bindings their labels in the current language (bindings are fixed at class creation)."""
    table = node._bindings.key_to_bindings
    for name, bindings in table.items():
        table[name] = [
            dataclasses.replace(b, description=t(label_keys(b.id)[0]), tooltip=t(label_keys(b.id)[1]))
            if b.id else b
            for b in bindings
        ]
