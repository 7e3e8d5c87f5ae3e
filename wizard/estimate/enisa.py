"""ENISA severity (2013): SE = DPC × EI + CB, with its four bands.

DPC (data processing context, 1–4) is the highest base score of the kinds of data; EI (ease of
identification, 0.25–1) follows from which kinds identify a person, lowered by high encryption with
the key safe; CB (circumstances) adds up to 0.5 each for loss of confidentiality, integrity and
availability, and 0.5 for malicious intent, proposed from the cause. Unknown facts give a range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.domain.facts import Facts
from wizard.estimate.data import Enisa, Match
from wizard.estimate.model import Adjustment, Factor, Span, factor

CB_ELEMENTS = ("confidentiality", "integrity", "availability", "malicious")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Severity:
    dpc: Factor
    ei: Factor
    cb: tuple[Factor, ...]
    score: Span
    bands: tuple[str, str]  # the band of the lowest and of the highest score
    unconfirmed_band: bool  # a band whose cut-off is not checked against the methodology's table
    many: bool | None  # more than 100 individuals (None: the number is unknown); outside the formula
    unintelligible: bool  # high encryption with the key safe; outside the formula
    gdpr: bool  # EU residents are or may be involved: the GDPR case the method was made for

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score.to_json(), "band": list(self.bands) if self.bands[0] != self.bands[1]
                else self.bands[0], "band_confirmed": not self.unconfirmed_band,
                "dpc": self.dpc.to_json(), "ei": self.ei.to_json(),
                "cb": {f.id.rsplit(".", 1)[1]: f.to_json() for f in self.cb},
                "flags": {"over_100_individuals": self.many, "unintelligible": self.unintelligible,
                          "gdpr": self.gdpr}}


def kinds_of(facts: Facts) -> tuple[set[str], bool]:
    """The kinds of data known to be involved, and whether more may be (data unknown, with "unknown" or empty)."""
    kinds = set(facts.data or ()) - {UNKNOWN}
    return kinds, not facts.known("data") or not kinds


def first_match(rules: tuple[Match, ...], kinds: set[str]) -> Match:
    return next(rule for rule in rules if rule.holds(kinds))


def severity(facts: Facts, data: Enisa, adjusted: dict[str, Adjustment]) -> Severity:
    kinds, more = kinds_of(facts)
    scored = [(k, data.dpc[k]) for k in sorted(kinds)] + ([(UNKNOWN, data.dpc[UNKNOWN])] if more else [])
    top = max(scored, key=lambda kv: (kv[1][1], kv[1][0]))
    dpc = factor("enisa.dpc", Span(max(v[0] for _, v in scored), top[1][1]), top[0], adjusted)

    rule = first_match(data.ei, kinds)
    ei_span, basis = Span.of(rule.value), rule.id if kinds else UNKNOWN
    if more:
        ei_span = Span(ei_span.lo, 1.0)
    if facts.encryption == "high":
        ei_span, basis = Span.of(0.25), "encrypted"
    elif facts.encryption is None:
        ei_span = Span(0.25, ei_span.hi)
    ei = factor("enisa.ei", ei_span, basis, adjusted, rule.confirmed)  # rouei's mapping: "check this"

    cause = facts.cause or UNKNOWN
    cb = []
    for element in CB_ELEMENTS:
        lo, hi = data.cb[element][cause]
        basis = cause
        if element == "confidentiality" and facts.recovered_unviewed is True:
            lo, hi, basis = 0.0, 0.0, "recovered_unviewed"
        cb.append(factor(f"enisa.cb.{element}", Span(lo, hi), basis, adjusted))

    total_cb = Span(sum(f.value.lo for f in cb), sum(f.value.hi for f in cb))
    score = dpc.value * ei.value + total_cb
    low, high = band(data, score.lo), band(data, score.hi)
    unconfirmed = any(not b.confirmed for b in data.bands if b.id in (low, high))
    many = None if facts.affected_max is None else facts.affected_max > 100
    return Severity(dpc, ei, tuple(cb), score, (low, high), unconfirmed, many, facts.encryption == "high",
                    facts.eu_residents != "no")


def band(data: Enisa, score: float) -> str:
    """The severity band of a score: the first whose `below` the score stays under."""
    return next(b.id for b in data.bands if b.below is None or score < b.below)
