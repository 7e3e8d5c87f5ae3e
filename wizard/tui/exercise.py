"""The exercise in the TUI: the incident screen on the exercise clock, the opening situation read out
at the start (and on Ctrl+T), an unmissable notice when an inject arrives, an inbox to reread them, a
blind run's hidden determination (`wizard.tui.blind`), and a facilitator view (hidden facts, upcoming
injects, release / pause / jump, the room view) that follows the clock live.

The screen watches the incident file, so an inject released from a second terminal
(`rouei exercise inject FILE --next`) appears here within a second; one released here, from the
facilitator view, or by the timer takes the same way to the same notice.
"""

from __future__ import annotations

import asyncio
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
from wizard.exercise import calls
from wizard.exercise.check import NOT_YET, actual
from wizard.exercise.clock import INJECT_KIND, START_KIND, ExerciseClock
from wizard.exercise.report import value_text
from wizard.exercise.run import Release, Run, speed_text
from wizard.exercise.scenario import START
from wizard.i18n import t
from wizard.tui.blind import BlindScreen
from wizard.tui.incident import IncidentScreen
from wizard.tui.session import Session
from wizard.tui.form import Dialog, Field, FormDialog, FormProblem, new_path
from wizard.tui.widgets import Check, Prose, key

POLL_SECONDS = 1.0


def screen_for(session: Session):
    """The screen for an incident: the exercise screen for a run of a scenario, else the ordinary one."""
    if session.exercise and any(e.kind == START_KIND for e in session.incident.events):
        return ExerciseScreen(session)
    return IncidentScreen(session)


def leave(screen) -> None:
    """Close a screen opened from another, or end the app it is the only screen of (watch, replay)."""
    if len(screen.app.screen_stack) > 1:
        screen.app.pop_screen()
    else:
        screen.app.exit(0)


