"""Cross-checks of a schema-valid flows folder: references, reachability, cycles, translations, sources,
and the dates every fact carries.

`rouei flows check` reports every problem found here with the file, the key and what is wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from wizard import clock
from wizard.domain import links
from wizard.domain.flows import Flows, Problem, Question
from wizard.domain.logic import Always, AnyCond, Condition, GtCond, InCond, IsCond, atoms
from wizard.domain.vocabulary import FACTS, UNKNOWN
from wizard.i18n import LANGS
from wizard.rulesets import VERSION_FORMAT, valid_version

END = "end"
_KIND_OF_QUESTION = {"datetime": "datetime", "count": "count", "choice": ("enum", "bool"), "multi": "set"}


def cross_check(flows: Flows) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_version(flows)
    problems += _check_ids(flows)
    problems += _check_rules(flows)
    problems += _check_questions(flows)
    problems += _check_lists(flows)
    problems += _check_texts(flows)
    problems += _check_public(flows)
    problems += _check_amendments(flows)
    problems += _check_links(flows)
    return problems


def _where(flows: Flows) -> dict[str, str]:
    """The file each rule entry lives in, by id."""
    found = {}
    for pack in flows.packs:
        for group in (pack.tracks, pack.triggers, pack.routes, pack.clocks, pack.checks):
            for entry in group:
                found[entry.id] = f"rules/{pack.id}.toml"
    return found


def _check_version(flows: Flows) -> list[Problem]:
    version = flows.manifest.version
    if valid_version(version):
        return []
    return [Problem(file="manifest.toml", key="version", message=f"{version!r} is not a rules version: use {VERSION_FORMAT}")]


def _check_ids(flows: Flows) -> list[Problem]:
    where = _where(flows)
    counts = Counter(e.id for p in flows.packs for g in (p.tracks, p.triggers, p.routes, p.clocks, p.checks)
                     for e in g)
    problems = [Problem(file=where.get(i, "rules/"), key=i, message="id is used more than once")
                for i, n in counts.items() if n > 1]
    for name, entries in (("checklist.toml", flows.checklist), ("contacts.toml", flows.contacts),
                          ("questions.toml", flows.questions.questions)):
        for i, n in Counter(e.id for e in entries).items():
            if n > 1:
                problems.append(Problem(file=name, key=i, message="id is used more than once"))
    return problems


def condition_problems(cond: Condition, file: str, key: str) -> list[Problem]:
    """Unknown fact keys, values outside the vocabulary, and tests that do not fit the fact's kind."""
    problems = []
    for atom in atoms(cond):
        spec = FACTS.get(atom.fact)
        if spec is None:
            problems.append(Problem(file=file, key=key, message=f"unknown fact key '{atom.fact}'"))
            continue
        expected = {InCond: "enum", IsCond: "bool", AnyCond: "set", GtCond: "count"}[type(atom)]
        if spec.kind != expected:
            test = {InCond: "in", IsCond: "is", AnyCond: "any", GtCond: "gt"}[type(atom)]
            problems.append(Problem(file=file, key=key,
                                    message=f"'{test}' does not fit fact '{atom.fact}' (a {spec.kind})"))
            continue
        values = atom.in_ if isinstance(atom, InCond) else atom.any if isinstance(atom, AnyCond) else ()
        for value in values:
            if value not in spec.values and not (isinstance(atom, AnyCond) and value == UNKNOWN):
                problems.append(Problem(file=file, key=key,
                                        message=f"unknown value '{value}' for fact '{atom.fact}'"))
    return problems


