"""The facilitator's room view in the TUI: one column per team (`wizard.exercise.watch`), redrawn every
second from the clock and from the files when they change. Read-only: it never writes a team's file.

`rouei exercise watch FILE…` opens it on its own (`WatchApp`); the facilitator view opens it with `w`.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from wizard.clock import in_jst, show
from wizard.exercise.calls import CALLS, choice_text
from wizard.exercise.check import NOT_YET
from wizard.exercise.report import value_text
from wizard.exercise.run import speed_text
from wizard.exercise.watch import Room, TeamView
from wizard.i18n import t
from wizard.tui.app import RoueiApp
from wizard.tui.exercise import exercise_key, leave
from wizard.tui.widgets import SteadyFooter, relabel

POLL_SECONDS = 1.0
SHORT = "%m/%d %H:%M"
MARK = {"met": ("✓", "green"), "late": ("✗", "bold red"), "missed": ("✗", "bold red"),
        "at_risk": ("!", "bold yellow"), "open": ("·", "")}


def column(view: TeamView) -> Text:
    """One team's column: a few short lines, each state in words as well as colour."""
    text = Text()
    text.append(f" {view.team} ", style="bold reverse")
    text.append(f"  {view.path.name}\n", style="dim")
    if view.error is not None:
        text.append(view.error, style="bold red")
        return text
    state = t("exercise.clock.paused") if view.paused else speed_text(view.speed)
    text.append(t("exercise.watch.time", at=show(view.now, SHORT), state=state) + "\n", style="bold")
    text.append(t("exercise.watch.received", count=len(view.received), total=view.total) + "\n", style="bold")
    for release in view.received:
        text.append(f" ✓ {in_jst(release.at):%H:%M} {release.inject.title}\n")
    stage = t("exercise.report.start") if view.stage is None else str(view.stage)
    text.append(t("exercise.watch.decisions", stage=stage) + "\n", style="bold")
    for check in view.checks:
        mark, style = ("✓", "green") if check.right else ("✗", "bold red")
        text.append(f" {mark} ", style=style)
        text.append(f"{t(f'exercise.short.{check.key}')} {_short(check.key, check.team)}")
        if not check.right:
            text.append(" → " + value_text(check.key, check.expected), style="bold")
        text.append("\n")
    if view.blind:
        text.append(t("exercise.watch.calls") + "\n", style="bold")
        for key in CALLS:
            called = choice_text(key, view.calls[key]) if key in view.calls else "—"
            text.append(f"   {t(f'exercise.short.{key}')} {called}\n")
    text.append(t("exercise.watch.deadlines") + "\n", style="bold")
    for deadline in view.deadlines:
        mark, style = MARK[deadline.status]
        due = show(deadline.due, SHORT) if hasattr(deadline.due, "hour") else f"{deadline.due:%m/%d}"
        text.append(f" {mark} ", style=style)
        label = t(f"exercise.deadline.{deadline.id}") if not deadline.id.startswith("clock.") else \
            t(f"clock.{deadline.id.split('.', 1)[1]}")
        text.append(f"{label} {due} {t(f'exercise.watch.status.{deadline.status}')}\n")
    if not view.deadlines:
        text.append(" " + t("exercise.watch.no_deadlines") + "\n", style="dim")
    evidence = t("exercise.watch.evidence", done=view.evidence_done, total=view.evidence_total)
    if view.evidence_late:
        text.append(" ✗ ", style="bold red")
        text.append(evidence + t("exercise.watch.evidence_late") + "\n")
    elif view.recovery_started:
        text.append(" ✓ ", style="green")
        text.append(evidence + t("exercise.watch.evidence_kept") + "\n")
    else:
        text.append(" · " + evidence + t("exercise.watch.no_recovery") + "\n")
    if view.last is not None:
        from wizard.timeline import describe

        text.append(t("exercise.watch.last", at=f"{in_jst(view.last.at):%H:%M}", by=view.last.by,
                      what=describe(view.last)), style="dim")
    return text


def _short(key: str, value) -> str:
    """A team's value, a long list of situations counted rather than spelled out (a column is narrow)."""
    if isinstance(value, tuple) and len(value) > 2:
        return t("exercise.watch.many", count=len(value))
    return value_text(key, value)


class WatchScreen(Screen):
    """Every team side by side, live; Escape or q closes it."""

    DEFAULT_CSS = """
    WatchScreen #watch-head { height: 1; background: $warning; color: $background; text-style: bold; padding: 0 1; }
    WatchScreen #room { height: 1fr; overflow-x: auto; }
    WatchScreen .team { width: 1fr; min-width: 38; height: 1fr; border-right: vkey $panel; padding: 0 1; }
    """

    BINDINGS = [exercise_key("escape", "close", "close_room"), exercise_key("q", "close", "close_room", show=False)]

    def __init__(self, paths: list[Path], room: Room | None = None) -> None:
        super().__init__()
        self.room = room or Room(paths)
        relabel(self)

    def compose(self) -> ComposeResult:
        yield Static(self.head(), id="watch-head")
        with Horizontal(id="room"):
            for n, view in enumerate(self.room.views()):
                with VerticalScroll(classes="team"):
                    yield Static(column(view), id=f"team-{n}")
        yield SteadyFooter()

    def head(self) -> str:
        return t("exercise.watch.title", count=len(self.room.paths))

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.tick)

    def tick(self) -> None:
        """Look at the files (a stat each), then redraw every column on the moving clock."""
        self.room.poll()
        for n, view in enumerate(self.room.views()):
            self.query_one(f"#team-{n}", Static).update(column(view))

    async def relocalize(self) -> None:
        self.query_one("#watch-head", Static).update(self.head())
        self.tick()

    def action_close(self) -> None:
        leave(self)


class WatchApp(RoueiApp):
    """`rouei exercise watch FILE…`: the room view as the app's only screen."""

    def __init__(self, paths: list[Path], **kwargs) -> None:
        super().__init__(**kwargs)
        self.paths = paths

    def get_default_screen(self) -> Screen:
        return WatchScreen(self.paths)
