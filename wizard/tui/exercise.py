"""The exercise in the TUI: the incident screen on the exercise clock, an unmissable notice when an
inject arrives, an inbox to reread them, and a facilitator view (hidden facts, upcoming injects,
release / pause / jump).

The screen watches the incident file, so an inject released from a second terminal
(`rouei exercise inject FILE --next`) appears here within a second.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from wizard import clock
from wizard.clock import show
from wizard.domain.explain import value_label
from wizard.domain.flows import bundled
from wizard.errors import RoueiError
from wizard.exercise.check import actual
from wizard.exercise.clock import INJECT_KIND, START_KIND, ExerciseClock
from wizard.exercise.report import value_text
from wizard.exercise.run import Release, Run, speed_text
from wizard.exercise.scenario import START
from wizard.i18n import t
from wizard.tui.form import Dialog, Field, FormDialog, FormProblem, new_path
from wizard.tui.incident import IncidentScreen
from wizard.tui.session import Session
from wizard.tui.text import message, plain
from wizard.tui.widgets import Check, Prose, key

POLL_SECONDS = 1.0


def screen_for(session: Session):
    """The screen for an incident: the exercise screen for a run of a scenario, else the ordinary one."""
    if session.exercise and any(e.kind == START_KIND for e in session.incident.events):
        return ExerciseScreen(session)
    return IncidentScreen(session)


def exercise_key(keys: str, action: str, binding_id: str, *, show: bool = True) -> Binding:
    """A binding labelled from the exercise catalogue (`exercise.tui.key.<id>`)."""
    return Binding(keys, action, t(f"exercise.tui.key.{binding_id}"), id=f"exercise_{binding_id}",
                   tooltip=t(f"exercise.tui.tip.{binding_id}"), show=show)


class ExerciseScreen(IncidentScreen):
    """The incident screen of an exercise: every "now" on the exercise clock, injects as they arrive."""

    # Off the footer, so that it fits 80 columns: F4 (still in F1's list), and the facilitator's key,
    # which opens the answer key and is not for the team's eyes (the facilitator has it from the
    # start dialog, F1 and the README).
    BINDINGS = [exercise_key("ctrl+o", "inbox", "inbox"),
                exercise_key("ctrl+g", "facilitator", "facilitator", show=False),
                key("f4", "overview", "overview", show=False)]
    DEFAULT_CSS = """
    #exercise-bar { height: 1; background: $warning; color: $background; text-style: bold; padding: 0 1; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.run = Run(session.incident)
        self.seen = self._seen_before(session)
        # the real clock the session was opened with (a test's fake one under Pilot); from now on the
        # session, and once mounted the app and `clock.now()`, run on exercise time (the hand-over brief too)
        self.real_clock = self.run.real = clock.source()  # the one under `clock.now()`: not ours
        session.clock = self.exercise_now
        self._relabel_exercise()

    @staticmethod
    def _seen_before(session: Session) -> set[str]:
        """Injects this responder has seen: released by them, or before their last entry in the file
        (the others, released while they were away, get their notice when the screen opens)."""
        events, name = session.incident.events, session.responder.name
        mine = max((i for i, e in enumerate(events) if e.by == name), default=-1)
        return {str(e.data.get("inject")) for i, e in enumerate(events)
                if e.kind == INJECT_KIND and (i < mine or e.by == name)}

    def _relabel_exercise(self) -> None:
        import dataclasses

        table = self._bindings.key_to_bindings
        for name, bindings in table.items():
            table[name] = [dataclasses.replace(b, description=t(f"exercise.tui.key.{b.id[9:]}"),
                                               tooltip=t(f"exercise.tui.tip.{b.id[9:]}"))
                           if b.id and b.id.startswith("exercise_") else b for b in bindings]

    def compose(self) -> ComposeResult:
        yield Static(self.clock_text(), id="exercise-bar")
        yield from super().compose()

    async def on_mount(self) -> None:
        self.app.clock = self.exercise_now
        clock.use_clock(self.exercise_now)
        await super().on_mount()
        self.set_interval(POLL_SECONDS, self.poll)
        if not any(e.by == self.session.responder.name for e in self.session.incident.events):
            self.app.push_screen(InjectNotice(self.run, None))  # a newcomer first reads the briefing
        self.show_released()

    def on_unmount(self) -> None:
        self.app.clock = clock.now
        clock.use_clock(self.real_clock)
        super().on_unmount()

    async def relocalize(self) -> None:
        self._relabel_exercise()
        await super().relocalize()

    def exercise_now(self):
        return ExerciseClock(self.run.anchor, self.real_clock)()

    def clock_text(self) -> str:
        anchor = self.run.anchor
        state = t("exercise.clock.paused") if anchor.paused else speed_text(anchor.speed)
        return t("exercise.tui.bar", at=show(self.run.now()), state=state, count=len(self.run.released()))

    def commands(self):
        yield from super().commands()
        yield SystemCommand(t("exercise.tui.key.inbox"), t("exercise.tui.tip.inbox"), self.action_inbox)
        yield SystemCommand(t("exercise.tui.key.facilitator"), t("exercise.tui.tip.facilitator"),
                            self.action_facilitator)

    # -- the file and the clock -------------------------------------------------------------------

    async def poll(self) -> None:
        """Take in a second process's changes; release the timed injects that fell due; show new ones."""
        changed = self.session.incident.reload()
        if not self.session.read_only and self.run.due():
            self.run.release_due(self.session.responder)
            changed = True
        if changed:
            await self.refresh_state(move=False)
            self.dirty.add("timeline")
            self.show_released()
        self.query_one("#exercise-bar", Static).update(self.clock_text())

    def show_released(self) -> None:
        """An unmissable notice for each inject not seen yet, oldest first."""
        for release in self.run.released():
            if release.inject.id not in self.seen:
                self.seen.add(release.inject.id)
                self.app.bell()
                self.app.push_screen(InjectNotice(self.run, release))

    def action_inbox(self) -> None:
        self.app.push_screen(Inbox(self.run))

    def action_facilitator(self) -> None:
        self.app.push_screen(FacilitatorView(self.run, self.session), lambda _: self.run_worker(self.poll()))


