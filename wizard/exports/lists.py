"""The working lists: the determination explained, the phased checklist with ticks, the contacts,
the deadlines (the calendar as a list), the timeline and the evidence register.
"""

from __future__ import annotations

from wizard.domain.deadlines import phase_due
from wizard.domain.explain import Line, explain, status_key, value_label
from wizard.domain.logic import ALWAYS, Tri
from wizard.domain.walk import asked_facts
from wizard.exports.context import Context, deadlines
from wizard.exports.model import Document, Field, Fields, Item, Items, Link, Para, Section, Table
from wizard.exports.phrases import conflict_text, fill, meta, when
from wizard.i18n import pick, t
from wizard.store.guard import mask



def line_item(line: Line) -> Item:
    """One line of the explanation as a list entry, sources as links."""
    return Item(line.text, line.status, list(line.detail), [Link(s.title, s.url) for s in line.sources])


def determination(ctx: Context) -> Document:
    det = ctx.det
    sections = []
    if ctx.conflicts:
        rows = [Item(conflict_text(ctx, c), "maybe") for c in ctx.conflicts]
        sections.append(Section(t("explain.conflicts"), [Items(rows)]))
    facts = [Field(t(f"fact.{key}"), value_label(det.flows, key, getattr(det.facts, key)), det.facts.known(key))
             for key in asked_facts(det.flows, det.facts)]
    sections.append(Section(t("export.determination.facts"), [legend(), Fields(facts)]))
    sections += [Section(s.title, [Items([line_item(x) for x in s.lines])]) for s in explain(det)]
    return Document("determination", t("export.doc.determination"), meta(ctx), sections, ctx.exercise)


def checklist(ctx: Context) -> Document:
    det = ctx.det
    done = sum(1 for item, _ in det.checklist if ctx.done(item.id))
    sections = [Section(t("export.checklist.how"), [Para(t("export.checklist.progress", done=done,
                                                              total=len(det.checklist)))])]
    for phase in ("first_hour", "first_24h", "preliminary", "final"):
        rows = [_check(ctx, item, status) for item, status in det.checklist if item.phase == phase]
        if rows:
            due = phase_due(ctx.det, phase)
            title = t(f"phase.{phase}") + (t("export.checklist.by", due=when(due)) if due else "")
            sections.append(Section(title, [Items(rows)]))
    return Document("checklist", t("export.doc.checklist"), meta(ctx), sections, ctx.exercise)


def _check(ctx: Context, item, status: Tri) -> Item:
    tick = ctx.done(item.id)
    text = pick(item.title) + (t("explain.checklist.evidence") if item.evidence else "")
    text += t("export.if_applies") if status is Tri.MAYBE else ""
    if tick:
        who = t("export.checklist.done", at=when(tick.at) if tick.at else "-", by=tick.by or "-")
        detail = [who] + ([t("export.checklist.note", note=tick.note)] if tick.note else [])
    else:
        detail = [t("export.checklist.todo", who=fill(t("export.checklist.who")), at=fill(t("export.when")))]
    return Item(text, "done" if tick else "open", [pick(item.detail), *detail],
                [Link(s.localized(ctx.lang).title, s.url) for s in item.sources[:1]])


def explained(ctx: Context, key: str) -> Items | None:
    """One section of the explanation (`wizard.domain.explain`) as a list, None when it is empty."""
    section = next((s for s in explain(ctx.det) if s.key == key), None)
    return Items([line_item(line) for line in section.lines]) if section else None


def legend() -> Para:
    return Para(t("export.legend"), note=True)


def public_desks(ctx: Context) -> Items:
    """The bundled contacts: marked ● or ◐ where the facts call for them (the regulator's as the report
    is required), unmarked where they are there for any case (a general desk to know of)."""
    items = explained(ctx, "contacts")
    for item, (contact, _status) in zip(items.rows, ctx.det.contacts, strict=True):
        if contact.kind == "regulator":
            item.mark = status_key(ctx.det.report_required)
        elif contact.when == ALWAYS:
            item.mark = None
    return items


