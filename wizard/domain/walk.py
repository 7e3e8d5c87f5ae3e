"""Walking the question flow: which questions the answers so far lead through, and which comes next.

A question counts as answered when its fact has an answer, unless that answer came from an earlier
question of the same fact (e.g. 「暗号化されていた」 records a provisional value that the follow-up
question about the key then settles).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wizard.domain.facts import JST, Facts
from wizard.domain.flowcheck import END
from wizard.domain.flows import Flows, Question
from wizard.domain.logic import evaluate
from wizard.domain.vocabulary import FACTS

_PLACEHOLDER = datetime(2000, 1, 1, tzinfo=JST)  # conditions in the flow never read aware_at


@dataclass(frozen=True)
class Answer:
    """The current answer to a fact: `value` None means 「分からない」; `question` the id it came from."""

    value: Any
    question: str | None = None


@dataclass(frozen=True)
class Step:
    question: Question
    answered: bool
    answer: Answer | None


def facts_of(answers: dict[str, Answer]) -> Facts:
    """Facts for evaluating the flow's conditions (unknown and unanswered alike are unknown)."""
    values = {k: a.value for k, a in answers.items() if k in FACTS and a.value is not None}
    values.setdefault("aware_at", _PLACEHOLDER)
    return Facts.model_validate(values)


def _answered(question: Question, answers: dict[str, Answer], order: dict[str, int]) -> bool:
    if question.fact is None or question.fact not in answers:
        return False
    source = answers[question.fact].question
    return source is None or source == question.id or order.get(source, -1) > order[question.id]


def walk(flows: Flows, answers: dict[str, Answer], *, to_end: bool = False) -> list[Step]:
    """The questions along the path, in order. Stops at the first unanswered one unless `to_end`,
    in which case unanswered questions count as unknown and every possible branch is followed."""
    order = {q.id: i for i, q in enumerate(flows.questions.questions)}
    facts = facts_of(answers)
    steps: list[Step] = []
    qid, seen = flows.questions.start, set()
    while qid != END and qid not in seen:
        seen.add(qid)
        question = flows.question(qid)
        answered = _answered(question, answers, order)
        steps.append(Step(question, answered, answers.get(question.fact) if answered else None))
        if not answered and not to_end:
            break
        qid = next((n.goto for n in question.next if evaluate(n.when, facts).value.possible), END)
    return steps


def next_question(flows: Flows, answers: dict[str, Answer]) -> Question | None:
    """The first unanswered question on the path, or None when the flow is complete."""
    steps = walk(flows, answers)
    last = steps[-1] if steps else None
    return None if last is None or last.answered else last.question


def asked_facts(flows: Flows, facts: Facts) -> tuple[str, ...]:
    """The fact keys that matter for these facts, in vocabulary order: those known, and those the question
    flow asks along its path (so a fact no branch leads to, e.g. 通信の秘密 for a shop, is left out)."""
    answers = {k: Answer(getattr(facts, k)) for k in FACTS if facts.known(k)}
    on_path = {step.question.fact for step in walk(flows, answers, to_end=True)}
    return tuple(k for k in FACTS if k in answers or k in on_path)
