"""The estimates tab: the determination first, then ENISA severity, the JO model and the response costs
with their factors, and a form to adjust a factor with a reason (recorded as an `estimate` event)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Select, Static

from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.tui.widgets import JInput, Prose


class EstimateView(VerticalScroll):
    """Shown for every incident; the ENISA part matters most where the GDPR applies."""

    DEFAULT_CSS = """
    EstimateView { padding: 0 1; }
    #estimate-body, #estimate-form { height: auto; }
    """

    labels: dict[str, str] = {}  # factor id -> its label, as the factor list shows it

    def compose(self) -> ComposeResult:
        yield Vertical(id="estimate-body")
        with Vertical(id="estimate-form"):
            yield Static(t("estimate.tab.lead"), classes="tab-lead")
            yield Label(t("estimate.tab.factor"))
            yield Select([], id="estimate-factor", allow_blank=True, prompt=t("estimate.tab.factor"))
            yield Label(t("estimate.tab.value"))
            yield JInput(id="estimate-value")
            yield Label(t("estimate.tab.reason"))
            yield JInput(id="estimate-reason")
            with Horizontal(classes="answer-buttons"):
                yield Button(t("estimate.tab.record"), id="estimate-record", variant="primary")
                yield Button(t("estimate.tab.reset"), id="estimate-reset")
            yield Static("", id="estimate-status")

    def show(self, session, det) -> None:
        from wizard.estimate import estimate
        from wizard.estimate.view import cite, determination_line, factor_labels, parts

        if det is None:
            self.hide(t("estimate.tab.no_aware"))
            return
        body = self.query_one("#estimate-body", Vertical)
        body.remove_children()
        self.query_one("#estimate-form").display = True
        est = estimate(det.facts, session.incident.events)
        widgets: list = [Prose(Text(determination_line(det), style="bold"), classes="ex-line"),
                         Prose(Text(t("estimate.planning_only"), style="italic"), classes="ex-line")]
        for part in parts(est, det.flows):
            widgets.append(Static(part.title, classes="ex-title", markup=False))
            widgets += [Prose(Text(line, style="bold"), classes="ex-line") for line in part.results]
            for line in part.lines:
                text = Text.assemble((f"{line.label}: ", "bold"), line.value, ("  " + line.basis, "dim"))
                widgets.append(Prose(text, classes="ex-line"))
                if line.note:
                    widgets.append(Prose(Text(line.note, style="italic"), classes="ex-detail"))
            widgets += [Prose(note, classes="ex-detail") for note in part.notes]
            widgets += [Static(Text(f"{t('estimate.source')}: {cite(s)}"), classes="ex-source")
                        for s in part.sources]
        body.mount_all(widgets)
        select = self.query_one("#estimate-factor", Select)
        chosen = select.value
        options = factor_labels(est, det.flows)
        self.labels = {fid: label for label, fid in options}
        select.set_options(options)
        if chosen is not Select.BLANK:
            select.value = chosen

    def hide(self, text: str) -> None:
        """`text` in place of the estimates and their form: no determination yet, or a blind exercise run
        before the team's calls."""
        body = self.query_one("#estimate-body", Vertical)
        body.remove_children()
        body.mount(Prose(text))
        self.query_one("#estimate-form").display = False

    @on(Button.Pressed, "#estimate-record")
    def _record(self) -> None:
        from wizard.estimate.model import parse_text

        self.save(parse_text(self.query_one("#estimate-value", JInput).value.strip()))

    @on(Button.Pressed, "#estimate-reset")
    def _reset(self) -> None:
        from wizard.estimate.model import PROPOSED

        self.save(PROPOSED)

    def save(self, value) -> None:
        from wizard.estimate.model import record

        screen = self.screen
        session = screen.session
        status = self.query_one("#estimate-status", Static)
        factor = self.query_one("#estimate-factor", Select).value
        if session.read_only:
            status.update(t("tui.read_only_notice"))
            return
        if factor is Select.BLANK:
            status.update(t("estimate.tab.factor"))
            return
        try:
            record(session.incident, str(factor), value, self.query_one("#estimate-reason", JInput).value,
                   session.responder, self.app.clock())
        except RoueiError as exc:
            status.update(Text(str(exc)))
            return
        status.update(Text(t("estimate.tab.recorded", factor=self.labels.get(factor, str(factor)))))
        self.query_one("#estimate-value", JInput).value = ""
        self.query_one("#estimate-reason", JInput).value = ""
        screen.dirty.add("timeline")
        self.show(session, screen.det)