def _check_rules(flows: Flows) -> list[Problem]:
    problems: list[Problem] = []
    track_ids = {t.id for t in flows.tracks}
    if not track_ids:
        problems.append(Problem(file="rules/", key="tracks", message="no track (a reporting regime) in any rule pack"))
    for track in track_ids:
        mine = [r for r in flows.routes if not r.tracks or track in r.tracks]
        if not mine or not isinstance(mine[-1].when, Always):
            file = _where(flows).get(mine[-1].id, "rules/") if mine else "rules/"
            problems.append(Problem(file=file, key=f"routes.{track}", message=(
                f"the routes for track '{track}' need a last route that always holds (when = {{ always = true }})")))
    for pack in flows.packs:
        file = f"rules/{pack.id}.toml"
        for group in (pack.tracks, pack.triggers, pack.routes, pack.clocks, pack.checks):
            for entry in group:
                if not entry.sources:
                    problems.append(Problem(file=file, key=entry.id, message="rule has no sources"))
                if entry.last_verified is None:
                    problems.append(Problem(file=file, key=entry.id, message="rule has no last_verified date"))
                cond = getattr(entry, "when", None)
                if cond is not None:
                    problems += condition_problems(cond, file, f"{entry.id}.when")
        for track in pack.tracks:
            for exemption in track.exemptions:
                problems += condition_problems(exemption.when, file, f"{track.id}.exemptions.{exemption.id}.when")
            if track.release is not None:
                problems += condition_problems(track.release.when, file, f"{track.id}.release.when")
        for route in pack.routes:
            for name in route.tracks:
                if name not in track_ids:
                    problems.append(Problem(file=file, key=f"{route.id}.tracks", message=f"no track '{name}'"))
        for trig in pack.triggers:
            if trig.track not in track_ids:
                problems.append(Problem(file=file, key=f"{trig.id}.track", message=f"no track '{trig.track}'"))
        for clock in pack.clocks:
            due = clock.due
            if due is not None and sum(v is not None for v in due.model_dump().values()) != 1:
                problems.append(Problem(file=file, key=f"{clock.id}.due",
                                        message="give exactly one of " + ", ".join(due.model_fields)))
    return problems


def _check_questions(flows: Flows) -> list[Problem]:
    file = "questions.toml"
    questions = {q.id: q for q in flows.questions.questions}
    rule_ids = flows.rule_ids()
    problems: list[Problem] = []
    if flows.questions.start not in questions:
        problems.append(Problem(file=file, key="start", message=f"no question '{flows.questions.start}'"))
    set_facts: set[str] = set()
    for q in questions.values():
        problems += _question_problems(q, questions, rule_ids)
        if q.fact:
            set_facts.add(q.fact)
        for choice in q.choices:
            set_facts.update(k for k in choice.sets if k in FACTS)
    for key in FACTS:
        if key not in set_facts:
            problems.append(Problem(file=file, key="questions", message=f"no question sets fact '{key}'"))
    if flows.questions.start in questions:
        seen = _reachable(flows.questions.start, questions)
        for qid in questions:
            if qid not in seen:
                problems.append(Problem(file=file, key=qid, message="question is unreachable from start"))
        cycle = _find_cycle(flows.questions.start, questions)
        if cycle:
            problems.append(Problem(file=file, key=cycle[0], message="cycle: " + " -> ".join(cycle)))
    return problems


def _question_problems(q: Question, questions: dict[str, Question], rule_ids: set[str]) -> list[Problem]:
    file = "questions.toml"
    problems = []
    for i, nxt in enumerate(q.next):
        if nxt.goto != END and nxt.goto not in questions:
            problems.append(Problem(file=file, key=f"{q.id}.next.{i}.goto", message=f"no question '{nxt.goto}'"))
        problems += condition_problems(nxt.when, file, f"{q.id}.next.{i}.when")
    for ref in q.rules:
        if ref not in rule_ids:
            problems.append(Problem(file=file, key=f"{q.id}.rules", message=f"no rule '{ref}'"))
    spec = FACTS.get(q.fact) if q.fact else None
    if q.fact and spec is None:
        problems.append(Problem(file=file, key=f"{q.id}.fact", message=f"unknown fact key '{q.fact}'"))
    if spec is not None:
        expected = _KIND_OF_QUESTION.get(q.kind)
        if spec.kind not in (expected if isinstance(expected, tuple) else (expected,)):
            problems.append(Problem(file=file, key=f"{q.id}.kind",
                                    message=f"a '{q.kind}' question cannot set fact '{q.fact}' (a {spec.kind})"))
    if q.kind in ("choice", "multi") and not q.choices:
        problems.append(Problem(file=file, key=f"{q.id}.choices", message="a choice question needs choices"))
    for j, choice in enumerate(q.choices):
        key = f"{q.id}.choices.{j}"
        if choice.value == UNKNOWN:
            problems.append(Problem(file=file, key=key,
                                    message="「分からない」 is added to every question; do not list it"))
        if spec is not None:
            if spec.kind == "bool" and not isinstance(choice.value, bool):
                problems.append(Problem(file=file, key=key, message=f"'{q.fact}' takes true or false"))
            elif spec.kind in ("enum", "set") and choice.value not in spec.values:
                problems.append(Problem(file=file, key=key,
                                        message=f"unknown value '{choice.value}' for fact '{q.fact}'"))
        for fact, value in choice.sets.items():
            fspec = FACTS.get(fact)
            if fspec is None:
                problems.append(Problem(file=file, key=f"{key}.sets", message=f"unknown fact key '{fact}'"))
            elif fspec.kind == "enum" and value not in (*fspec.values, UNKNOWN):
                problems.append(Problem(file=file, key=f"{key}.sets",
                                        message=f"unknown value '{value}' for fact '{fact}'"))
            elif fspec.kind == "bool" and not isinstance(value, bool):
                problems.append(Problem(file=file, key=f"{key}.sets", message=f"'{fact}' takes true or false"))
    return problems


