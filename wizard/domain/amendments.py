"""Amendments in words: where each one stands (`rouei flows status`) and which version of the law applies on
the day of awareness (a determination).

rouei's rules encode the law in force on each amendment's `status_as_of`. An amendment not yet in force on
the day of awareness leaves them as they are; one that may be or is in force by then is shown as "check
this", never applied silently (the rules before it are the cautious reading until it is encoded).
"""

from __future__ import annotations

from datetime import date

from wizard.domain.flows import Amendment
from wizard.i18n import pick, t


def standing(a: Amendment) -> str:
    """Where it stands, e.g. 「2026-07-17 公布。施行は政令で定める日（遅くとも 2028-07-16）、2026-10-09 時点で未定」."""
    if a.status == "bill":
        return t("flows.amendment.standing.bill", as_of=a.status_as_of.isoformat())
    if a.in_force_from is not None:
        key = "in_force" if a.status == "in_force" else "scheduled"
        return t(f"flows.amendment.standing.{key}", promulgated=_day(a.promulgated), start=a.in_force_from.isoformat())
    return t("flows.amendment.standing.pending", promulgated=_day(a.promulgated), by=_day(a.in_force_by),
             as_of=a.status_as_of.isoformat())


def on_awareness(a: Amendment, aware: date) -> str:
    """Which version applies on the day of awareness, in one sentence."""
    state = a.state(aware)
    return t(f"flows.amendment.aware.{state}", title=pick(a.title), aware=aware.isoformat(), standing=standing(a),
             changes=pick(a.changes))


def _day(value: date | None) -> str:
    return value.isoformat() if value else "?"
