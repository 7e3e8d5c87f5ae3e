"""The evidence register, derived from the incident's events: items, chains of custody, verification.

Event payloads (TOML-safe: no None; a path that is not valid UTF-8 also keeps its bytes in `*_hex`):

- `evidence_add`: `item` (id such as `E-3f9a2c`), `path` (as given), `root` (absolute), `kind`
  (file, folder or link), `files`, `bytes`, `manifest` (SHA-256 over the entries), `entries`
  (`path` inside the item, `kind`, `size`, `mtime`, `sha256` or `target`), `skipped` (`path`,
  `reason`, `detail`), and `location` and `note` when given. Collector and time are the event's.
- `evidence_transfer`: `item`, `from`, `to`, `reason`, `handed_at`.
- `evidence_verify`: `items`, each `item`, `status` and the paths per status (`changed`, `missing`,
  `added`, `unreadable`) with the count of `intact` files.

A payload that does not parse (a hand-edited file) is left out of the register (`ValueError`, which
pydantic's `ValidationError` is); `rouei verify` reports the edit itself.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from rich.filesize import decimal

from wizard.errors import RoueiError
from wizard.evidence.collect import Collected, Entry, Ignore, Skipped, join, listing, path_record, read_path, show
from wizard.evidence.hashing import Meter, Progress, Skip, skip_for
from wizard.i18n import t
from wizard.store.events import event_time

ADD, TRANSFER, VERIFY = "evidence_add", "evidence_transfer", "evidence_verify"
STATUSES = ("changed", "missing", "added", "unreadable", "intact")
"""Verification results, most serious first."""


@dataclass(frozen=True)
class Transfer:
    """One hand-over in an item's chain of custody."""

    handed_at: AwareDatetime
    giver: str
    taker: str
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class Check:
    """An item's last verification."""

    at: datetime
    by: str
    status: str
    counts: dict[str, int]


@dataclass
class Item:
    """One thing preserved: a file, a folder or a link, with its custody and last check."""

    id: str
    path: str
    root: str
    kind: str
    manifest: str
    entries: list[Entry]
    skipped: list[Skipped]
    collected_by: str
    collected_at: datetime
    location: str = ""
    note: str = ""
    custody: list[Transfer] = field(default_factory=list)
    last_check: Check | None = None

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def holder(self) -> str:
        """Who holds the item now: the last taker, else the collector."""
        return self.custody[-1].taker if self.custody else self.collected_by


def size_text(size: int) -> str:
    """A size for people: 「512 バイト」, "3.4 MB"."""
    return t("evidence.bytes", count=size) if size < 1000 else decimal(size)


def describe(item: Item) -> str:
    """An item in a few words: 「フォルダ、12ファイル、3.4 MB」, 「ファイル、2 KB」, 「シンボリックリンク → ..」."""
    if item.kind == "link":
        return t("evidence.what.link", target=show(item.entries[0].target) if item.entries else "?")
    return t(f"evidence.what.{item.kind}", files=len(item.entries), size=size_text(item.size))


# ---- payloads --------------------------------------------------------------------------------

class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _EntryRecord(_Record):
    path: str
    path_hex: str = ""
    kind: Literal["file", "link"]
    size: int = 0
    mtime: AwareDatetime | None = None
    sha256: str = ""
    target: str = ""
    target_hex: str = ""


class _SkippedRecord(_Record):
    path: str
    path_hex: str = ""
    reason: str
    detail: str = ""


class _AddRecord(_Record):
    item: str
    path: str
    path_hex: str = ""
    root: str
    root_hex: str = ""
    kind: Literal["file", "folder", "link"]
    manifest: str
    entries: list[_EntryRecord] = []
    skipped: list[_SkippedRecord] = []
    location: str = ""
    note: str = ""


class _TransferRecord(_Record):
    item: str
    giver: str = Field(alias="from")
    taker: str = Field(alias="to")
    reason: str = ""
    handed_at: AwareDatetime


class _CheckRecord(_Record):
    item: str
    status: str
    intact: int = 0
    changed: list[str] = []
    missing: list[str] = []
    added: list[str] = []
    unreadable: list[str] = []


class _VerifyRecord(_Record):
    items: list[_CheckRecord]


def _entry_data(entry: Entry) -> dict:
    data: dict = {**path_record("path", entry.rel), "kind": entry.kind}
    if entry.kind == "link":
        return data | path_record("target", entry.target)
    data |= {"size": entry.size, "sha256": entry.sha256}
    return data | ({"mtime": entry.mtime} if entry.mtime else {})


def _entry(record: _EntryRecord) -> Entry:
    return Entry(read_path(record.path, record.path_hex), record.kind, record.size, record.mtime, record.sha256,
                 read_path(record.target, record.target_hex))


def add_data(collected: Collected, item_id: str, location: str = "", note: str = "") -> dict:
    """The `evidence_add` payload for one collected path."""
    data = {"item": item_id, **path_record("path", collected.given), **path_record("root", collected.root),
            "kind": collected.kind, "files": len(collected.entries), "bytes": collected.size,
            "manifest": collected.manifest, "entries": [_entry_data(e) for e in collected.entries],
            "skipped": [{**path_record("path", s.rel), "reason": s.reason, "detail": s.detail}
                        for s in collected.skipped]}
    return data | {k: v for k, v in (("location", location), ("note", note)) if v}