def exercise_key(keys: str, action: str, binding_id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding labelled from the exercise catalogue (`exercise.tui.key.<id>`)."""
    return Binding(keys, action, t(f"exercise.tui.key.{binding_id}"), id=f"exercise_{binding_id}",
                   tooltip=t(f"exercise.tui.tip.{binding_id}"), show=show, priority=priority)


class ExerciseScreen(BlindScreen, IncidentScreen):
    """The incident screen of an exercise: every "now" on the exercise clock, injects as they arrive."""

    # Off the footer, so that it fits 80 columns: F4 and the briefing (still in F1's list), and the
    # facilitator's key, which opens the answer key and is not for the team's eyes (the facilitator
    # has it from the start dialog, F1 and the README). A blind run shows its call key.
    BINDINGS = [exercise_key("ctrl+o", "inbox", "inbox"),
                exercise_key("ctrl+r", "call", "call", show=False),
                exercise_key("ctrl+t", "briefing", "briefing", show=False),
                exercise_key("ctrl+g", "facilitator", "facilitator", show=False),
                key("f4", "overview", "overview", show=False)]
    DEFAULT_CSS = """
    #exercise-bar { height: 1; background: $warning; color: $background; text-style: bold; padding: 0 1; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.run = Run(session.incident)
        self.seen = self._seen_before(session)
        self.drawn: tuple[str, ...] = ()  # the file's heads the screen last showed
        self.refreshing = asyncio.Lock()  # the poll, an answer and a dialog's result refresh one at a time
        # the real clock the session was opened with (a test's fake one under Pilot); from now on the
        # session, and once mounted the app and `clock.now()`, run on exercise time (the hand-over brief too)
        self.real_clock = self.run.real = clock.source()  # the one under `clock.now()`: not ours
        session.clock = self.exercise_now

    @staticmethod
    def _seen_before(session: Session) -> set[str]:
        """Injects this responder has seen: released by them, or before their last entry in the file
        (the others, released while they were away, get their notice when the screen opens)."""
        events, name = session.incident.events, session.responder.name
        mine = max((i for i, e in enumerate(events) if e.by == name), default=-1)
        return {str(e.data.get("inject")) for i, e in enumerate(events)
                if e.kind == INJECT_KIND and (i < mine or e.by == name)}

    def compose(self) -> ComposeResult:
        yield Static(self.clock_text(), id="exercise-bar")
        yield from super().compose()

    async def on_mount(self) -> None:
        self.app.clock = self.exercise_now
        clock.use_clock(self.exercise_now)
        await super().on_mount()
        self.drawn = self.session.incident.heads
        self.set_interval(POLL_SECONDS, self.poll)
        if self._new_to_run():
            self.action_briefing()  # the run starts: the opening situation, as the facilitator reads it out
        self.show_released()

    def wants_handover(self) -> bool:
        """A newcomer's brief is the briefing; a blind run's would show the deadlines it hides."""
        return not (self._new_to_run() or self.hiding) and super().wants_handover()

    def _new_to_run(self) -> bool:
        """Whether this responder has done nothing in the run yet (whoever started it included)."""
        events, name = self.session.incident.events, self.session.responder.name
        start = next(i for i, e in enumerate(events) if e.kind == START_KIND)
        return not any(e.by == name for e in events[start + 1:])

    def on_unmount(self) -> None:
        self.app.clock = clock.now
        clock.use_clock(self.real_clock)
        super().on_unmount()

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

    async def refresh_state(self, *, move: bool) -> None:
        async with self.refreshing:
            self.drawn = self.session.incident.heads
            await super().refresh_state(move=move)

    async def poll(self) -> None:
        """Take in a second process's changes; release the timed injects that fell due; show what changed
        since the screen last looked, whoever wrote it (this screen, its facilitator view, the timer,
        another terminal): one way to the team's eyes for every release."""
        incident = self.session.incident
        incident.reload()
        if not self.session.read_only and self.run.due():
            self.run.release_due()
        if incident.heads != self.drawn:
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

    def action_briefing(self) -> None:
        self.app.push_screen(Briefing(self.run))

    def action_facilitator(self) -> None:
        self.app.push_screen(FacilitatorView(self.run, self.session), lambda _: self.run_worker(self.poll()))


def _inject_blocks(run: Run, release: Release) -> ComposeResult:
    inject = release.inject
    yield Static(t("exercise.tui.from", sender=str(inject.sender), at=show(release.at)), classes="exercise-meta")
    yield Prose(str(run.message(inject)), classes="exercise-message")
    for question in inject.questions:
        yield Prose(t("exercise.tui.question", text=str(question)), classes="exercise-question")


class _Read(Dialog):
    """A text the team reads and closes with OK (Enter)."""

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)


