"""Facts in, determination out: triggers, duties, route, deadlines, clocks, checklist and contacts.

Conservative throughout: an unknown fact counts as "may have happened" (おそれ). A duty that may
hold is reported as required; an exemption or a release is applied only when it certainly holds; the
longer deadline only when every case in which a report is due has it; the earliest of several
deadlines wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from wizard.domain.calendar import DayCount, add_weekdays, count_days, japan_date
from wizard.domain.facts import JST, Facts, Value
from wizard.domain.flows import (
    Amendment, ChecklistItem, Check, Clock, Contact, Exemption, Flows, Route, Track, Trigger, bundled,
)
from wizard.domain.logic import Result, Tri, conjoin, disjoin, evaluate, negate
from wizard.domain.vocabulary import FACTS, UNKNOWN
from wizard.errors import RoueiError
from wizard.rulesets import stale_after

LATEST = date(2099, 12, 31)  # the last awareness day rouei computes deadlines for


@dataclass(frozen=True)
class Finding:
    """A rule entry and what it came to for these facts."""

    rule: Any
    result: Result

    @property
    def status(self) -> Tri:
        return self.result.value


@dataclass(frozen=True)
class TrackResult:
    track: Track
    applies: Tri
    triggers: tuple[Finding, ...]  # possible triggers only
    due: Tri  # a report is due under this track (before a processor's release)
    required: Tri  # … and the reporter must make it itself
    notice: Tri
    exempt: Tri  # any of the track's exemptions (strong encryption, recovered before anyone saw it)
    exemptions: tuple[Exemption, ...]  # the exemptions that certainly hold
    released: Tri  # a processor released by its notice to the controller (no report or notice of its own)
    final_days: int
    preliminary_target: date
    preliminary_due: date
    final: DayCount
    long_pending: tuple[Finding, ...]  # 60-day triggers that only may hold: 30 days applied
    long_always: bool = False  # the longer period applies: every case with a report due has it


@dataclass(frozen=True)
class ClockResult:
    clock: Clock
    status: Tri
    due: datetime | date | None
    blockers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RouteResult:
    route: Route
    maybe: tuple[Route, ...]  # routes that may apply instead (shown as "check this")


@dataclass
class Determination:
    facts: Facts
    flows: Flows
    tracks: tuple[TrackResult, ...]
    routes: dict[str, RouteResult]  # by track id
    clocks: tuple[ClockResult, ...]
    checks: tuple[Check, ...]
    checklist: tuple[tuple[ChecklistItem, Tri], ...]
    contacts: tuple[tuple[Contact, Tri], ...]
    unknown_facts: tuple[str, ...]
    not_yet_in_force: tuple[Trigger, ...] = ()
    what_if: dict[str, list[tuple[Value, list[str]]]] = field(default_factory=dict)
    amendments: tuple[tuple[Amendment, str], ...] = ()  # for tracks that may apply: (amendment, state on the day)

    @property
    def required_tracks(self) -> tuple[TrackResult, ...]:
        return tuple(t for t in self.tracks if t.required.possible)

    @property
    def route(self) -> RouteResult:
        """The route of the first track with a report due, else of the first track that may apply."""
        first = next((t for t in self.required_tracks), None) or \
            next((t for t in self.tracks if t.applies.possible), self.tracks[0])
        return self.routes[first.track.id]

    def report_routes(self) -> list[tuple[TrackResult, RouteResult]]:
        """Each track with a report due and where it goes, one entry per distinct route."""
        seen, out = set(), []
        for track in self.required_tracks:
            route = self.routes[track.track.id]
            if route.route.id not in seen:
                seen.add(route.route.id)
                out.append((track, route))
        return out

    @property
    def released(self) -> tuple[TrackResult, ...]:
        """The tracks whose report a processor certainly need not make itself (it notified its controller)."""
        return tuple(t for t in self.tracks if t.released.certain and t.due.possible)

    @property
    def report_required(self) -> Tri:
        return max((t.required for t in self.tracks), key=lambda v: v.value, default=Tri.NO)

    @property
    def notice_required(self) -> Tri:
        return max((t.notice for t in self.tracks), key=lambda v: v.value, default=Tri.NO)

    @property
    def my_number(self) -> Tri:
        return next((t.required for t in self.tracks if t.track.id == "my_number"), Tri.NO)

    @property
    def triggers(self) -> list[str]:
        names: list[str] = []
        for track in self.required_tracks:
            for finding in track.triggers:
                if finding.rule.trigger not in names:
                    names.append(finding.rule.trigger)
        return names

    @property
    def deciding(self) -> TrackResult | None:
        """The required track whose 確報 falls first (the conservative deadline)."""
        return min(self.required_tracks, key=lambda t: (t.final.due, t.preliminary_due), default=None)

    @property
    def preliminary_due(self) -> date | None:
        return min((t.preliminary_due for t in self.required_tracks), default=None)

    @property
    def preliminary_target(self) -> date | None:
        return min((t.preliminary_target for t in self.required_tracks), default=None)

    def to_json(self) -> dict[str, Any]:
        """The determination as design.md specifies it (extra keys allowed, never renamed)."""
        deciding = self.deciding
        return {
            "report_required": self.report_required.possible,
            "notice_required": self.notice_required.possible,
            "triggers": self.triggers,
            "unknown_facts": list(self.unknown_facts),
            "route": self.route.route.route,
            "preliminary_due": _iso(self.preliminary_due),
            "final_due": _iso(deciding.final.due if deciding else None),
            "final_days": deciding.final_days if deciding else None,
            "my_number_report_required": self.my_number.possible,
            "clocks": [
                {"id": c.clock.id, "due": _iso(c.due), "status": _status(c.status)}
                for c in self.clocks if c.status.possible
            ],
            "rules": {"version": self.flows.manifest.version,
                      "last_verified": self.flows.oldest_verification().isoformat(),
                      "set": self.flows.origin,  # bundled | installed (`rouei flows install`) | folder
                      "stale_after": stale_after(self.flows.oldest_verification()).isoformat(),
                      "invariants_broken": list(self.flows.breaches)},  # legal invariants these rules break
            "certainty": {
                "report_required": _status(self.report_required),
                "notice_required": _status(self.notice_required),
                "my_number_report_required": _status(self.my_number),
                "triggers": {f.rule.trigger: _status(f.status)
                             for t in self.required_tracks for f in t.triggers},
            },
            "preliminary_target": _iso(self.preliminary_target),
            "final_nominal": _iso(deciding.final.nominal if deciding else None),
            "routes": [{"track": t.track.id, "route": r.route.route} for t, r in self.report_routes()],
            "released": [t.track.id for t in self.released],
            "reports": [
                {"track": t.track.id, "status": _status(t.required), "route": self.routes[t.track.id].route.route,
                 "triggers": [f.rule.id for f in t.triggers],
                 "preliminary_due": _iso(t.preliminary_due), "final_due": _iso(t.final.due),
                 "final_days": t.final_days, "notice": _status(t.notice)}
                for t in self.required_tracks
            ],
            "checks": [c.id for c in self.checks],
            "amendments": [{"id": a.id, "state": state, "in_force_from": _iso(a.in_force_from),
                            "in_force_by": _iso(a.in_force_by)} for a, state in self.amendments],
            "checklist": [i.id for i, _ in self.checklist],
            "contacts": [c.id for c, _ in self.contacts],
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _status(value: Tri) -> str:
    return {Tri.YES: "yes", Tri.MAYBE: "maybe", Tri.NO: "no"}[value]


def _in_force(entry: Any, facts: Facts) -> bool:
    return japan_date(facts.aware_at) >= entry.effective_from


def assess(facts: Facts, flows: Flows | None = None, *, explain: bool = True) -> Determination:
    """The determination for `facts`; with `explain`, also what learning each unknown fact would change.

    Raises RoueiError (exit 2) for an awareness date the rules do not cover."""
    flows = flows or bundled()
    aware = japan_date(facts.aware_at)
    _check_covered(flows, aware)
    blockers: set[str] = set()

    tracks = []
    for track in flows.tracks:
        tracks.append(_track(track, facts, flows, aware, blockers))
    routes = {t.track.id: _route(flows, facts, blockers if t.applies.possible else set(), t.track.id) for t in tracks}
    clocks = tuple(_clock(c, facts, blockers) for c in flows.clocks if _in_force(c, facts))
    checks = tuple(c for c in flows.checks if evaluate(c.when, facts).value.possible)
    contacts = tuple((c, r.value) for c in flows.contacts if (r := evaluate(c.when, facts)).value.possible)
    pending = tuple(t for t in flows.triggers if not _in_force(t, facts))
    live = {t.track.id for t in tracks if t.applies.possible}
    amendments = tuple((a, a.state(aware)) for a in flows.amendments if live & set(a.tracks))

    det = Determination(
        facts=facts, flows=flows, tracks=tuple(tracks), routes=routes, clocks=clocks, checks=checks,
        checklist=(), contacts=contacts,
        unknown_facts=tuple(k for k in FACTS if k in blockers), not_yet_in_force=pending, amendments=amendments,
    )
    det.checklist = _checklist(det)
    if explain:
        det.what_if = {key: _what_if(det, key) for key in det.unknown_facts}
    return det


def _check_covered(flows: Flows, aware: date) -> None:
    """Refuse an awareness date before the rules in force or beyond the dates rouei computes."""
    first = min(t.effective_from for t in flows.tracks)
    if not first <= aware <= LATEST:
        raise RoueiError("explain.error.no_rules", date=aware.isoformat(), first=first.isoformat(),
                         latest=LATEST.isoformat(), version=flows.manifest.version)


def _trigger(trig: Trigger, facts: Facts) -> Result:
    """A trigger's result; one with an `unsettled` condition (no question asks it) at most may apply."""
    result = evaluate(trig.when, facts)
    return Result(Tri.MAYBE) if trig.unsettled and result.value.certain else result


