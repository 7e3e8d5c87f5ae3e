"""The determination explained in words: each duty with its rule and source, how every deadline was
counted, which unknown facts made the answer cautious and what knowing them would change.

`explain()` returns plain sections and lines; the command line, the exports and the TUI render them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from wizard.domain.amendments import on_awareness
from wizard.domain.calendar import DayCount, japan_date
from wizard.domain.engine import Determination, TrackResult
from wizard.domain.flows import Flows, Question, Source
from wizard.domain.invariants import warnings as invariant_warnings
from wizard.domain.logic import Tri
from wizard.domain.vocabulary import FACTS, UNKNOWN
from wizard.domain.words import day, moment, plain_value
from wizard.i18n import get_lang, pick, t
from wizard.rulesets import name, stale_warning


@dataclass
class Line:
    text: str
    status: str | None = None  # "yes" | "maybe" | "no" where a line states a finding
    detail: list[str] = field(default_factory=list)
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        self.sources = tuple(s.localized(get_lang()) for s in self.sources)


@dataclass
class Section:
    key: str
    title: str
    lines: list[Line]


def status_word(value: Tri) -> str:
    return t(f"status.{status_key(value)}")


def required_word(value: Tri) -> str:
    return t(f"status.required_{status_key(value)}")


def status_key(value: Tri) -> str:
    return {Tri.YES: "yes", Tri.MAYBE: "maybe", Tri.NO: "no"}[value]


def track_label(track) -> str:
    """A track's short name (番号法, APPI…); a track a firm added without one shows its title."""
    key = f"track.{track.id}"
    label = t(key)
    return pick(track.title) if label == key else label


def value_label(flows: Flows, key: str, value, question: Question | None = None) -> str:
    """A fact value in words: a question's choice label where there is one (`question`'s own first),
    a date-time in Japan time, a count of people; a list or tuple as a list of such words."""
    if value is None or value == UNKNOWN:
        return t("value.unknown")
    if isinstance(value, (tuple, list)):
        if not value:
            return t("value.none_selected")
        known = [v for v in value if v != UNKNOWN]
        words = t("explain.list_sep").join(value_label(flows, key, v, question) for v in known or value)
        return t("value.maybe_more", items=words) if known and len(known) < len(value) else words
    if isinstance(value, (str, bool)):  # only these can be a choice's value
        mine = [c.label for c in question.choices if c.value == value and type(c.value) is type(value)] if question else []
        label = mine[0] if mine else flows.choice_label(key, value)
        if label is not None:
            return pick(label)
    return plain_value(key, value)


def count_steps(count: DayCount) -> list[str]:
    """How a 確報 deadline was counted, step by step."""
    steps = [t("explain.count.start", start=day(count.start), days=count.days, nominal=day(count.nominal))]
    for skipped, reason in count.skipped:
        steps.append(t("explain.count.skip", day=day(skipped), reason=closed_word(reason)))
    if count.shifted:
        steps.append(t("explain.count.moved", due=day(count.due)))
    return steps


def closed_word(reason: str) -> str:
    if reason.startswith("holiday:"):
        return t("calendar.holiday", name=reason.split(":", 1)[1])
    return t(reason)


def explain(det: Determination) -> list[Section]:
    """All sections, in the order a responder reads them."""
    return [s for s in (
        _verdict(det), _triggers(det), _deadlines(det), _route(det), _unknowns(det), _clocks(det),
        _checks(det), _checklist(det), _contacts(det), _about(det),
    ) if s.lines]


def _verdict(det: Determination) -> Section:
    lines = [
        Line(t("explain.verdict.report", value=required_word(det.report_required)), status_key(det.report_required)),
        Line(t("explain.verdict.notice", value=required_word(det.notice_required)), status_key(det.notice_required)),
    ]
    if det.my_number.possible or any(t.track.id == "my_number" and t.applies.possible for t in det.tracks):
        lines.append(Line(t("explain.verdict.my_number", value=required_word(det.my_number)), status_key(det.my_number)))
    lines += route_lines(det) + release_lines(det)
    shown = set()
    for track in det.tracks:
        for exemption in track.exemptions:
            if exemption.id not in shown:
                shown.add(exemption.id)
                detail = [pick(exemption.record)] if exemption.record else []
                lines.append(Line(t("explain.verdict.exempt", citation=pick(exemption.citation)), "no",
                                  detail, track.track.sources))
    if det.report_required is Tri.MAYBE:
        lines.append(Line(t("explain.verdict.cautious")))
    warning = stale_warning(det.flows.oldest_verification())
    if warning:
        lines.append(Line(warning))
    lines += [Line(text) for text in invariant_warnings(det.flows)]
    return Section("verdict", t("explain.section.verdict"), lines)


