"""JNSA estimates: the JO model's compensation per person and in total, and the response-cost lines.

JO model: per person = base × (10^(x−1) + 5^(y−1)) × identifiability × social responsibility × response,
x and y the highest emotional-distress and economic-loss levels of the leaked kinds on the EP map.
Response costs: JNSA's reference values, each line counted when the facts call for it (the cause, the
kinds of data, whether people outside the firm are affected, how many) and scaled as its source says:
a fixed amount, per person (letters, gifts), or per month (card monitoring).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.domain.facts import Facts
from wizard.domain.vocabulary import staff_only
from wizard.estimate.data import Costs, CostLine, Jo, Survey, When
from wizard.estimate.enisa import UNKNOWN, first_match, kinds_of
from wizard.estimate.model import COST_PREFIX, Adjustment, Factor, Span, factor


@dataclass(frozen=True)
class Compensation:
    x: Factor
    y: Factor
    identifiability: Factor
    social: Factor
    response: Factor
    base: int
    per_person: Span
    people: int | None
    total: Span | None  # None while the number of people is unknown

    @property
    def factors(self) -> tuple[Factor, ...]:
        return (self.x, self.y, self.identifiability, self.social, self.response)

    def to_json(self) -> dict[str, Any]:
        return {"per_person": self.per_person.to_json(), "people": self.people,
                "total": self.total.to_json() if self.total else None, "base": self.base,
                "formula": "base × (10^(x−1) + 5^(y−1)) × identifiability × social × response",
                **{f.id.split(".", 1)[1]: f.to_json() for f in self.factors}}


def jo_value(base: int, x: float, y: float, ident: float, social: float, response: float) -> float:
    return base * (10 ** (x - 1) + 5 ** (y - 1)) * ident * social * response


def compensation(facts: Facts, data: Jo, adjusted: dict[str, Adjustment]) -> Compensation:
    kinds, more = kinds_of(facts)
    levels = [(k, data.ep[k]) for k in sorted(kinds)] + ([(UNKNOWN, data.ep[UNKNOWN])] if more else [])
    known = [lv for k, lv in levels if k != UNKNOWN]
    axes = []
    for axis in ("x", "y"):
        other = "y" if axis == "x" else "x"  # a tie names the kind that weighs most on the other axis
        kind, top = max(levels, key=lambda kv: (kv[1].span(axis)[1], kv[1].span(other)[1]))
        lo = max((lv.span(axis)[0] for lv in known), default=1)
        axes.append(factor(f"jo.{axis}", Span(lo, top.span(axis)[1]), kind, adjusted, top.listed))

    rule = first_match(data.identifiability, kinds)
    ident = Span(rule.value, max(r.value for r in data.identifiability) if more else rule.value)
    identifiability = factor("jo.identifiability", ident, rule.id if kinds else UNKNOWN, adjusted)

    social = factor("jo.social", *_social(facts, data), adjusted, data.social.confirmed)
    response = factor("jo.response", Span.of(1), "assumed_appropriate", adjusted)

    x, y = axes
    chain = (x, y, identifiability, social, response)

    def at(end: str) -> float:
        return jo_value(data.base, *(getattr(f.value, end) for f in chain))

    per_person = Span(at("lo"), at("hi"))
    people = facts.affected_max
    total = per_person * Span.of(people) if people is not None else None
    return Compensation(x, y, identifiability, social, response, data.base, per_person, people, total)


def _social(facts: Facts, data: Jo) -> tuple[Span, str]:
    """2 for a public body or a regulated sector, 1 otherwise; a range while that is unknown."""
    if facts.organisation in data.social.high_organisations:
        return Span.of(2), facts.organisation
    sectors = set(facts.sectors or ()) & set(data.social.high_sectors)
    if sectors:
        return Span.of(2), sorted(sectors)[0]
    if facts.organisation is None or not facts.known("sectors"):
        return Span(1, 2), UNKNOWN
    return Span.of(1), "general"


@dataclass(frozen=True)
class Condition:
    """One condition of a cost line as the facts answer it: `holds` True, False, or None (not known)."""

    kind: str  # cause | data | outsiders | over
    holds: bool | None
    value: Any = None  # what it was judged on: the cause, the kinds found, the threshold

    def to_json(self) -> dict[str, Any]:
        return {"condition": self.kind, "holds": self.holds}


@dataclass(frozen=True)
class CostItem:
    line: CostLine
    factor: Factor  # the line's amount in yen (0 when the facts do not call for the line)
    applies: bool | None  # the facts call for the line, may call for it (an unknown fact), or do not
    why: tuple[Condition, ...]  # what decides it: the condition that fails, else every condition
    unpriced: bool  # no amount yet: a per-person line while the number is unknown, or the firm's own figure

    @property
    def counted(self) -> bool:
        """In the total: an adjusted line always; otherwise one the facts (may) call for, with an amount."""
        return self.factor.adjustment is not None or (self.applies is not False and not self.unpriced)

    def to_json(self) -> dict[str, Any]:
        out = self.factor.to_json()
        out |= {"basis": self.line.basis, "unit": [self.line.low, self.line.high], "per": self.line.per,
                "months": self.line.months, "applies": self.applies, "why": [c.to_json() for c in self.why],
                "counted": self.counted}
        if self.unpriced:
            out["proposed"] = None
            if not self.factor.adjustment:
                out["value"] = None
        return out


@dataclass(frozen=True)
class ResponseCosts:
    items: tuple[CostItem, ...]
    total: Span  # of the lines counted
    left_out: tuple[str, ...]  # lines the facts (may) call for that have no amount yet
    survey: Survey | None  # what victims of this kind of incident reported paying, for comparison

    def widest(self) -> CostItem | None:
        """The counted line whose range is widest: what moves the total most."""
        counted = [i for i in self.items if i.counted and i.factor.value.hi > i.factor.value.lo]
        return max(counted, key=lambda i: i.factor.value.hi - i.factor.value.lo, default=None)

    def to_json(self) -> dict[str, Any]:
        out = {"lines": {i.line.id: i.to_json() for i in self.items}, "total": self.total.to_json(),
               "left_out": list(self.left_out)}
        if self.survey is not None:
            out["survey"] = {"median": self.survey.median, "mean": self.survey.mean,
                             "responses": self.survey.responses, "period": self.survey.period}
        return out


def conditions(when: When, facts: Facts) -> tuple[Condition, ...]:
    """The conditions of a line, each answered from the facts (None where a fact is not known)."""
    kinds, more = kinds_of(facts)
    out = []
    if when.causes:
        cause = facts.cause
        out.append(Condition("cause", None if cause is None else cause in when.causes, cause))
    if when.data:
        found = tuple(k for k in when.data if k in kinds)
        out.append(Condition("data", True if found else (None if more else False), found or when.data))
    if when.outsiders:
        holds = (not staff_only(kinds)) if kinds else None
        out.append(Condition("outsiders", None if more and not holds else holds))
    if when.over is not None:
        people = facts.affected_max
        out.append(Condition("over", None if people is None else people > when.over, when.over))
    return tuple(out)


def _applies(found: tuple[Condition, ...]) -> bool | None:
    if any(c.holds is False for c in found):
        return False
    return None if any(c.holds is None for c in found) else True


def _amount(line: CostLine, people: int | None) -> Span | None:
    """The line's amount as the source scales it; None when it cannot be known yet."""
    if line.basis == "firm" or (line.basis == "per_person" and people is None):
        return None
    scale = {"fixed": 1, "monthly": line.months}.get(line.basis) or (people or 0) / line.per
    return Span(round(line.low * scale), round(line.high * scale))


def costs(facts: Facts, data: Costs, adjusted: dict[str, Adjustment]) -> ResponseCosts:
    items = []
    for line in data.lines:
        found = conditions(line.when, facts)
        applies = _applies(found)
        why = tuple(c for c in found if c.holds is False)[:1] if applies is False else found
        amount = _amount(line, facts.affected_max)
        proposed = amount if amount is not None and applies is not False else Span.of(0)
        items.append(CostItem(line, factor(COST_PREFIX + line.id, proposed, line.basis, adjusted, line.confirmed),
                              applies, why, amount is None))
    counted = [i for i in items if i.counted]
    total = Span(sum(i.factor.value.lo for i in counted), sum(i.factor.value.hi for i in counted))
    left_out = tuple(i.line.id for i in items if not i.counted and i.applies is not False)
    survey = data.survey if data.survey and facts.cause in data.survey.causes else None
    return ResponseCosts(tuple(items), total, left_out, survey)