def _track(track: Track, facts: Facts, flows: Flows, aware: date, blockers: set[str]) -> TrackResult:
    applies = evaluate(track.when, facts)
    exemptions = [(e, evaluate(e.when, facts)) for e in track.exemptions]
    exempt = disjoin(*(r for _, r in exemptions))
    released = evaluate(track.release.when, facts) if track.release else Result(Tri.NO)
    raw: list[Finding] = []  # trigger results as if the track applies: they decide its own deadline
    if applies.value.possible and not exempt.value.certain:
        for trig in flows.triggers:
            if trig.track == track.id and _in_force(trig, facts):
                result = _trigger(trig, facts)
                blockers |= result.blockers
                if result.value.possible:
                    raw.append(Finding(trig, result))
        if raw:
            blockers |= applies.blockers | exempt.blockers | released.blockers
    gate = conjoin(applies, negate(exempt))
    findings = tuple(Finding(f.rule, conjoin(f.result, gate)) for f in raw)
    due = max((f.status for f in findings), key=lambda v: v.value, default=Tri.NO)
    required = min(due, negate(released).value, key=lambda v: v.value)
    long = disjoin(*(f.result for f in raw if f.rule.long_deadline))
    short = disjoin(*(f.result for f in raw if not f.rule.long_deadline))
    # Kleene logic is sound: NO means no case has a report due without a long-deadline item.
    long_always = bool(track.long_final_days) and long.value.possible and \
        conjoin(gate, short, negate(long)).value is Tri.NO
    days = track.long_final_days if long_always else track.final_days
    long_pending = () if long_always else tuple(f for f in raw if f.rule.long_deadline and f.status is Tri.MAYBE)
    return TrackResult(
        track=track, applies=applies.value, triggers=findings, due=due, required=required, notice=required,
        exempt=exempt.value, exemptions=tuple(e for e, r in exemptions if r.value.certain and applies.value.possible),
        released=released.value, final_days=days,
        preliminary_target=aware + timedelta(days=track.preliminary.target_days),
        preliminary_due=aware + timedelta(days=track.preliminary.latest_days),
        final=count_days(aware, days), long_pending=long_pending, long_always=long_always,
    )


