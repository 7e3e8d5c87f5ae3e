"""The flows: questions, rule packs, checklist items and contacts, as validated data.

Layout of a flows folder (the bundled one is `flows/` in the repository, `wizard/flows` in the wheel;
one installed with `rouei flows install` is in the config folder, see `wizard.rulesets`):

    manifest.toml        version and the date the data was last reviewed as a whole
    questions.toml       the question flow
    rules/*.toml         rule packs: triggers, tracks, routes, clocks, checks
    checklist.toml       checklist items
    contacts.toml        contacts
    amendments.toml      amendments enacted or pending, and from when they apply (optional)

Every entry that states a fact carries `sources`, `last_verified` (the day its sources were last read)
and `source_as_of` (the sources' own date or amendment as read, e.g. 「令和8年6月一部改正」).
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard.domain import folder
from wizard.domain.logic import ALWAYS, Condition
from wizard.errors import RoueiError
from wizard.rulesets import Stamp, in_use, oldest, stamps
from wizard.rulesets import shipped_dir as bundled_dir  # noqa: F401 (its callers import it from here)

Text = dict[str, str]
Phase = Literal["first_hour", "first_24h", "preliminary", "final"]
PHASES: tuple[str, ...] = ("first_hour", "first_24h", "preliminary", "final")


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)


class Source(Model):
    """Where a rule, item or contact comes from."""

    title: str  # the public title, as the source prints it
    en: str | None = None  # an English description (English output shows it in place of a Japanese title)
    url: str | None = None
    date: str | None = None  # the date printed on the source, as written there

    def localized(self, lang: str) -> "Source":
        """This source titled for `lang`: the English description where there is one."""
        return self.model_copy(update={"title": self.en}) if lang == "en" and self.en else self


class Sourced(Model):
    """Common fields of everything that states a fact: sources and dates."""

    id: str
    sources: tuple[Source, ...] = ()
    last_verified: date | None = None  # the day the sources were last read
    source_as_of: str | None = None  # the sources' own date or amendment as read (required by the check)


class Check(Sourced):
    """A point the fact sheets leave unconfirmed: shown as "check this", never applied as fact."""

    when: Condition = ALWAYS
    text: Text


class Trigger(Sourced):
    """A reportable situation (報告対象事態) of one track."""

    track: str
    trigger: str  # the name in `triggers` of the JSON output
    when: Condition
    title: Text
    citation: Text
    summary: Text
    long_deadline: bool = False  # 確報 within 60 days instead of 30
    unsettled: Text | None = None  # a condition no question asks: the trigger at most may apply, and
    # this question settles it
    effective_from: date
    checks: tuple[Text, ...] = ()


class Window(Model):
    target_days: int
    latest_days: int


class Exemption(Model):
    """A case the track's rule excludes (e.g. 高度な暗号化): no report or notice when it certainly holds."""

    id: str
    when: Condition
    citation: Text
    record: Text | None = None  # what to keep on record to show the exemption held


class Release(Model):
    """A reporter released from its own report and notice (a processor that notified its controller)."""

    when: Condition
    citation: Text
    reason: Text  # what the released reporter must still do


class Track(Sourced):
    """A reporting regime: who reports what, and the 速報/確報 clocks."""

    when: Condition = ALWAYS
    title: Text
    citation: Text
    preliminary: Window
    final_days: int
    long_final_days: int | None = None  # when every case in which a report is due is a `long_deadline` one
    long_citation: Text | None = None
    exemptions: tuple[Exemption, ...] = ()
    release: Release | None = None
    notice_citation: Text
    effective_from: date
    checks: tuple[Text, ...] = ()


class Route(Sourced):
    """Where a track's report goes; the first route that certainly holds wins."""

    when: Condition
    tracks: tuple[str, ...] = ()  # the tracks it is for; empty: every track
    route: Literal["ppc", "ministry", "controller"]
    recipient: Text
    reason: Text
    effective_from: date


class Due(Model):
    """Exactly one unit. Clock deadlines are never moved off closed days (that would give more time)."""

    hours: int | None = None  # from the moment of awareness
    day_number: int | None = None  # day N, counting the day of awareness as day 1
    days_after: int | None = None  # N days after the day of awareness (a guideline yardstick)
    weekdays: int | None = None  # the N-th Monday–Friday, counting the day of awareness if one (holidays
    # are not skipped: a contract's business days need not follow Japan's closed days)


