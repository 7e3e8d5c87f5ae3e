"""The hand-over brief: what a responder opening an incident needs first, whether they are new to it or
coming back — what is due next, the current answers, what is unknown or in conflict, what was done and
by whom — and the log of what changed since they last worked on it, on demand."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from wizard.clock import show
from wizard.domain.explain import value_label
from wizard.domain.vocabulary import FACTS
from wizard.i18n import pick, t
from wizard.tui.determination import state_text, when_due
from wizard.tui.form import Dialog
from wizard.tui.widgets import Prose, key


def summary(session) -> list[tuple[str, list[Text]]]:
    """(heading, lines) for each part of the brief, what is due next first."""
    from wizard.domain.flows import bundled
    from wizard.evidence.register import register

    from wizard.profile.contacts import own_clocks
    from wizard.timeline import describe, who

    flows, incident, now = bundled(), session.incident, session.clock()
    det = session.determination()
    brief = incident.brief(session.responder.name, now, clocks=own_clocks(session.profile))
    parts: list[tuple[str, list[Text]]] = []
    due = [Text.assemble(f"{when_due(d)}  ", state_text(d, now), f"  {d.title}") for d in brief.duties] \
        if det is not None else [Text(t("tui.live.waiting"))]
    parts.append((t("tui.brief.due"), due or [Text(t("tui.deadline.none"))]))
    if brief.urgent:
        parts.append((t("store.brief.steps"), [Text(f"[ ] {pick(item.title)}", style="bold") for item in brief.urgent]))
    if brief.notes:
        parts.append((t("store.brief.notes"), [Text(f"{show(e.at)}  {who(e)}  {describe(e)}") for e in brief.notes]))
    answers = session.answers()
    parts.append((t("tui.brief.answers"), [
        Text(f"{t(f'fact.{fact}')}: {value_label(flows, fact, answers[fact].value)}")
        for fact in FACTS if fact in answers] or [Text(t("tui.brief.no_answers"))]))
    unknown = det.unknown_facts if det is not None else ("aware_at",)
    conflicts = session.conflicts()
    if unknown or conflicts:
        parts.append((t("tui.brief.unknown"),
                      [Text(t("explain.list_sep").join(t(f"fact.{k}") for k in unknown))] +
                      [Text(t("tui.brief.conflict", fact=t(f"fact.{c['fact']}")), style="bold") for c in conflicts]))
    titles = {item.id: pick(item.title) for item in flows.checklist}
    done = [Text(f"{titles.get(tick.item, tick.item)}  [{tick.by} {show(tick.at, '%m/%d %H:%M')}]")
            for tick in sorted(session.ticks().values(), key=lambda x: x.at) if tick.done]
    evidence = len(register(incident))
    exports = [e for e in incident.events if e.kind == "export"]
    if evidence:
        done.append(Text(t("tui.brief.evidence", count=evidence)))
    if exports:
        done.append(Text(t("tui.brief.exports", count=len(exports), at=show(exports[-1].at), name=exports[-1].by)))
    parts.append((t("tui.brief.done"), done or [Text(t("tui.brief.nothing_done"))]))
    people: dict[str, list] = {}
    for event in incident.events:
        people.setdefault(event.by, []).append(event)
    parts.append((t("tui.brief.who"), [
        Text(t("tui.brief.person", name=name, role=events[-1].role or "-", count=len(events),
               at=show(events[-1].at))) for name, events in people.items()]))
    return parts


class HandoverDialog(Dialog):
    """The brief on opening an incident others worked on; L shows the log of their changes."""

    DEFAULT_CSS = """
    #brief { height: 100%; }
    #brief-body { height: 1fr; }
    .brief-head { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [key("l", "log", "brief_log"), key("pagedown", "scroll(1)", "scroll_down", show=False),
                key("pageup", "scroll(-1)", "scroll_up", show=False)]

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> ComposeResult:
        with Vertical(classes="dialog", id="brief"):
            yield Static(t("tui.brief.title"), classes="dialog-title")
            with VerticalScroll(id="brief-body"):
                for heading, lines in summary(self.session):
                    yield Static(heading, classes="brief-head")
                    yield from (Prose(line, classes="brief-entry") for line in lines)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.ok"), id="ok", variant="primary", compact=True)
                yield Button(t("tui.brief.show_log"), id="log", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def action_scroll(self, pages: int) -> None:
        body = self.query_one("#brief-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + pages * max(1, body.size.height - 1), animate=False)

    @on(Button.Pressed, "#log")
    def action_log(self) -> None:
        """What others changed since this responder last worked on it, oldest first, at the end of the brief."""
        from wizard.timeline import describe, who

        body = self.query_one("#brief-body", VerticalScroll)
        if body.query(".brief-log"):
            return
        brief = self.session.incident.brief(self.session.responder.name, self.session.clock())
        head = t("tui.brief.log_new", count=len(brief.changes)) if brief.last_seen is None else \
            t("tui.brief.log_since", at=show(brief.last_seen), count=len(brief.changes))
        entries = [Static(head, classes="brief-head brief-log")]
        entries += [Prose(f"{show(e.at)}  {who(e)}  {describe(e)}", classes="brief-entry brief-log")
                    for e in brief.changes]
        body.mount_all(entries)
        body.call_after_refresh(body.scroll_to_widget, entries[0], top=True, animate=False)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)