def _successors(q: Question) -> list[str]:
    return [n.goto for n in q.next if n.goto != END]


def _reachable(start: str, questions: dict[str, Question]) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        qid = todo.pop()
        if qid in seen or qid not in questions:
            continue
        seen.add(qid)
        todo.extend(_successors(questions[qid]))
    return seen


def _find_cycle(start: str, questions: dict[str, Question]) -> list[str] | None:
    """A cycle reachable from start, as the list of ids along it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(qid: str) -> list[str] | None:
        state[qid] = 1
        path.append(qid)
        for nxt in _successors(questions[qid]) if qid in questions else []:
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[qid] = 2
        path.pop()
        return None

    return visit(start)


def _check_lists(flows: Flows) -> list[Problem]:
    problems = []
    deadlines = {"preliminary", "final", *(f"clock.{c.id}" for c in flows.clocks)}
    for item in flows.checklist:
        for key in item.discharges:
            if key not in deadlines:
                problems.append(Problem(file="checklist.toml", key=f"{item.id}.discharges",
                                        message=f"no deadline '{key}' (use preliminary, final or clock.<id>)"))
    for name, entries in (("checklist.toml", flows.checklist), ("contacts.toml", flows.contacts)):
        for entry in entries:
            problems += condition_problems(entry.when, name, f"{entry.id}.when")
            if not entry.sources:
                problems.append(Problem(file=name, key=entry.id, message="entry has no sources"))
            if entry.last_verified is None:
                problems.append(Problem(file=name, key=entry.id, message="entry has no last_verified date"))
    return problems


def _texts(node: Any, path: str) -> Iterator[tuple[str, dict]]:
    """Every `{ja = …, en = …}` text inside a dumped model, with its key path."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGS) | {"_"} and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) and "id" in value else i
            yield from _texts(value, f"{path}.{label}")


def _groups(flows: Flows) -> list[tuple[str, Any]]:
    groups: list[tuple[str, Any]] = [("manifest.toml", flows.manifest), ("questions.toml", flows.questions),
                                     ("checklist.toml", flows.checklist), ("contacts.toml", flows.contacts)]
    if flows.amendments:
        groups.append(("amendments.toml", flows.amendments))
    return groups + [(f"rules/{p.id}.toml", p) for p in flows.packs]


def _dump(model: Any) -> Any:
    return model.model_dump(by_alias=True) if hasattr(model, "model_dump") else [m.model_dump(by_alias=True)
                                                                                  for m in model]


def _check_texts(flows: Flows) -> list[Problem]:
    problems = []
    for file, model in _groups(flows):
        for path, text in _texts(_dump(model), ""):
            for lang in LANGS:
                if not text.get(lang, "").strip():
                    problems.append(Problem(file=file, key=path or "-", message=f"missing '{lang}' text"))
    return problems


# What a user must never see: our own files, bracket research tags, paths, words for internal notes.
# (Written so that the check itself holds none of the words it looks for.)
INTERNAL = re.compile(
    r"[\w.-]+\.(?:md|py|toml|txt)\b"        # a file of ours
    r"|\[(?:N\d+|GL-[^\]]*|APPI|番号法)\]"   # a research tag
    r"|(?<![\w:/.])(?:\.{1,2}|~)?/[\w.-]+/|\\\w+\\"  # a path (not a URL, not "A/B")
    r"|japan-leak-rule[s]|contacts-researc[h]|調査メ[モ]|研究メ[モ]|research not[e]s?|our not[e]s|fact shee[t]s?",
    re.IGNORECASE,
)


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string a user may read inside a dumped model (not URLs), with its key path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "url":
                yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) and "id" in value else i
            yield from _strings(value, f"{path}.{label}")


