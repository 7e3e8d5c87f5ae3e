"""The estimates in words, for every place that shows them (the TUI tab, the memo, Word): one part per
model with its result, formula, factor lines (value, basis, note) and sources."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.domain.explain import required_word, value_label
from wizard.domain.words import moment
from wizard.domain.flows import Flows, Source
from wizard.estimate import Estimate
from wizard.estimate.data import estimates_data
from wizard.estimate.enisa import UNKNOWN
from wizard.estimate.jnsa import CostItem, ResponseCosts
from wizard.estimate.model import Factor, Span
from wizard.i18n import t


@dataclass(frozen=True)
class Line:
    factor: str  # the factor id, as the adjustment takes it
    label: str
    value: str
    basis: str
    note: str = ""


@dataclass(frozen=True)
class Part:
    key: str  # enisa | jo | cost
    title: str
    results: tuple[str, ...]
    lines: tuple[Line, ...]
    notes: tuple[str, ...]
    sources: tuple[Source, ...]


def people_words(count: int) -> str:
    """A number of people in words ("1 person", "5 people")."""
    return t("estimate.people_one" if count == 1 else "estimate.people", n=number(count))


def number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{int(value):,}"


def shown(span: Span, unit: str = "") -> str:
    """A value or a range, e.g. 「1〜4」, 「6,000円」."""
    def one(v: float) -> str:
        return t(f"estimate.{unit}", n=number(v)) if unit else number(v)

    return one(span.lo) if span.point else t("estimate.range", lo=one(span.lo), hi=one(span.hi))


def term(span: Span) -> str:
    """A value inside a formula: a range in parentheses."""
    return shown(span) if span.point else f"({shown(span)})"


def _note(f: Factor, check: str = "", unit: str = "") -> str:
    notes = [t("estimate.check_note", text=check)] if check and not f.confirmed else []
    if f.adjustment:
        a = f.adjustment
        notes.append(t("estimate.adjusted", proposed=shown(f.proposed, unit), reason=a.reason, by=a.by,
                       at=moment(a.at)))
    return " ".join(notes)


def determination_line(det) -> str:
    """The determination in one line, shown before any estimate."""
    return t("estimate.determination", report=t("tui.live.report", value=required_word(det.report_required)),
             notice=t("tui.live.notice", value=required_word(det.notice_required)))


def parts(est: Estimate, flows: Flows) -> list[Part]:
    return [_enisa(est, flows), _jo(est, flows), _costs(est, flows)]


def _kind(flows: Flows, kind: str) -> str:
    return t("estimate.unknown") if kind == UNKNOWN else value_label(flows, "data", kind)


def _enisa(est: Estimate, flows: Flows) -> Part:
    s = est.severity
    dpc_why = (t("estimate.enisa.why.dpc_unknown") if s.dpc.basis == UNKNOWN
               else t("estimate.enisa.why.dpc", kind=_kind(flows, s.dpc.basis)))
    ei_why = " / ".join(([] if s.ei.basis == UNKNOWN else [t(f"estimate.enisa.why.ei_{s.ei.basis}")])
                        + ([t("estimate.enisa.why.ei_more")] if not s.ei.proposed.point else []))
    lines = [Line("enisa.dpc", t("estimate.enisa.dpc"), shown(s.dpc.value), dpc_why, _note(s.dpc)),
             Line("enisa.ei", t("estimate.enisa.ei"), shown(s.ei.value), ei_why,
                  _note(s.ei, t("estimate.enisa.ei_check")))]
    for f in s.cb:
        element = f.id.rsplit(".", 1)[1]
        why = (t("estimate.enisa.why.cb_recovered") if f.basis == "recovered_unviewed"
               else t("estimate.enisa.why.cb_cause", cause=value_label(flows, "cause", None if f.basis == UNKNOWN
                                                                       else f.basis)))
        lines.append(Line(f.id, t(f"estimate.enisa.cb_{element}"), shown(f.value), why, _note(f)))
    cb = Span(sum(f.value.lo for f in s.cb), sum(f.value.hi for f in s.cb))
    bands = t(f"estimate.enisa.band.{s.bands[0]}")
    if s.bands[0] != s.bands[1]:
        bands = t("estimate.range", lo=bands, hi=t(f"estimate.enisa.band.{s.bands[1]}"))
    results = (t("estimate.enisa.result", score=shown(s.score), band=bands),
               t("estimate.enisa.formula", dpc=term(s.dpc.value), ei=term(s.ei.value), cb=term(cb),
                 score=shown(s.score)))
    notes = [t("estimate.enisa.many", value=_yes_no(s.many)),
             t("estimate.enisa.unintelligible", value=_yes_no(s.unintelligible))]
    if s.gdpr:
        notes.insert(0, t("estimate.enisa.gdpr"))
    if s.unconfirmed_band:
        notes.append(t("estimate.check_note", text=t("estimate.enisa.band_check")))
    return Part("enisa", t("estimate.enisa.title"), results, tuple(lines), tuple(notes),
                estimates_data().enisa.sources)


def _yes_no(value: bool | None) -> str:
    return t("estimate.unknown") if value is None else t("estimate.yes" if value else "estimate.no")


def _jo(est: Estimate, flows: Flows) -> Part:
    c = est.compensation
    lines = []
    for f in (c.x, c.y):
        lines.append(Line(f.id, t(f"estimate.{f.id}"), shown(f.value), _level_why(flows, f),
                          _note(f, t("estimate.jo.ep_check"))))
    ident = " / ".join(([] if c.identifiability.basis == UNKNOWN else [t(f"estimate.jo.why.{c.identifiability.basis}")])
                       + ([t("estimate.jo.why.ident_more")] if not c.identifiability.proposed.point else []))
    lines.append(Line(c.identifiability.id, t("estimate.jo.identifiability"), shown(c.identifiability.value), ident,
                      _note(c.identifiability)))
    social = c.social.basis
    why = {UNKNOWN: t("estimate.jo.why.social_unknown"), "general": t("estimate.jo.why.social_general")}.get(social)
    if why is None:
        what = (value_label(flows, "organisation", social) if social == "public_body"
                else value_label(flows, "sectors", social))
        why = t("estimate.jo.why.social_high", what=what)
    lines.append(Line(c.social.id, t("estimate.jo.social"), shown(c.social.value), why,
                      _note(c.social, t("estimate.jo.social_check"))))
    lines.append(Line(c.response.id, t("estimate.jo.response"), shown(c.response.value),
                      t("estimate.jo.why.assumed_appropriate"), _note(c.response)))
    per = shown(c.per_person, "yen")
    formula = t("estimate.jo.formula", base=number(c.base), x=term(c.x.value), y=term(c.y.value),
                ident=term(c.identifiability.value), social=term(c.social.value),
                response=term(c.response.value), per=per)
    total = (t("estimate.jo.total", per=per, people=people_words(c.people),
               total=shown(c.total, "yen")) if c.total is not None else t("estimate.jo.total_unknown"))
    return Part("jo", t("estimate.jo.title"), (t("estimate.jo.per_person", value=per), total, formula),
                tuple(lines), (t("estimate.jo.model_note"),), estimates_data().jo.sources)


def _level_why(flows: Flows, f: Factor) -> str:
    """Why an EP-map level: the kind that sets it, and its span where the published examples give two."""
    if f.basis == UNKNOWN:
        return t("estimate.jo.why.level_unknown")
    lo, hi = estimates_data().jo.ep[f.basis].span(f.id.rsplit(".", 1)[1])
    if lo != hi:
        return t("estimate.jo.why.level_span", kind=_kind(flows, f.basis), lo=lo, hi=hi)
    return t("estimate.jo.why.level", kind=_kind(flows, f.basis))


def total_line(costs: ResponseCosts) -> str:
    """The total, with what it leaves out named in the same line."""
    left = [t(f"estimate.cost.line.{i}") for i in costs.left_out] + [t("estimate.cost.never")]
    return t("estimate.cost.total", total=shown(costs.total, "yen"), left=t("explain.list_sep").join(left))


def widest_line(costs: ResponseCosts) -> str | None:
    """The line that moves the total most, with its range, or None when every line is a point."""
    item = costs.widest()
    if item is None:
        return None
    return t("estimate.cost.widest", line=t(f"estimate.cost.line.{item.line.id}"),
             value=shown(item.factor.value, "yen"), gap=shown(Span.of(item.factor.value.hi - item.factor.value.lo),
                                                              "yen"))


def survey_line(costs: ResponseCosts) -> str | None:
    """What ransomware victims reported paying in all, beside a ransomware budget."""
    s = costs.survey
    if s is None:
        return None
    return t("estimate.cost.survey", median=shown(Span.of(s.median), "yen"),
             mean=shown(Span.of(s.mean), "yen"), n=s.responses, period=s.period)


def _costs(est: Estimate, flows: Flows) -> Part:
    # the lines the case calls for first, then the others, each with why it is out
    items = sorted(est.costs.items, key=lambda i: i.applies is False and not i.factor.adjustment)
    lines = [_cost_line(item, est.compensation.people, flows) for item in items]
    results = [total_line(est.costs)]
    results += [x for x in (widest_line(est.costs), survey_line(est.costs)) if x]
    sources = estimates_data().costs.sources
    if est.costs.survey is not None:
        sources = (*sources, est.costs.survey.source)
    return Part("cost", t("estimate.cost.title"), tuple(results), tuple(lines), (t("estimate.cost.reading"),), sources)


def _cost_line(item: CostItem, people: int | None, flows: Flows) -> Line:
    line, f = item.line, item.factor
    unit = shown(Span(line.low, line.high), "yen")
    if line.basis == "per_person":
        key = "unit_per_person_unknown" if people is None else "unit_per_person"
        basis = t(f"estimate.cost.{key}", unit=unit, per=number(line.per),
                  people=people_words(people or 0))
    elif line.basis == "firm":
        basis = t(f"estimate.cost.firm.{line.id}")
    else:
        basis = t(f"estimate.cost.unit_{line.basis}", unit=unit, months=line.months)
    if f.adjustment:
        value = shown(f.value, "yen")
    elif item.applies is False:
        value = "—"
    elif item.unpriced:
        value = t("estimate.cost.not_entered") if line.basis == "firm" else "—"
    else:
        value = shown(f.value, "yen")
    check = t(f"estimate.cost.check.{line.check}") if line.check else ""
    return Line(f.id, t(f"estimate.cost.line.{line.id}"), value, f"{basis} / {why_text(item, flows)}",
                _note(f, check, "yen"))


def why_text(item: CostItem, flows: Flows) -> str:
    """Why a cost line is in the total or out of it, from the facts that decide it."""
    state = {True: "yes", False: "no", None: "unknown"}
    parts = [] if item.why else [t("estimate.cost.why.always")]
    for c in item.why:
        params = {}
        if c.kind == "cause":
            params["cause"] = value_label(flows, "cause", c.value)
        elif c.kind == "data":
            params["kinds"] = t("explain.list_sep").join(value_label(flows, "data", k) for k in c.value)
        elif c.kind == "over":
            params["n"] = number(c.value)
        parts.append(t(f"estimate.cost.why.{c.kind}_{state[c.holds]}", **params))
    key = {True: "in", None: "maybe", False: "out"}[item.applies]
    if item.applies is not False and not item.counted:
        key = "unpriced"
    return t(f"estimate.cost.why.{key}", why=t("explain.list_sep").join(parts))


def cite(source: Source) -> str:
    """A source as every view names it: title, date, address."""
    return " ".join(x for x in (source.title, f"({source.date})" if source.date else "", source.url or "") if x)


def factor_labels(est: Estimate, flows: Flows) -> list[tuple[str, str]]:
    """(label, factor id) of every adjustable factor, in the order the parts show them."""
    return [(f"{part.title}: {line.label}", line.factor) for part in parts(est, flows) for line in part.lines]
