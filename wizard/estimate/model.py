"""Ranges, factors and the responder's adjustments (the `estimate` events of an incident).

A factor is proposed from the facts as a range (a point when the facts settle it); the responder can
set it, with a reason, by an `estimate` event: `{factor = "enisa.dpc", value = 3, reason = "…"}`
(`value = [lo, hi]` for a range, `"proposed"` to go back to the proposal). The last event per factor wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wizard.errors import RoueiError
from wizard.printable import clean

KIND = "estimate"
PROPOSED = "proposed"

# The levels each factor takes in its method (ENISA 2013; the JO model); cost lines take yen.
LEVELS: dict[str, tuple[float, ...]] = {
    "enisa.dpc": (1, 2, 3, 4),
    "enisa.ei": (0.25, 0.5, 0.75, 1.0),
    "enisa.cb.confidentiality": (0, 0.25, 0.5),
    "enisa.cb.integrity": (0, 0.25, 0.5),
    "enisa.cb.availability": (0, 0.25, 0.5),
    "enisa.cb.malicious": (0, 0.5),
    "jo.x": (1, 2, 3),
    "jo.y": (1, 2, 3),
    "jo.identifiability": (1, 3, 6),
    "jo.social": (1, 2),
    "jo.response": (1, 2),
}
COST_PREFIX = "cost."


@dataclass(frozen=True)
class Span:
    """A value known to lie between `lo` and `hi` (equal when it is known)."""

    lo: float
    hi: float

    @classmethod
    def of(cls, value: float) -> Span:
        return cls(value, value)

    @property
    def point(self) -> bool:
        return self.lo == self.hi

    def __add__(self, other: Span) -> Span:
        return Span(self.lo + other.lo, self.hi + other.hi)

    def __mul__(self, other: Span) -> Span:  # every factor here is positive
        return Span(self.lo * other.lo, self.hi * other.hi)

    def to_json(self) -> float | list[float]:
        return _num(self.lo) if self.point else [_num(self.lo), _num(self.hi)]


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Adjustment:
    factor: str
    value: Span
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class Factor:
    """One input of a formula: the value in force, what rouei proposed and why, and any adjustment."""

    id: str
    proposed: Span
    basis: str  # what the proposal rests on: a kind of data, a rule id, a cause
    adjustment: Adjustment | None = None
    confirmed: bool = True  # False: the source gives no figure here, rouei's reading ("check this")

    @property
    def value(self) -> Span:
        return self.adjustment.value if self.adjustment else self.proposed

    def to_json(self) -> dict[str, Any]:
        out = {"value": self.value.to_json(), "proposed": self.proposed.to_json(), "basis": self.basis,
               "confirmed": self.confirmed}
        if self.adjustment:
            out["adjusted"] = {"reason": self.adjustment.reason, "by": self.adjustment.by,
                               "at": self.adjustment.at.isoformat()}
        return out


def factor(fid: str, proposed: Span, basis: str, adjusted: dict[str, Adjustment], confirmed: bool = True) -> Factor:
    return Factor(fid, proposed, basis, adjusted.get(fid), confirmed)


def parse_value(fid: str, raw: Any) -> Span:
    """A factor's value from an event or the command line: a level, or [lo, hi]; `RoueiError` otherwise."""
    check_factor(fid)
    values = raw if isinstance(raw, list) else [raw]
    if len(values) not in (1, 2) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise RoueiError("estimate.error.value", factor=fid, allowed=_allowed(fid))
    for v in values:
        if (fid in LEVELS and v not in LEVELS[fid]) or (fid not in LEVELS and v < 0):
            raise RoueiError("estimate.error.value", factor=fid, allowed=_allowed(fid))
    return Span(min(values), max(values))


def parse_text(text: str) -> float | int | list[float | int] | str:
    """A value as typed: 「3」 → 3, 「0.5」 → 0.5, 「1,2」 or 「1〜2」 → [1, 2]; other text is passed on as it
    is, for `parse_value` to refuse ("proposed" goes back to the proposal)."""
    parts = [p.strip() for p in text.replace("，", ",").replace("〜", ",").split(",")]
    try:
        values = [float(p) if "." in p else int(p) for p in parts]
    except ValueError:
        return text
    return values[0] if len(values) == 1 else values


def check_factor(fid: str) -> None:
    """Refuse a factor no model has (cost lines: any `cost.<line>`)."""
    if fid not in LEVELS and not fid.startswith(COST_PREFIX):
        raise RoueiError("estimate.error.factor", factor=fid, factors=", ".join((*LEVELS, COST_PREFIX + "…")))


def _allowed(fid: str) -> str:
    from wizard.i18n import t

    if fid in LEVELS:
        return ", ".join(str(_num(v)) for v in LEVELS[fid])
    return t("estimate.error.yen")


def adjustments(events: Iterable[Any]) -> dict[str, Adjustment]:
    """The adjustments in force, from an incident's events (an unreadable one is skipped)."""
    out: dict[str, Adjustment] = {}
    for event in events:
        if event.kind != KIND:
            continue
        fid, raw = event.data.get("factor"), event.data.get("value")
        if not isinstance(fid, str):
            continue
        if raw == PROPOSED:
            out.pop(fid, None)
            continue
        try:
            span = parse_value(fid, raw)
        except RoueiError:
            continue
        # as the file holds them: a hand-edited one may hold control characters, never shown raw
        out[fid] = Adjustment(fid, span, clean(str(event.data.get("reason", ""))), clean(event.by), event.at)
    return out


def record(incident, fid: str, raw: Any, reason: str, responder, now: datetime | None = None):
    """Append an adjustment (or, with `"proposed"`, its withdrawal) to the incident; a reason is required."""
    if raw == PROPOSED:
        check_factor(fid)
    else:
        raw = parse_value(fid, raw).to_json()
    reason = clean(reason).strip()  # the guard screens it as the record is made
    if not reason:
        raise RoueiError("estimate.error.reason", factor=fid)
    from wizard import clock

    return incident.append(KIND, {"factor": fid, "value": raw, "reason": reason}, responder,
                           now or clock.now())


def describe_event(event) -> str:
    """An `estimate` event in words, for the timeline."""
    from wizard.i18n import t

    data = event.data
    value = t("estimate.proposed") if data.get("value") == PROPOSED else data.get("value")
    return t("estimate.event", factor=data.get("factor", "-"), value=value, reason=data.get("reason", ""))
