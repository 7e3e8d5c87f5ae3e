"""Declarative conditions evaluated in three-valued (Kleene) logic: yes, no, or may be.

A condition in `flows/` is data, never code:

    { fact = "organisation", in = ["business"] }          scalar fact is one of these
    { fact = "recovered_unviewed", is = true }            boolean fact
    { fact = "data", any = ["medical", "disability"] }    set fact contains one of these
    { fact = "affected_max", gt = 1000 }                  count is greater than
    { fact = "affected_max", known = true }               the fact has an answer (never "may be": for
                                                          asking a follow-up question only once it means something)
    { all = [ … ] }   { any_of = [ … ] }   { not = … }    combinations
    { always = true }                                     holds unconditionally

An unknown fact makes its atom MAYBE. Alongside the value, evaluation returns the facts whose being
unknown kept the answer at MAYBE (`blockers`): learning a fact can only shrink that set.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from wizard.domain.facts import Facts
from wizard.domain.vocabulary import UNKNOWN


class Tri(Enum):
    NO = 0
    MAYBE = 1
    YES = 2

    def __bool__(self) -> bool:  # pragma: no cover - guard against accidental truthiness
        raise TypeError("use .possible or .certain, a Tri is not a bool")

    @property
    def possible(self) -> bool:
        """Holds or may hold: the conservative reading of a duty (おそれ)."""
        return self is not Tri.NO

    @property
    def certain(self) -> bool:
        return self is Tri.YES


class _Cond(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)


class InCond(_Cond):
    fact: str
    in_: tuple[str, ...] = Field(alias="in")


class IsCond(_Cond):
    fact: str
    is_: bool = Field(alias="is")


class AnyCond(_Cond):
    fact: str
    any: tuple[str, ...]


class GtCond(_Cond):
    fact: str
    gt: int


class KnownCond(_Cond):
    fact: str
    known: bool


class AllOf(_Cond):
    all: tuple[Condition, ...]


class AnyOf(_Cond):
    any_of: tuple[Condition, ...]


class NotCond(_Cond):
    not_: Condition = Field(alias="not")


class Always(_Cond):
    always: Literal[True]


Condition = Annotated[
    Union[InCond, IsCond, AnyCond, GtCond, KnownCond, AllOf, AnyOf, NotCond, Always],
    Field(union_mode="left_to_right"),
]
ALWAYS = Always(always=True)


class Result(tuple):
    """(value, blockers): the Kleene value and the unknown facts that kept it at MAYBE."""

    __slots__ = ()

    def __new__(cls, value: Tri, blockers: frozenset[str] = frozenset()):
        return super().__new__(cls, (value, blockers if value is Tri.MAYBE else frozenset()))

    @property
    def value(self) -> Tri:
        return self[0]

    @property
    def blockers(self) -> frozenset[str]:
        return self[1]


def evaluate(cond: Condition, facts: Facts) -> Result:
    """Evaluate a condition against facts."""
    if isinstance(cond, Always):
        return Result(Tri.YES)
    if isinstance(cond, AllOf):
        return _combine([evaluate(c, facts) for c in cond.all], absorbing=Tri.NO, identity=Tri.YES)
    if isinstance(cond, AnyOf):
        return _combine([evaluate(c, facts) for c in cond.any_of], absorbing=Tri.YES, identity=Tri.NO)
    if isinstance(cond, NotCond):
        return negate(evaluate(cond.not_, facts))
    if isinstance(cond, KnownCond):
        return Result(Tri.YES if facts.known(cond.fact) is cond.known else Tri.NO)
    value = getattr(facts, cond.fact)
    unknown = Result(Tri.MAYBE, frozenset({cond.fact}))
    if isinstance(cond, AnyCond):
        if value is None:
            return unknown
        if any(v in value for v in cond.any):
            return Result(Tri.YES)
        return unknown if UNKNOWN in value else Result(Tri.NO)
    if value is None:
        return unknown
    if isinstance(cond, InCond):
        return Result(Tri.YES if value in cond.in_ else Tri.NO)
    if isinstance(cond, IsCond):
        return Result(Tri.YES if value is cond.is_ else Tri.NO)
    return Result(Tri.YES if value > cond.gt else Tri.NO)


def negate(result: Result) -> Result:
    """Kleene NOT of a result already evaluated."""
    return Result(Tri(2 - result.value.value), result.blockers)


def conjoin(*results: Result) -> Result:
    """Kleene AND of results already evaluated."""
    return _combine(list(results), absorbing=Tri.NO, identity=Tri.YES)


def disjoin(*results: Result) -> Result:
    """Kleene OR of results already evaluated (NO when there are none)."""
    return _combine(list(results), absorbing=Tri.YES, identity=Tri.NO)


def _combine(results: list[Result], absorbing: Tri, identity: Tri) -> Result:
    if any(r.value is absorbing for r in results):
        return Result(absorbing)
    if all(r.value is identity for r in results):
        return Result(identity)
    blockers = frozenset().union(*(r.blockers for r in results))
    return Result(Tri.MAYBE, blockers)


def atoms(cond: Condition):
    """Every leaf condition (fact tests) inside a condition."""
    if isinstance(cond, AllOf):
        for c in cond.all:
            yield from atoms(c)
    elif isinstance(cond, AnyOf):
        for c in cond.any_of:
            yield from atoms(c)
    elif isinstance(cond, NotCond):
        yield from atoms(cond.not_)
    elif not isinstance(cond, Always):
        yield cond
