"""The card for the wall: one printable A4 page for when every computer is down.

"If personal data may have leaked": the first-hour steps (evidence first), whom to call in what
order with their numbers, where the responder laptop and the incident files are, and the public
desks. Built as an export `Document`, so HTML, Markdown and text say the same thing.
"""

from __future__ import annotations

from datetime import datetime

from wizard.domain.engine import assess
from wizard.domain.words import moment
from wizard.domain.facts import Facts
from wizard.domain.flows import bundled
from wizard.exports.model import Document, Field, Item, Items, Para, Section, Table
from wizard.i18n import pick, t
from wizard.profile.contacts import own_contacts
from wizard.profile.model import Profile

# First-hour steps from the bundled checklist, evidence first (each item keeps its sources there).
STEPS = ("isolate_network", "hands_off", "preserve_logs", "record_t0", "escalate")
DESKS = ("ppc_dial", "ppc_report_form", "consumer_hotline", "ipa_org_desk", "police_9110", "police_110")

# A4 on one sheet: smaller type, tighter spacing, no page-wide margins of the report style.
CSS = """
body { max-width: 190mm; margin: 0 auto; font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 .2rem; border-bottom-width: 3px; padding-bottom: .1rem; }
h2 { font-size: 11pt; margin: .5rem 0 .25rem; }
.meta { font-size: 8pt; padding: .1rem .6rem; line-height: 1.3; }
ul.items > li { margin: .05rem 0; }
table { font-size: 9pt; line-height: 1.3; }
th, td { padding: .1rem .3rem; }
td:first-child { white-space: nowrap; }
section:nth-of-type(2) td:nth-child(4) { white-space: nowrap; font-weight: bold; }
section:nth-of-type(2) td:nth-child(3), section:nth-of-type(4) td:nth-child(2) { font-weight: bold; }
section:nth-of-type(4) td:nth-child(1) { width: 34%; }
section:nth-of-type(4) td:nth-child(2) { width: 26%; }
p { margin: .2rem 0; }
.note { font-size: 8.5pt; padding: .1rem .5rem; }
@page { size: A4; margin: 9mm 10mm 8mm; }
@media print { body { font-size: 9pt; } }
"""


def build(profile: Profile, *, as_of: datetime) -> Document:
    """The card, in the current language."""
    flows = bundled()
    det = assess(Facts(aware_at=as_of), flows, explain=False)  # nothing known yet: every call that may be needed
    items = {item.id: item for item in flows.checklist}
    steps = [Item(f"{n}. {pick(items[i].title)}") for n, i in enumerate((s for s in STEPS if s in items), 1)]
    steps.append(Item(f"{len(steps) + 1}. {t('profile.card.step_rouei')}"))
    calls = [[str(n), c.label, c.who.name if c.who else t("profile.card.missing"), c.who.phone or "" if c.who else "",
              c.tell(det)] for n, c in enumerate(own_contacts(det, profile), 1)]
    desks = [[pick(c.name), c.phone or c.email or c.url or "", pick(c.hours) if c.hours else ""]
             for i in DESKS for c in flows.contacts if c.id == i]
    places = profile.places
    where = [places.laptop or t("profile.card.missing"), places.incident_files or t("profile.card.missing")]
    meta = [Field(t("profile.card.firm"), profile.firm.name),
            Field(t("profile.card.version"), t("profile.card.version_value", fp=profile.fingerprint,
                                               updated=profile.updated.isoformat() if profile.updated else "-",
                                               printed=moment(as_of)))]
    sections = [
        Section(t("profile.card.h_steps"), [Para(t("profile.card.steps_lead")), Items(steps)]),
        Section(t("profile.card.h_calls"), [Table(t("profile.card.calls_head").split("|"), calls)]),
        Section(t("profile.card.h_where"), [Table([t("profile.card.laptop"), t("profile.card.files")], [where])]),
        Section(t("profile.card.h_desks"), [Table(t("profile.card.desks_head").split("|"), desks),
                                            Para(t("profile.card.desks_note"), note=True)]),
    ]
    return Document("card", t("profile.card.title"), meta, sections)


def render(profile: Profile, fmt: str, *, as_of: datetime) -> str:
    """The card as `html`, `md` or `txt`."""
    from wizard.exports.html import to_html
    from wizard.exports.plain import to_markdown, to_text

    doc = build(profile, as_of=as_of)
    if fmt == "html":
        return to_html(doc, css=CSS)
    return {"md": to_markdown, "txt": to_text}[fmt](doc)
