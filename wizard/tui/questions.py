"""The question flow: one question at a time, with its help text and the rules it feeds.

「分からない」 is always offered. Inputs are checked on the spot, with the message beside the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, ProgressBar, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from wizard import clock
from wizard.domain.explain import value_label
from wizard.domain.words import moment
from wizard.domain.facts import normalise, parse_cli_value, read_aware_at
from wizard.domain.flows import Flows, Question
from wizard.domain.vocabulary import FACTS, UNKNOWN
from wizard.domain.walk import Answer
from wizard.errors import RoueiError
from wizard.i18n import pick, t
from wizard.tui.widgets import JInput, Prose, TickList

UNKNOWN_ID = "__unknown__"
UNKNOWN_WORDS = {UNKNOWN, "分からない", "わからない", "不明", "?"}  # typed in a field: the 分からない button


def rule_names(flows: Flows, question: Question) -> str:
    """The citations of the rules a question feeds, e.g. 「施行規則7条1号・GDPR 33条1項」."""
    by_id = {r.id: r for group in (flows.tracks, flows.triggers, flows.clocks, flows.routes) for r in group}
    names = []
    for rid in question.rules:
        rule = by_id.get(rid)
        citation = getattr(rule, "citation", None)
        if citation is not None and pick(citation) not in names:
            names.append(pick(citation))
    return " / ".join(names)


# The fields of a question hold the keys typed after the one that gives the answer (the app's
# hold_keys): the screen hands them on once the next question is up, or the answer is refused.

def same(a: Any, b: Any) -> bool:
    """Whether two answers are the same value (True is not 1; a list of kinds in any order, its
    分からない stored as ["unknown"])."""
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        a, b = ((UNKNOWN,) if x is None else x for x in (a, b))
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and sorted(a) == sorted(b)
    return type(a) is type(b) and a == b


class Paged:
    """A field of a question leaves PgUp/PgDn to the screen (the previous/next question)."""

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return action not in ("page_up", "page_down") and super().check_action(action, parameters)


class ChoiceList(Paged, OptionList):
    """The choices of a question: Enter answers with the highlighted one."""

    def action_select(self) -> None:
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            self.app.hold_keys()  # as OptionList posts OptionSelected
        super().action_select()


class AnswerList(Paged, TickList):
    """The multi-select list of a question: Space ticks, Enter moves on with what is ticked."""

    BINDINGS = [Binding("enter", "confirm", show=False)]

    class Confirmed(Message):
        pass

    def action_confirm(self) -> None:
        self.app.hold_keys()
        self.post_message(self.Confirmed())


class AnswerInput(Paged, JInput):
    """The text field of a question: Enter answers with what is typed."""


class AnswerButton(Button):
    """決定, 該当なし and 分からない."""

    def press(self) -> AnswerButton:
        if not self.disabled and self.display:
            self.app.hold_keys()  # as Button posts Pressed
        return super().press()

    def action_press(self) -> None:
        self.press()  # every Enter: Textual drops one within 0.2 s of the last press (its click effect)


@dataclass(frozen=True)
class Position:
    """Where a question stands on the current path: its number, the path's length, and whether that
    length can still change (questions ahead are unanswered)."""

    number: int
    total: int
    answered: int
    settled: bool

    def label(self) -> str:
        return t("tui.q.progress" if self.settled else "tui.q.progress_about", n=self.number, total=self.total)


class QuestionView(Vertical):
    """Shows the question of the moment and posts `Answered` with the fact's new value (None =
    「分からない」). It stays on the screen from one question to the next: `show()` puts the next one's
    texts in place, shows the buttons of its kind and swaps only its field (a list of choices takes the
    next question's choices): much less for Textual to build than a new view."""

    class Answered(Message):
        def __init__(self, question: Question, value: Any) -> None:
            super().__init__()
            self.question = question
            self.value = value

    def __init__(self, flows: Flows) -> None:
        super().__init__()
        self.flows = flows
        self.question: Question | None = None
        self.answer: Answer | None = None
        self.time_given = True  # whether the last typed date-time had a time of day

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-progress"):
            yield Label(id="progress-label")
            # a total from the start: without one, Textual's bar is "indeterminate" (animated) until show()
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress-bar")
        yield Prose(id="question-text")
        with VerticalScroll(id="question-help-box"):
            yield Prose(id="question-help")
            yield Prose(id="question-rules")
        yield Prose(id="question-current")
        # the field of the question's kind goes here
        yield Static(id="multi-hint")
        yield Static(id="field-reading")
        with Horizontal(id="answer-buttons", classes="answer-buttons"):
            yield AnswerButton(t("tui.q.confirm"), id="confirm", variant="primary", compact=True)
            yield AnswerButton(t("value.none_selected"), id="none", compact=True)
            yield Button(t("tui.q.now"), id="now", compact=True)
            yield AnswerButton(t("value.unknown"), id="unknown", compact=True)
        yield Static("", id="field-error", classes="field-error")

    async def show(self, question: Question, answer: Answer | None, position: Position, note: str | None = None) -> None:
        """Show `question` (with `answer`, the one given before, if any) in place of the one shown; `note`
        (what the profile says about it) in the place of the current answer, which it names."""
        before = self.question
        self.question, self.answer, self.time_given = question, answer, True
        kind = question.kind
        self.query_one("#progress-label", Label).update(position.label())
        self.query_one("#progress-bar", ProgressBar).update(total=position.total, progress=position.answered)
        self.query_one("#question-text", Prose).update(pick(question.text))
        self.query_one("#question-help", Prose).update(pick(question.help))
        rules = rule_names(self.flows, question)
        self.query_one("#question-rules", Prose).update(t("tui.q.rules", rules=rules) if rules else "")
        self.query_one("#question-rules").display = bool(rules)
        current = self.query_one("#question-current", Prose)
        current.update(note or (t("tui.q.current", value=self.current_label()) if answer is not None else ""))
        current.set_class(bool(note), "from-profile")
        current.display = bool(note) or answer is not None
        self.query_one("#question-help-box", VerticalScroll).scroll_home(animate=False)
        hint = self.query_one("#multi-hint", Static)
        hint.update(t("tui.q.multi_hint", count=len(question.choices)) if kind == "multi" else "")
        hint.display = kind == "multi"
        reading = self.query_one("#field-reading", Static)
        reading.update("")
        reading.display = kind in ("datetime", "count")
        self.query_one("#answer-buttons").display = kind != "choice"
        self.query_one("#none").display = kind == "multi"
        self.query_one("#now").display = kind == "datetime"
        self.error("")
        if kind == "choice" and before is not None and before.kind == "choice":
            self.query_one("#choices", ChoiceList).set_options(self.choices()).highlighted = self.current_index()
            return
        if self.has_focus_within:
            self.screen.set_focus(None)  # else Textual hands the focus to the tab bar, restyled on the way
        await self.query(".field").remove()
        await self.mount(self.field(), before="#multi-hint")
        if kind == "choice":
            self.query_one("#choices", ChoiceList).highlighted = self.current_index()

    def focus_field(self) -> None:
        """Focus the text field, the choices or the list of kinds (none while `show()` swaps them)."""
        for field in self.query(".field"):
            field.focus()

    def current_index(self) -> int:
        """The choice to highlight: the current answer (Enter keeps it), else the first."""
        if self.answer is None:
            return 0
        if self.answer.value is None:
            return len(self.question.choices)  # 分からない, after the choices
        return next((i for i, c in enumerate(self.question.choices) if same(c.value, self.answer.value)), 0)

    def current_label(self) -> str:
        return value_label(self.flows, self.question.fact, self.answer.value if self.answer else None, self.question)

    # -- fields by kind ---------------------------------------------------------------------------

    def choices(self) -> list[Option]:
        options = [Option(pick(c.label), id=str(i)) for i, c in enumerate(self.question.choices)]
        return options + [Option(t("value.unknown"), id=UNKNOWN_ID)]

    def field(self) -> Widget:
        """The widget to answer with (class `field`, swapped from one question to the next)."""
        q = self.question
        if q.kind == "choice":
            return ChoiceList(*self.choices(), id="choices", markup=False, classes="field")
        if q.kind == "multi":
            current = set(self.answer.value or ()) if self.answer else set()
            selections = []
            for i, c in enumerate(q.choices):
                tag = f"[{t(f'tui.group.{c.group}')}] " if c.group and c.group != "basic" else ""
                label = tag + pick(c.label) + (f" — {pick(c.examples)}" if c.examples else "")
                selections.append(Selection(Text(label), str(i), c.value in current))
            return AnswerList(*selections, id="multi", classes="field")
        value = ""
        if self.answer is not None and self.answer.value is not None:
            value = f"{clock.in_jst(self.answer.value):%Y-%m-%d %H:%M}" if q.kind == "datetime" \
                else str(self.answer.value)
        hint = t("tui.q.datetime_hint") if q.kind == "datetime" else t("tui.q.count_hint")
        return AnswerInput(value, placeholder=hint, id="answer-input", classes="field", holds_keys=True)

    def error(self, message: str) -> None:
        self.query_one("#field-error", Static).update(message)

    def ticked(self) -> list[str]:
        """The values of the kinds ticked in a list."""
        return [self.question.choices[int(i)].value for i in self.query_one("#multi", SelectionList).selected]

    def give(self, value: Any) -> None:
        """Answer (the screen saves it, then hands on the keys typed after it to the next question)."""
        self.post_message(self.Answered(self.question, value))

    def refuse(self, message: str, focus: Widget | None = None) -> None:
        """Say beside the field why this is no answer; the keys typed after it come back here."""
        self.error(message)
        if focus is not None:
            focus.focus()
        self.app.release_keys()

    # -- answering --------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.give(None if event.option.id == UNKNOWN_ID else self.question.choices[int(event.option.id)].value)

    @on(Button.Pressed, "#unknown")
    def _unknown(self, event: Button.Pressed) -> None:
        """分からない; in a list with kinds ticked: these kinds, and maybe more (they are kept)."""
        event.stop()
        if FACTS[self.question.fact].required:
            self.refuse(t("facts.error.required_unknown", key=t(f"fact.{self.question.fact}")))
        elif self.question.kind == "multi" and self.ticked():
            self.give(tuple(sorted((*self.ticked(), UNKNOWN))))
        else:
            self.give(None)

    @on(Button.Pressed, "#none")
    def _none(self, event: Button.Pressed) -> None:
        event.stop()
        self.give(())

    @on(Button.Pressed, "#now")
    def _now(self, event: Button.Pressed) -> None:
        """Fill in the current time in Japan (whatever the machine's zone); Enter then records it."""
        event.stop()
        field = self.query_one("#answer-input", AnswerInput)
        field.value = clock.show(self.app.clock())
        field.focus()

    @on(AnswerList.Confirmed)
    def _list_confirmed(self, event: AnswerList.Confirmed) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#confirm")
    def _confirm(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(AnswerInput.Submitted, "#answer-input")
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        self.submit()

    @on(AnswerInput.Changed, "#answer-input")
    def _changed(self, event: AnswerInput.Changed) -> None:
        """Check as the user types; say what is wrong beside the field, but only once there is text."""
        event.stop()
        value, problem = self.parse(event.value) if event.value.strip() else (None, "")
        self.error(problem)
        reading = "" if problem or not event.value.strip() else \
            t("tui.q.read_unknown") if value is None else self.reading(value)
        self.query_one("#field-reading", Static).update(reading)

    def reading(self, value: Any) -> str:
        """How the typed text was read, before it is saved: the time in JST (and in the machine's zone
        when that differs), a date alone as the start of the day, a count with separators."""
        if self.question.kind != "datetime":
            return t("tui.q.read_count", value=f"{value:,}")
        text = t("tui.q.read_time", value=moment(value))
        zone = clock.machine_zone(value)
        if zone:
            text += t("tui.q.machine_time", value=f"{value.astimezone():%m/%d %H:%M}", zone=zone)
        if not self.time_given:
            text += "\n" + t("tui.q.start_of_day")
        return text

    def parse(self, text: str) -> tuple[Any, str]:
        """(the typed value, "") or (None, what is wrong with it)."""
        spec = FACTS[self.question.fact]
        if normalise(text).lower() in UNKNOWN_WORDS:  # typed instead of pressing 分からない
            return None, t("facts.error.required_unknown", key=t(f"fact.{spec.key}")) if spec.required else ""
        try:
            if spec.kind == "datetime":
                reading = read_aware_at(text, spec.key)
                self.time_given = reading.time_given
                return reading.value, ""
            return parse_cli_value(spec, text), ""
        except RoueiError as exc:
            return None, str(exc) if exc.key != "facts.error.bad_value" else t(f"tui.q.invalid_{self.question.kind}")

    def submit(self) -> None:
        """Answer with what is selected or typed (Enter, PgDn and the confirm button)."""
        q = self.question
        if q.kind == "choice":
            self.query_one("#choices", ChoiceList).action_select()
            return
        self.app.hold_keys()
        if q.kind == "multi":
            picked = self.ticked()
            current = tuple(self.answer.value or ()) if self.answer is not None else None
            if current is not None and UNKNOWN in current and same(picked, [v for v in current if v != UNKNOWN]):
                self.give(current)  # these and maybe more, ticks untouched: Enter keeps it so
                return
            if not picked and self.answer is not None and same(self.answer.value, ()):
                self.give(())  # 該当なし already: Enter keeps it
                return
            if not picked:  # the focus goes on to the cautious 分からない (a stray Enter must not say "none")
                self.refuse(t("tui.q.pick_or_none"), self.query_one("#unknown", Button))
                return
            self.give(tuple(sorted(picked)))
            return
        text = self.query_one("#answer-input", AnswerInput).value
        value, problem = self.parse(text) if text.strip() else (None, t("tui.q.empty"))
        if problem:
            self.refuse(problem)
        else:
            self.give(value)  # None: 分からない typed
