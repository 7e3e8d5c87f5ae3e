"""The evidence register, derived from the incident's events: items, chains of custody, verification.

Event payloads (TOML-safe: no None; a path that is not valid UTF-8 also keeps its bytes in `*_hex`):

- `evidence_add`: `item` (id such as `E-3f9a2c`), `path` (as given), `root` (absolute), `kind`
  (file, folder or link), `files`, `bytes`, `manifest` (SHA-256 over the entries), `sums` (a text
  with a line per regular file whose name is UTF-8 without a line break: `<sha256> <size> <mtime or
  -> <path inside the item>`; the store writes it as one multi-line literal string, read and written
  many times faster than a table or a string per file when a folder holds thousands of files; files
  of earlier versions hold a list of the same lines), `entries` (the other entries, and every entry
  in files of earlier versions: `path` inside the item, `kind`, `size`, `mtime`, `sha256` or
  `target`), `skipped` (`path`, `reason`, `detail`), and `location` and `note` when given. Collector
  and time are the event's.
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
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from rich.filesize import decimal

from wizard import clock
from wizard.errors import RoueiError
from wizard.evidence.collect import Collected, Entry, Ignore, Skipped, incident_files, join, listing, read_path, show
from wizard.evidence.hashing import Meter, Progress, Skip, skip_for
from wizard.evidence.names import Masker, masked, recall_all, remember
from wizard.evidence.payload import Prepared, prepare
from wizard.i18n import t
from wizard.printable import clean
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
    masked: bool = False  # some names looked like personal data: masked here, kept on the collecting computer
    custody: list[Transfer] = field(default_factory=list)
    last_check: Check | None = None
    contested: list[Transfer] = field(default_factory=list)
    """Hand-overs that two copies recorded apart (neither knew of the other) and no later hand-over
    settled: a conflict to resolve, as two answers to one fact are. Empty when the chain is one line."""

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def digest(self) -> tuple[str, str]:
        """What to print as the item's SHA-256, and what it is of: ("file", the content hash that
        `sha256sum` prints) for a file; ("manifest", the manifest hash, see `collect.manifest_hash`) for a
        folder or a link."""
        if self.kind == "file" and len(self.entries) == 1 and self.entries[0].kind == "file":
            return "file", self.entries[0].sha256
        return "manifest", self.manifest

    @property
    def holders(self) -> list[str]:
        """Who may hold the item now: one name, or the takers of the contested hand-overs."""
        if self.contested:
            return list(dict.fromkeys(step.taker for step in self.contested))
        return [self.custody[-1].taker if self.custody else self.collected_by]

    @property
    def holder(self) -> str:
        """Who holds the item now: the last taker, else the collector; in a conflict, every candidate."""
        names = self.holders
        return names[0] if len(names) == 1 else t("evidence.conflict.holders", names=" / ".join(names))


def size_text(size: int) -> str:
    """A size for people: 「512 バイト」, "3.4 MB"."""
    return t("evidence.bytes", count=size) if size < 1000 else decimal(size)


def payload_digest(data: dict) -> tuple[str, str]:
    """`Item.digest` of a payload just made, before it is read back as an item: a file's content hash is
    its one `sums` line's (or its one entry's, a name a line cannot hold)."""
    if data["kind"] == "file" and data["files"] == 1:
        return "file", data["sums"][:64] if data["sums"] else data["entries"][0]["sha256"]
    return "manifest", data["manifest"]


def digest_line(kind: str, sha256: str, key: str = "evidence.hash.line") -> str:
    """A SHA-256 labelled with what it is of (`kind`: file or manifest): 「SHA-256（ファイルの内容）: …」
    (`key`: another phrasing with `sha256` and `of`)."""
    return t(key, of=t(f"evidence.hash.{kind}"), sha256=sha256)


def digest_text(item: Item, key: str = "evidence.hash.line") -> str:
    """The item's SHA-256 labelled with what it is of: its content's for a file, the manifest's else."""
    return digest_line(*item.digest, key)


def describe(item: Item) -> str:
    """An item in a few words: 「フォルダ、12ファイル、3.4 MB」, 「ファイル、2 KB」, 「シンボリックリンク → ..」."""
    return what(item.kind, len(item.entries), item.size, item.entries[0].target if item.entries else None)


def what(kind: str, files: int, size: int, target: str | None = None) -> str:
    """`describe` from its parts (`target`: a link's, None when unknown)."""
    if kind == "link":
        return t("evidence.what.link", target=show(target) if target is not None else "?")
    return t(f"evidence.what.{kind}", files=files, size=size_text(size))