def _checklist(det: Determination) -> tuple[tuple[ChecklistItem, Tri], ...]:
    """The items whose condition holds or may hold, limited by the duty an item `requires`."""
    duties = {None: Tri.YES, "report": det.report_required, "notice": det.notice_required,
              "my_number": det.my_number}
    items = []
    for item in det.flows.checklist:
        status = min(evaluate(item.when, det.facts).value, duties[item.requires], key=lambda v: v.value)
        if status.possible:
            items.append((item, status))
    return tuple(items)


def _route(flows: Flows, facts: Facts, blockers: set[str], track: str) -> RouteResult:
    maybe = []
    for route in flows.routes:
        if not _in_force(route, facts) or (route.tracks and track not in route.tracks):
            continue
        result = evaluate(route.when, facts)
        if result.value.certain:
            return RouteResult(route, tuple(maybe))
        if result.value is Tri.MAYBE:
            blockers |= result.blockers
            maybe.append(route)
    raise RoueiError("explain.error.no_route", track=track)


def _clock(clock: Clock, facts: Facts, blockers: set[str]) -> ClockResult:
    result = evaluate(clock.when, facts)
    blockers |= result.blockers
    due: datetime | date | None = None
    if clock.due is not None and result.value.possible:
        aware = facts.aware_at.astimezone(JST)
        if clock.due.hours is not None:
            due = aware + timedelta(hours=clock.due.hours)
        elif clock.due.day_number is not None:
            due = count_days(aware.date(), clock.due.day_number, shift_closed=False).due
        elif clock.due.days_after is not None:
            due = aware.date() + timedelta(days=clock.due.days_after)
        else:
            due = add_weekdays(aware.date(), clock.due.weekdays)
    return ClockResult(clock, result.value, due, result.blockers)