# ---- the register ----------------------------------------------------------------------------

def register(incident) -> list[Item]:
    """Every item in the order it was added, with its chain of custody and last verification."""
    items: dict[str, Item] = {}
    for event in incident.events:
        try:
            if event.kind == ADD:
                item = _item(event)
                items.setdefault(item.id, item)
            elif event.kind == TRANSFER:
                _apply_transfer(items, event)
            elif event.kind == VERIFY:
                _apply_verify(items, event)
        except ValueError:
            continue
    return list(items.values())


def _item(event) -> Item:
    record = _AddRecord.model_validate(event.data)
    entries = [_entry(e) for e in record.entries]
    skipped = [Skipped(read_path(s.path, s.path_hex), s.reason, s.detail) for s in record.skipped]
    return Item(record.item, read_path(record.path, record.path_hex), read_path(record.root, record.root_hex),
                record.kind, record.manifest, entries, skipped, event.by, event.at, record.location, record.note)


def _apply_transfer(items: dict[str, Item], event) -> None:
    record = _TransferRecord.model_validate(event.data)
    if record.item in items:
        items[record.item].custody.append(
            Transfer(record.handed_at, record.giver, record.taker, record.reason, event.by))


def _apply_verify(items: dict[str, Item], event) -> None:
    for check in _VerifyRecord.model_validate(event.data).items:
        if check.item in items:
            counts = {s: len(getattr(check, s)) for s in STATUSES if s != "intact"} | {"intact": check.intact}
            items[check.item].last_check = Check(event.at, event.by, check.status, counts)


def incident_files(path: str | os.PathLike) -> Ignore:
    """Tells the incident file, its backup, lock and temporary files apart: they are never evidence."""
    from wizard.store.files import backup_path, lock_path

    incident = Path(os.path.realpath(path))
    exact = {str(incident), str(backup_path(incident)), str(lock_path(incident))}

    def ignore(candidate: str) -> bool:
        name = os.path.basename(candidate)
        return candidate in exact or (os.path.dirname(candidate) == str(incident.parent) and (
            name.startswith(f"{incident.name}.bak.")  # the older backups of the series
            or name.startswith(f".{incident.name}.") and name.endswith(".tmp")))

    return ignore


def describe_event(event) -> str | None:
    """An evidence event in one line for the timeline (`rouei log`, the hand-over brief, the TUI);
    None for other kinds and for a payload this version cannot read."""
    try:
        if event.kind == ADD:
            item = _item(event)
            return t("evidence.event.add", item=item.id, path=show(item.path), what=describe(item))
        if event.kind == TRANSFER:
            step = _TransferRecord.model_validate(event.data)
            return t("evidence.event.transfer", item=step.item, giver=step.giver, taker=step.taker,
                     reason=step.reason or "-", at=_minute(step.handed_at))
        if event.kind == VERIFY:
            checks = _VerifyRecord.model_validate(event.data).items
            problems = [f"{c.item} {t(f'evidence.status.{c.status}')}" for c in checks if c.status != "intact"]
            return t("evidence.event.verify", count=len(checks), problems=len(problems),
                     items=", ".join(problems) or "-")
    except ValueError:
        return None
    return None


def _minute(moment: datetime) -> str:
    """A moment to the minute, in its own offset (as the user typed it, or as the event was stamped)."""
    return moment.isoformat(sep=" ", timespec="minutes")


def find(items: list[Item], ref: str) -> Item:
    """The item named `ref` (`E-3f9a2c`, `e-3F9A2C` or `3f9a2c`); `RoueiError` when there is none."""
    wanted = ref.strip().lower()
    wanted = wanted if wanted.startswith("e-") else f"e-{wanted}"
    for item in items:
        if item.id.lower() == wanted:
            return item
    known = ", ".join(i.id for i in items) or "-"
    raise RoueiError("evidence.error.unknown_item", item=ref, known=known)


def new_id(taken: set[str]) -> str:
    """A short random id not yet in `taken`: random, so two diverged copies of a file rarely clash."""
    while (item_id := f"E-{secrets.token_hex(3)}") in taken:
        pass
    return item_id


# ---- recording -------------------------------------------------------------------------------

def add(incident, collected: list[Collected], responder, *, location: str = "", note: str = "",
        now: datetime | None = None) -> list[str | None]:
    """Record each collected path; the new item ids, one per path, None for a path not recorded.

    A path whose every file was skipped (a single unreadable file, say) is not recorded.
    """
    taken = {item.id for item in register(incident)}
    ids: list[str | None] = []
    for c in collected:
        if not c.entries and c.skipped:
            ids.append(None)
            continue
        item_id = new_id(taken)
        taken.add(item_id)
        incident.append(ADD, add_data(c, item_id, location, note), responder, now=now)
        ids.append(item_id)
    return ids


