"""Drafts for the people affected and the public: the notice to individuals (本人通知) and the
public notice (公表).

The notice carries only the items 施行規則10条 asks for: 1 概要, 2 項目, 4 原因, 5 二次被害又はそのおそれ
and 9 その他参考となる事項 (what the person can do, whom to ask). The public notice adds the number
of people, what is being done and the measures against recurrence.
"""

from __future__ import annotations

from wizard.domain.logic import Tri
from wizard.exports.context import Context
from wizard.exports.model import Document, Item, Items, Para, Section
from wizard.exports.phrases import (
    advice, audience, contact_point, data_kinds, fill, harm_items, incident_sentence, meta, numbered,
    public_body_note, sender, tick_text, whose,
)
from wizard.i18n import t


def notice(ctx: Context) -> Document:
    who = audience(ctx)
    notes = [Para(t("export.notice.note_when"), note=True), Para(t("export.notice.note_what"), note=True),
             Para(t("export.notice.note_privacy"), note=True)]
    if not ctx.det.notice_required.possible:
        notes.insert(0, Para(t("export.notice.released" if ctx.det.released else "export.notice.not_required"),
                             note=True))
    notes += public_body_note(ctx)
    letter = [Para(t(f"export.notice.to_{who}")), sender(ctx), Para(t(f"export.notice.lead_{who}"))]
    body = [
        _overview(ctx, "notice"),
        _data(ctx, count=False),
        _cause(ctx),
        _harm(ctx),
        Section(t("export.notice.h_advice"), [Para(t("export.notice.advice_lead")), advice(ctx)]),
        Section(t("export.notice.h_other"), [Para(t("export.notice.other"))]),
        Section(t("export.notice.h_contact"), [*contact_point(ctx), Para(t("export.notice.closing"))]),
    ]
    sections = [Section(t("export.notice.drafting"), notes), Section(t("export.notice.subject"), letter),
                *numbered(body)]
    return Document("notice", t("export.doc.notice"), meta(ctx), sections, ctx.exercise)


def public_notice(ctx: Context) -> Document:
    notes = [Para(t("export.public.note_optional"), note=True), Para(t("export.public.note_privacy"), note=True),
             Para(t("export.public.note_attack"), note=True), *public_body_note(ctx)]
    lead = [sender(ctx), Para(t("export.public.lead", whose=whose(ctx, "public")))]
    body = [
        _overview(ctx, "public"),
        _data(ctx, count=True),
        _cause(ctx),
        _harm(ctx),
        Section(t("export.public.h_response"), [Items(_response(ctx))]),
        Section(t("export.public.h_prevent"), [Para(fill(t("export.public.prevent_what")))]),
        Section(t("export.notice.h_advice"), [Para(t("export.public.advice_lead")), advice(ctx)]),
        Section(t("export.notice.h_contact"),
                [*contact_point(ctx), Para(t("export.public.closing", whose=whose(ctx, "public")))]),
    ]
    sections = [Section(t("export.public.drafting"), notes), Section(t("export.public.subject"), lead),
                *numbered(body)]
    return Document("public_notice", t("export.doc.public_notice"), meta(ctx), sections, ctx.exercise)


def _overview(ctx: Context, reader: str) -> Section:
    return Section(t("export.notice.h_overview"), [
        Para(incident_sentence(ctx, reader)),
        Para(fill(t("export.notice.overview_what"))),
    ])


def _data(ctx: Context, *, count: bool) -> Section:
    kinds = data_kinds(ctx)
    blocks: list = [Items([Item(t(f"export.kind.{k}")) for k in kinds])] if kinds else []
    if not ctx.facts.known("data"):
        blocks.append(Para(t("export.notice.data_more" if kinds else "export.notice.data_unknown")))
    if count:
        people = ctx.facts.affected_max
        text = (t("export.public.people", count=f"{people:,}") if people is not None
                else fill(t("export.public.people_what")))
        blocks.append(Para(text))
    return Section(t("export.notice.h_data"), blocks)


def _cause(ctx: Context) -> Section:
    cause = ctx.facts.cause or "unknown"
    return Section(t("export.notice.h_cause"), [Para(t(f"export.reason.{cause}")),
                                                      Para(fill(t("export.notice.cause_what")))])


def _harm(ctx: Context) -> Section:
    return Section(t("export.notice.h_harm"), [
        Para(t("export.notice.harm_seen", check=fill(t("export.notice.harm_check")))),
        Items([Item(text) for text in harm_items(ctx)]),
    ])


def _response(ctx: Context) -> list[Item]:
    """What the organisation is doing, as far as the record says; placeholders for the rest."""
    det = ctx.det
    listed = {item.id for item, _ in det.checklist}
    notified = tick_text(ctx, "notify_individuals")
    rows = [Item(t("export.public.notified", done=notified) if notified
                 else t("export.public.will_notify", how=fill(t("export.public.notify_what"))))]
    rows.append(Item(t("export.public.desk")))
    if det.report_required.possible:
        key = "export.public.reported" if ctx.done("preliminary_report") else "export.public.will_report"
        to = t("explain.list_sep").join(fill(t("export.public.ministry_what")) if r.route.route == "ministry"
                                         else t(f"route.{r.route.route}") for _, r in det.report_routes())
        rows.append(Item(t(key, to=to)))
    if "police" in listed:
        rows.append(Item(t("export.public.police_done" if ctx.done("police") else "export.public.police")))
    if "forensic_vendor" in listed:
        rows.append(Item(t("export.public.experts")))
    if any(c.clock.id == "gdpr_72h" and c.status is Tri.YES for c in det.clocks):
        rows.append(Item(t("export.public.gdpr")))
    return rows

