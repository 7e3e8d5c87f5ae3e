"""The profile form, reached from the start screen: the firm, its first people and partners.

It edits the first decision maker, the first other person, and the first insurer, acquirer, forensic
vendor and police desk; everything else in the file (more people, other partners) is kept as it is.
The file stays the place for the rest (`rouei profile edit`).
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Checkbox, Label, RadioSet, SelectionList
from textual.widgets.selection_list import Selection

from wizard.i18n import pick, t
from wizard.tui.form import Field, FormDialog, FormProblem
from wizard.tui.widgets import Check, Choice, TickList

PHONES = ("desk_phone", "decision_phone", "second_phone", "insurer_phone", "acquirer_phone", "forensic_phone",
          "police")
FLAGS = ("my_number", "card_data", "eu_customers")
# form field -> (partner kind, attribute) for the partners the form edits
PARTNER_FIELDS = {"insurer": ("insurer", "name"), "insurer_phone": ("insurer", "phone"),
                  "policy": ("insurer", "policy_number"), "notice_days": ("insurer", "notice_days"),
                  "acquirer": ("acquirer", "name"), "acquirer_phone": ("acquirer", "phone"),
                  "forensic": ("forensic", "name"), "forensic_phone": ("forensic", "phone"),
                  "police": ("police", "phone")}


class ProfileDialog(FormDialog):
    """Set up or edit the profile at `path`; dismisses with the path once it is saved."""

    TITLE, LEAD, OK = "profile.form.title", "profile.form.lead", "profile.form.save"
    ENTER_MOVES_ON = True  # a long form: Enter goes on to the next field; 保存 saves
    DEFAULT_CSS = """
    ProfileDialog .dialog { height: 100%; overflow-y: auto; }
    ProfileDialog SelectionList { height: auto; max-height: 6; }
    ProfileDialog RadioSet { width: 100%; }
    """

    def __init__(self, path: Path) -> None:
        from wizard.profile.files import load_if_present

        super().__init__()
        self.path = path
        self.profile = load_if_present(path)

    def on_mount(self) -> None:
        """Open at the top: the title and the lead, not wherever the first field scrolled to."""
        self.call_after_refresh(self.query_one(".dialog").scroll_home, animate=False)

    def _first(self) -> dict[str, str]:
        """The form's values as the profile has them now."""
        p = self.profile
        if p is None:
            return {}
        decision = next(iter(p.people_with("decision")), None)
        second = next((x for x in p.people if x is not decision), None)
        values = {"name": p.firm.name, "address": p.firm.address, "desk_phone": p.firm.desk_phone or "",
                  "decision": decision.name if decision else "", "decision_phone": decision.phone if decision else "",
                  "second": second.name if second else "", "second_phone": second.phone if second else "",
                  "laptop": p.places.laptop, "files": p.places.incident_files}
        for field, (kind, attr) in PARTNER_FIELDS.items():
            partner = next(iter(p.partners_of(kind)), None)
            value = getattr(partner, attr) if partner is not None else None
            values[field] = "" if value is None else str(value)
        return values

    def fields(self) -> list[Field]:
        values = self._first()
        names = ("name", "address", "desk_phone", "decision", "decision_phone", "second", "second_phone",
                 "insurer", "insurer_phone", "policy", "notice_days", "acquirer", "acquirer_phone", "forensic",
                 "forensic_phone", "police", "laptop", "files")
        labels = {"desk_phone": "desk"}
        return [Field(n, f"profile.form.{labels.get(n, n)}", value=values.get(n, "")) for n in names]

    def extra(self) -> ComposeResult:
        from wizard.domain.flows import bundled

        firm = self.profile.firm if self.profile else None
        yield Label(t("profile.form.organisation"))
        with RadioSet(id="organisation"):
            for kind in ("business", "public_body"):
                yield Choice(t(f"profile.form.{kind}"), value=(firm.organisation if firm else "business") == kind, id=kind)
        yield Check(t("profile.form.local_ordinance"), firm.local_ordinance if firm else False, id="local_ordinance")
        yield Label(t("profile.form.sectors"))
        choices = bundled().question("sectors").choices  # the question's own labels
        yield TickList(*[Selection(pick(c.label), c.value, bool(firm and c.value in firm.sectors))
                         for c in choices], id="sectors")
        yield Label(t("profile.form.handles"))
        for flag in FLAGS:  # one under another: side by side, the last was cut off at 80 columns
            yield Check(t(f"profile.form.{flag}"), bool(firm and getattr(firm, flag)), id=flag)

    def submit(self) -> Path:
        """Save the profile; a problem is also said in a notification, since the line for problems may be
        scrolled out of sight on a small screen."""
        try:
            return self._save()
        except FormProblem as problem:
            self.notify(str(problem), severity="error", timeout=10)
            raise

    def _save(self) -> Path:
        from wizard import clock
        from wizard.domain.facts import normalise
        from wizard.errors import RoueiError
        from wizard.profile.files import parse, save
        from wizard.profile.model import PHONE

        if not self.value("name"):
            raise FormProblem(t("profile.form.need_name"), "name")
        for field in PHONES:  # as the profile reads them: ０９０－１２３４－５６７８ is 090-1234-5678
            if self.value(field) and not re.match(PHONE, normalise(self.value(field))):
                raise FormProblem(t("profile.error.phone", value=self.value(field)), field)
        days = self.value("notice_days")
        if days and not (days.isdigit() and 1 <= int(days) <= 365):
            raise FormProblem(t("profile.form.bad_days"), "notice_days")
        try:
            profile = parse({**self._raw(), "updated": clock.now().date()}, self.path)
        except RoueiError as exc:
            raise FormProblem(str(exc)) from None
        save(profile, self.path)
        return self.path

    def _raw(self) -> dict:
        """The profile with the form's values in place of those it shows, everything else kept."""
        old = self.profile.model_dump(mode="json", exclude_defaults=True) if self.profile else {"firm": {}}
        firm = {**old["firm"], "name": self.value("name"), "address": self.value("address"),
                "organisation": self.query_one("#organisation", RadioSet).pressed_button.id,
                "local_ordinance": self.query_one("#local_ordinance", Checkbox).value,
                "sectors": list(self.query_one("#sectors", SelectionList).selected),
                **{flag: self.query_one(f"#{flag}", Checkbox).value for flag in FLAGS}}
        firm["desk_phone"] = self.value("desk_phone") or None
        people = old.get("people", [])
        decision = next((i for i, p in enumerate(people) if "decision" in p["roles"]), None)
        second = next((i for i in range(len(people)) if i != decision), None)
        people = _apply(people, [
            (decision, self.value("decision"), {"roles": ["decision"], "phone": self.value("decision_phone")}),
            (second, self.value("second"), {"roles": ["it"], "phone": self.value("second_phone")})])
        partners = old.get("partners", [])
        changes = []
        for kind in ("insurer", "acquirer", "forensic", "police"):
            values = {attr: self.value(field) or None for field, (k, attr) in PARTNER_FIELDS.items() if k == kind}
            name = values.pop("name", None) or (t("profile.slot.police") if values.get("phone") else "")
            if values.get("notice_days"):
                values["notice_days"] = int(values["notice_days"])
            if kind == "forensic":
                values["contracted"] = True
            index = next((i for i, p in enumerate(partners) if p["kind"] == kind), None)
            changes.append((index, name, {"kind": kind, **values}))
        partners = _apply(partners, changes)
        places = {"laptop": self.value("laptop"), "incident_files": self.value("files")}
        return {"firm": _clean(firm), "people": [_clean(p) for p in people],
                "partners": [_clean(p) for p in partners], "places": places}