def transfer(incident, ref: str, taker: str, reason: str, responder, *, giver: str = "",
             handed_at: datetime | None = None, now: datetime | None = None) -> Item:
    """Record a hand-over of item `ref` from its holder (`giver`, checked when given) to `taker`.

    `handed_at` (default: now) may not be earlier than the collection or the previous hand-over.
    """
    item = find(register(incident), ref)
    giver = giver.strip() or item.holder
    taker = taker.strip()
    if giver != item.holder:
        raise RoueiError("evidence.error.not_holder", item=item.id, giver=giver, holder=item.holder)
    if not taker or taker == giver:
        raise RoueiError("evidence.error.bad_taker", item=item.id, taker=taker, giver=giver)
    at = handed_at or event_time(now)
    last = item.custody[-1].handed_at if item.custody else item.collected_at
    if at < last:
        raise RoueiError("evidence.error.too_early", item=item.id, at=_minute(at), last=_minute(last))
    data = {"item": item.id, "from": giver, "to": taker, "reason": reason.strip(), "handed_at": at}
    incident.append(TRANSFER, data, responder, now=now)
    return find(register(incident), item.id)


# ---- verification ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One file's verification. `reason` for changed: content, kind, target or unstable;
    for unreadable: the system's words."""

    rel: str
    status: str
    reason: str = ""


@dataclass
class ItemReport:
    item: Item
    findings: list[Finding]

    def paths(self, status: str) -> list[str]:
        return [f.rel for f in self.findings if f.status == status]

    @property
    def status(self) -> str:
        """The most serious finding; an empty item is intact."""
        found = {f.status for f in self.findings}
        return next((s for s in STATUSES if s in found), "intact")


@dataclass
class Report:
    items: list[ItemReport]

    @property
    def ok(self) -> bool:
        return all(r.status == "intact" for r in self.items)

    def counts(self) -> dict[str, int]:
        """How many files (and added files) there are of each status, over all items."""
        return {s: sum(len(r.paths(s)) for r in self.items) for s in STATUSES}


def verify(incident, progress: Progress | None = None, refs: list[str] | None = None) -> Report:
    """Re-hash every reachable file of every item (or of the items `refs`) and classify it.

    Nothing is written; record the result with `record_verify`.
    """
    items = register(incident)
    if refs:
        items = [find(items, ref) for ref in refs]
    meter = Meter(sum(e.size for i in items for e in i.entries), progress)
    ignore = incident_files(incident.path)
    return Report([ItemReport(i, _check_item(i, meter, ignore)) for i in items])


def _check_item(item: Item, meter: Meter, ignore: Ignore) -> list[Finding]:
    findings = [_check_entry(item.root, e, meter) for e in item.entries]
    if item.kind == "folder":
        findings += _added(item, ignore)
    return findings


def _check_entry(root: str, entry: Entry, meter: Meter) -> Finding:
    path = join(root, entry.rel)
    try:
        st = os.lstat(path)
        if entry.kind == "link":
            if not stat.S_ISLNK(st.st_mode):
                return Finding(entry.rel, "changed", "kind")
            same = os.readlink(path) == entry.target
            return Finding(entry.rel, "intact" if same else "changed", "" if same else "target")
    except OSError as exc:
        meter.advance(entry.size)
        return _finding(entry.rel, skip_for(exc))
    if not stat.S_ISREG(st.st_mode):
        meter.advance(entry.size)
        return Finding(entry.rel, "changed", "kind")
    try:
        digest = meter.hash(path, entry.size)
    except Skip as skip:
        return _finding(entry.rel, skip)
    same = digest.sha256 == entry.sha256 and digest.size == entry.size
    return Finding(entry.rel, "intact" if same else "changed", "" if same else "content")


def _finding(rel: str, skip: Skip) -> Finding:
    if skip.reason == "vanished":
        return Finding(rel, "missing")
    if skip.reason == "unreadable":
        return Finding(rel, "unreadable", skip.detail)
    return Finding(rel, "changed", "unstable" if skip.reason == "unstable" else "kind")


def _added(item: Item, ignore: Ignore) -> list[Finding]:
    """Files and links in a folder item that were not there when it was collected."""
    try:
        st = os.lstat(item.root)
    except OSError:
        return []
    if not stat.S_ISDIR(st.st_mode):
        return []
    known = {e.rel for e in item.entries} | {s.rel for s in item.skipped}
    found, _ = listing(item.root, st, ignore)
    return [Finding(rel, "added") for rel, _ in found if rel not in known]


def verify_data(report: Report) -> dict:
    """The `evidence_verify` payload for a report (paths in their printable form)."""
    return {"items": [{"item": r.item.id, "status": r.status, "intact": len(r.paths("intact")),
                       **{s: [show(p) for p in r.paths(s)] for s in STATUSES if s != "intact"}}
                      for r in report.items]}


def record_verify(incident, report: Report, responder, now: datetime | None = None) -> None:
    """Record a verification in the incident (each item's last check in the register)."""
    incident.append(VERIFY, verify_data(report), responder, now=now)
