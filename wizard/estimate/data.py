"""The estimates' data (`flows/estimates.toml`), validated: ENISA levels, the JO model's EP map, unit costs."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from wizard.domain.flows import Source, bundled_dir

Pair = tuple[float, float]


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")


class Dated(Model):
    sources: tuple[Source, ...]
    effective_from: date | None = None
    last_verified: date
    source_as_of: str  # the sources' own date or edition as read


class Band(Model):
    id: str
    below: float | None = None
    confirmed: bool


class Match(Model):
    """A rule on the kinds of data: every kind in `all` and at least one in `any` (empty: no condition).
    `confirmed = False`: the value is rouei's mapping, not the source's ("check this")."""

    id: str
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    value: float
    confirmed: bool = True

    def holds(self, kinds: set[str]) -> bool:
        return set(self.all) <= kinds and (not self.any or bool(kinds & set(self.any)))


class Enisa(Dated):
    bands: tuple[Band, ...]
    dpc: dict[str, tuple[int, int]]
    ei: tuple[Match, ...]
    cb: dict[Literal["confidentiality", "integrity", "availability", "malicious"], dict[str, Pair]]


Levels = int | tuple[int, int]


class Level(Model):
    """A kind's place on the EP map; a pair where the kind spans two levels of the published examples."""

    x: Levels
    y: Levels
    listed: bool

    def span(self, axis: str) -> tuple[int, int]:
        value = getattr(self, axis)
        return (value, value) if isinstance(value, int) else value


class Social(Model):
    high_sectors: tuple[str, ...]
    high_organisations: tuple[str, ...]
    confirmed: bool


class Jo(Dated):
    base: int
    ep: dict[str, Level]
    identifiability: tuple[Match, ...]
    social: Social


class When(Model):
    """When a cost line applies: every condition given holds (see flows/estimates.toml)."""

    causes: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    outsiders: bool = False
    over: int | None = None


class CostLine(Model):
    id: str
    basis: Literal["fixed", "per_person", "monthly", "firm"]
    low: int = 0
    high: int = 0
    per: int = 1
    months: int = 1
    confirmed: bool
    check: str = ""  # what to check when the figure is rouei's reading of the source's words
    when: When = When()


class Survey(Model):
    """What victims of one kind of incident reported paying in all: a comparison, never a unit cost."""

    causes: tuple[str, ...]
    median: int
    mean: int
    responses: int
    period: str
    source: Source


class Costs(Dated):
    lines: tuple[CostLine, ...]
    survey: Survey | None = None


class Estimates(Model):
    version: str
    enisa: Enisa
    jo: Jo
    costs: Costs


@cache
def estimates_data() -> Estimates:
    """The bundled estimates data, read once (the test suite checks it on every change)."""
    path = bundled_dir() / "estimates.toml"
    try:
        return Estimates.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:  # a broken install, not user input
        raise RuntimeError(f"{path}: {exc}") from None