def _apply(entries: list[dict], changes: list[tuple[int | None, str, dict]]) -> list[dict]:
    """`entries` with each change made at once: (index, name, fields) updates the entry at index (a
    person keeps the roles they have), adds one when index is None, removes it when name is empty."""
    out, drop = [dict(e) for e in entries], set()
    for index, name, fields in changes:
        if index is None:
            out += [{"name": name, **fields}] if name else []
        elif name:
            out[index] = {**out[index], **fields, "name": name, **({"roles": out[index]["roles"]}
                                                                    if "roles" in out[index] else {})}
        else:
            drop.add(index)
    return [e for i, e in enumerate(out) if i not in drop]


def _clean(table: dict) -> dict:
    """Leave out what is empty, so the profile's defaults apply."""
    return {k: v for k, v in table.items() if v not in (None, "")}


HINTS = ("my_number", "card_number", "ordinance_sensitive")  # what `wizard.profile.start.hints` may record


def question_note(session, question, answer):
    """What the profile says about the question shown (said where the current answer is): (a note or
    None, the answer to show).

    An answer the profile gave to a question that is still asked is shown as the current answer, to
    confirm or change; the data question recalls the kinds of data the firm handles."""
    from wizard.domain.explain import value_label
    from wizard.domain.flows import bundled
    from wizard.profile import start

    given = session.answers().get(question.fact)
    if answer is None and given is not None and given.question == start.ASK_AGAIN:
        label = value_label(bundled(), question.fact, given.value, question)
        return t("profile.incident.confirm", value=label), given
    hints = (start.started_from(session.incident) or {}).get("hints")
    held = [h for h in hints if h in HINTS] if isinstance(hints, list) else []  # a hand-edited file may hold anything
    if question.fact == "data" and held:
        kinds = t("explain.list_sep").join(t(f"profile.incident.hint_{h}") for h in held)
        return t("profile.incident.hint_data", kinds=kinds), answer
    return None, answer


def own_contact_lines(session, det) -> list:
    """The firm's own contacts for the contacts tab, as rich Texts, in the order to call them; a single
    line saying how to set up a profile when there is none."""
    from rich.text import Text

    from wizard.profile.contacts import own_contacts

    if session.profile is None:
        return [Text(t("profile.incident.no_profile"), style="italic")]
    lines = []
    for contact in own_contacts(det, session.profile):
        text = Text()
        text.append(contact.label, style="bold")
        text.append("  " + (contact.who.name if contact.who else t("profile.card.missing")),
                    style="" if contact.who else "italic")
        if contact.reach:
            text.append("\n  " + contact.reach)
        text.append("\n  " + contact.tell(det), style="dim")
        lines.append(text)
    return lines
