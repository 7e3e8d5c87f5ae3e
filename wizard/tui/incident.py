"""The incident screen: the question flow, the live determination, and the dashboard tabs
判定 / チェックリスト / 連絡先 / 期限 / 記録 (and the evidence and export tabs)."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Button, OptionList, SelectionList, Static, TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from wizard.domain.flows import bundled
from wizard.domain.walk import Answer, next_question, walk
from wizard.errors import RoueiError
from wizard.i18n import pick, t
from wizard.tui.determination import DeadlinesView, DeterminationView, LivePanel, LiveStrip
from wizard.tui.estimate import EstimateView
from wizard.tui.evidence import EvidenceView
from wizard.tui.export import ExportView
from wizard.tui.questions import Position, QuestionView
from wizard.tui.session import Session
from wizard.tui.text import plain
from wizard.clock import show
from wizard.tui.widgets import Prose, SteadyFooter, TickList, key, relabel

NARROW = 100  # below this width the side panel becomes a strip (and wherever the tab bar would not fit beside it)
PANEL = 40  # the side panel's width (incident.tcss)
# What gets the focus when a tab is shown by its key.
FOCUS = {"determination": "#determination-view", "checklist": ".checklist-items", "contacts": "#contacts-list",
         "deadlines": "#deadlines-view", "timeline": "#timeline-list", "evidence": "#evidence-add",
         "export": "#export-run", "estimate": "#estimate-view"}
TABS = ("questions", "determination", "checklist", "contacts", "deadlines", "timeline", "evidence", "export",
        "estimate")


class PhaseList(TickList):
    """One phase of the checklist: ↓ on its last item goes on to the next phase, ↑ on its first back."""

    def action_cursor_down(self) -> None:
        if self.highlighted == self.option_count - 1:
            self.screen.focus_next(PhaseList)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            self.screen.focus_previous(PhaseList)
        else:
            super().action_cursor_up()


class IncidentScreen(Screen):
    """One incident, worked on by one responder; every answer saved as it is given."""

    CSS_PATH = "incident.tcss"

    BINDINGS = [
        key("pageup", "back", "back"),  # not priority: in order with the keys typed before them
        key("pagedown", "forward", "forward"),
        key("f4", "overview", "overview"),
        key("f3", "tab('questions')", "tab_questions", show=False),
        key("f5", "tab('determination')", "tab_determination", show=False),
        key("f6", "tab('checklist')", "tab_checklist", show=False),
        key("f7", "tab('contacts')", "tab_contacts", show=False),
        key("f8", "tab('deadlines')", "tab_deadlines", show=False),
        key("f9", "tab('timeline')", "tab_timeline", show=False),
        key("f10", "tab('evidence')", "tab_evidence", show=False),
        key("f11", "tab('estimate')", "tab_estimate", show=False),
        key("f12", "tab('export')", "tab_export", show=False),
        key("ctrl+n", "note", "note", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.flows = bundled()
        self.current: str | None = None  # the question shown; None once the flow is complete
        self.det = None
        self.dirty: set[str] = set(TABS)
        self.focus_next_tab: str | None = None  # a tab shown by its key: focus its content once shown
        relabel(self)

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self.bar_text(), id="incident-bar", classes="read-only" if self.session.read_only else "")
        yield Static("", id="conflict-bar")
        yield LiveStrip(id="live-strip")
        with Horizontal(id="main"):
            with TabbedContent(id="tabs", initial="questions"):
                with TabPane(t("tui.tab.questions"), id="questions"):
                    yield Vertical(id="question-host")
                with TabPane(t("tui.tab.determination"), id="determination"):
                    yield DeterminationView(id="determination-view")
                with TabPane(t("tui.tab.checklist"), id="checklist"):
                    yield Static(t("tui.checklist.lead"), classes="tab-lead")
                    yield VerticalScroll(id="checklist-view")
                    yield Prose("", id="checklist-detail")
                with TabPane(t("tui.tab.contacts"), id="contacts"):
                    yield OptionList(id="contacts-list", markup=False)
                with TabPane(t("tui.tab.deadlines"), id="deadlines"):
                    yield DeadlinesView(id="deadlines-view")
                with TabPane(t("tui.tab.timeline"), id="timeline"):
                    yield OptionList(id="timeline-list", markup=False)
                with TabPane(t("tui.tab.evidence"), id="evidence"):
                    yield EvidenceView(id="evidence-view")
                with TabPane(t("tui.tab.export"), id="export"):
                    yield ExportView(id="export-view")
                with TabPane(t("tui.tab.estimate"), id="estimate"):
                    yield EstimateView(id="estimate-view")
            yield LivePanel(id="live")
        yield SteadyFooter()

    def bar_text(self) -> Content:
        s = self.session
        parts = [s.title or s.path.name, t("tui.bar.responder", name=s.responder.name)]
        if s.read_only:
            parts.append(t("tui.bar.read_only"))
        if s.exercise:
            parts.append(t("tui.bar.exercise"))
        return plain("  ·  ".join(parts))

    def narrow(self, width: int) -> bool:
        """Whether the side panel gives way to a strip: below NARROW columns, or where the tab bar (its labels
        in the current language) would not fit beside the panel, so that every tab stays in view."""
        tabs = sum(cell_len(t(f"tui.tab.{tab}")) + 2 for tab in TABS)
        return width < max(NARROW, tabs + PANEL)

    async def relocalize(self) -> None:
        self.set_class(self.narrow(self.size.width), "narrow")
        await self.recompose()
        self.dirty = set(TABS)
        await self.refresh_state(move=False)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """PgUp/PgDn move between questions on the questions tab, and scroll everywhere else."""
        if action in ("back", "forward"):
            return self.query_one("#tabs", TabbedContent).active == "questions"
        return True

    async def on_mount(self) -> None:
        self.set_class(self.narrow(self.app.size.width), "narrow")
        await self.refresh_state(move=True)
        self.set_interval(30, self.tick_clock)
        if not self.session.read_only:
            self.set_interval(1, self.watch_lock)

    def watch_lock(self) -> None:
        """Someone took the file over (a read of its small lock file, every second): say so at once, and
        turn read-only; nothing more is recorded from this screen."""
        bars = self.query("#incident-bar").results(Static)  # none while the screen is rebuilt (F2)
        bar = next(bars, None)
        if bar is None or bar.has_class("read-only") or not self.session.read_only:
            return
        from wizard.clock import show
        from wizard.store.lock import read_holder

        bar.add_class("read-only")
        bar.update(self.bar_text())
        holder = read_holder(self.session.path)
        self.notify(t("tui.lock.taken", name=holder.name, since=show(holder.since)) if holder else
                    t("tui.lock.lost"), title=t("tui.bar.read_only"), severity="warning", timeout=60, markup=False)

    def on_resize(self) -> None:
        self.set_class(self.narrow(self.size.width), "narrow")
        if self.is_mounted and self.query("#live-strip"):
            self.tick_clock()  # the strip packs its deadlines to the width

    def on_unmount(self) -> None:
        self.app.release_keys()
        self.session.close()

    def wants_handover(self) -> bool:
        """Whether opening shows the hand-over brief: others worked on the incident since this responder."""
        return self.session.needs_brief()

    def commands(self):
        for tab in TABS:
            yield SystemCommand(t(f"tui.tab.{tab}"), t("tui.cmd.show_tab"), lambda tab=tab: self.action_tab(tab))
        yield SystemCommand(t("tui.key.overview"), t("tui.tip.overview"), self.action_overview)
        yield SystemCommand(t("tui.key.note"), t("tui.tip.note"), self.action_note)
        yield SystemCommand(t("tui.key.close"), t("tui.tip.close"), self.action_close)

    # -- state ------------------------------------------------------------------------------------

    async def refresh_state(self, *, move: bool) -> None:
        """Recompute after a change: the determination, the live panel, the current question."""
        self.det = self.session.determination()
        self.tick_clock()
        self.show_conflicts()
        self.dirty = set(TABS) - {"questions"}
        answers = self.session.answers()
        if move:
            question = next_question(self.flows, answers)
            self.current = question.id if question else None
        await self.show_question(answers)
        self.refresh_tab(self.query_one("#tabs", TabbedContent).active)

    def tick_clock(self) -> None:
        """The deadlines as of now, and as filed (a tick of the step that discharges one files it)."""
        now, duties = self.app.clock(), self.session.duties(self.det)
        self.query_one("#live", LivePanel).show(self.det, duties, now)
        self.query_one("#live-strip", LiveStrip).show(self.det, duties, now)
        if self.query_one("#tabs", TabbedContent).active == "deadlines":
            self.query_one("#deadlines-view", DeadlinesView).show(self.det, duties, now)

    def show_conflicts(self) -> None:
        bar = self.query_one("#conflict-bar", Static)
        conflicts = self.session.conflicts()
        bar.set_class(bool(conflicts), "shown")
        if conflicts:
            names = t("explain.list_sep").join(t(f"fact.{c['fact']}") for c in conflicts)
            bar.update(t("tui.conflict.bar", facts=names))

    async def show_question(self, answers: dict[str, Answer] | None = None) -> None:
        """Show the current question (or the end of the flow), focused; the keys typed ahead of it (held
        since the last answer was given) go to it once it is laid out (Textual orders the focus by
        position on the screen: Tab before the layout would go to the wrong field)."""
        with self.app.batch_update():  # no frame half-way: a question without its texts or its field
            await self.mount_question(answers)
        self.call_after_refresh(self.app.release_keys)

    async def mount_question(self, answers: dict[str, Answer] | None) -> None:
        host = self.query_one("#question-host", Vertical)
        steps = walk(self.flows, self.session.answers() if answers is None else answers, to_end=True)
        done = sum(s.answered for s in steps)
        shown = self.query_one("#tabs", TabbedContent).active == "questions"  # else focusing would switch tabs
        views = host.query(QuestionView)
        if self.current is None or not views:
            if host.has_focus_within:
                self.set_focus(None)  # else Textual hands the focus to the tab bar, restyled on the way
            await host.remove_children()
        if self.current is None:
            await host.mount(Static(t("tui.q.done", done=done), id="flow-done"))
            button = Button(t("tui.q.see_determination"), id="see-determination", variant="primary")
            await host.mount(button)
            if shown:
                button.focus()  # Enter goes on to the determination
            return
        question = self.flows.question(self.current)
        ids = [s.question.id for s in steps]
        index = ids.index(question.id) if question.id in ids else len(ids)
        step = steps[index] if index < len(steps) else None
        answer = step.answer if step is not None and step.answered else None
        from wizard.tui.profile import question_note

        note, answer = question_note(self.session, question, answer)
        view = views.first() if views else QuestionView(self.flows)
        if not views:
            await host.mount(view)
        position = Position(index + 1, max(len(steps), index + 1), done, all(s.answered for s in steps[index + 1:]))
        await view.show(question, answer, position, note)
        if shown:
            view.focus_field()

    @on(Button.Pressed, "#see-determination")
    def _see(self) -> None:
        self.action_tab("determination")

    def refused_read_only(self) -> bool:
        """In read-only mode every writing action is refused with the same notice."""
        if self.session.read_only:
            self.notify(t("tui.read_only_notice"), severity="warning")
        return self.session.read_only

    def withheld(self) -> str | None:
        """Why the determination is not to be shown now (None: it may be); a blind exercise run says."""
        return None

    @on(QuestionView.Answered)
    async def answered(self, event: QuestionView.Answered) -> None:
        """Save the answer, then show the next question; the keys typed meanwhile go to it (or, when the
        answer is refused, back to this one). The answer the question already has is not saved again."""
        event.stop()
        try:
            if self.unchanged(event.question.id, event.value):
                await self.step_on()  # Enter on the answer it has: nothing new to record, on to the next
                return
            if self.refused_read_only():
                return
            try:
                self.session.answer(event.question, event.value)
            except RoueiError as exc:
                self.query_one(QuestionView).refuse(str(exc))
                return
            await self.refresh_state(move=True)
        finally:  # whatever shows next (a question, 判定, the same question), the held keys never stay held
            if self.app.holding:
                self.call_after_refresh(self.app.release_keys)

    # -- navigation -------------------------------------------------------------------------------

    async def action_back(self) -> None:
        path = [s.question.id for s in walk(self.flows, self.session.answers(), to_end=True)]
        if self.current is None:
            answered = [s.question.id for s in walk(self.flows, self.session.answers()) if s.answered]
            self.current = answered[-1] if answered else None
        elif self.current in path and path.index(self.current) > 0:
            self.current = path[path.index(self.current) - 1]
        self.action_tab("questions")
        await self.show_question()

    async def action_forward(self) -> None:
        views = self.query(QuestionView)
        if self.query_one("#tabs", TabbedContent).active == "questions" and views and \
                views.first().question.kind == "multi" and views.first().has_focus_within:
            views.first().submit()
            return
        await self.step_on()

    async def step_on(self) -> None:
        """On to the question after the current one, when the current one is answered."""
        steps = walk(self.flows, self.session.answers(), to_end=True)
        ids = [s.question.id for s in steps]
        if self.current in ids and steps[ids.index(self.current)].answered:
            index = ids.index(self.current)
            self.current = ids[index + 1] if index + 1 < len(ids) else None
            await self.show_question()

    def unchanged(self, question: str, value) -> bool:
        """Whether `value` is the answer this question already has (an answer the profile gave is not
        the question's own yet: confirming it records it)."""
        from wizard.tui.questions import same

        step = next((s for s in walk(self.flows, self.session.answers(), to_end=True) if s.question.id == question),
                    None)
        return step is not None and step.answered and same(step.answer.value, value)

    def action_overview(self) -> None:
        from wizard.tui.dialogs import OverviewDialog

        async def jump(qid: str | None) -> None:
            if qid:
                self.current = qid
                self.action_tab("questions")
                await self.show_question()

        self.app.push_screen(OverviewDialog(self.flows, self.session.answers()), jump)

    def action_tab(self, tab: str) -> None:
        """Show a tab, with the focus where the next key goes (PgDn scrolls, Space ticks, Enter exports).
        Focus moves to the tab bar first: a widget focused in the old pane would pull the old tab back."""
        tabs = self.query_one("#tabs", TabbedContent)
        self.app.hold_keys()  # keys typed after the tab's key go where focus_tab puts the focus (F10 Enter)
        tabs.query_one(Tabs).focus()
        if tabs.active == tab:
            self.call_after_refresh(self.focus_tab, tab)
        tabs.active = tab
        self.focus_next_tab = tab

    def focus_tab(self, tab: str) -> None:
        """Focus the part of a tab the user works with; the keys typed meanwhile go on to it."""
        try:
            if tab == "questions":
                if self.query(QuestionView):
                    self.query_one(QuestionView).focus_field()
                elif self.query("#see-determination"):
                    self.query_one("#see-determination").focus()
            else:
                target = FOCUS.get(tab)
                found = self.query_one(f"#{tab}").query(target) if target else None
                if found:
                    found.first().focus(scroll_visible=False)  # the tab opens at its top
        finally:
            self.call_after_refresh(self.app.release_keys)

    def action_note(self) -> None:
        from wizard.tui.dialogs import NoteDialog

        if self.refused_read_only():
            return

        def save(text: str | None) -> None:
            if text:
                self.session.note(text)
                self.dirty.add("timeline")
                self.refresh_tab(self.query_one("#tabs", TabbedContent).active)
                self.notify(t("tui.note.saved"))

        self.app.push_screen(NoteDialog(), save)

    def action_close(self) -> None:
        self.app.pop_screen()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_tab(event.pane.id)
        self.refresh_bindings()
        if event.pane.id == "questions" or event.pane.id == self.focus_next_tab:
            self.focus_next_tab = None
            self.call_after_refresh(self.focus_tab, event.pane.id)  # after the tab's widgets are mounted

    # -- tabs -------------------------------------------------------------------------------------

    def refresh_tab(self, tab: str | None) -> None:
        """Rebuild a tab only when it is shown and something changed since it was last built."""
        if tab not in self.dirty:
            return
        self.dirty.discard(tab)
        if tab == "determination":
            self.query_one("#determination-view", DeterminationView).show(self.session.determination(explain=True))
        elif tab == "deadlines":
            self.query_one("#deadlines-view", DeadlinesView).show(self.det, self.session.duties(self.det),
                                                                 self.app.clock())
        elif tab == "checklist":
            self.show_checklist()
        elif tab == "contacts":
            self.show_contacts()
        elif tab == "timeline":
            self.show_timeline()
        elif tab == "evidence":
            self.query_one("#evidence-view", EvidenceView).show(self.session.incident)
        elif tab == "estimate":
            self.query_one("#estimate-view", EstimateView).show(self.session, self.det)

    def evidence_changed(self) -> None:
        self.dirty |= {"evidence", "timeline"}
        self.refresh_tab(self.query_one("#tabs", TabbedContent).active)

    def show_checklist(self) -> None:
        """One list per phase, first hour first; ticking records who and when."""
        view = self.query_one("#checklist-view", VerticalScroll)
        view.remove_children()
        if self.det is None:
            return
        widgets = []
        for phase in ("first_hour", "first_24h", "preliminary", "final"):
            items = [(item, status) for item, status in self.det.checklist if item.phase == phase]
            if items:
                widgets.append(Static(t(f"phase.{phase}"), classes="checklist-phase"))
                ticks = self.session.ticks()
                selections = [Selection(self.item_label(item, status, ticks.get(item.id)), item.id,
                                        bool(ticks.get(item.id) and ticks[item.id].done), id=item.id)
                              for item, status in items]
                widgets.append(PhaseList(*selections, classes="checklist-items"))
        view.mount_all(widgets)

    def item_label(self, item, status, tick) -> Text:
        """The item, led by who ticked it and when (first, so a narrow screen cuts the title, not them)."""
        label = Text()
        if tick is not None and tick.done:
            label.append(t("tui.checklist.done_by", name=tick.by, at=show(tick.at, "%m/%d %H:%M")) + " ",
                         style="bold")
        label.append(pick(item.title) + (t("explain.checklist.evidence") if item.evidence else ""))
        if status.value == 1:
            label.append(f" ({t('status.maybe')})", style="italic")
        return label

    @on(SelectionList.SelectionToggled, ".checklist-items")
    def _ticked(self, event: SelectionList.SelectionToggled) -> None:
        item = str(event.selection.value)
        if self.refused_read_only():
            with event.selection_list.prevent(SelectionList.SelectionToggled):
                event.selection_list.toggle(item)  # back as it was
            return
        self.session.tick(item, item in event.selection_list.selected)
        self.dirty |= {"timeline", "deadlines"}
        self.tick_clock()  # a step that files a report: the strip and the panel say so at once
        status = dict((i.id, st) for i, st in self.det.checklist)[item]
        entry = next(i for i, _ in self.det.checklist if i.id == item)
        event.selection_list.replace_option_prompt(item, self.item_label(entry, status, self.session.ticks().get(item)))

    @on(SelectionList.SelectionHighlighted, ".checklist-items")
    def _item_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """The how-to of the highlighted item, under the lists."""
        if self.det is None or not event.selection_list.has_focus:
            return
        item = next((i for i, _ in self.det.checklist if i.id == event.selection.value), None)
        if item is not None:
            self.query_one("#checklist-detail", Prose).update(pick(item.detail))
        self.call_after_refresh(self.follow, event.selection_list, event.selection_index)

    def follow(self, listing: SelectionList, index: int) -> None:
        """Scroll the checklist to the highlighted item (the lists are as tall as their items, so the view
        around them scrolls, not they)."""
        lines = listing._lines  # Textual's (item, line) per line, rebuilt after a ticked item's new label
        tops = [n for n, (item, offset) in enumerate(lines) if item == index and offset == 0]
        if tops and self.query("#checklist-view"):
            height = sum(1 for item, _ in lines if item == index)
            top = listing.virtual_region.y + tops[0] - (2 if index == 0 else 0)  # the first with its phase title
            self.query_one("#checklist-view", VerticalScroll).scroll_to_region(
                Region(0, max(0, top), 1, height + (2 if index == 0 else 0)), animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A checklist phase that gets the focus shows the how-to of its highlighted item."""
        listing = event.widget
        if isinstance(listing, PhaseList) and listing.highlighted is not None:
            listing.post_message(SelectionList.SelectionHighlighted(listing, listing.highlighted))

    def show_contacts(self) -> None:
        listing = self.query_one("#contacts-list", OptionList)
        listing.clear_options()
        if self.det is None:
            return
        from rich.text import Text

        from wizard.tui.profile import own_contact_lines

        listing.add_option(Option(Text(t("profile.incident.own"), style="bold reverse"), disabled=True))
        for line in own_contact_lines(self.session, self.det):
            listing.add_option(line)
            listing.add_option(None)
        listing.add_option(Option(Text(t("profile.incident.public"), style="bold reverse"), disabled=True))
        for contact, _status in self.det.contacts:
            text = Text()
            text.append(pick(contact.name), style="bold")
            reach = "  ".join(x for x in (contact.phone, contact.email, contact.url) if x)
            if reach:
                text.append("\n  " + reach)
            if contact.hours:
                text.append("\n  " + pick(contact.hours), style="dim")
            text.append("\n  " + pick(contact.purpose))
            for check in contact.checks:
                text.append("\n  ! " + pick(check), style="italic")
            text.append("\n  " + t("explain.contact.verified", date=contact.last_verified.isoformat(),
                                   confidence=t(f"explain.confidence.{contact.confidence}")), style="dim")
            listing.add_option(Option(text, id=contact.id))
            listing.add_option(None)

    def show_timeline(self) -> None:
        listing = self.query_one("#timeline-list", OptionList)
        listing.clear_options()
        listing.add_options(Option(line) for line in self.session.timeline())


def open_incident(app: App, path: Path, *, new: bool = False, title: str = "") -> None:
    """Open or create `path` for the app's responder; warns about a lock held by someone else."""
    from wizard.tui.dialogs import LockDialog
    from wizard.tui.handover import HandoverDialog
    from wizard.tui.session import LockHeld, open_session

    name, role = app.responder

    def proceed(mode: str | None) -> None:
        if mode is None:
            return
        try:
            bundled()  # the rules in use: an installed set that no longer passes the check is a clean error
            session = open_session(path, name, role, clock=app.clock, new=new, title=title,
                                   read_only=mode == "read_only", take_over=mode == "take_over")
        except LockHeld as held:
            app.push_screen(LockDialog(held), proceed)
            return
        except RoueiError as exc:
            app.notify(str(plain(exc)), severity="error", timeout=10, markup=False)
            return
        from wizard.tui.exercise import screen_for  # an exercise gets its clock, injects and inbox

        screen = screen_for(session)
        app.push_screen(screen)
        if session.incident.lock_cleared is not None:
            from wizard.store.lock import cleared_note

            app.notify(cleared_note(path, session.incident.lock_cleared), timeout=15)
        from wizard.profile.start import difference, started_from

        other = difference(started_from(session.incident), session.profile)
        if other is not None:
            app.notify(t("profile.incident.other_profile", theirs=other[0], ours=other[1]), severity="warning",
                       timeout=20)
        if screen.wants_handover():
            app.push_screen(HandoverDialog(session))
        from wizard.settings import load_settings, remember_incident, save_settings

        def remember() -> None:
            save_settings(remember_incident(load_settings(), path, session.title, app.clock()))

        app.run_worker(remember, thread=True, group="settings")

    proceed("write")
