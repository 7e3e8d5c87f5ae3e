"""Who is responding: asked once on a computer, remembered in the settings, shown on every event.

A module of its own, loaded when the question is asked, so that the start screen's first frame does
not wait for it (`StartScreen.ask_responder`).
"""

from __future__ import annotations

from wizard.i18n import t
from wizard.tui.form import Field, FormDialog, FormProblem, screened


class ResponderDialog(FormDialog):
    """The responder's name (required) and role."""

    TITLE, LEAD = "tui.responder.title", "tui.responder.lead"
    ENTER_MOVES_ON = True  # the role is asked too: Enter in the name goes on to it

    def __init__(self, name: str, role: str) -> None:
        super().__init__()
        self.initial = (name, role)

    def fields(self) -> list[Field]:
        return [Field("name", "tui.responder.name", "tui.responder.name_hint", self.initial[0]),
                Field("role", "tui.responder.role", "tui.responder.role_hint", self.initial[1])]

    def submit(self) -> tuple[str, str]:
        if not screened(self, "name", "name"):
            raise FormProblem(t("tui.responder.required"), "name")
        return screened(self, "name", "name"), screened(self, "role", "role")