# ---- payloads --------------------------------------------------------------------------------

class _Record(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")


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
    sums: str | list[str] = ""  # a line per file; a list of lines in files of earlier versions
    entries: list[_EntryRecord] = Field(default_factory=list)
    skipped: list[_SkippedRecord] = Field(default_factory=list)
    location: str = ""
    note: str = ""
    masked: bool = False


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


def _from_sum(line: str) -> Entry:
    """The entry a `sums` line describes (`ValueError` for a line that is not one)."""
    sha256, size, mtime, rel = line.split(" ", 3)
    if len(sha256) != 64 or "\0" in rel:
        raise ValueError("not a sums line")
    return Entry(rel, "file", int(size), None if mtime == "-" else datetime.fromisoformat(mtime), sha256)


def _entry(record: _EntryRecord) -> Entry:
    return Entry(read_path(record.path, record.path_hex), record.kind, record.size, record.mtime, record.sha256,
                 read_path(record.target, record.target_hex))



# ---- the register ----------------------------------------------------------------------------

def register(incident) -> list[Item]:
    """Every item in the order it was added, with its chain of custody and last verification."""
    items: dict[str, Item] = {}
    tips: dict[str, list[tuple[str, Transfer]]] = {}  # item -> its latest hand-overs (several: a conflict)
    for event in incident.events:
        try:
            if event.kind == ADD:
                item = _item(event)
                items.setdefault(item.id, item)
            elif event.kind == TRANSFER:
                _apply_transfer(items, tips, event, incident.history)
            elif event.kind == VERIFY:
                _apply_verify(items, event)
        except ValueError:
            continue
    for item_id, latest in tips.items():
        if len(latest) > 1:
            items[item_id].contested = [step for _, step in latest]
    return list(items.values())


def _item(event) -> Item:
    record = _AddRecord.model_validate(event.data)
    sums = record.sums.removesuffix("\n").split("\n") if isinstance(record.sums, str) and record.sums else record.sums
    entries = sorted([*map(_from_sum, sums), *map(_entry, record.entries)], key=lambda e: e.rel)
    skipped = [Skipped(read_path(s.path, s.path_hex), s.reason, s.detail) for s in record.skipped]
    return Item(record.item, read_path(record.path, record.path_hex), read_path(record.root, record.root_hex),
                record.kind, record.manifest, entries, skipped, event.by, event.at, record.location, record.note,
                record.masked)


def _apply_transfer(items: dict[str, Item], tips: dict[str, list[tuple[str, Transfer]]], event, history) -> None:
    """Add a hand-over to its item's chain; it replaces the latest hand-overs it knew of (its ancestors)."""
    record = _TransferRecord.model_validate(event.data)
    if record.item in items:
        step = Transfer(record.handed_at, record.giver, record.taker, record.reason, event.by)
        items[record.item].custody.append(step)
        latest = tips.setdefault(record.item, [])
        latest[:] = [(eid, s) for eid, s in latest if not history.is_ancestor(eid, event.id)] + [(event.id, step)]


def _apply_verify(items: dict[str, Item], event) -> None:
    for check in _VerifyRecord.model_validate(event.data).items:
        if check.item in items:
            counts = {s: len(getattr(check, s)) for s in STATUSES if s != "intact"} | {"intact": check.intact}
            items[check.item].last_check = Check(event.at, event.by, check.status, counts)


def custody_conflicts(incident) -> list[dict]:
    """Evidence whose chain of custody split (hand-overs recorded apart, see `Item.contested`), as entries
    of `conflicts`: `{"evidence": "E-3f9a2c", "values": ["佐藤", "鈴木"]}` (the candidates who may hold it)."""
    if not any(e.kind == TRANSFER for e in incident.events):
        return []
    return [{"evidence": item.id, "values": item.holders} for item in register(incident) if item.contested]


def custody_text(conflict: dict) -> str:
    """One entry of `custody_conflicts` in words: 「証拠 E-3f9a2c の保管者: 佐藤 / 鈴木（…）」."""
    return t("evidence.conflict.line", item=conflict["evidence"], holders=" / ".join(conflict["values"]))


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
    """A moment to the minute, in Japan time with its label (whatever zone it was typed or stamped in)."""
    return clock.show(moment)


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

def add(incident, collected: list[Collected | Prepared], responder, *, location: str = "", note: str = "",
        now: datetime | None = None) -> list[str | None]:
    """Record each collected path (or its payload, `payload.prepare`d); the new item ids, one per path,
    None for a path not recorded.

    A path whose every file was skipped (a single unreadable file, say) is not recorded.
    """
    taken = {event.data.get("item") for event in incident.events if event.kind == ADD}  # even unreadable ones
    ids: list[str | None] = []
    for c in collected:
        ready = c if isinstance(c, Prepared) else prepare(c)
        if not ready.recordable:
            ids.append(None)
            continue
        item_id = new_id(taken)
        taken.add(item_id)
        remember(incident.events[0].id, item_id, ready.real)  # before the event: never a masked name lost
        data = {"item": item_id, **ready.data} | {k: v for k, v in (("location", location), ("note", note)) if v}
        incident.append(ADD, data, responder, now=now)
        ids.append(item_id)
    return ids


def transfer(incident, ref: str, taker: str, reason: str, responder, *, giver: str = "",
             handed_at: datetime | None = None, now: datetime | None = None) -> Item:
    """Record a hand-over of item `ref` from its holder (`giver`, checked when given) to `taker`.

    `handed_at` (default: now) may not be earlier than the collection or the previous hand-over.
    A conflict (see `Item.contested`) is settled by a hand-over from one of the candidates, `giver`
    required; to one of them it says "they have it" (`taker` may then be `giver` too).
    """
    item = find(register(incident), ref)
    giver = clean(giver).strip()
    taker = clean(taker).strip()
    if item.contested and giver not in item.holders:
        raise RoueiError("evidence.error.contested", item=item.id, giver=giver or "-", holders=" / ".join(item.holders))
    giver = giver or item.holder
    if giver not in item.holders:
        raise RoueiError("evidence.error.not_holder", item=item.id, giver=giver, holder=item.holder)
    if not taker or (taker == giver and not item.contested):
        raise RoueiError("evidence.error.bad_taker", item=item.id, taker=taker, giver=giver)
    at = handed_at or event_time(now)
    last = max([step.handed_at for step in item.custody], default=item.collected_at)
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
    kept = recall_all(incident.events[0].id) if any(i.masked for i in items) else {}
    report = Report([ItemReport(i, _check_item(i, meter, ignore, kept.get(i.id, {}))) for i in items])
    meter.finish()
    return report


def _check_item(item: Item, meter: Meter, ignore: Ignore, real: dict[str, str]) -> list[Finding]:
    """Every entry checked under its real name (`real`: masked -> real, kept on this computer);
    findings named as the incident file names them."""
    if not item.masked:
        return _check_real(item, meter, ignore)
    back = {r: m for m, r in real.items()}
    findings, unknown = [], []
    for e in item.entries:
        if e.rel in real or not masked(e.rel):
            continue
        unknown.append(e)
        meter.advance(e.size)
        findings.append(Finding(e.rel, "unreadable", t("evidence.names.elsewhere")))
    known = [e._replace(rel=real.get(e.rel, e.rel), target=real.get(e.target, e.target))
             for e in item.entries if e not in unknown]
    real_item = replace(item, root=real.get(item.root, item.root), entries=known,
                        skipped=[replace(s, rel=real.get(s.rel, s.rel)) for s in item.skipped])
    if masked(item.root) and item.root not in real:
        return findings + [Finding(e.rel, "unreadable", t("evidence.names.elsewhere")) for e in known]
    hide = Masker()
    return findings + [replace(f, rel=back.get(f.rel) or hide(f.rel)) for f in _check_real(real_item, meter, ignore)]


def _check_real(item: Item, meter: Meter, ignore: Ignore) -> list[Finding]:
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
    found, _ = listing(item.root, st, ignore, sizes=False)
    return [Finding(rel, "added") for rel, *_ in found if rel not in known]


def verify_data(report: Report) -> dict:
    """The `evidence_verify` payload for a report (paths in their printable form)."""
    return {"items": [{"item": r.item.id, "status": r.status, "intact": len(r.paths("intact")),
                       **{s: [show(p) for p in r.paths(s)] for s in STATUSES if s != "intact"}}
                      for r in report.items]}


def record_verify(incident, report: Report, responder, now: datetime | None = None) -> None:
    """Record a verification in the incident (each item's last check in the register)."""
    incident.append(VERIFY, verify_data(report), responder, now=now)