class InjectNotice(_Read):
    """An inject as it arrives: who it is from, when, the message, the questions it raises."""

    DEFAULT_CSS = """
    InjectNotice .exercise-notice { border: thick $warning; }
    InjectNotice .dialog-title { color: $warning; }
    .exercise-meta { color: $text-muted; }
    .exercise-heading { text-style: bold; margin-top: 1; }
    .exercise-question { margin-top: 1; }
    """

    def __init__(self, run: Run, release: Release) -> None:
        super().__init__(run)
        self.release = release

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog exercise-notice"):
            yield Static(t("exercise.tui.notice", title=str(self.release.inject.title)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield from _inject_blocks(self.run, self.release)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ok"), id="ok", variant="primary")


class Briefing(_Read):
    """The opening situation, as the facilitator reads it out: the whole screen, the scenario's title,
    where the clock stands, the setting, what has just happened, and the blind rule when there is one."""

    DEFAULT_CSS = """
    Briefing { align: center middle; }
    Briefing #briefing { width: 100%; height: 100%; max-width: 100; padding: 1 2; border: thick $warning;
                         background: $surface; }
    Briefing #briefing-title { text-style: bold; color: $warning; }
    Briefing .briefing-label { text-style: bold; margin-top: 1; }
    Briefing .briefing-text { margin: 0 0 0 2; }
    Briefing #briefing-body { height: 1fr; }
    """

    def body(self) -> ComposeResult:
        run = self.run
        anchor = run.anchor
        with Vertical(id="briefing"):
            yield Static(t("exercise.tui.briefing", title=str(run.scenario.title)), id="briefing-title")
            with VerticalScroll(id="briefing-body"):
                yield Static(t("exercise.tui.briefing_when", at=show(run.scenario.start),
                               state=speed_text(anchor.speed)), classes="briefing-label")
                yield Static(t("exercise.guide.setting"), classes="briefing-label")
                yield Prose(str(run.scenario.setting), classes="briefing-text")
                yield Static(t("exercise.tui.briefing_now"), classes="briefing-label")
                yield Prose(str(run.scenario.message_for(START, run.seed)), classes="briefing-text")
                if run.blind:
                    yield Static(t("exercise.tui.blind_rule_title"), classes="briefing-label")
                    yield Prose(t("exercise.tui.blind_rule"), classes="briefing-text")
                yield Prose(t("exercise.tui.briefing_keys"), classes="exercise-meta")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("exercise.tui.briefing_ok"), id="ok", variant="primary")


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
                    yield Static(str(release.inject.title), classes="exercise-heading")
                    yield from _inject_blocks(self.run, release)
                if not released:
                    yield Static(t("exercise.tui.inbox_empty"))


class FacilitatorView(Dialog):
    """For the facilitator: the clock (live), what the team should conclude now and what it has, the
    facts still hidden, the injects to come; release the next (the team sees it at once: the view
    closes on it), pause or resume, jump 30 minutes, the report, the room view of every team.
    Moves made here are recorded as the facilitator's, not as the team member's at the keyboard."""

    BINDINGS = [exercise_key("n", "release", "release"), exercise_key("p", "pause", "pause"),
                exercise_key("j", "jump", "jump"), exercise_key("r", "report", "report"),
                exercise_key("w", "watch", "watch")]

    def __init__(self, run: Run, session: Session) -> None:
        super().__init__()
        self.run, self.session = run, session
        self.drawn = session.incident.heads

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("exercise.tui.facilitator"), classes="dialog-title")
            yield Static(self.clock_text(), id="facilitator-clock", classes="exercise-heading")
            with VerticalScroll(classes="dialog-body", id="facilitator-body"):
                yield from self.lines()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.follow)

    def clock_text(self) -> str:
        anchor = self.run.anchor
        state = t("exercise.clock.paused") if anchor.paused else speed_text(anchor.speed)
        return t("exercise.tui.clock", at=show(self.run.now()), state=state)

    async def follow(self) -> None:
        """Keep up with the clock, and with the file when the team or another terminal changed it."""
        self.query_one("#facilitator-clock", Static).update(self.clock_text())
        if self.session.incident.heads != self.drawn:
            await self.redraw()

    def lines(self) -> ComposeResult:
        run = self.run
        stages = run.scenario.stages(run.seed)
        done = {START} | {r.inject.id for r in run.released()}
        current = [s for s in stages if s.id in done][-1]
        yield Static(t("exercise.tui.expected"), classes="exercise-heading")
        det = self.session.determination()
        team = actual(current.expect, det.to_json()) if det is not None else {}
        for name in current.expect.keys():
            yield Static(t("exercise.tui.answer", key=t(f"exercise.key.{name}"),
                           expected=value_text(name, getattr(current.expect, name)),
                           team=value_text(name, team.get(name, NOT_YET))))
        if current.expect.why:
            yield Prose(str(current.expect.why), classes="exercise-meta")
        if run.blind:
            made = calls.stage_calls(run.incident.events, current.id)
            yield Static(t("exercise.tui.calls"), classes="exercise-heading")
            for name in calls.CALLS:
                call = made.get(name)
                yield Static(t("exercise.tui.call_line", key=t(f"exercise.key.{name}"),
                               call=calls.choice_text(name, call.value) if call else t("exercise.report.no_call")))
        yield Static(t("exercise.tui.hidden"), classes="exercise-heading")
        known, hidden = current.raw_facts, []
        for stage in (s for s in stages if s.id not in done):
            for fact in (k for k, v in stage.raw_facts.items() if known.get(k) != v):
                value = value_label(bundled(), fact, getattr(stage.facts(stage.id), fact))
                hidden.append(f"  {t(f'fact.{fact}')}: {value}  ← {run.scenario.inject(stage.id).title}")
            known = stage.raw_facts
        for line in hidden or [t("exercise.tui.none_hidden")]:
            yield Prose(line)
        yield Static(t("exercise.tui.upcoming"), classes="exercise-heading")
        for inject in run.upcoming():
            at = run.scenario.due_at(inject)
            yield Static(f"  {show(at) if at else t('exercise.guide.manual')}  {inject.title}")
        if not run.upcoming():
            yield Static(t("exercise.tui.none_left"))

    async def relocalize(self) -> None:
        await self.recompose()

    async def redraw(self) -> None:
        self.drawn = self.session.incident.heads
        self.query_one("#facilitator-clock", Static).update(self.clock_text())
        body = self.query_one("#facilitator-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(list(self.lines()))

    def _move(self, move) -> bool:
        if self.session.read_only:
            self.notify(t("tui.read_only_notice"), severity="warning")
            return False
        try:
            move()
        except RoueiError as exc:
            self.notify(str(exc), severity="warning")
            return False
        return True

    def action_release(self) -> None:
        """Release the next inject and hand the screen back to the team, who get its notice at once."""
        if self._move(lambda: self.run.release(None, self.run.facilitator)):
            self.dismiss("released")

    async def action_pause(self) -> None:
        if self._move(lambda: self.run.move_clock(pause=not self.run.anchor.paused, who=self.run.facilitator)):
            await self.redraw()

    async def action_jump(self) -> None:
        if self._move(lambda: self.run.move_clock(advance=30, who=self.run.facilitator)):
            await self.redraw()

    def action_report(self) -> None:
        self.app.push_screen(ReportDialog(self.run))

    def action_watch(self) -> None:
        """Every team of this run's scenario in this file's folder, side by side (read-only)."""
        from wizard.exercise.watch import runs_beside
        from wizard.tui.watch import WatchScreen

        self.app.push_screen(WatchScreen(runs_beside(self.session.path)))


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
            yield Static(f"{t('export.exercise.mark')}: {doc.title}", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for section in doc.sections:
                    yield Static(section.title, classes="exercise-heading")
                    for block in section.blocks:
                        yield from _block(block)


def _block(block) -> ComposeResult:
    """A block of an export document as widgets: a table as a table, lists and paragraphs as text."""
    from rich.table import Table as RichTable

    from wizard.exports.model import Fields, Items, Para, Table

    if isinstance(block, Table):
        table = RichTable(*block.head, show_edge=False, pad_edge=False, expand=True)
        for row in block.rows:
            table.add_row(*row)
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
    """A tabletop exercise from the start screen: the scenario, where to save the run, whether the
    exercise clock runs by itself, and whether the run is blind; returns (path, scenario id, manual, blind)."""

    TITLE, LEAD, OK = "exercise.form.title", "exercise.form.lead", "exercise.form.start"
    COMPACT = True
    DEFAULT_CSS = "StartExerciseDialog #scenarios { height: auto; max-height: 6; }"

    def fields(self) -> list[Field]:
        return [Field("path", "exercise.form.path", value=str(default_exercise_path(self.app.clock())))]

    def extra(self) -> ComposeResult:
        from wizard.exercise.scenario import bundled_scenarios

        yield Check(t("exercise.form.manual"), id="manual", compact=True)
        yield Check(t("exercise.form.blind"), id="blind", compact=True)
        options = [Option(t("exercise.form.scenario_line", title=str(s.title), speed=speed_text(s.speed)), id=s.id)
                   for s in bundled_scenarios()]
        yield OptionList(*options, id="scenarios")

    def on_mount(self) -> None:
        listing = self.query_one("#scenarios", OptionList)
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#scenarios")
    def _picked(self, _event) -> None:
        self._ok()  # Enter on a scenario starts it

    def submit(self) -> tuple[Path, str, bool, bool]:
        path = new_path(self, "path", default_exercise_path(self.app.clock()))
        listing = self.query_one("#scenarios", OptionList)
        if listing.highlighted is None:
            raise FormProblem(t("exercise.form.no_scenario"))
        scenario = listing.get_option_at_index(listing.highlighted).id
        return path, scenario, self.query_one("#manual", Check).value, self.query_one("#blind", Check).value
