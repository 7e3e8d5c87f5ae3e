"""A blind run in the TUI: the team's screens hide rouei's determination (the live panel, the
determination, deadlines, contacts and estimates tabs, the checklist items that only a duty brings, the
export of documents that state it) until the team
has recorded its own call on each decision at the current stage (`wizard.exercise.calls`), and again
after each inject. Ctrl+R opens the calls; each choice is saved the moment it is made.
"""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from wizard.errors import RoueiError
from wizard.exercise import calls
from wizard.exercise.scenario import START
from wizard.i18n import t
from wizard.tui.determination import DeadlinesView, DeterminationView, LivePanel, LiveStrip
from wizard.tui.estimate import EstimateView
from wizard.tui.export import ExportView
from wizard.tui.form import Dialog
from wizard.tui.widgets import Choice, Prose

HIDDEN_TABS = ("determination", "deadlines", "contacts", "estimate", "export")


def _left(run) -> str:
    return t("explain.list_sep").join(t(f"exercise.short.{key}") for key in calls.missing(run))


class BlindScreen:
    """Mixed into the exercise screen (before the incident screen): what shows while the team has not
    called every decision yet. Expects `self.run`, `self.session`, `self.det`, `self.dirty`."""

    @property
    def hiding(self) -> bool:
        return calls.hidden(self.run)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "call":
            return self.run.blind  # the key shows only in a blind run
        return super().check_action(action, parameters)

    async def refresh_state(self, *, move: bool) -> None:
        await super().refresh_state(move=move)
        self.show_hidden()

    def tick_clock(self) -> None:
        if self.hiding:
            self.show_hidden()
        else:
            super().tick_clock()

    def show_hidden(self) -> None:
        if not self.hiding:
            return
        left = _left(self.run)
        self.query_one("#live", LivePanel).update(Text.assemble(
            (t("tui.live.title"), "bold underline"), "\n", (t("exercise.blind.panel", left=left), "italic")))
        self.query_one("#live-strip", LiveStrip).update(Text(t("exercise.blind.strip", left=left), style="italic"))

    def withheld(self) -> str | None:
        return t("exercise.blind.tab", left=_left(self.run)) if self.hiding else None

    def refresh_tab(self, tab: str | None) -> None:
        if tab == "export":  # its documents hold the determination: shut, or open again once called
            self.query_one("#export-view", ExportView).hide(self.withheld())
        if not (self.hiding and tab in HIDDEN_TABS):
            super().refresh_tab(tab)
            return
        if tab not in self.dirty or tab == "export":
            return
        self.dirty.discard(tab)
        text = t("exercise.blind.tab", left=_left(self.run))
        if tab == "estimate":
            self.query_one("#estimate-view", EstimateView).hide(text)
            return
        if tab == "contacts":
            listing = self.query_one("#contacts-list", OptionList)
            listing.clear_options()
            listing.add_option(Option(text, disabled=True))
            return
        view = self.query_one("#determination-view" if tab == "determination" else "#deadlines-view",
                              DeterminationView if tab == "determination" else DeadlinesView)
        view.remove_children()
        view.mount(Prose(text))

    def show_checklist(self) -> None:
        """While hidden, the checklist leaves out what only a duty to report or notify brings."""
        if not self.hiding or self.det is None:
            super().show_checklist()
            return
        full = self.det
        self.det = dataclasses.replace(full, checklist=tuple((i, s) for i, s in full.checklist if i.requires is None))
        try:
            super().show_checklist()
        finally:
            self.det = full

    def action_call(self) -> None:
        if not self.run.blind:
            return
        if self.session.read_only:
            self.notify(t("tui.read_only_notice"), severity="warning")
            return
        self.app.push_screen(CallDialog(self.run, self.session.responder), self._called)

    async def _called(self, _result) -> None:
        self.dirty |= set(HIDDEN_TABS) | {"checklist", "timeline"}
        await self.refresh_state(move=False)
        if not self.hiding:
            self.notify(t("exercise.blind.revealed"))


class CallDialog(Dialog):
    """The team's own call on each decision at the current stage; each choice is saved at once."""

    DEFAULT_CSS = """
    CallDialog RadioSet { width: 100%; height: auto; }
    CallDialog RadioSet.across { layout: horizontal; }
    CallDialog Label { margin-top: 1; text-style: bold; }
    """

    def __init__(self, run, who) -> None:
        super().__init__()
        self.run, self.who = run, who

    def body(self) -> ComposeResult:
        stage = calls.current_stage(self.run)
        title = t("exercise.guide.at_start") if stage == START else t(
            "exercise.report.when_after", title=str(self.run.scenario.inject(stage).title))
        made = calls.stage_calls(self.run.incident.events, stage)
        with Vertical(classes="dialog"):
            yield Static(t("exercise.blind.title", stage=title), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Prose(t("exercise.blind.lead"), classes="dialog-lead")
                for key in calls.CALLS:
                    yield Label(t(f"exercise.blind.ask.{key}"))
                    chosen = made[key].value if key in made else ()
                    with RadioSet(id=f"call-{key}", classes="across" if len(calls.CHOICES[key]) < 4 else ""):
                        for n, value in enumerate(calls.CHOICES[key]):
                            yield Choice(calls.choice_text(key, value), value=calls.value_of(value) == chosen,
                                         name=str(n))
            yield Static(self.status(), id="call-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.key.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#call-{calls.CALLS[0]}", RadioSet).focus()

    def status(self) -> str:
        left = _left(self.run)
        return t("exercise.blind.left", left=left) if left else t("exercise.blind.all_made")

    @on(RadioSet.Changed)
    def _chosen(self, event: RadioSet.Changed) -> None:
        key = str(event.radio_set.id).removeprefix("call-")
        value = calls.CHOICES[key][int(event.pressed.name)]
        made = calls.stage_calls(self.run.incident.events, calls.current_stage(self.run)).get(key)
        if made is not None and made.value == calls.value_of(value):
            return  # as it was shown
        try:
            calls.record(self.run, key, value, self.who)
        except RoueiError as exc:
            self.notify(str(exc), severity="error")
            return
        self.query_one("#call-status", Static).update(self.status())

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
