"""The leak report draft (漏えい等報告, 速報/確報): the nine items of 施行規則8条1項, in order.

Each entry is filled from the incident where the record says it and marked known; the rest carries
a placeholder and is marked 「現時点で不明（判明次第追完）」, as the guideline allows for a 速報
(通則編 3-5-3-3) and, after reasonable effort, for a 確報 (3-5-3-4). An entry marked known never holds a
placeholder: what is still to be written goes in a row of its own. Only what the PPC asks goes in;
the firm's own matters (its insurer, rouei's record of the file) are the memo's.
"""

from __future__ import annotations

from wizard.domain.explain import required_word, status_word, value_label
from wizard.domain.logic import Tri
from wizard.exports.context import Context, deadlines
from wizard.exports.model import Document, Field, Fields, Para, Section
from wizard.exports.phrases import (
    CUSTOMER_DATA, EMPLOYEE_DATA, data_kinds, data_text, fill, harm_items, meta, numbered, placeholder_pattern,
    public_body_note, tick_text, when,
)
from wizard.i18n import pick, t
from wizard.profile.contacts import INSURER_CLOCK

def _steps(ctx: Context, kind: str) -> list[str]:
    """The checklist steps of a kind (flows/checklist.toml): measures taken, or reports to other bodies."""
    return [item.id for item in ctx.det.flows.checklist if item.kind == kind]


def stage(ctx: Context) -> str:
    """`final` once the preliminary report is ticked as filed, else `preliminary`."""
    return "final" if ctx.done("preliminary_report") else "preliminary"


def build(ctx: Context) -> Document:
    det = ctx.det
    route = det.route.route
    kind = "controller" if route.route == "controller" else stage(ctx)
    head = [Field(t("export.ppc.kind"), t(f"export.ppc.kind_{kind}")),
            Field(t("export.ppc.to"), pick(route.recipient)),
            *_reporter(ctx)]
    keys = ("clock.controller_notice",) if kind == "controller" else ("preliminary", "final")
    head += [Field(d.title, when(d.due)) for d in deadlines(ctx) if d.key.startswith(keys)]
    intro = [Para(t(f"export.ppc.intro_{kind}"), note=True), Para(t("export.ppc.marks"), note=True),
             *public_body_note(ctx)]
    if det.released:
        intro[0] = Para(t("export.ppc.intro_released", notified=_notified(ctx) or t("export.ppc.notified")), note=True)
    elif not det.report_required.possible:
        intro.insert(0, Para(t("export.ppc.not_required"), note=True))
    items = [Section(t(f"export.ppc.title_{n}"), [Fields(fields)]) for n, fields in enumerate(
        (_outline(ctx), _items(ctx), _count(ctx), _cause(ctx), _harm(ctx), _individuals(ctx), _publication(ctx),
         _measures(ctx), _other(ctx)), 1)]
    sections = [Section(t("export.ppc.before"), intro), *numbered(items)]
    return Document("ppc_report", t(f"export.doc.ppc_report_{kind}"), meta(ctx, *head), sections, ctx.exercise)


def _reporter(ctx: Context) -> list[Field]:
    """The firm's name and address from its profile (the organisation reports, not a person), else
    placeholders."""
    firm = ctx.profile.firm if ctx.profile is not None else None
    return [Field(t("export.ppc.reporter"), firm.name if firm else fill(t("export.ppc.reporter_what"))),
            Field(t("export.ppc.address"), firm.address if firm and firm.address else fill(t("export.address")))]


def _fact(ctx: Context, key: str, label: str, missing: str) -> Field:
    """A field straight from one fact: known with its label, or a placeholder."""
    if ctx.facts.known(key):
        return Field(label, value_label(ctx.det.flows, key, getattr(ctx.facts, key)), True)
    return Field(label, fill(missing), False)


def _outline(ctx: Context) -> list[Field]:
    facts = ctx.facts
    return [
        Field(t("export.ppc.occurred"), fill(t("export.ppc.occurred_what")), False),
        Field(t("export.ppc.aware"), when(facts.aware_at), True),
        _fact(ctx, "aware_how", t("export.ppc.found_how"), t("export.ppc.found_how_what")),
        Field(t("export.ppc.finder"), fill(t("export.ppc.finder_what")), False),
        *_what(ctx),
        _triggers(ctx),
        *_entrustment(ctx),
        *_course(ctx),
    ]