def route_lines(det: Determination) -> list[Line]:
    """"Report to: …" for each distinct route of the reports due (a line per track when they differ)."""
    routes = det.report_routes()
    key = "explain.verdict.route_of" if len(routes) > 1 else "explain.verdict.route"
    return [Line(t(key, value=pick(route.route.recipient), track=track_label(track.track))) for track, route in routes]


def release_lines(det: Determination) -> list[Line]:
    """A processor that notified its controller: no report or notice of its own, and what remains to do."""
    released = det.released
    if not released:
        return []
    citations = t("explain.cite_sep").join(pick(r.track.release.citation) for r in released)
    sources = tuple(s for r in released for s in r.track.sources[:2])
    return [Line(t("explain.verdict.released", citation=citations), "no", [pick(released[0].track.release.reason)],
                 sources)]


def _blockers_text(det: Determination, blockers) -> list[str]:
    if not blockers:
        return []
    names = t("explain.list_sep").join(t(f"fact.{k}") for k in FACTS if k in blockers)
    return [t("explain.because_unknown", facts=names)]


def _triggers(det: Determination) -> Section:
    lines = []
    for track in det.required_tracks:
        for finding in track.triggers:
            rule = finding.rule
            detail = [pick(rule.summary), *_blockers_text(det, finding.result.blockers)]
            if rule.unsettled and finding.status is Tri.MAYBE:
                detail.append(t("explain.settle", question=pick(rule.unsettled)))
            detail += [pick(c) for c in rule.checks]
            lines.append(Line(t("explain.rule", title=pick(rule.title), citation=pick(rule.citation)),
                              status_key(finding.status), detail, rule.sources))
    return Section("triggers", t("explain.section.triggers"), lines)


def _deadlines(det: Determination) -> Section:
    lines = []
    tracks: list[TrackResult] = sorted(det.required_tracks, key=lambda x: x.final.due)
    if tracks:
        first = tracks[0]
        lines.append(Line(
            t("explain.deadline.preliminary", target=day(det.preliminary_target), latest=day(det.preliminary_due)),
            detail=[t("explain.deadline.preliminary_how", aware=day(first.final.start))],
            sources=first.track.sources,
        ))
    for track in tracks:
        detail = count_steps(track.final)
        if track.long_always:
            rules = t("explain.list_sep").join(dict.fromkeys(
                pick(f.rule.citation) for f in track.triggers if f.rule.long_deadline))
            key = "explain.deadline.long" if any(f.rule.long_deadline and f.status.certain for f in track.triggers) \
                else "explain.deadline.long_only"
            detail.append(t(key, rule=rules, basis=pick(track.track.long_citation or track.track.citation)))
        for finding in track.long_pending:
            detail.append(t("explain.deadline.long_pending", rule=pick(finding.rule.citation)))
        label = pick(track.track.title) if len(tracks) > 1 else t("explain.deadline.final_label")
        lines.append(Line(
            t("explain.deadline.final", label=label, due=day(track.final.due), days=track.final_days),
            detail=detail, sources=track.track.sources,
        ))
    return Section("deadlines", t("explain.section.deadlines"), lines)


def _route(det: Determination) -> Section:
    lines = []
    several = len(det.report_routes()) > 1
    for track, result in det.report_routes():
        route = result.route
        text = t("explain.route.of", track=track_label(track.track), recipient=pick(route.recipient)) if several \
            else pick(route.recipient)
        lines.append(Line(text, detail=[pick(route.reason)], sources=route.sources))
        for other in result.maybe:
            lines.append(Line(t("explain.route.maybe", recipient=pick(other.recipient)), "maybe",
                              detail=[pick(other.reason)], sources=other.sources))
    return Section("route", t("explain.section.route"), lines)


