"""`rouei flows check`'s part for scenarios: every expected determination recomputed with the engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from wizard.domain.engine import assess
from wizard.domain.flowcheck import AS_OF, link_problems
from wizard.domain.flows import Flows, Problem
from wizard.errors import RoueiError
from wizard.exercise.scenario import (START, Expect, Scenario, parse_scenario, read_scenarios, read_text,
                                      scenarios_dir)


NOT_YET = "not_yet"  # a team with no determination yet (知った日時 not answered)


def values(keys, determination: dict[str, Any]) -> dict[str, Any]:
    """What the engine's determination says for each key, in the form a scenario states it. No report,
    no route: a team that decided not to report has no route to be credited with (a processor's
    notice to its controller is a route without a report of its own)."""
    out: dict[str, Any] = {}
    for key in keys:
        if key == "clocks":
            out[key] = tuple(c["id"] for c in determination["clocks"])
        elif key == "triggers":
            out[key] = tuple(determination["triggers"])
        elif key == "route" and not determination["report_required"] and determination["route"] != "controller":
            out[key] = None
        else:
            out[key] = determination[key]
    return out


def actual(expect: Expect, determination: dict[str, Any]) -> dict[str, Any]:
    """What the engine says for each key `expect` gives, in the form `expect` states it."""
    return values(expect.keys(), determination)


def disagreements(expect: Expect, determination: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(key, expected, engine) for each key where they differ; `clocks` must be among those running."""
    got = actual(expect, determination)
    out = []
    for key in expect.keys():
        want = getattr(expect, key)
        if key == "clocks":
            ok = set(want) <= set(got[key])
        elif key == "triggers":
            ok = set(want) == set(got[key])
        else:
            ok = want == got[key]
        if not ok:
            out.append((key, want, got[key]))
    return out


def check_scenario(scenario: Scenario, flows: Flows | None = None, name: str | None = None) -> list[Problem]:
    """Each stage of the scenario and of each variant, recomputed; a problem for each disagreement."""
    name = name or f"scenarios/{scenario.id}.toml"
    problems = []
    if not isinstance(scenario.last_verified, date):
        problems.append(Problem(file=name, key="last_verified", message="expected a date, e.g. 2026-12-01"))
    elif flows is not None and flows.stamps and (name, scenario.id, scenario.last_verified) not in {
            (s.file, s.entry, s.day) for s in flows.stamps}:
        problems.append(Problem(file=name, key="last_verified", message=(
            "write it at the top of the file, before any [table], as "
            f"'last_verified = {scenario.last_verified.isoformat()}': the age check reads it there")))
    if not AS_OF.search(scenario.source_as_of):
        problems.append(Problem(file=name, key="source_as_of", message=(
            "needs source_as_of: the date or amendment of its sources as read, e.g. '通則編 令和8年6月一部改正'")))
    for seed in range(len(scenario.variants) + 1):
        label = "" if seed == 0 else f"variant {scenario.variants[seed - 1].id}: "
        for stage in scenario.stages(seed):
            try:
                facts = stage.facts(f"{name} {stage.id}")
            except RoueiError as exc:
                problems.append(Problem(file=name, key=stage.id, message=f"{label}{exc}"))
                continue
            det = assess(facts, flows, explain=False).to_json()
            for key, want, got in disagreements(stage.expect, det):
                problems.append(Problem(file=name, key=f"{stage.id}.expect.{key}",
                                        message=f"{label}the scenario expects {want!r}, the engine says {got!r}"))
    for variant in scenario.variants:
        stages = {START} | {i.id for i in scenario.injects}
        for table, ids in (("expect", variant.expect), ("messages", variant.messages)):
            for stage_id in sorted(set(ids) - stages):
                problems.append(Problem(file=name, key=f"variants.{variant.id}.{table}.{stage_id}",
                                        message=f"no such stage; stages: {', '.join(sorted(stages))}"))
    problems += link_problems({"sources": [s.model_dump() for s in scenario.sources]}, name)
    ids = [i.id for i in scenario.injects]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(file=name, key="injects", message=f"inject id '{dup}' is used twice"))
    return problems


def check_file(path: Path, flows: Flows | None = None) -> tuple[Scenario | None, list[Problem]]:
    """One scenario file of the firm's own (`rouei flows check FILE`): read, validated, recomputed."""
    text, problems = read_text(path, str(path))
    scenario, more = parse_scenario(text, str(path)) if text is not None else (None, [])
    problems += more
    if scenario is not None:
        problems += check_scenario(scenario, flows, str(path))
    return scenario, problems


MAX_STAGES = 3000  # stage checks in one folder (each variant's stages count): a few seconds of the engine


def check_scenarios(flows_dir: Path, flows: Flows | None = None) -> list[Problem]:
    """Every scenario in `flows_dir/scenarios`, read, validated and checked against the engine."""
    scenarios, problems = read_scenarios(scenarios_dir(flows_dir))
    stages = sum((len(s.injects) + 1) * (len(s.variants) + 1) for s in scenarios)
    if stages > MAX_STAGES:
        return problems + [Problem(file="scenarios/", key="-", message=(
            f"{stages:,} stages to check (each inject of each variant); a rule folder's scenarios hold at most "
            f"{MAX_STAGES:,}"))]
    for scenario in scenarios:
        problems += check_scenario(scenario, flows)
    return problems
