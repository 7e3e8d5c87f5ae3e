"""What a miss teaches: the rule behind the right answer, cited by its one or two primary sources, so that
one mistake made after several injects (or by several teams) is one lesson, not a list of near-repeats.

The rule is the one that decides the answer on the stage's facts: for a duty that holds, the situation
that certainly triggers it (else the first that may); for the reportable situations, the ones the team
counted wrongly; for the deadline, the 60-day situation or the track's 30 days; for the route, the
route's rule; for a duty that does not hold, the exemption or release that lifts it, else the track.
Each rule is cited by its primary sources: the statute (the rule's, else its track's) and the rule's own
first source, where that is another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wizard.domain.engine import Determination, TrackResult, assess
from wizard.domain.flows import Source
from wizard.domain.facts import Facts
from wizard.domain.logic import evaluate
from wizard.exercise.check import NOT_YET
MAX_RULES = 2
MAX_SOURCES = 2


@dataclass(frozen=True)
class Rule:
    id: str
    sources: tuple[Source, ...]  # the statute, then the rule's own most specific source (at most two)


@dataclass
class Miss:
    stage: str  # stage id
    title: Any  # the inject's title (Words), None at the start
    key: str  # the decision
    expected: Any
    got: Any
    own: bool = False  # a blind run: the team's own call, not the determination on its answers


@dataclass
class Lesson:
    """The decisions got wrong for one reason (the rules behind their right answers), with every stage
    where they were got wrong: a team that decided "no report" learns one thing, not four."""

    rules: tuple[Rule, ...]
    why: list[Any] = field(default_factory=list)  # the scenario's explanations (Words), each once
    misses: list[Miss] = field(default_factory=list)

    @property
    def id(self) -> str:
        return lesson_id(self.rules, self.misses[0].key)

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(m.key for m in self.misses))

    @property
    def stages(self) -> list[Miss]:
        """The first miss of each stage, in order."""
        return list({m.stage: m for m in reversed(self.misses)}.values())[::-1]

    def sources(self, limit: int = MAX_SOURCES) -> str:
        """The one or two primary sources to cite, in the current language."""
        from wizard.i18n import get_lang

        picked = list(dict.fromkeys(s for r in self.rules for s in r.sources))[:limit]
        return "; ".join(s.localized(get_lang()).title for s in picked)


def _statute(sources) -> Source | None:
    return next((s for s in sources if s.url and "laws.e-gov.go.jp" in s.url), None)


def _rule(entry: Any, det: Determination) -> Rule | None:
    """A rule, trigger, route, clock, track, exemption or release with its primary sources: the statute
    (its own, else its track's) and its own first source."""
    sources = tuple(getattr(entry, "sources", ()))
    if not sources:
        citation = getattr(entry, "citation", None)
        if not citation:
            return None
        sources = (Source(title=citation.get("ja", ""), en=citation.get("en")),)
    track = next((tr.track for tr in det.tracks if tr.track.id == getattr(entry, "track", None)), None)
    statute = _statute(sources) or (_statute(track.sources) if track else None)
    picked = tuple(dict.fromkeys(s for s in (statute, sources[0]) if s is not None))
    return Rule(getattr(entry, "id", None) or sources[0].title, picked)


def _track_for(det: Determination, my_number: bool) -> TrackResult | None:
    """The track a decision is about: the My Number one, or the first other that may apply (else any)."""
    tracks = [tr for tr in det.tracks if (tr.track.id == "my_number") == my_number]
    return next((tr for tr in tracks if tr.applies.possible), next(iter(tracks), None))


def _triggered(track: TrackResult, facts: Facts, long_only: bool = False) -> list[Any]:
    """The situations that certainly hold on the track; else those that may and whose own condition
    holds (a ransomware attack while nobody knows what data it reached: the attack); else any that may."""
    findings = [f for f in track.triggers if f.rule.long_deadline or not long_only]
    certain = [f.rule for f in findings if f.status.certain]
    own = [f.rule for f in findings if evaluate(f.rule.when, facts).value.certain]
    return certain or own or [f.rule for f in findings]


def _lifted(track: TrackResult) -> list[Any]:
    """What lifts a duty on the track: a certain exemption or a processor's release, else the track itself
    (its situations do not hold, or it does not apply: no My Numbers among the data)."""
    if track.released.certain and track.track.release is not None:
        return [track.track.release]
    return list(track.exemptions) or [track.track]


def rules_for(facts: Facts, key: str, expected: Any, got: Any) -> tuple[Rule, ...]:
    """The one or two rules behind the right answer for `key` on `facts` (what the team should cite)."""
    det = assess(facts, explain=False)
    entries: list[Any] = []
    track = _track_for(det, key == "my_number_report_required")
    if key == "route" and got is not None:
        entries = [det.route.route]
    elif key == "clocks":
        missing = set(expected or ()) - set(got or ())
        entries = [c.clock for c in det.clocks if c.clock.id in missing]
    elif key == "triggers":
        differ = set(expected or ()) ^ set(got or ()) if got != NOT_YET else set(expected or ())
        findings = [f for tr in det.tracks for f in sorted(tr.triggers, key=lambda f: not f.status.certain)]
        counted = [f.rule for f in findings if f.rule.trigger in differ]
        wrong = differ - {r.trigger for r in counted}  # counted by the team, holding in no case
        applying = {tr.track.id for tr in det.tracks if tr.applies.possible}
        entries = counted + [next(r for r in det.flows.triggers if r.trigger == name and r.track in applying)
                             for name in sorted(wrong) if any(r.trigger == name and r.track in applying
                                                              for r in det.flows.triggers)]
    elif key in ("route", "final_days") and got is None and det.report_required.possible:
        return rules_for(facts, "report_required", True, False)  # no report decided: that is the lesson
    elif track is not None and key == "final_days":
        entries = _triggered(track, facts, long_only=True) if expected == track.track.long_final_days \
            else [track.track]
    elif track is not None:
        entries = _triggered(track, facts) if expected else _lifted(track)
        if not entries:
            entries = [track.track]
    rules: list[Rule] = []
    for entry in entries:
        rule = _rule(entry, det)
        if rule is not None and rule.id not in {r.id for r in rules}:
            rules.append(rule)
    return tuple(rules[:MAX_RULES])


def lesson_id(rules: tuple[Rule, ...], key: str) -> str:
    """What makes two misses one lesson: the rule that decides the right answer (else the decision)."""
    return rules[0].id if rules else key


def group(found: list[tuple[tuple[Rule, ...], Miss, Any]]) -> list[Lesson]:
    """One lesson per deciding rule, in the order first met, with each miss, rule and explanation once."""
    out: dict[str, Lesson] = {}
    for rules, miss, why in found:
        kept = out.setdefault(lesson_id(rules, miss.key), Lesson(()))
        kept.rules += tuple(r for r in rules if r not in kept.rules)
        kept.misses.append(miss)
        if why is not None and why not in kept.why:
            kept.why.append(why)
    return list(out.values())