class Clock(Sourced):
    """Another clock that runs beside the report (GDPR, card acquirer, sector law, …)."""

    when: Condition
    title: Text
    citation: Text
    summary: Text
    due: Due | None = None  # None: "promptly", no fixed time
    effective_from: date
    checks: tuple[Text, ...] = ()


class RulePack(Model):
    id: str
    title: Text
    tracks: tuple[Track, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    routes: tuple[Route, ...] = ()
    clocks: tuple[Clock, ...] = ()
    checks: tuple[Check, ...] = ()


class Choice(Model):
    value: str | bool
    label: Text
    examples: Text | None = None
    group: str | None = None
    sets: dict[str, Any] = Field(default_factory=dict)  # extra facts this choice records


class Next(Model):
    when: Condition = ALWAYS
    goto: str


class Question(Model):
    id: str
    fact: str | None = None
    kind: Literal["datetime", "choice", "multi", "count", "text"]
    text: Text
    help: Text
    rules: tuple[str, ...] = ()  # ids of the triggers, tracks, routes or clocks it feeds
    choices: tuple[Choice, ...] = ()
    next: tuple[Next, ...] = ()


class QuestionFlow(Model):
    start: str
    questions: tuple[Question, ...]


class ChecklistItem(Sourced):
    phase: Phase
    when: Condition = ALWAYS
    requires: Literal["report", "notice", "my_number"] | None = None  # only when that duty may hold
    discharges: tuple[str, ...] = ()  # deadlines ticking it fulfils: "preliminary", "final", "clock.<id>"
    # for the PPC draft: a step against secondary harm (item 5: 二次被害の防止), a measure against recurrence
    # (item 8), or a report to another body (item 9)
    kind: Literal["containment", "measure", "report"] | None = None
    title: Text
    detail: Text
    evidence: bool = False  # preserves evidence


class Contact(Sourced):
    kind: str
    when: Condition = ALWAYS
    name: Text
    purpose: Text
    phone: str | None = None
    url: str | None = None
    email: str | None = None
    hours: Text | None = None
    confidence: Literal["high", "med", "low"] = "med"
    checks: tuple[Text, ...] = ()


AmendmentStatus = Literal["bill", "enacted", "in_force"]


class Amendment(Sourced):
    """A change to the law or its rules: what it changes and from when, so a determination can say which
    version applies on the day of awareness. rouei's rules encode the law in force on `status_as_of`."""

    title: Text
    citation: Text
    status: AmendmentStatus  # as the sources state it on `status_as_of`
    status_as_of: date  # the newest day the sources read show this status for
    promulgated: date | None = None
    in_force_from: date | None = None  # the day it applies, once fixed
    in_force_by: date | None = None  # the latest day it can apply from ("…を超えない範囲内において政令で定める日")
    tracks: tuple[str, ...] = ()  # determinations under these tracks show it; none: `flows status` only
    changes: Text  # what it changes
    checks: tuple[Text, ...] = ()

    def state(self, aware: date) -> Literal["before", "maybe", "in_force"]:
        """Whether it applies on the day of awareness: certainly not, perhaps (no date fixed yet), or yes."""
        if self.status == "bill":
            return "before"
        if self.in_force_from is not None:
            return "in_force" if aware >= self.in_force_from else "before"
        if self.in_force_by is not None and aware >= self.in_force_by:
            return "in_force"
        return "before" if aware <= self.status_as_of else "maybe"


class Manifest(Model):
    version: str
    reviewed: date
    sources_note: Text


class Flows(Model):
    manifest: Manifest
    questions: QuestionFlow
    packs: tuple[RulePack, ...]
    checklist: tuple[ChecklistItem, ...]
    contacts: tuple[Contact, ...]
    amendments: tuple[Amendment, ...] = ()
    origin: Literal["bundled", "installed", "folder"] = "folder"  # where rouei found it (not in the files)
    stamps: tuple[Stamp, ...] = ()  # every dated entry of the folder (`wizard.rulesets.stamps`; not in the files)
    breaches: tuple[str, ...] = ()  # the legal invariants it breaks (`wizard.domain.invariants`; not in the files)

    @property
    def tracks(self) -> tuple[Track, ...]:
        return tuple(t for p in self.packs for t in p.tracks)

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return tuple(t for p in self.packs for t in p.triggers)

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(r for p in self.packs for r in p.routes)

    @property
    def clocks(self) -> tuple[Clock, ...]:
        return tuple(c for p in self.packs for c in p.clocks)

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(c for p in self.packs for c in p.checks)

    @cached_property
    def choice_labels(self) -> dict[tuple[str, type, str | bool], Text]:
        labels: dict[tuple[str, type, str | bool], Text] = {}
        for q in self.questions.questions:
            for choice in q.choices:
                labels.setdefault((q.fact, type(choice.value), choice.value), choice.label)
        return labels

    def choice_label(self, fact: str, value: str | bool) -> Text | None:
        """The label of the first choice, in question order, that records `value` for `fact`."""
        return self.choice_labels.get((fact, type(value), value))

    @cached_property
    def checklist_by_id(self) -> dict[str, ChecklistItem]:
        return {item.id: item for item in self.checklist}

    def question(self, qid: str) -> Question:
        return next(q for q in self.questions.questions if q.id == qid)

    def rule_ids(self) -> set[str]:
        return {r.id for group in (self.tracks, self.triggers, self.routes, self.clocks, self.checks) for r in group}

    def sourced(self) -> Iterator[tuple[str, Sourced]]:
        """Every entry that states a fact, with the file it lives in."""
        for pack in self.packs:
            for group in (pack.tracks, pack.triggers, pack.routes, pack.clocks, pack.checks):
                for entry in group:
                    yield f"rules/{pack.id}.toml", entry
        for name, entries in (("checklist.toml", self.checklist), ("contacts.toml", self.contacts),
                              ("amendments.toml", self.amendments)):
            for entry in entries:
                yield name, entry

    def oldest(self) -> Stamp | None:
        """The dated entry of the folder verified longest ago: rules, checklist, contacts, scenarios, …"""
        return oldest(self.stamps)

    def oldest_verification(self) -> date:
        found = self.oldest()
        return found.day if found else self.manifest.reviewed


class Problem(Model):
    """One thing wrong in a flows folder: the file, the key path, and what is wrong."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


class FlowsInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _read(path: Path, root: Path, problems: list[Problem]) -> dict | None:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        return folder.read_toml(path)
    except FileNotFoundError:
        problems.append(Problem(file=name, key="-", message="file is missing"))
    except OSError as exc:
        problems.append(Problem(file=name, key="-", message=f"cannot be read: {exc.strerror or exc}"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(file=name, key="-", message=f"not valid UTF-8 TOML: {exc}"))
    except ValueError as exc:  # too large, nested too deeply, replaced by a link since the walk
        problems.append(Problem(file=name, key="-", message=str(exc)))
    return None


def _validate(model: type[Model], raw: Any, name: str, problems: list[Problem], where: str = "") -> Any:
    """`raw` as `model`, or None with a problem for each error, keyed by the path to it (`where` first)."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(filter(None, (where, _path(raw, err["loc"])))) or "-"
            problems.append(Problem(file=name, key=key, message=err["msg"]))
    return None


def _path(raw: Any, loc: tuple) -> str:
    """An error's location in words: a list entry by its id where it has one (contacts.ppc.phone)."""
    parts, node = [], raw
    for step in loc:
        node = node[step] if isinstance(node, (dict, list)) and _has(node, step) else None
        label = node.get("id") if isinstance(step, int) and isinstance(node, dict) else None
        parts.append(label if isinstance(label, str) and label else str(step))
    return ".".join(parts)


def _has(node: dict | list, step: Any) -> bool:
    return step in node if isinstance(node, dict) else isinstance(step, int) and 0 <= step < len(node)


def read_flows(root: Path) -> tuple[Flows | None, list[Problem]]:
    """Read and schema-validate a flows folder; returns the flows (if the schema held) and the problems."""
    if not root.is_dir():
        return None, [Problem(file=str(root), key="-", message="not a folder")]
    files, troubles = folder.walk(root)
    if troubles:
        return None, [Problem(file=t.file, key="-", message=t.message) for t in troubles]
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    for name, model in (("manifest.toml", Manifest), ("questions.toml", QuestionFlow)):
        raw = _read(root / name, root, problems)
        parts[name] = _validate(model, raw, name, problems) if raw is not None else None
    packs = []
    rule_files = [root / f for f in files if f.parent == Path("rules") and f.suffix == ".toml"]
    if not rule_files:
        problems.append(Problem(file="rules/", key="-", message="no rule packs (rules/*.toml)"))
    for path in rule_files:
        raw = _read(path, root, problems)
        if raw is not None:
            name = path.relative_to(root).as_posix()
            pack = _validate(RulePack, raw, name, problems)
            if pack is not None and pack.id != path.stem:
                problems.append(Problem(file=name, key="id", message=f"pack id must be the file name '{path.stem}'"))
            packs.append(pack)
    lists = {}
    for name, key, model in (("checklist.toml", "items", ChecklistItem), ("contacts.toml", "contacts", Contact)):
        raw = _read(root / name, root, problems)
        entries = raw.get(key, []) if isinstance(raw, dict) else []
        if raw is not None and (not isinstance(entries, list) or not entries):
            problems.append(Problem(file=name, key=key, message=f"expected a non-empty [[{key}]] list"))
            entries = []
        lists[name] = [_validate(model, e, name, problems, f"{key}.{_path(entries, (i,))}") if isinstance(e, dict)
                       else None for i, e in enumerate(entries)]
        for i, e in enumerate(entries):
            if not isinstance(e, dict):
                problems.append(Problem(file=name, key=f"{key}.{i}", message="expected a table"))
    amendments = _amendments(root, problems)
    try:
        found = stamps(root)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(Problem(file="-", key="last_verified", message=f"cannot be read: {exc}"))
    if problems or None in packs or None in parts.values() or any(None in v for v in lists.values()):
        return None, problems
    flows = Flows(manifest=parts["manifest.toml"], questions=parts["questions.toml"], packs=tuple(packs),
                  checklist=tuple(lists["checklist.toml"]), contacts=tuple(lists["contacts.toml"]),
                  amendments=amendments, stamps=found)
    return flows, problems


def _amendments(root: Path, problems: list[Problem]) -> tuple[Amendment, ...]:
    """`amendments.toml` when there is one (a folder made before it existed has none)."""
    path, name = root / "amendments.toml", "amendments.toml"
    if not path.exists():
        return ()
    raw = _read(path, root, problems)
    entries = raw.get("amendments", []) if isinstance(raw, dict) else []
    if raw is not None and not isinstance(entries, list):
        problems.append(Problem(file=name, key="amendments", message="expected a list of [[amendments]]"))
        return ()
    found = [_validate(Amendment, e, name, problems) if isinstance(e, dict) else None for e in entries]
    for i, e in enumerate(entries):
        if not isinstance(e, dict):
            problems.append(Problem(file=name, key=f"amendments.{i}", message="expected a table"))
    return tuple(a for a in found if a is not None)


def check_flows(root: Path) -> tuple[Flows | None, list[Problem]]:
    """What `rouei flows check` does: read, validate and cross-check; the flows and every problem."""
    from wizard.domain.flowcheck import cross_check

    flows, problems = read_flows(root)
    if flows is not None:
        problems = cross_check(flows)
    return flows, problems


def load_flows(root: Path, origin: str = "folder") -> Flows:
    """Read, validate and cross-check a flows folder; raises `FlowsInvalid` listing every problem. Any but
    the shipped rule set is run against the legal invariants too (`Flows.breaches`). The rule set shipped
    with rouei is not checked again at every start: the test suite does that on every change (`rouei
    flows check` too), and it cannot be edited without editing rouei itself."""
    flows, problems = read_flows(root) if origin == "bundled" else check_flows(root)
    if problems:
        raise FlowsInvalid(problems)
    if origin == "bundled":
        return flows.model_copy(update={"origin": origin})
    from wizard.domain.invariants import breaches

    return flows.model_copy(update={"origin": origin, "breaches": breaches(flows)})


class InstalledFlowsInvalid(RoueiError):
    """The installed rule set no longer passes the check (edited by hand, or from an older rouei)."""


@cache
def bundled() -> Flows:
    """The rule set in use, loaded once: the one installed with `rouei flows install` when there is one,
    else the one shipped with rouei (checked by the test suite on every change). The name is kept for
    its callers; `load_flows(bundled_dir(), "bundled")` is always the shipped one."""
    origin, root = in_use()
    try:
        return load_flows(root, origin)
    except FlowsInvalid as exc:
        if origin == "bundled":
            raise
        raise InstalledFlowsInvalid("flows.installed_invalid", dir=str(root), count=len(exc.problems),
                                    first=str(exc.problems[0])) from None
