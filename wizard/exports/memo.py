"""The escalation memo for management: the bottom line, the facts, what is still unknown, the
decisions management has to take, the next deadlines and how far the response has come.
"""

from __future__ import annotations

from wizard.domain.explain import release_lines, required_word, route_lines, status_key, value_label
from wizard.domain.logic import Tri
from wizard.exports import estimates
from wizard.exports.context import Context
from wizard.exports.lists import deadline_table, explained, legend
from wizard.exports.model import Document, Field, Fields, Item, Items, Para, Section
from wizard.exports.phrases import conflict_text, data_text, fill, meta, numbered, when
from wizard.i18n import pick, t

FACTS_SHOWN = ("aware_how", "cause", "affected_max", "encryption", "recovered_unviewed", "sectors", "eu_residents")


def memo(ctx: Context) -> Document:
    head = [Field(t("export.memo.handling"), t("export.memo.confidential")),
            Field(t("export.memo.author"), ctx.author or fill(t("export.memo.author_what")))]
    head += _addressees(ctx)
    bottom, decide = Section(t("export.memo.h_bottom"), []), Section(t("export.memo.h_decide"), [])
    sections = [bottom, Section(t("export.memo.h_facts"), [Fields(_facts(ctx))])]
    unknowns = explained(ctx, "unknowns")
    if unknowns is not None:
        sections.append(Section(t("export.memo.h_unknown"), [Para(t("export.memo.unknown_lead")), unknowns]))
    sections += [decide, Section(t("export.memo.h_next"), [deadline_table(ctx, detail=False)]),
                 Section(t("export.memo.h_progress"), _progress(ctx))]
    est = estimates.sections(ctx)
    sections += est
    costs = t("export.numbered", n=sections.index(est[-1]) + 1, title=est[-1].title)  # where the budget is shown
    bottom.blocks += [legend(), Items([*_bottom_line(ctx), estimates.bottom_line(ctx, costs)])]
    decide.blocks.append(Items(_decisions(ctx, costs)))
    return Document("memo", t("export.doc.memo"), meta(ctx, *head), numbered(sections), ctx.exercise)


def _addressees(ctx: Context) -> list[Field]:
    """To whom: the profile's decision makers and privacy officers, each once with their roles."""
    if ctx.profile is None:
        return []
    roles = ("decision", "privacy_officer")
    people = [p for p in ctx.profile.people if any(role in p.roles for role in roles)]
    people.sort(key=lambda p: next(n for n, role in enumerate(roles) if role in p.roles))  # decision makers first
    names = [t("export.paren", text=person.name, note=t("profile.memo.roles_sep").join(
        t(f"profile.slot.{role}") for role in roles if role in person.roles)) for person in people]
    return [Field(t("profile.memo.to"), t("explain.list_sep").join(names))] if names else []


def _bottom_line(ctx: Context) -> list[Item]:
    det = ctx.det
    rows = [Item(t("explain.verdict.report", value=required_word(det.report_required)), status_key(det.report_required))]
    if det.report_required.possible:
        deciding = det.deciding
        rows[0].detail += [t("export.memo.report_when", target=when(det.preliminary_target),
                             latest=when(det.preliminary_due), final=when(deciding.final.due)),
                           *(line.text for line in route_lines(det))]
    rows += [Item(line.text, line.status, list(line.detail)) for line in release_lines(det)]
    when_notice = [t("export.memo.notice_when")] if det.notice_required.possible else []
    rows.append(Item(t("explain.verdict.notice", value=required_word(det.notice_required)),
                     status_key(det.notice_required), when_notice))
    if det.my_number.possible:
        rows.append(Item(t("explain.verdict.my_number", value=required_word(det.my_number)), status_key(det.my_number)))
    for clock in det.clocks:
        if clock.status.possible:
            due = when(clock.due) if clock.due else t("explain.clock.promptly")
            rows.append(Item(t("explain.clock.line", title=pick(clock.clock.title), due=due), status_key(clock.status)))
    return rows


def _facts(ctx: Context) -> list[Field]:
    det, facts = ctx.det, ctx.facts
    rows = [Field(t("fact.aware_at"), when(facts.aware_at), True),
            Field(t("fact.data"), data_text(ctx), facts.known("data"))]
    rows += [Field(t(f"fact.{key}"), value_label(det.flows, key, getattr(facts, key)), facts.known(key))
             for key in FACTS_SHOWN]
    rows += [Field(t("export.ppc.conflict"), conflict_text(ctx, c), False) for c in ctx.conflicts]
    rows.append(Field(t("export.memo.record"), t("export.ppc.record_text", name=ctx.source or "-",
                                                  fp=ctx.fingerprint_full or "-", at=when(ctx.as_of),
                                                  rules=det.flows.manifest.version)))
    return rows


def _decisions(ctx: Context, costs: str) -> list[Item]:
    det = ctx.det
    listed = {item.id for item, _ in det.checklist}
    keys = []
    if det.report_required.possible and ctx.done("preliminary_report"):
        keys.append(("final", {"due": when(det.deciding.final.due)}))
    elif det.report_required.possible:
        keys.append(("report", {"due": when(det.preliminary_due)}))
    if det.notice_required.possible:
        keys.append(("notice", {}))
    keys += [("publish", {}), ("desk", {}), ("experts" if "forensic_vendor" in listed else "counsel", {})]
    if "insurer" in listed:
        keys.append(("insurer", {}))
    if det.facts.cause == "ransomware":
        keys.append(("ransom", {}))
    if "notify_acquirer" in listed:
        keys.append(("card", {}))
    for clock in det.clocks:
        if clock.clock.id == "gdpr_72h" and clock.status.possible:
            keys.append(("gdpr", {"due": when(clock.due)}))
    keys.append(("budget", {"section": costs}))
    return [Item(t(f"export.memo.decide_{key}", **params), "open") for key, params in keys]


def _progress(ctx: Context) -> list:
    det = ctx.det
    done = sum(1 for item, _ in det.checklist if ctx.done(item.id))
    pending = [Item(f"[{t('phase.' + item.phase)}] {pick(item.title)}", "open")
               for item, status in det.checklist
               if item.phase in ("first_hour", "first_24h") and not ctx.done(item.id) and status is not Tri.NO]
    blocks: list = [Para(t("export.checklist.progress", done=done, total=len(det.checklist)))]
    if pending:
        blocks += [Para(t("export.memo.pending")), Items(pending)]
    return blocks