def _what(ctx: Context) -> list[Field]:
    cause = ctx.facts.cause
    text = (t("export.ppc.what_text", cause=t(f"export.cause.{cause}"), data=data_text(ctx)) if cause
            else t("export.ppc.what_nocause", data=data_text(ctx)))
    known = cause is not None and not placeholder_pattern().search(text)  # "other": the cause is still to write
    return [Field(t("export.ppc.what"), text, known),
            Field(t("export.ppc.what_more_label"), fill(t("export.ppc.what_more")))]


def _triggers(ctx: Context) -> Field:
    """Each numbered item of the applicable tracks: applies, may apply, or does not."""
    lines, certain = [], True
    for track in ctx.det.tracks:
        if not track.applies.possible:
            continue
        found = {f.rule.trigger: f.status for f in track.triggers}
        seen: set[str] = set()
        for rule in ctx.det.flows.triggers:
            if rule.track != track.track.id or rule.trigger in seen:
                continue
            seen.add(rule.trigger)
            status = found.get(rule.trigger, Tri.NO)
            certain &= status is not Tri.MAYBE
            name = t("export.paren", text=pick(rule.citation), note=t("trigger." + rule.trigger))
            lines.append(f"{name}: {status_word(status)}")
    return Field(t("export.ppc.triggers"), "\n".join(lines) or fill(t("export.ppc.triggers_what")),
                 certain and bool(lines))


def _entrustment(ctx: Context) -> list[Field]:
    """Who handles the data for whom: what the record says, marked known; the names it cannot say, to fill."""
    role = ctx.facts.role
    if role == "processor":
        sent = tick_text(ctx, "notify_controller")
        if sent is None and ctx.facts.controller_notified:
            sent = _notified(ctx) or t("export.ppc.notified")
        return [Field(t("export.ppc.entrusted"), t("export.ppc.processor", notified=sent or t("export.ppc.not_yet")),
                      True),
                Field(t("export.ppc.controller_label"), fill(t("export.ppc.controller_name")), False)]
    if role == "controller":
        return [Field(t("export.ppc.entrusted"), t("export.ppc.controller"), True),
                Field(t("export.ppc.processor_label"), fill(t("export.ppc.processor_what")), False)]
    return [Field(t("export.ppc.entrusted"), fill(t("export.ppc.entrusted_what")), False)]


def _notified(ctx: Context) -> str | None:
    """When the record first said the controller was notified ("notified <when> (by <who>)"), if it does."""
    event = next((e for e in ctx.history if e.kind == "answer" and e.data.get("fact") == "controller_notified"
                  and e.data.get("value") is True), None)
    return t("export.ppc.notified_on", at=when(event.at), by=event.by) if event else None


def _course(ctx: Context) -> list[Field]:
    """The course of events: awareness, then every step ticked, in time order; the rest to fill."""
    lines = [t("export.ppc.course_line", at=when(ctx.facts.aware_at), what=t("export.ppc.became_aware"))]
    items = {item.id: item for item in ctx.det.flows.checklist}
    done = sorted((tick.at, items[i]) for i, tick in ctx.ticks.items() if tick.done and tick.at and i in items)
    lines += [t("export.ppc.course_line", at=when(at), what=pick(item.title)) for at, item in done]
    return [Field(t("export.ppc.course"), "\n".join(lines), True),
            Field(t("export.ppc.course_more_label"), fill(t("export.ppc.course_more")))]


def _items(ctx: Context) -> list[Field]:
    kinds = set(data_kinds(ctx))
    facts = ctx.facts
    sort = [t(f"export.ppc.sort_{name}") for name, group in (("customer", CUSTOMER_DATA), ("employee", EMPLOYEE_DATA))
            if kinds & group]
    sort_text = t("explain.list_sep").join(sort) or fill(t("export.ppc.sort_what"))
    return [
        Field(t("export.ppc.data"), data_text(ctx), facts.known("data")),
        Field(t("export.ppc.sort"), sort_text, bool(sort)),
        Field(t("export.ppc.medium"), fill(t(f"export.ppc.medium_{_medium(ctx)}")), False),
        _fact(ctx, "encryption", t("export.ppc.encryption"), t("export.ppc.encryption_what")),
    ]


def _medium(ctx: Context) -> str:
    cause = ctx.facts.cause
    if cause in ("misdelivery", "loss", "theft"):
        return cause
    return "electronic" if cause is not None and cause != "other" else "any"


