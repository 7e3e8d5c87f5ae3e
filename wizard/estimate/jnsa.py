"""JNSA estimates: the JO model's compensation per person and in total, and the response-cost lines.

JO model: per person = base × (10^(x−1) + 5^(y−1)) × identifiability × social responsibility × response,
x and y the highest emotional-distress and economic-loss levels of the leaked kinds on the EP map.
Cost lines scale JNSA's published unit costs by the number of people where they are per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.domain.facts import Facts
from wizard.estimate.data import Costs, CostLine, Jo
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
        kind, top = max(levels, key=lambda kv: (getattr(kv[1], axis), getattr(kv[1], other)))
        lo = max((getattr(lv, axis) for lv in known), default=1)
        axes.append(factor(f"jo.{axis}", Span(lo, getattr(top, axis)), kind, adjusted, top.listed))

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
class CostItem:
    line: CostLine
    factor: Factor  # the line's amount in yen (None-free: per-person lines need the number of people)
    needs_people: bool  # a per-person line whose amount is unknown until the number of people is

    def to_json(self) -> dict[str, Any]:
        out = self.factor.to_json()
        out |= {"basis": self.line.basis, "unit": [self.line.low, self.line.high], "per": self.line.per,
                "months": self.line.months}
        if self.needs_people:
            out["proposed"] = None
            if not self.factor.adjustment:
                out["value"] = None
        return out


@dataclass(frozen=True)
class ResponseCosts:
    items: tuple[CostItem, ...]
    total: Span  # of the lines that have an amount
    left_out: tuple[str, ...]  # per-person lines left out of the total: the number of people is unknown

    def to_json(self) -> dict[str, Any]:
        return {"lines": {i.line.id: i.to_json() for i in self.items}, "total": self.total.to_json(),
                "left_out": list(self.left_out)}


def costs(facts: Facts, data: Costs, adjusted: dict[str, Adjustment]) -> ResponseCosts:
    people = facts.affected_max
    items = []
    for line in data.lines:
        scale = {"fixed": 1, "monthly": line.months}.get(line.basis)
        needs = scale is None and people is None
        if scale is None:
            scale = (people or 0) / line.per
        proposed = Span(round(line.low * scale), round(line.high * scale))
        items.append(CostItem(line, factor(COST_PREFIX + line.id, proposed, line.basis, adjusted, line.confirmed),
                              needs))
    counted = [i for i in items if not i.needs_people or i.factor.adjustment]
    total = Span(sum(i.factor.value.lo for i in counted), sum(i.factor.value.hi for i in counted))
    left_out = tuple(i.line.id for i in items if i not in counted)
    return ResponseCosts(tuple(items), total, left_out)