def contacts(ctx: Context) -> Document:
    public = Section(t("export.contacts.public"), [Para(t("export.contacts.legend"), note=True), public_desks(ctx)])
    if ctx.profile is not None:  # the firm's own people and partners first, in the order to call them
        from wizard.profile.contacts import own_contacts
        from wizard.profile.start import difference, stamp_of

        rows = [[c.label, c.who.name if c.who else t("profile.card.missing"), c.reach, c.tell(ctx.det)]
                for c in own_contacts(ctx.det, ctx.profile)]
        other = difference(stamp_of(ctx.history[0]), ctx.profile) if ctx.history else None
        note = [Para(t("profile.incident.other_profile", theirs=other[0], ours=other[1]), note=True)] if other else []
        own = Section(t("profile.incident.own"), [*note, Table(t("profile.incident.own_head").split("|"), rows)])
        return Document("contacts", t("export.doc.contacts"), meta(ctx), [own, public], ctx.exercise)
    own = [[t(f"export.contacts.own_{role}"), "", "", ""] for role in _own_roles(ctx)]
    sections = [public, Section(t("export.contacts.own"), [Para(t("export.contacts.own_how"), note=True),
                                                           Table(t("export.contacts.own_head").split("|"), own)])]
    return Document("contacts", t("export.doc.contacts"), meta(ctx), sections, ctx.exercise)


def _own_roles(ctx: Context) -> list[str]:
    listed = {item.id for item, _ in ctx.det.checklist}
    roles = ["lead", "management", "pr", "legal"]
    roles += ["controller"] if ctx.facts.role == "processor" else ["processor"]
    roles += [r for r, step in (("forensic", "forensic_vendor"), ("acquirer", "notify_acquirer"),
                                ("insurer", "insurer")) if step in listed]
    return roles + ["vendor"]


def deadline_table(ctx: Context, *, detail: bool) -> Table:
    """Every dated duty with its state (done as recorded, past its date, open); `detail`: how it was counted."""
    rows = []
    for d in deadlines(ctx):
        state = t("export.state.done_by", at=when(d.filed.at), by=d.filed.by) if d.filed else t(f"export.state.{d.state}")
        row = [when(d.due), d.title + (t("export.if_applies") if d.maybe else ""), state]
        rows.append(row + [d.detail] if detail else row)
    head = t("export.calendar.head").split("|")
    return Table(head if detail else head[:3], rows)


def calendar(ctx: Context) -> Document:
    open_ended = [Item(pick(c.clock.title), status_key(c.status), [pick(c.clock.summary)])
                  for c in ctx.det.clocks if c.status.possible and c.due is None]
    if ctx.det.notice_required.possible:
        open_ended.append(Item(t("export.calendar.notice"), status_key(ctx.det.notice_required),
                               [t("export.calendar.notice_how")]))
    sections = [Section(t("export.calendar.dated"), [Para(t("export.calendar.how"), note=True),
                                                     deadline_table(ctx, detail=True)])]
    if open_ended:
        sections.append(Section(t("export.calendar.promptly"), [Items(open_ended)]))
    return Document("calendar", t("export.doc.calendar"), meta(ctx), sections, ctx.exercise)


def timeline(ctx: Context) -> Document:
    from wizard.timeline import describe, who

    rows = [[when(e.at), who(e), describe(e)] for e in ctx.history]
    blocks = [Table(t("export.timeline.head").split("|"), rows)] if rows else [Para(t("export.timeline.empty"))]
    return Document("timeline", t("export.doc.timeline"), meta(ctx), [Section(t("export.timeline.events"), blocks)],
                    ctx.exercise)


def evidence(ctx: Context) -> Document:
    """The register: what was preserved, its SHA-256, who holds it, the last check, every hand-over."""
    from wizard.evidence.collect import show
    from wizard.evidence.register import describe, digest_text

    items = ctx.evidence
    if not items:
        return Document("evidence", t("export.doc.evidence"), meta(ctx),
                        [Section(t("export.evidence.items"), [Para(t("export.evidence.empty"))])], ctx.exercise)
    rows = []
    for item in items:
        what = t("export.paren", text=show(item.path), note=describe(item))
        got = t("export.evidence.got", at=when(item.collected_at), by=item.collected_by)
        held = t("export.paren", text=item.holder, note=mask(item.location)) if item.location else item.holder
        check = (t("export.evidence.check", status=t(f"evidence.status.{item.last_check.status}"),
                   at=when(item.last_check.at)) if item.last_check else t("export.evidence.unchecked"))
        rows.append([item.id, what, digest_text(item, "export.evidence.hash"), got, held, check])
    custody = [[item.id, when(x.handed_at), f"{x.giver} → {x.taker}", mask(x.reason)]
               for item in items for x in item.custody]
    sections = [Section(t("export.evidence.items"), [Para(t("export.evidence.how"), note=True),
                                                     Table(t("export.evidence.head").split("|"), rows)])]
    if custody:
        sections.append(Section(t("export.evidence.custody"),
                                [Table(t("export.evidence.custody_head").split("|"), custody)]))
    return Document("evidence", t("export.doc.evidence"), meta(ctx), sections, ctx.exercise)