def _inject_blocks(run: Run, release: Release) -> ComposeResult:
    inject = release.inject
    yield Static(message("exercise.tui.from", sender=inject.sender, at=show(release.at)), classes="exercise-meta")
    yield Prose(str(run.message(inject)), classes="exercise-message")
    for question in inject.questions:
        yield Prose(t("exercise.tui.question", text=str(question)), classes="exercise-question")


class InjectNotice(Dialog):
    """An inject as it arrives: who it is from, when, the message, the questions it raises."""

    DEFAULT_CSS = """
    InjectNotice .exercise-notice { border: thick $warning; }
    InjectNotice .dialog-title { color: $warning; }
    .exercise-meta { color: $text-muted; }
    .exercise-heading { text-style: bold; margin-top: 1; }
    .exercise-question { margin-top: 1; }
    """

    def __init__(self, run: Run, release: Release | None) -> None:
        """`release` None: the briefing the team gets at the start."""
        super().__init__()
        self.run, self.release = run, release

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)

    def body(self) -> ComposeResult:
        run = self.run
        with Vertical(classes="dialog exercise-notice"):
            if self.release is None:
                yield Static(message("exercise.tui.briefing", title=run.scenario.title), classes="dialog-title")
            else:
                yield Static(message("exercise.tui.notice", title=self.release.inject.title), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                if self.release is None:
                    yield Prose(str(run.scenario.setting), classes="exercise-meta")
                    yield Prose(str(run.scenario.message_for(START, run.seed)), classes="exercise-message")
                else:
                    yield from _inject_blocks(run, self.release)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ok"), id="ok", variant="primary")


class Inbox(Dialog):
    """Every inject received so far, newest first, to reread."""

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run

    def body(self) -> ComposeResult:
        released = self.run.released()
        with Vertical(classes="dialog"):
            yield Static(t("exercise.tui.inbox", count=len(released)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Prose(str(self.run.scenario.message_for(START, self.run.seed)), classes="exercise-message")
                for release in reversed(released):
                    yield Static(plain(release.inject.title), classes="exercise-heading")
                    yield from _inject_blocks(self.run, release)
                if not released:
                    yield Static(t("exercise.tui.inbox_empty"))


class FacilitatorView(Dialog):
    """For the facilitator: the clock, what the team should conclude now, the facts still hidden, the
    injects to come; release the next, pause or resume, jump 30 minutes."""

    BINDINGS = [exercise_key("n", "release", "release"), exercise_key("p", "pause", "pause"),
                exercise_key("j", "jump", "jump"), exercise_key("r", "report", "report")]

    def __init__(self, run: Run, session: Session) -> None:
        super().__init__()
        self.run, self.session = run, session
        ExerciseScreen._relabel_exercise(self)

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("exercise.tui.facilitator"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="facilitator-body"):
                yield from self.lines()

    def lines(self) -> ComposeResult:
        run = self.run
        anchor = run.anchor
        state = t("exercise.clock.paused") if anchor.paused else speed_text(anchor.speed)
        yield Static(t("exercise.tui.clock", at=show(run.now()), state=state), classes="exercise-heading")
        stages = run.scenario.stages(run.seed)
        done = {START} | {r.inject.id for r in run.released()}
        current = [s for s in stages if s.id in done][-1]
        yield Static(t("exercise.tui.expected"), classes="exercise-heading")
        det = self.session.determination()
        team = actual(current.expect, det.to_json()) if det is not None else {}
        for name in current.expect.keys():
            yield Static(t("exercise.tui.answer", key=t(f"exercise.key.{name}"),
                           expected=value_text(name, getattr(current.expect, name)),
                           team=value_text(name, team.get(name))))
        if current.expect.why:
            yield Prose(str(current.expect.why), classes="exercise-meta")
        yield Static(t("exercise.tui.hidden"), classes="exercise-heading")
        known, hidden = current.raw_facts, []
        for stage in (s for s in stages if s.id not in done):
            for fact in (k for k, v in stage.raw_facts.items() if known.get(k) != v):
                value = value_label(bundled(), fact, getattr(stage.facts(stage.id), fact))
                hidden.append(f"  {t(f'fact.{fact}')}: {value}  ← {run.scenario.inject(stage.id).title}")
            known = stage.raw_facts
        for line in hidden or [t("exercise.tui.none_hidden")]:
            yield Static(plain(line))
        yield Static(t("exercise.tui.upcoming"), classes="exercise-heading")
        for inject in run.upcoming():
            at = run.scenario.due_at(inject)
            yield Static(plain(f"  {show(at) if at else t('exercise.guide.manual')}  {inject.title}"))
        if not run.upcoming():
            yield Static(t("exercise.tui.none_left"))

    async def relocalize(self) -> None:
        ExerciseScreen._relabel_exercise(self)
        await self.recompose()

    async def redraw(self) -> None:
        body = self.query_one("#facilitator-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(list(self.lines()))

    async def _move(self, move) -> None:
        if self.session.read_only:
            self.notify(t("tui.read_only_notice"), severity="warning")
            return
        try:
            move()
        except RoueiError as exc:
            self.notify(str(plain(exc)), severity="warning", markup=False)
        await self.redraw()

    async def action_release(self) -> None:
        await self._move(lambda: self.run.release(None, self.session.responder))

    async def action_pause(self) -> None:
        await self._move(lambda: self.run.move_clock(pause=not self.run.anchor.paused, who=self.session.responder))

    async def action_jump(self) -> None:
        await self._move(lambda: self.run.move_clock(advance=30, who=self.session.responder))

    def action_report(self) -> None:
        self.app.push_screen(ReportDialog(self.run))


class ReportDialog(Dialog):
    """The after-action report of this team so far, as `rouei exercise report` writes it."""

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run

    def body(self) -> ComposeResult:
        from wizard.exercise.report import after_action
        from wizard.exercise.score import score

        doc = after_action([self.run], [score(self.run)])
        with Vertical(classes="dialog"):
            yield Static(plain(f"{t('export.exercise.mark')}: {doc.title}"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for section in doc.sections:
                    yield Static(plain(section.title), classes="exercise-heading")
                    for block in section.blocks:
                        yield from _block(block)


def _block(block) -> ComposeResult:
    """A block of an export document as widgets: a table as a table, lists and paragraphs as text."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from wizard.exports.model import Fields, Items, Para, Table

    if isinstance(block, Table):
        table = RichTable(*block.head, show_edge=False, pad_edge=False, expand=True)
        for row in block.rows:
            table.add_row(*(Text(cell) for cell in row))  # a cell is no markup (the document is clean)
        yield Static(table)
    elif isinstance(block, Items):
        for item in block.rows:
            yield Prose(f"・{item.text}")
            for line in item.detail:
                yield Prose(f"    {line}", classes="exercise-meta")
    elif isinstance(block, Fields):
        for field in block.rows:
            yield Prose(f"{field.label}: {field.value}")
    elif isinstance(block, Para):
        yield Prose(block.text, classes="exercise-meta" if block.note else "")


def default_exercise_path(now) -> Path:
    """exercise-20261120-1005.toml, named by the time in Japan like a new incident."""
    return Path.cwd() / f"exercise-{clock.in_jst(now):%Y%m%d-%H%M}.toml"


class StartExerciseDialog(FormDialog):
    """A tabletop exercise from the start screen: the scenario, where to save the run, and whether the
    exercise clock runs by itself; returns (path, scenario id, manual)."""

    TITLE, LEAD, OK = "exercise.form.title", "exercise.form.lead", "exercise.form.start"
    COMPACT = True
    DEFAULT_CSS = "StartExerciseDialog #scenarios { height: auto; max-height: 6; }"

    def fields(self) -> list[Field]:
        return [Field("path", "exercise.form.path", value=str(default_exercise_path(self.app.clock())))]

    def extra(self) -> ComposeResult:
        from wizard.exercise.scenario import bundled_scenarios

        yield Check(t("exercise.form.manual"), id="manual", compact=True)
        options = [Option(message("exercise.form.scenario_line", title=s.title, speed=speed_text(s.speed)), id=s.id)
                   for s in bundled_scenarios()]
        yield OptionList(*options, id="scenarios")

    def on_mount(self) -> None:
        listing = self.query_one("#scenarios", OptionList)
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#scenarios")
    def _picked(self, _event) -> None:
        self._ok()  # Enter on a scenario starts it

    def submit(self) -> tuple[Path, str, bool]:
        path = new_path(self, "path", default_exercise_path(self.app.clock()))
        listing = self.query_one("#scenarios", OptionList)
        if listing.highlighted is None:
            raise FormProblem(t("exercise.form.no_scenario"))
        scenario = listing.get_option_at_index(listing.highlighted).id
        return path, scenario, self.query_one("#manual", Check).value
