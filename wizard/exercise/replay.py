"""A finished run, inject by inject, for the debrief: what arrived and when, what the team did until the
next inject (each with its exercise and real time), and how its decisions came out. Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wizard.exercise.clock import CALL_KIND, real_times, stage_starts
from wizard.exercise.run import Run
from wizard.exercise.scenario import START
from wizard.exercise.score import Score, StageScore, score
from wizard.store.events import Event


@dataclass
class Done:
    """One thing the team did: the event, and its real time when known."""

    event: Event
    real_at: datetime | None


@dataclass
class Step:
    stage: StageScore
    sender: Any  # Words; None for the opening situation
    message: Any  # Words
    questions: tuple = ()
    done: list[Done] = field(default_factory=list)


def steps(run: Run, result: Score | None = None) -> list[Step]:
    """The start and each inject the team received, in order."""
    result = result or score(run)
    events = list(run.incident.events)
    reals = real_times(events)
    starts = stage_starts(events)
    bounds = sorted(starts[s.id] for s in result.stages) + [len(events)]
    out = []
    for n, stage in enumerate(result.stages):
        team = [Done(events[i], reals[i]) for i in range(bounds[n] + 1, bounds[n + 1]) if _by_team(events[i])]
        if stage.id == START:
            out.append(Step(stage, None, run.scenario.message_for(START, run.seed), (), team))
        else:
            inject = run.scenario.inject(stage.id)
            out.append(Step(stage, inject.sender, run.scenario.message(inject, run.seed), inject.questions, team))
    return out


def _by_team(event: Event) -> bool:
    """What the team did (answers, ticks, notes, evidence, calls), not the clock or the facilitator."""
    return not event.kind.startswith("exercise_") or event.kind == CALL_KIND
