"""The shared bases of rouei's dialogs: a modal `Dialog`, and a `FormDialog` of labelled fields with a
line for problems and OK / Cancel (every form of the TUI builds on these)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from wizard.i18n import t
from wizard.tui.widgets import JInput, SteadyFooter, key, relabel


class Dialog(ModalScreen):
    """A modal dialog: Escape cancels, the footer shows its keys in the current language.

    Subclasses compose their body in `body()`.
    """

    BINDINGS = [key("escape", "cancel", "cancel")]

    def __init__(self) -> None:
        super().__init__()
        relabel(self)

    def compose(self) -> ComposeResult:
        yield from self.body()
        yield SteadyFooter()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close the dialog, once: keys typed quickly after Enter can submit it twice, and Textual's
        dismiss closes whichever screen is on top, the second time the one under the dialog."""
        if self is not self.app.screen:
            return AwaitComplete.nothing()
        return super().dismiss(result)


@dataclass(frozen=True)
class Field:
    id: str
    label: str = ""  # message keys
    hint: str = ""
    value: str = ""


class FormProblem(Exception):
    """What is wrong with the form, said beside it; `field` gets the focus."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FormDialog(Dialog):
    """A title, a lead, labelled text fields, a line for problems, and OK / Cancel.

    Subclasses give `TITLE`, `LEAD`, `OK` (message keys) and `fields()`, and `submit()` returns the
    result or raises `FormProblem`.
    """

    TITLE = ""
    LEAD = ""
    OK = "tui.ok"
    COMPACT = False  # one-line fields, so a form of several fields keeps its buttons on screen at 80x24
    ENTER_MOVES_ON = False  # Enter in a field goes on to the next one (and only on OK submits)

    def fields(self) -> list[Field]:
        return []

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t(self.TITLE), classes="dialog-title")
            if self.LEAD:
                yield Static(t(self.LEAD), classes="dialog-lead")
            for field in self.fields():
                if field.label:
                    yield Label(t(field.label))
                yield JInput(field.value, placeholder=t(field.hint) if field.hint else "", id=field.id,
                             compact=self.COMPACT, holds_keys=True)
            yield from self.extra()
            yield Static("", id="form-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(self.OK), id="ok", variant="primary")
                yield from self.extra_buttons()
                yield Button(t("tui.cancel"), id="cancel")

    def extra(self) -> ComposeResult:
        """Widgets between the fields and the buttons."""
        yield from ()

    def extra_buttons(self) -> ComposeResult:
        yield from ()

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", JInput).value.strip()

    def submit(self):
        raise NotImplementedError

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(JInput.Submitted)
    def _entered(self) -> None:
        """Enter in a field: the form is done, or (`ENTER_MOVES_ON`) on to what comes next, the form done
        only when that is OK; the keys typed after Enter go there."""
        if self.ENTER_MOVES_ON and self.focus_next() is not self.query_one("#ok"):
            self.app.release_keys()
            return
        self._ok()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        """Close with the result, or say what is wrong; the keys typed after Enter go on to the screen
        under the dialog, or back to the form."""
        try:
            self.dismiss(self.submit())
        except FormProblem as problem:
            self.query_one("#form-error", Static).update(str(problem))
            if problem.field:
                self.query_one(f"#{problem.field}", JInput).focus()
        finally:
            self.app.release_keys()


def screened(dialog: FormDialog, field: str, kind: str) -> str:
    """A field's text through the personal-data guard; what it finds is refused, and the field offers
    the masked text instead."""
    from wizard.store.guard import PersonalDataFound, screen

    try:
        return screen(dialog.value(field), kind)
    except PersonalDataFound as found:
        dialog.query_one(f"#{field}", JInput).value = found.masked
        raise FormProblem(str(found), field) from None


def new_path(dialog: FormDialog, field: str, default: Path) -> Path:
    """Where a new file is to be written, from a field (empty: `default`): refused when it exists or
    its folder does not."""
    raw = dialog.value(field)
    path = Path(raw).expanduser() if raw else default
    if path.exists():
        raise FormProblem(t("tui.new.exists", path=str(path)), field)
    if not path.parent.is_dir():
        raise FormProblem(t("tui.new.no_folder", folder=str(path.parent)), field)
    return path
