"""Scenarios (`flows/scenarios/*.toml`): setting, facts known at the start, injects, expected determinations.

A scenario's *stages* are its start and each inject, in order. Each stage reveals facts (the truth as it
is known from then on, applied on top of the earlier stages) and states what the determination should
be once those facts are known. A *variant*, picked by the seed, replaces a few facts in every stage
that sets them, and the expectations that change with them.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from wizard.domain.folder import parse_toml, read_bytes
from wizard.domain.facts import Facts, facts_from_mapping
from wizard.domain.flows import Problem, Source, bundled_dir
from wizard.errors import RoueiError
from wizard.i18n import get_lang
from wizard.printable import clean

START = "start"  # the id of the first stage
Family = Literal["cyber", "insider", "human_error", "vendor"]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
# a text a firm may have written: control and direction characters dropped (they would reach a terminal)
NonEmpty = Annotated[str, AfterValidator(lambda text: clean(text, lines=True)), StringConstraints(min_length=1)]
MAX_INJECTS, MAX_VARIANTS = 100, 20  # `rouei flows check` recomputes every stage of every variant


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")


class Words(Model):
    """A text in both languages."""

    ja: NonEmpty
    en: NonEmpty

    def __str__(self) -> str:
        return getattr(self, get_lang())


class Expect(Model):
    """The determination a stage's facts should give (the stable keys of `rouei assess --json`).
    Only the keys given are checked and scored; `clocks` lists clocks that must run (others may too)."""

    report_required: bool | None = None
    notice_required: bool | None = None
    route: Literal["ppc", "ministry", "controller"] | None = None
    final_days: int | None = None
    my_number_report_required: bool | None = None
    triggers: tuple[str, ...] | None = None
    clocks: tuple[str, ...] | None = None
    why: Words | None = None  # the rule behind it, in a sentence: what the report says after a miss

    def keys(self) -> list[str]:
        return [k for k in SCORED if getattr(self, k) is not None]


SCORED = ("report_required", "notice_required", "route", "final_days", "my_number_report_required",
          "triggers", "clocks")


class Inject(Model):
    """A message that reaches the team: at `after` exercise minutes from the start, or when the
    facilitator releases it (`after` left out)."""

    id: Id
    after: int | None = Field(None, ge=0)
    title: Words
    sender: Words
    message: Words
    facts: dict[str, Any] = {}
    questions: tuple[Words, ...] = ()
    facilitator: Words | None = None  # a note for the facilitator only
    expect: Expect


class Variant(Model):
    id: Id
    title: Words
    facts: dict[str, Any]  # replaces these facts in every stage that sets them
    messages: dict[str, Words] = {}  # inject id -> the message as this variant tells it
    expect: dict[str, Expect] = {}  # stage id -> the expectation that replaces the stage's


class Scenario(Model):
    id: Id
    family: Family
    title: Words
    setting: Words
    start: AwareDatetime
    speed: int = Field(60, ge=1)  # the suggested speed: exercise minutes per real minute
    objectives: tuple[Words, ...] = Field(min_length=1)
    briefing: Words  # what the team is told at the start
    facts: dict[str, Any]
    expect: Expect
    injects: tuple[Inject, ...] = Field(min_length=1, max_length=MAX_INJECTS)
    discussion: tuple[Words, ...] = ()
    variants: tuple[Variant, ...] = Field((), max_length=MAX_VARIANTS)
    sources: tuple[Source, ...] = Field(min_length=1)
    last_verified: Any  # a date; checked by the loader
    source_as_of: str = ""  # the sources' own date or amendment as read; checked by `flows check`

    def inject(self, inject_id: str) -> Inject:
        for inject in self.injects:
            if inject.id == inject_id:
                return inject
        raise RoueiError("exercise.error.no_inject", id=inject_id, scenario=self.id,
                         ids=", ".join(i.id for i in self.injects))

    def due_at(self, inject: Inject) -> datetime | None:
        """When a timed inject falls due on the exercise clock (None: the facilitator releases it)."""
        return None if inject.after is None else self.start + timedelta(minutes=inject.after)

    def variant(self, seed: int) -> Variant | None:
        """The variant a seed picks: seed 0 the scenario as written, seed N the N-th variant (cycling)."""
        choices = (None, *self.variants)
        return choices[seed % len(choices)]

    def message(self, inject: Inject, seed: int) -> Words:
        """An inject's message as the seed's variant tells it."""
        return self.message_for(inject.id, seed)

    def message_for(self, stage_id: str, seed: int) -> Words:
        """The briefing (`start`) or an inject's message, as the seed's variant tells it."""
        own = self.briefing if stage_id == START else self.inject(stage_id).message
        variant = self.variant(seed)
        return variant.messages.get(stage_id, own) if variant else own

    def stages(self, seed: int = 0) -> list[Stage]:
        """The start and each inject with the facts known by then and what the determination should be."""
        variant = self.variant(seed)
        known: dict[str, Any] = {}
        out = []
        for stage_id, revealed, expect in ((START, self.facts, self.expect),
                                           *((i.id, i.facts, i.expect) for i in self.injects)):
            if variant is not None:
                revealed = {k: variant.facts.get(k, v) for k, v in revealed.items()}
                expect = variant.expect.get(stage_id, expect)
            known = {**known, **revealed}
            out.append(Stage(stage_id, dict(known), expect))
        return out


class Stage:
    """One point of a scenario: the facts known from then on and the expected determination."""

    def __init__(self, stage_id: str, facts: dict[str, Any], expect: Expect) -> None:
        self.id = stage_id
        self.raw_facts = facts
        self.expect = expect

    def facts(self, where: str) -> Facts:
        return facts_from_mapping(self.raw_facts, where)


# ---- loading ------------------------------------------------------------------------------------

def scenarios_dir(flows_dir: Path | None = None) -> Path:
    return (flows_dir or bundled_dir()) / "scenarios"


def parse_scenario(text: str, name: str) -> tuple[Scenario | None, list[Problem]]:
    """A scenario from the TOML text of file `name`, or the problems that make it none."""
    try:
        raw = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(file=name, key="-", message=f"not valid TOML: {exc}")]
    except ValueError as exc:  # nested too deeply
        return None, [Problem(file=name, key="-", message=str(exc))]
    try:
        return Scenario.model_validate(raw), []
    except ValidationError as exc:
        return None, [Problem(file=name, key=".".join(map(str, e["loc"])) or "-", message=e["msg"])
                      for e in exc.errors()]


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        return read_bytes(path).decode("utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(file=name, key="-", message=f"not a readable UTF-8 file: {exc}")]
    except ValueError as exc:  # too large, or not a regular file
        return None, [Problem(file=name, key="-", message=str(exc))]


def read_scenarios(folder: Path) -> tuple[list[Scenario], list[Problem]]:
    """Every scenario of a folder that passes the schema, and the problems of those that do not."""
    found, problems = [], []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        name = f"scenarios/{path.name}"
        text, problems_here = read_text(path, name)
        scenario, more = parse_scenario(text, name) if text is not None else (None, [])
        problems += problems_here + more
        if scenario is None:
            continue
        if scenario.id != path.stem:
            problems.append(Problem(file=name, key="id", message=f"must be the file name '{path.stem}'"))
        found.append(scenario)
    return found, problems


def is_file_argument(argument: str) -> bool:
    """Whether `exercise start`'s SCENARIO names a file of the firm's own rather than a bundled id."""
    return argument.endswith(".toml") or "/" in argument or "\\" in argument or Path(argument).is_file()


def load_file(path: Path) -> tuple[Scenario, str]:
    """A scenario file of the firm's own and its text; one clear error naming every problem."""
    text, problems = read_text(path, str(path))
    scenario, more = parse_scenario(text, str(path)) if text is not None else (None, [])
    problems += more
    if problems:
        raise RoueiError("exercise.error.bad_scenario", path=str(path),
                         problems="\n".join(f"  {p.key}: {p.message}" for p in problems))
    return scenario, text


@lru_cache(maxsize=16)
def from_source(text: str) -> Scenario:
    """The scenario a run carries in its start event (one of the firm's own, read when the run began)."""
    scenario, problems = parse_scenario(text, "exercise_start")
    if scenario is None:
        raise RoueiError("exercise.error.bad_scenario", path="exercise_start",
                         problems="\n".join(f"  {p.key}: {p.message}" for p in problems))
    return scenario


@cache
def bundled_scenarios() -> tuple[Scenario, ...]:
    return tuple(read_scenarios(scenarios_dir())[0])


def find(scenario_id: str) -> Scenario:
    """A bundled scenario by id; an unknown id is a clear error listing the ones there are."""
    for scenario in bundled_scenarios():
        if scenario.id == scenario_id:
            return scenario
    raise RoueiError("exercise.error.no_scenario", id=scenario_id,
                     ids=", ".join(s.id for s in bundled_scenarios()))
