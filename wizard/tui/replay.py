"""`rouei exercise replay FILE`: a finished run stepped through inject by inject on a projector, with
what the team decided and when (`wizard.exercise.replay`). Read-only: the file is read once.

→ / Space / n: next inject; ← / p: back; Home / End: first / last; q or Esc: close.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from wizard.clock import in_jst
from wizard.exercise.calls import choice_text
from wizard.exercise.replay import Step, steps
from wizard.exercise.report import both, stage_title, took, value_text
from wizard.exercise.run import Run
from wizard.exercise.scenario import START
from wizard.i18n import t
from wizard.store import Incident
from wizard.tui.app import RoueiApp
from wizard.tui.exercise import exercise_key, leave
from wizard.tui.widgets import Prose, SteadyFooter, relabel


def _decisions(step: Step) -> Text:
    text = Text()
    for d in step.stage.decisions:
        mark, style = ("✓", "green") if d.right else ("✗", "bold red")
        text.append(f" {mark} ", style=style)
        if d.right:
            text.append(t("exercise.replay.decision", key=t(f"exercise.key.{d.key}"), team=value_text(d.key, d.got),
                          took=took(d.minutes, d.real_minutes)))
        else:
            text.append(t("exercise.replay.decision_miss", key=t(f"exercise.key.{d.key}"),
                          team=value_text(d.key, d.got)))
            text.append(" → " + t("exercise.replay.right", expected=value_text(d.key, d.expected)), style="bold")
        text.append("\n")
    for c in step.stage.calls:
        mark, style = ("✓", "green") if c.right else ("✗", "bold red")
        text.append(f" {mark} ", style=style)
        text.append(t("exercise.replay.call", key=t(f"exercise.key.{c.key}"),
                      call=choice_text(c.key, c.called) if c.made else t("exercise.report.no_call"),
                      took=took(c.minutes, c.real_minutes), rouei=value_text(c.key, c.rouei) if c.made else "—",
                      expected=value_text(c.key, c.answer)) + "\n")
    return text


def _done(step: Step) -> list[Prose]:
    """One line for each thing the team did, with its exercise and real time (folded the Japanese way)."""
    from wizard.timeline import describe

    lines = []
    for done in step.done:
        event = done.event
        text = Text()
        text.append(f" {in_jst(event.at):%H:%M}", style="bold")
        if done.real_at is not None:
            text.append(f" ({t('exercise.replay.real', at=f'{in_jst(done.real_at):%H:%M}')})", style="dim")
        text.append(f"  {event.by}  {describe(event)}")
        lines.append(Prose(text))
    return lines or [Prose(Text(" " + t("exercise.replay.nothing"), style="dim"))]


class ReplayScreen(Screen):
    """One stage at a time: what arrived, what the team did, how the decisions came out."""

    DEFAULT_CSS = """
    ReplayScreen #replay-head { height: 1; background: $warning; color: $background; text-style: bold; padding: 0 1; }
    ReplayScreen #replay-body { height: 1fr; padding: 0 1; }
    ReplayScreen .replay-title { text-style: bold; margin-top: 1; }
    ReplayScreen .replay-meta { color: $text-muted; }
    """

    # priority: before the scrolling body's own arrow keys, Home and End
    BINDINGS = [exercise_key("right", "move(1)", "next", priority=True),
                exercise_key("left", "move(-1)", "previous", priority=True),
                exercise_key("space", "move(1)", "next", show=False), exercise_key("n", "move(1)", "next", show=False),
                exercise_key("p", "move(-1)", "previous", show=False),
                exercise_key("home", "move(-999)", "first", show=False, priority=True),
                exercise_key("end", "move(999)", "last", show=False, priority=True),
                exercise_key("escape", "close", "close_room"), exercise_key("q", "close", "close_room", show=False)]

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run
        self.steps = steps(run)
        self.index = 0
        relabel(self)

    def compose(self) -> ComposeResult:
        yield Static("", id="replay-head")
        yield VerticalScroll(id="replay-body")
        yield SteadyFooter()

    async def on_mount(self) -> None:
        await self.show_step()

    async def show_step(self) -> None:
        step = self.steps[self.index]
        self.query_one("#replay-head", Static).update(t(
            "exercise.replay.head", title=str(self.run.scenario.title), team=self.run.incident.path.stem,
            n=self.index + 1, total=len(self.steps)))
        stage = step.stage
        body = self.query_one("#replay-body", VerticalScroll)
        widgets = [Static(stage_title(stage) if stage.id != START else t("exercise.replay.start"), classes="replay-title"),
                   Static(t("exercise.replay.when", at=both(stage.at, stage.real_at)), classes="replay-meta"),
                   *([Static(t("exercise.replay.sender", sender=str(step.sender)), classes="replay-meta")]
                     if step.sender else []),
                   Prose(str(step.message))]
        widgets += [Prose(t("exercise.tui.question", text=str(q)), classes="replay-meta") for q in step.questions]
        widgets += [Static(t("exercise.replay.decisions"), classes="replay-title"), Static(_decisions(step))]
        if stage.why:
            widgets.append(Prose(str(stage.why), classes="replay-meta"))
        widgets += [Static(t("exercise.replay.done"), classes="replay-title"), *_done(step)]
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(widgets)
        body.scroll_home(animate=False)

    async def action_move(self, by: int) -> None:
        index = max(0, min(len(self.steps) - 1, self.index + by))
        if index != self.index:
            self.index = index
            await self.show_step()

    async def relocalize(self) -> None:
        await self.show_step()

    def action_close(self) -> None:
        leave(self)


class ReplayApp(RoueiApp):
    """`rouei exercise replay FILE`: the replay as the app's only screen."""

    def __init__(self, path: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.run_file = path

    def get_default_screen(self) -> Screen:
        return ReplayScreen(Run(Incident.load(self.run_file, read_only=True)))