def _check_public(flows: Flows) -> list[Problem]:
    """Texts and source titles name public sources only (never our files, tags, paths or notes)."""
    problems = []
    for file, model in _groups(flows):
        for path, text in _strings(_dump(model), ""):
            if found := INTERNAL.search(text):
                problems.append(Problem(file=file, key=path or "-", message=(
                    f"names an internal note or path ('{found.group().strip()}'): cite the public source "
                    "(law and article, guideline section, PPC Q&A, public page)")))
    return problems


AS_OF = re.compile(r"(?:19|20)\d\d|令和|平成|昭和|undated|日付(?:の記載)?なし")  # a year or era, or says the source has none


def date_problems(flows: Flows) -> list[Problem]:
    """Every fact names its sources' own date or amendment (`source_as_of`), its `last_verified` is seen by
    the scan that measures how old the rules are, and no date is after today (it would hide an old entry).

    Run by `rouei flows check` and `flows install`, not when rules already installed are loaded: a folder
    made before `source_as_of` existed keeps working (and shows its age) until it is replaced."""
    problems = []
    seen = {(s.file, s.entry, s.day) for s in flows.stamps}
    for file, entry in flows.sourced():
        if entry.last_verified is not None and (file, entry.id, entry.last_verified) not in seen:
            problems.append(Problem(file=file, key=entry.id, message=(
                "write last_verified on a line of its own inside the entry, as "
                f"'last_verified = {entry.last_verified.isoformat()}': the age check reads it there")))
        if not AS_OF.search(entry.source_as_of or ""):
            problems.append(Problem(file=file, key=entry.id, message=(
                "needs source_as_of: the date or amendment of its sources as read, e.g. "
                "'通則編 令和8年6月一部改正', 'page updated 2026-04-01' or 'undated page'")))
    today = clock.now().date()
    for stamp in flows.stamps:
        if stamp.day > today:
            problems.append(Problem(file=stamp.file, key=stamp.entry, message=(
                f"last_verified {stamp.day.isoformat()} is after today ({today.isoformat()}): "
                "a day not yet reached would hide how old the entry is")))
    return problems


def _check_amendments(flows: Flows) -> list[Problem]:
    """Each amendment's status agrees with its dates, and names tracks that exist."""
    problems = []
    tracks = {t.id for t in flows.tracks}
    for a in flows.amendments:
        def bad(message: str, key: str = a.id) -> None:
            problems.append(Problem(file="amendments.toml", key=key, message=message))
        if not a.sources:
            bad("entry has no sources")
        if a.last_verified is None:
            bad("entry has no last_verified date")
        elif a.status_as_of > a.last_verified:
            bad("status_as_of is after last_verified: a status cannot be read before it was read")
        for name in a.tracks:
            if name not in tracks:
                bad(f"no track '{name}'", f"{a.id}.tracks")
        if a.status == "in_force" and a.in_force_from is None:
            bad("a status 'in_force' needs in_force_from (the day it applies from)")
        if a.status == "enacted" and (a.promulgated is None or (a.in_force_from or a.in_force_by) is None):
            bad("a status 'enacted' needs promulgated, and in_force_from or in_force_by")
        days = [d for d in (a.promulgated, a.in_force_from, a.in_force_by) if d is not None]
        if days != sorted(days):
            bad("dates out of order: promulgated <= in_force_from <= in_force_by")
    return problems


def _urls(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every `url` inside a dumped model, with its key path."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if key == "url" and isinstance(value, str):
                yield where, value
            else:
                yield from _urls(value, where)
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) and "id" in value else i
            yield from _urls(value, f"{path}.{label}")


def link_problems(node: Any, file: str) -> list[Problem]:
    """Each address inside `node` (a dumped model) that may not become a link (`wizard.domain.links`)."""
    return [Problem(file=file, key=path, message=f"the address {url!r} {why}")
            for path, url in _urls(node, "") if (why := links.problem(url))]


def _check_links(flows: Flows) -> list[Problem]:
    """Sources and contacts link to public https pages only (and the few named http pages)."""
    return [p for file, model in _groups(flows) for p in link_problems(_dump(model), file)]