def change_text(change: str) -> str:
    kind, _, arg = change.partition(":")
    if kind in ("trigger_gone", "trigger_new"):
        return t(f"explain.change.{kind}", name=t(f"trigger.{arg}"))
    if kind in ("clock_gone", "clock_new"):
        return t(f"explain.change.{kind}", name=t(f"clock.{arg}"))
    if kind == "final_due":
        return t("explain.change.final_due", due=day(date.fromisoformat(arg)))
    if kind == "route":
        return t("explain.change.route", route=t(f"route.{arg}"))
    return t(f"explain.change.{kind}_{arg}")


def _unknowns(det: Determination) -> Section:
    lines = []
    for key in det.unknown_facts:
        detail = []
        for value, changes in det.what_if.get(key, []):
            detail.append(t("explain.unknown.if", value=value_label(det.flows, key, value),
                            changes=t("explain.unknown.join").join(change_text(c) for c in changes)))
        if not detail:
            detail.append(t("explain.unknown.combined"))
        lines.append(Line(t(f"fact.{key}"), "maybe", detail))
    return Section("unknowns", t("explain.section.unknowns"), lines)


def _clocks(det: Determination) -> Section:
    lines = []
    for clock in det.clocks:
        if not clock.status.possible:
            continue
        c = clock.clock
        due = (moment(clock.due) if isinstance(clock.due, datetime) else day(clock.due)) if clock.due else \
            t("explain.clock.promptly")
        detail = [pick(c.summary), *_blockers_text(det, clock.blockers), *(pick(x) for x in c.checks)]
        lines.append(Line(t("explain.clock.line", title=pick(c.title), due=due), status_key(clock.status),
                          detail, c.sources))
    return Section("clocks", t("explain.section.clocks"), lines)


def _checks(det: Determination) -> Section:
    lines = []
    for track in det.required_tracks:
        lines += [Line(pick(c), sources=track.track.sources) for c in track.track.checks]
    for check in det.checks:
        lines.append(Line(pick(check.text), sources=check.sources))
    aware = japan_date(det.facts.aware_at)
    for amendment, state in det.amendments:
        lines.append(Line(on_awareness(amendment, aware), None if state == "before" else "maybe",
                          [pick(c) for c in amendment.checks], amendment.sources))
    return Section("checks", t("explain.section.checks"), lines)


def _checklist(det: Determination) -> Section:
    lines = []
    for phase in ("first_hour", "first_24h", "preliminary", "final"):
        for item, status in det.checklist:
            if item.phase == phase:
                mark = t("explain.checklist.evidence") if item.evidence else ""
                lines.append(Line(f"[{t(f'phase.{phase}')}] {pick(item.title)}{mark}", status_key(status),
                                  [pick(item.detail)], item.sources))
    return Section("checklist", t("explain.section.checklist"), lines)


def _contacts(det: Determination) -> Section:
    lines = []
    for contact, status in det.contacts:
        reach = " / ".join(x for x in (contact.phone, contact.email, contact.url) if x)
        detail = [pick(contact.purpose)]
        if contact.hours:
            detail.append(pick(contact.hours))
        detail += [pick(c) for c in contact.checks]
        detail.append(t("explain.contact.verified", date=contact.last_verified.isoformat(),
                        confidence=t(f"explain.confidence.{contact.confidence}")))
        lines.append(Line(f"{pick(contact.name)} — {reach}" if reach else pick(contact.name), status_key(status),
                          detail, contact.sources))
    return Section("contacts", t("explain.section.contacts"), lines)


def _about(det: Determination) -> Section:
    manifest = det.flows.manifest
    return Section("about", t("explain.section.about"), [
        Line(t("explain.about.rules", rules=name(det.flows.origin, manifest.version),
               verified=det.flows.oldest_verification().isoformat(), reviewed=manifest.reviewed.isoformat())),
        Line(pick(manifest.sources_note)),
        Line(t("explain.about.not_advice")),
    ])
