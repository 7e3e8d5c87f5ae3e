"""Modal dialogs of the incident screen: question overview, note, lock warning."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from wizard.domain.explain import value_label
from wizard.domain.words import moment
from wizard.domain.flows import Flows
from wizard.domain.walk import Answer, walk
from wizard.i18n import pick, t
from wizard.tui.form import Dialog, Field, FormDialog, screened


class OverviewDialog(Dialog):
    """Every question on the current path with its answer; Enter jumps to it."""

    def __init__(self, flows: Flows, answers: dict[str, Answer]) -> None:
        super().__init__()
        self.flows = flows
        self.answers = answers

    def body(self) -> ComposeResult:
        options = []
        for i, step in enumerate(walk(self.flows, self.answers, to_end=True), start=1):
            q = step.question
            value = value_label(self.flows, q.fact, step.answer.value, q) if step.answered \
                else t("tui.overview.unanswered")
            options.append(Option(f"{i:>2}. {pick(q.text)}\n    → {value}", id=q.id))
        with Vertical(classes="dialog"):
            yield Static(t("tui.overview.title"), classes="dialog-title")
            yield OptionList(*options, id="overview", markup=False)

    @on(OptionList.OptionSelected, "#overview")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class NoteDialog(FormDialog):
    """A free-text note for the history; checked for personal data before it is saved."""

    TITLE, LEAD, OK = "tui.note.title", "tui.note.lead", "tui.note.save"

    def fields(self) -> list[Field]:
        return [Field("note-text")]

    def submit(self) -> str | None:
        return screened(self, "note-text", "note") or None


class LockDialog(Dialog):
    """Someone else has the file open: say who and since when; read only, take over, or cancel."""

    def __init__(self, held: Any) -> None:
        super().__init__()
        self.held = held

    def body(self) -> ComposeResult:
        holder = self.held.holder
        with Vertical(classes="dialog"):
            yield Static(t("tui.lock.title"), classes="dialog-title")
            yield Static(str(self.held) if holder is None else
                         t("tui.lock.body", name=holder.name, host=holder.host, pid=holder.pid,
                           since=moment(holder.since)), classes="dialog-lead", markup=False)
            if self.held.stale:
                yield Static(t("tui.lock.stale"), classes="dialog-lead")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.lock.read_only"), id="read_only", variant="primary")
                yield Button(t("tui.lock.take_over"), id="take_over", variant="warning")
                yield Button(t("tui.cancel"), id="cancel")

    @on(Button.Pressed)
    def _choice(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
