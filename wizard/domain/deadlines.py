"""Every dated duty of a determination, and whether it was done: the one list every view reads.

A duty is *filed* once the checklist step that discharges it (`discharges` in flows/checklist.toml) is
recorded as done, with when and by whom; from then on every view (the strip, the 期限 tab, the hand-over
brief, the exports, the after-action report) shows it filed, and none counts it down or calls it
overdue. The words for each duty say what its date is: 「速報 目安 12/08（3日以内）」, 「確報 期限
01/04（30日以内）」.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from wizard.clock import JST, in_jst
from wizard.domain.logic import Tri
from wizard.i18n import pick, t

URGENT = timedelta(hours=24)


@dataclass(frozen=True)
class Filing:
    """A duty recorded as done: the checklist step ticked, when and by whom."""

    item: str
    at: datetime
    by: str


@dataclass(frozen=True)
class Duty:
    """One dated duty. `key`: preliminary_target (速報の目安), preliminary (速報、遅くとも), final.<track>
    (確報) or clock.<id>; `group` gathers the two 速報 dates."""

    key: str
    due: date | datetime
    status: Tri  # YES: required; MAYBE: may be required (an unknown fact)
    period: str  # what the date is, in words: 「3日以内」, 「72時間以内」
    filed: Filing | None = None
    track: Any = None  # the engine's TrackResult of a 確報
    clock: Any = None  # the engine's ClockResult of another clock
    shifted_from: date | None = None  # a 確報's nominal day, when it fell on a closed day
    several: bool = False  # a 確報 of one of several laws (named after its law)

    @property
    def group(self) -> str:
        return "preliminary" if self.key.startswith("preliminary") else self.key

    @property
    def end(self) -> datetime:
        return end_of(self.due)

    @property
    def maybe(self) -> bool:
        """May be required (an unknown fact), or a date whose counting its sources do not settle ("check this")."""
        return self.status is Tri.MAYBE or (self.track is not None and not self.track.final_confirmed) or \
            (self.clock is not None and not self.clock.confirmed)

    @property
    def on_time(self) -> bool | None:
        """Whether it was filed by its end (None while it is not filed)."""
        return None if self.filed is None else self.filed.at <= self.end

    def state(self, now: datetime) -> str:
        """filed, overdue, urgent (under 24 hours left) or open."""
        if self.filed is not None:
            return "filed"
        left = self.end - now
        return "overdue" if left < timedelta(0) else "urgent" if left < URGENT else "open"

    @property
    def name(self) -> str:
        """Whose duty: 「速報」, 「確報」, 「確報（番号法）」, a clock's short name."""
        if self.group == "preliminary":
            return t("deadline.preliminary_name")
        if self.track is not None:
            return t("deadline.final_of", track=t(f"track.{self.track.track.id}")) if self.several \
                else t("deadline.final_name")
        short = f"clock.{self.clock.clock.id}"
        name = t(short) if t(short) != short else pick(self.clock.clock.title)  # a firm's own clock: its title
        return name[:1].upper() + name[1:]  # "card acquirer notice" leads a line in English

    @property
    def kind_key(self) -> str:
        """What the date is: aim (目安), latest (遅くとも: the end of the guideline's yardstick) or due (期限)."""
        return {"preliminary_target": "aim", "preliminary": "latest"}.get(self.key, "due")

    @property
    def kind(self) -> str:
        return t(f"deadline.kind.{self.kind_key}")

    @property
    def title(self) -> str:
        """The duty in words a responder cannot misread: 「速報 目安（3日以内）」, 「確報 期限（30日以内）」."""
        return t("deadline.title", name=self.name, kind=self.kind, period=self.period)


def discharged_by(flows, key: str) -> str | None:
    """The checklist step whose tick fulfils duty `key` (its `discharges` in flows/checklist.toml)."""
    key = "preliminary" if key == "preliminary_target" else "final" if key.startswith("final.") else key
    return next((item.id for item in flows.checklist if key in item.discharges), None)


def filings(ticks: Mapping[str, Any]) -> dict[str, Filing]:
    """The steps recorded as done (`ticks`: the store's tick states by item, each with done, at, by)."""
    return {item: Filing(item, tick.at, tick.by) for item, tick in ticks.items() if tick.done}


def _period(clock) -> str:
    """A clock's period in words, from its rule (`Due`); a count its sources do not settle: "check"."""
    due = clock.clock.due
    if due.hours is not None:
        return t("deadline.within_hours", hours=due.hours)
    if due.weekdays is not None:
        return t("deadline.within_weekdays", days=due.weekdays)
    within = "within_days" if clock.confirmed else "within_days_check"
    return t(f"deadline.{within}", days=due.day_number or due.days_after or due.statutory_days)


def duties(det, done: Mapping[str, Filing] | None = None) -> list[Duty]:
    """Every dated duty of determination `det`, earliest first; `done`: the filings (see `filings`)."""
    done = done or {}

    def filed(key: str) -> Filing | None:
        item = discharged_by(det.flows, key)
        return done.get(item) if item is not None else None

    out: list[Duty] = []
    report = det.report_required
    if report.possible and det.preliminary_due is not None:
        days = det.deciding.track.preliminary if det.deciding else None
        target, latest = (days.target_days, days.latest_days) if days else (3, 5)
        out.append(Duty("preliminary_target", det.preliminary_target, report,
                        t("deadline.within_days", days=target), filed("preliminary_target")))
        out.append(Duty("preliminary", det.preliminary_due, report, t("deadline.within_days", days=latest),
                        filed("preliminary")))
    tracks = det.required_tracks
    for track in sorted(tracks, key=lambda x: x.final.due):
        key = f"final.{track.track.id}"
        within = "within_days" if track.final_confirmed else "within_days_check"  # a period no text confirms
        out.append(Duty(key, track.final.due, track.required, t(f"deadline.{within}", days=track.final_days),
                        filed(key), track=track, shifted_from=track.final.nominal if track.final.shifted else None,
                        several=len(tracks) > 1))
    for clock in det.clocks:
        if clock.status.possible and clock.due is not None:
            key = f"clock.{clock.clock.id}"
            out.append(Duty(key, clock.due, clock.status, _period(clock), filed(key), clock=clock))
    return sorted(out, key=lambda d: (d.end, d.key))


def phase_due(det, phase: str) -> date | datetime | None:
    """By when a checklist phase's steps should be done: the first hour, the first 24 hours, the 速報
    (at the latest) and the 確報; None when the phase has no date (no report required)."""
    aware, deciding = in_jst(det.facts.aware_at), det.deciding
    return {"first_hour": aware + timedelta(hours=1), "first_24h": aware + timedelta(hours=24),
            "preliminary": det.preliminary_due, "final": deciding.final.due if deciding else None}.get(phase)


def end_of(due: date | datetime) -> datetime:
    """The last moment of a due: a date runs to the end of that day in Japan."""
    return in_jst(due) if isinstance(due, datetime) else datetime.combine(due, time(23, 59, 59), JST)