def _candidates(key: str, facts: Facts) -> list[Value]:
    """Values an unknown fact could turn out to have, enough to show what knowing it would change."""
    spec = FACTS[key]
    if spec.kind == "enum":
        return list(spec.values)
    if spec.kind == "bool":
        return [True, False]
    if spec.kind == "count":
        return [100, 1000, 1001]
    current = getattr(facts, key) or ()
    known = tuple(v for v in current if v != UNKNOWN)
    return [known] if known or key == "sectors" else [("name",)]


def summary(det: Determination) -> dict[str, Any]:
    """What a responder acts on: duties, triggers, deadline, route, clocks."""
    deciding = det.deciding
    return {
        "report": det.report_required.possible,
        "notice": det.notice_required.possible,
        "my_number": det.my_number.possible,
        "triggers": tuple(det.triggers),
        "final_due": deciding.final.due if deciding else None,
        "route": det.route.route.route,
        "clocks": tuple(c.clock.id for c in det.clocks if c.status.possible),
    }


def _what_if(det: Determination, key: str) -> list[tuple[Value, list[str]]]:
    """For each value the fact could have, the parts of the summary that would change (if any)."""
    base = summary(det)
    changes = []
    for value in _candidates(key, det.facts):
        other = summary(assess(det.facts.with_fact(key, value), det.flows, explain=False))
        diff = [name for name in base if other[name] != base[name]]
        if diff:
            changes.append((value, diff, other))
    return [(value, _describe(base, other, diff)) for value, diff, other in changes]


def _describe(base: dict[str, Any], other: dict[str, Any], diff: list[str]) -> list[str]:
    """Change descriptions as message keys with parameters, rendered by the explanation."""
    out = []
    for name in diff:
        if name == "triggers":
            for gone in base["triggers"]:
                if gone not in other["triggers"]:
                    out.append(f"trigger_gone:{gone}")
            for new in other["triggers"]:
                if new not in base["triggers"]:
                    out.append(f"trigger_new:{new}")
        elif name == "clocks":
            out += [f"clock_gone:{c}" for c in base["clocks"] if c not in other["clocks"]]
            out += [f"clock_new:{c}" for c in other["clocks"] if c not in base["clocks"]]
        elif name == "final_due":
            if other["final_due"] is not None:  # "no report is required" already says it when None
                out.append(f"final_due:{other['final_due'].isoformat()}")
        elif name == "route":
            out.append(f"route:{other['route']}")
        else:
            out.append(f"{name}:{'yes' if other[name] else 'no'}")
    return out