def _count(ctx: Context) -> list[Field]:
    count = ctx.facts.affected_max
    if count is None:
        return [Field(t("export.ppc.people"), fill(t("export.ppc.people_what")), False)]
    return [Field(t("export.ppc.people"), t("export.ppc.people_max", count=f"{count:,}"), True)]


def _cause(ctx: Context) -> list[Field]:
    role = ctx.facts.role
    actor = (Field(t("export.ppc.actor"), t("export.ppc.actor_processor"), True) if role == "processor"
             else Field(t("export.ppc.actor"), fill(t("export.ppc.actor_what")), False))
    return [_fact(ctx, "cause", t("export.ppc.cause"), t("export.ppc.cause_what")), actor,
            Field(t("export.ppc.cause_detail"), fill(t("export.ppc.cause_detail_what")), False)]


def _harm(ctx: Context) -> list[Field]:
    rows = [Field(t("export.ppc.harm_seen"), fill(t("export.ppc.harm_seen_what")), False),
            Field(t("export.ppc.harm_risk"), "\n".join(harm_items(ctx)), ctx.facts.known("data"))]
    done = _done(ctx, "containment")  # asking a wrong recipient to delete, taking a page down: against harm
    return rows + ([Field(t("export.ppc.containment"), "\n".join(done), True)] if done else [])


def _done(ctx: Context, kind: str) -> list[str]:
    """The checklist steps of a kind that are ticked, each with when and by whom."""
    items = {item.id: item for item in ctx.det.flows.checklist}
    return [t("export.paren", text=pick(items[i].title), note=tick_text(ctx, i))
            for i in _steps(ctx, kind) if ctx.done(i)]


def _status(ctx: Context, item_id: str, label: str, planned: str) -> list[Field]:
    """A step towards the individuals or the public: done (when, by whom), or not yet and its plan to fill."""
    done = tick_text(ctx, item_id)
    if done:
        return [Field(label, done, True)]
    return [Field(label, t("export.ppc.not_yet"), True), Field(t("export.ppc.plan_of", what=label), fill(planned), False)]


def _individuals(ctx: Context) -> list[Field]:
    det = ctx.det
    duty = required_word(det.notice_required)
    return [Field(t("export.ppc.notice_duty"), duty, det.notice_required is not Tri.MAYBE),
            *_status(ctx, "notify_individuals", t("export.ppc.notice"), t("export.ppc.notice_plan")),
            *_status(ctx, "inquiry_desk", t("export.ppc.desk"), t("export.ppc.desk_plan"))]


def _publication(ctx: Context) -> list[Field]:
    return _status(ctx, "public_notice", t("export.ppc.published"), t("export.ppc.publish_plan"))


def _measures(ctx: Context) -> list[Field]:
    done = _done(ctx, "measure")
    taken = Field(t("export.ppc.measures_done"), "\n".join(done) if done else fill(t("export.ppc.measures_done_what")),
                  bool(done))
    return [taken, Field(t("export.ppc.measures_planned"), fill(t("export.ppc.measures_planned_what")), False)]


def _other(ctx: Context) -> list[Field]:
    det = ctx.det
    items = {item.id: item for item in det.flows.checklist}
    reports = [t("export.paren", text=pick(items[i].title), note=tick_text(ctx, i) or t("export.ppc.not_yet"))
               for i in _steps(ctx, "report") if any(item.id == i for item, _ in det.checklist)]
    rows = []
    if reports:
        rows.append(Field(t("export.ppc.other_reports"), "\n".join(reports), True))
    shown = [c for c in det.clocks if c.status.possible and c.clock.id != INSURER_CLOCK]  # the insurer: the memo's
    clocks = [f"{pick(c.clock.title)}: {when(c.due) if c.due else t('explain.clock.promptly')}"
              f"{'' if c.status is Tri.YES else t('export.if_applies')}" for c in shown]
    if clocks:
        rows.append(Field(t("export.ppc.clocks"), "\n".join(clocks), all(c.status is Tri.YES for c in shown)))
    if det.my_number.possible:
        rows.append(Field(t("export.ppc.my_number"), t("export.ppc.my_number_text"), det.my_number is Tri.YES))
    if det.unknown_facts:
        names = t("explain.list_sep").join(t(f"fact.{k}") for k in det.unknown_facts)
        rows.append(Field(t("export.ppc.open"), t("export.ppc.open_text", facts=names), False))
    rows.append(Field(t("export.ppc.more"), fill(t("export.ppc.more_what")), None))
    return rows

