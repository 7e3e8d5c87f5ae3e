"""One incident file: its history, what the history says now, and saving every change at once.

`Incident.load` reads and verifies the whole file. `Incident.open_for_writing` locks it and reads only
its ends (the header, the first record and the last one), so that a change costs the same at any size;
the whole history is read when something asks for it. Every change is appended (`append` and the
helpers built on it): under an exclusive OS lock the writer first takes in what others appended since
(or merges a file replaced behind its back), then checks that the new record reads back, then writes it
after the last one. Nothing saved is ever dropped, and earlier bytes of the file are never rewritten
except when a whole file is written (a new or merged incident, an older schema migrated).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from wizard import clock
from wizard.atomic import backups, clean_stale
from wizard.domain.vocabulary import FACTS
from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.shell import command
from wizard.store import files
from wizard.store.chain import check, fingerprint_of
from wizard.store.errors import StoreError
from wizard.store.events import (Event, Responder, answer_value, event_id, event_time, make_event, recomputed_id,
                                 stored_value)
from wizard.store.guard import screen
from wizard.store.history import History
from wizard.store.lock import Lock
from wizard.store.merge import merge_histories
from wizard.store.schema import check_header, parse, parse_events

if TYPE_CHECKING:  # the rules, the facts and the brief are loaded only by what needs them
    from wizard.domain.deadlines import Duty, Filing
    from wizard.domain.engine import Determination
    from wizard.domain.facts import Facts, Value
    from wizard.domain.flows import Clock
    from wizard.store.brief import Brief

CLOCK_KIND = "clock"  # a clock that runs for this incident beside the law's (see `Incident.clocks`)
_KEEP_READING = ("store.error.newer", "store.error.bad_schema", "store.error.not_incident",
                 "store.error.empty")  # problems no torn tail explains


@dataclass(frozen=True)
class TickState:
    """A checklist item as the history leaves it."""

    item: str
    done: bool  # ticked, and not unticked since (a tick and an untick side by side count as not done)
    by: str
    role: str
    at: datetime
    note: str


@dataclass
class _OnDisk:
    """What a writer knows of the file: which one it is, where its whole records end, and the bytes
    of the last one (still there at the same place: the file was only appended to since)."""

    ino: int
    end: int
    tail: bytes
    schema: int = files.SCHEMA


def _whole(data: bytes, path: Path) -> tuple[StoreError | None, Any]:
    """Parse and verify a whole file's bytes: (None, (parsed, blocks)) or (the error, None)."""
    try:
        text = files.decode(data, path)
        parsed = parse(files.parse_toml(text, path), path)
        check(path, parsed.schema, parsed.heads, parsed.events)
    except StoreError as exc:
        return exc, None
    except RecursionError:
        return StoreError("store.error.too_deep", path=str(path), depth=files.MAX_DEPTH), None
    blocks = files.block_texts(text)
    return None, (parsed, blocks if len(blocks) == len(parsed.events) else None)


def _block_events(data: bytes, path: Path, first: int = 1) -> list[Event]:
    """Events read from blocks on their own, each id checked."""
    raw = files.parse_toml(files.decode(data, path), path)
    events = parse_events(raw, path, first)
    for event in events:
        if recomputed_id(event) != event.id:
            raise StoreError("store.error.unwritable", path=str(path))
    return events


def _torn(fragment: bytes, path: Path) -> bool:
    """Whether the end of a file is a record cut short by a crash, not an edited one: it stops in the
    middle of a line, or does not read as a record at all, and it is not a whole record whose id is the
    hash of its content (one that was written whole, with a value rouei does not take, is an error)."""
    if not fragment.endswith(b"\n"):
        return True
    try:
        raw = files.parse_toml(files.decode(fragment, path), path)
    except (StoreError, RecursionError):
        return True
    try:
        parse_events(raw, path, 1)
    except StoreError:
        return not _hashed_whole(raw)
    except RecursionError:
        return True
    return False


def _hashed_whole(raw: dict) -> bool:
    """Whether parsed TOML is one `[[events]]` table whose id matches its content."""
    try:
        [table] = raw["events"]
        content = (tuple(table["parents"]), table["at"], table["by"], table.get("role", ""), table["kind"],
                   table["data"])
        return table["id"] == event_id(*content)
    except (TypeError, KeyError, ValueError, AttributeError):
        return False


def _one_event(data: bytes, path: Path) -> Event | None:
    try:
        [event] = _block_events(data, path)
    except (StoreError, ValueError, RecursionError):
        return None
    return event


class Incident:
    """An incident file and its history (events in canonical order)."""

    def __init__(self, path: Path, history: History | None) -> None:
        self.path = Path(path)  # as the user gave it, for messages
        self.real = files.real(self.path)  # the file itself, symbolic links resolved
        self._history = history
        self.read_only = False
        self.torn = False  # the file ends in a record cut short (not counted; the next writer cuts it)
        self.lock_lost = False  # someone took the lock over (a save noticed; its records were merged, not lost)
        self._disk: _OnDisk | None = None
        self._lock: Lock | None = None
        self._first: Event | None = history.events[0] if history else None
        self._heads: tuple[str, ...] = history.heads if history else ()
        self._written_heads: tuple[str, ...] | None = None
        self._mine: list[Event] = []  # what this object appended, for a file replaced behind its back
        # data every event appended through this object carries besides its own (an exercise's real time)
        self.stamp: Callable[[], dict[str, Any]] | None = None

    # ---- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, responder: Responder, title: str = "", exercise: bool = False,
               now: datetime | None = None, profile: dict[str, Any] | None = None) -> Incident:
        """Write a new incident file holding its `created` event. The title passes the guard.
        `profile`: the stamp of the firm's profile it starts from (`wizard.profile.start.stamp`)."""
        path = Path(path)
        if os.path.lexists(path):
            raise RoueiError("store.error.exists", path=str(path))
        data = {"title": screen(title.strip(), "title"), "exercise": exercise}
        event = make_event("created", {**data, "profile": profile} if profile else data, (), responder,
                           event_time(now))
        incident = cls(path, History([event]))
        incident._rewrite(incident.history)
        return incident

    @classmethod
    def load(cls, path: Path, *, read_only: bool = False) -> Incident:
        """Read and verify a whole file (no lock taken). A broken file raises `RoueiError` naming the
        file and the event or line, and points to the backup when that one is sound. A last record
        cut short by a crash is left out (`torn`): the next change cuts it off, after a backup."""
        path = Path(path)
        real = files.real(path)
        try:
            st = files.check_regular(real)
            data = files.read_bytes(real)
            error, result = _whole(data, path)
            end = len(data)
            if error is not None:
                cut = files.torn_cut(data) if error.key not in _KEEP_READING else None
                if cut is None or cut <= data.find(files.MARK) or not _torn(data[cut + data.startswith(
                        files.MARK, cut):], path):
                    raise error
                error_again, result = _whole(data[:cut], path)
                if error_again is not None or result[0].schema != files.SCHEMA:
                    raise error
                end = cut
        except StoreError as exc:
            exc.hint = _backup_hint(path)
            raise
        parsed, blocks = result
        incident = cls(path, History(parsed.events, blocks))
        incident.torn = end < len(data)
        incident.read_only = read_only
        incident._written_heads = parsed.heads if parsed.schema == files.SCHEMA else None
        start = data.rfind(files.MARK, 0, end)
        incident._disk = _OnDisk(st.st_ino, end, data[start:end], parsed.schema)
        return incident

    @classmethod
    def from_data(cls, raw: dict, path: Path) -> Incident:
        """An incident from already-parsed TOML, validated and verified like `load` (its first change
        reads the file again)."""
        path = Path(path)
        parsed = parse(raw, path)
        check(path, parsed.schema, parsed.heads, parsed.events)
        return cls(path, History(parsed.events))

    @classmethod
    def open_for_writing(cls, path: Path, responder: Responder, *, force: bool = False,
                         now: datetime | None = None) -> Incident:
        """Lock the file for `responder`, then read its ends; `close()` (or `with`) releases the lock.
        Raises `lock.LockHeld` naming whoever has it open; `force` takes over their lock."""
        path = Path(path)
        files.check_regular(files.real(path))  # the clean error for a missing file, a folder, a FIFO
        lock = Lock(files.real(path), responder, now).acquire(force=force)
        try:
            incident = cls._open_ends(path)
            clean_stale(incident.real)
        except BaseException:
            lock.release()
            raise
        incident._lock = lock
        return incident

    @classmethod
    def _open_ends(cls, path: Path) -> Incident:
        """An incident known by its ends only; the whole file is read when that shape is not there."""
        real = files.real(path)
        try:
            with open(real, "rb") as fh:
                ends = files.ends(fh.fileno(), lambda fragment: _torn(fragment, path))
            if ends is None:
                return cls.load(path)
            head = files.parse_toml(files.decode(ends.header, path), path)
            if check_header(head, path) != files.SCHEMA or set(head) - {"format", "schema", "written_heads"}:
                return cls.load(path)
            written = head.get("written_heads")
            first, last = _one_event(ends.first, path), _one_event(ends.last, path)
        except OSError as exc:
            raise files.open_error(path, exc) from None
        if first is None or last is None or first.kind != "created" or first.parents:
            return cls.load(path)
        incident = cls(path, None)
        incident._first = first
        incident._written_heads = tuple(written) if isinstance(written, list) else None
        in_written = incident._written_heads is not None and last.id in incident._written_heads
        incident._heads = tuple(sorted(incident._written_heads)) if in_written else (last.id,)
        incident._disk = _OnDisk(ends.ino, ends.end, b"\n" + ends.last)
        return incident

    @classmethod
    def merge(cls, a: Incident, b: Incident, path: Path) -> Incident:
        """The union of two copies of one incident, to be written to `path` with `save()`."""
        return cls(Path(path), merge_histories(a.history, b.history, a.path, b.path))

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def lock_taken_over(self) -> bool:
        """Whether someone took over the lock this incident was opened with (one small read of the lock file)."""
        return self._lock is not None and self._lock.taken_over()

    @property
    def lock_cleared(self):
        """The holder named by a lock cleared on opening (its process had ended on this computer), or None."""
        return self._lock.cleared if self._lock is not None else None

    def __enter__(self) -> Incident:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- what the file says ------------------------------------------------------------------

    @property
    def history(self) -> History:
        """The whole history, read and verified from the file the first time it is asked for."""
        if self._history is None:
            self._adopt(self._read_back())
        return self._history

    def _read_back(self) -> Incident:
        """The file read whole; refused when records this object saved are no longer in it."""
        disk = Incident.load(self.path)
        if disk.history.events[0].id != self._first.id:
            raise RoueiError("store.error.other_incident", path=str(self.path))
        missing = [e for e in self._mine if e.id not in disk.history.index]
        if missing:
            raise StoreError("store.error.replaced", path=str(self.path), count=len(missing))
        return disk

    def _adopt(self, disk: Incident) -> None:
        self._history, self._disk, self.torn = disk.history, disk._disk, disk.torn
        self._written_heads = disk._written_heads

    def last_of(self, kinds: tuple[str, ...]) -> Event | None:
        """The last event of one of `kinds`. A writer that knows only the file's ends reads it back
        from the end, block by block, until it finds one (an exercise's clock costs the same at any
        length of history); a block it cannot read sends it to the whole file, and its clean error."""
        if self._history is None and self._disk is not None:
            wanted = re.compile(rb'^kind\s*=\s*["\']?(' + b"|".join(re.escape(k.encode()) for k in kinds) + rb')\b',
                                re.MULTILINE)
            try:
                with open(self.real, "rb") as fh:
                    for block in files.blocks_backwards(fh.fileno(), self._disk.end):
                        if wanted.search(block) is None:
                            continue
                        event = _one_event(block, self.path)
                        if event is None or event.kind not in kinds:
                            break
                        return event
                    else:
                        return None
            except OSError as exc:
                raise files.open_error(self.path, exc) from None
        return next((e for e in reversed(self.history.events) if e.kind in kinds), None)

    @property
    def branched(self) -> bool:
        """Whether copies were merged into this history (only then can it hold conflicts); a writer
        tells from the header, without reading the whole file."""
        return not self._history.linear if self._history is not None else self._written_heads is not None

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self.history.events)

    @property
    def heads(self) -> tuple[str, ...]:
        return self._history.heads if self._history is not None else self._heads

    @property
    def title(self) -> str:
        return str(self._first.data.get("title", "")) if self._first else ""

    @property
    def exercise(self) -> bool:
        return self._first is not None and self._first.data.get("exercise") is True

    @property
    def fingerprint_full(self) -> str:
        """SHA-256 over the head ids: each id vouches for everything before it, so this covers it all."""
        return fingerprint_of(self.heads)

    @property
    def fingerprint(self) -> str:
        """The first 16 hex digits of the fingerprint in groups of four, to write down by hand."""
        full = self.fingerprint_full
        return "-".join(full[i:i + 4] for i in range(0, 16, 4))

    def _fact_values(self) -> list[tuple[str, list[Value]]]:
        """Each answered fact with the distinct values of its current answers (several: a conflict)."""
        current = self.history.current()
        out = []
        for key in FACTS:
            values: list[Value] = []
            for eid in current.get(f"fact:{key}", ()):
                value = answer_value(self.history.event(eid))
                if value not in values:
                    values.append(value)
            if values:
                out.append((key, values))
        return out

    def answers(self) -> dict[str, Value]:
        """The current value of every fact that is answered, known and not in conflict (typed as `Facts`)."""
        return {key: values[0] for key, values in self._fact_values() if len(values) == 1 and values[0] is not None}

    def conflict_list(self) -> list[dict[str, Any]]:
        """Facts with different current answers, e.g. `{"fact": "affected_max", "values": [6000, 7000]}`
        (values as the file stores them; "unknown" for 分からない)."""
        return [{"fact": key, "values": [stored_value(v) for v in values]}
                for key, values in self._fact_values() if len(values) > 1]

    def facts_for_assess(self) -> Facts:
        """The facts for the determination: a fact in conflict counts as unknown, except `aware_at`,
        which takes the earliest of its values (the earlier deadline is the cautious one)."""
        known = self.answers()
        for key, values in self._fact_values():
            if key == "aware_at" and len(values) > 1 and any(v is not None for v in values):
                known[key] = min(v for v in values if v is not None)
        if "aware_at" not in known:
            raise RoueiError("store.error.no_aware_at", path=str(self.path),
                             command=command("rouei", "answer", str(self.path), "aware_at=2026-11-20T10:00", "--by",
                                             t("cli_incident.name")))
        from wizard.domain.facts import Facts

        return Facts.model_validate(known)

    def ticks(self) -> dict[str, TickState]:
        """Each checklist item that was ever ticked or unticked, by item id."""
        out = {}
        for name, ids in sorted(self.history.current().items()):
            if not name.startswith("item:"):
                continue
            events = [self.history.event(eid) for eid in ids]
            last = max(events, key=lambda e: (e.at, e.id))
            out[name[5:]] = TickState(item=name[5:], done=all(e.kind == "tick" for e in events), by=last.by,
                                      role=last.role, at=last.at, note=str(last.data.get("note", "")))
        return out

    def clocks(self) -> list[Clock]:
        """The clocks recorded in the incident (`clock` events: a firm's own, such as its insurer's notice
        period, recorded when first computed from a responder's profile), so that every responder sees
        them, with or without that profile. A record this version cannot read is left out."""
        from wizard.domain.flows import Clock

        out = []
        for event in self.events:
            if event.kind == CLOCK_KIND:
                try:
                    out.append(Clock.model_validate(event.data.get("clock")))
                except ValueError:
                    continue
        return out

    def determination(self, *, explain: bool = True, clocks: Iterable[Clock] = ()) -> Determination:
        """The determination of this incident: its facts (a conflict as unknown), with the clocks recorded
        in it and `clocks` (a responder's own, not recorded yet). `RoueiError` while 知った日時 is not
        answered, or is a date rouei has no rules for."""
        from wizard.domain.engine import add_clocks, assess

        return add_clocks(assess(self.facts_for_assess(), explain=explain), [*self.clocks(), *clocks])

    def filings(self) -> dict[str, Filing]:
        """The checklist steps recorded as done, with when and by whom: what makes a duty filed
        (`wizard.domain.deadlines`)."""
        from wizard.domain.deadlines import filings

        return filings(self.ticks())

    def duties(self, det: Determination) -> list[Duty]:
        """Every dated duty of `det` (a determination of this incident), filed or not: what every view
        shows of the deadlines."""
        from wizard.domain.deadlines import duties

        return duties(det, self.filings())

    def brief(self, responder_name: str, now: datetime | None = None, clocks: Iterable[Clock] = ()) -> Brief:
        """The hand-over brief for `responder_name` (see `wizard.store.brief`); `clocks`: the responder's
        own (from a profile) not recorded in the incident yet."""
        from wizard.store.brief import make_brief

        return make_brief(self, responder_name, event_time(now), clocks)

    # ---- changing it -------------------------------------------------------------------------

    def append(self, kind: str, data: dict[str, Any], responder: Responder, now: datetime | None = None) -> Event:
        """Add an event of any kind (`^[a-z_]+$`, TOML values) after all current heads and save at once.
        Nothing changes in memory or on disk when saving fails."""
        if self.read_only:
            raise RoueiError("store.error.read_only", path=str(self.path))
        at = event_time(now)
        if self.stamp is not None:
            data = {**self.stamp(), **data}
        event = make_event(kind, data, self.heads, responder, at)  # refused here, before any lock
        if not os.path.lexists(self.real) and self._history is not None:  # deleted meanwhile: write it anew
            self._rewrite(self._grown(event))
            return event
        with files.exclusive(self.real) as fd:
            self._catch_up(fd)
            if event.parents != self.heads:
                event = make_event(kind, data, self.heads, responder, at)
            self._append(fd, event)
        self._mine.append(event)
        if self._lock is not None and not self.lock_lost:
            self.lock_lost = self._lock.taken_over()
        return event

    def answer(self, fact: str, value: Any, responder: Responder, now: datetime | None = None) -> Event:
        """Record an answer, validated against the facts vocabulary (None or "unknown": 分からない)."""
        return self.append("answer", {"fact": fact, "value": stored_value(value)}, responder, now)

    def note(self, text: str, responder: Responder, *, masked: bool = False, now: datetime | None = None) -> Event:
        """A free-text note; what looks like personal data is refused, or masked with `masked`."""
        return self.append("note", {"text": screen(text, "note", masked=masked)}, responder, now)

    def tick(self, item: str, responder: Responder, *, done: bool = True, note: str = "", masked: bool = False,
             now: datetime | None = None) -> Event:
        """Tick (or untick) a checklist item, with an optional note that passes the guard."""
        data = {"item": item, "note": screen(note, "note", masked=masked)}
        return self.append("tick" if done else "untick", data, responder, now)

    def handover(self, to: str, responder: Responder, *, note: str = "", masked: bool = False,
                 now: datetime | None = None) -> Event:
        """Hand the incident over to the next responder, with an optional note that passes the guard."""
        return self.append("handover", {"to": to, "note": screen(note, "note", masked=masked)}, responder, now)

    def reload(self) -> bool:
        """Take in what another process saved since we last read or wrote (only the bytes it appended,
        or the whole file when it was replaced); True when there was something. Nothing of ours is
        dropped."""
        before = self.heads
        with files.exclusive(self.real) as fd:
            self._catch_up(fd)
        return self.heads != before

    def save(self) -> None:
        """Write the whole history (a new or merged incident), taking in the file on disk if there is one."""
        if self.read_only:
            raise RoueiError("store.error.read_only", path=str(self.path))
        if not os.path.lexists(self.real):
            self._rewrite(self.history)
            return
        with files.exclusive(self.real):
            disk = Incident.load(self.path)
            merged = merge_histories(disk.history, self.history, self.path, self.path)
            if len(merged.events) != len(disk.history.events) or disk.torn or disk._disk.schema != files.SCHEMA:
                self._rewrite(merged)
            else:
                self._adopt(disk)

    # ---- on disk -----------------------------------------------------------------------------

    def _grown(self, event: Event) -> History:
        history = self.history
        history.add(event, files.render([event.table()])[0])
        return history

    def _catch_up(self, fd: int) -> None:
        """Under the write lock: take in what was appended since we read or wrote, cutting a torn tail
        off; a file replaced, shortened or altered meanwhile is read whole and merged."""
        disk, st = self._disk, os.fstat(fd)
        if disk is not None and st.st_ino == disk.ino and st.st_size >= disk.end:
            if st.st_size == disk.end:
                return
            start = disk.end - len(disk.tail)
            if files.read_at(fd, start, len(disk.tail)) == disk.tail and self._take_appended(fd, st.st_size):
                return
        self._merge_disk(fd)

    def _take_appended(self, fd: int, size: int) -> bool:
        """Read the records others appended after ours (False when they are not simply appended)."""
        disk = self._disk
        new = files.read_at(fd, disk.end, size - disk.end)
        whole = len(new)
        try:
            events = _block_events(new, self.path, 0) if new.strip() else []
        except (StoreError, RecursionError):
            whole = files.torn_cut(new) or 0
            if not _torn(new[whole + new.startswith(files.MARK, whole):], self.path):
                return False
            try:
                events = _block_events(new[:whole], self.path, 0) if new[:whole].strip() else []
            except (StoreError, RecursionError):
                return False
        heads = set(self.heads)
        for event in events:
            if set(event.parents) != heads:
                return False
            heads = {event.id}
        if whole < len(new):
            files.cut(self.real, fd, disk.end + whole, backup=bool(new[whole:].strip()))
        blocks = files.block_texts(new[:whole].decode("utf-8"))
        for event, block in zip(events, blocks if len(blocks) == len(events) else [None] * len(events)):
            if self._history is not None:
                self._history.add(event, block)
            self._heads = (event.id,)
        if events:
            disk.tail = new[new.rfind(files.MARK, 0, whole):whole]
        disk.end += whole
        return True

    def _merge_disk(self, fd: int) -> None:
        """The file was replaced or altered: read it whole, and write the union back when it lacks ours."""
        try:
            disk = self._read_back() if self._history is None else Incident.load(self.path)
        except StoreError as exc:
            if exc.key == "store.error.replaced":
                raise
            raise RoueiError("store.error.changed", path=str(self.path), detail=str(exc)) from None
        if self._history is None:
            self._adopt(disk)
        else:
            merged = merge_histories(self._history, disk.history, self.path, self.path)
            self._adopt(disk)
            if len(merged.events) != len(disk.history.events):
                self._rewrite(merged)
                return
        if self.torn:
            files.cut(self.real, fd, self._disk.end)
            self.torn = False

    def _append(self, fd: int, event: Event) -> None:
        """Write one event's block after the last whole record, once it reads back on its own as the
        same event (every field its id covers the same: the id needs no recomputing)."""
        block = files.render([event.table()])[0]
        data = block.encode("utf-8")
        try:
            [back] = parse_events(files.parse_toml(files.decode(data, self.path), self.path), self.path, 1)
        except (StoreError, ValueError, RecursionError):
            back = None
        if back != event:
            raise StoreError("store.error.unwritable", path=str(self.path))
        disk = self._disk
        if disk.schema != files.SCHEMA:
            self._rewrite(self._grown(event))
            return
        chunk = (b"\n" if disk.tail.endswith(b"\n") else b"\n\n") + data
        files.append(self.real, fd, disk.end, chunk)
        disk.end += len(chunk)
        disk.tail = chunk
        if self._history is not None:
            self._history.add(event, block)
        self._heads = (event.id,)

    def _rewrite(self, history: History) -> None:
        """Write a whole file, after checking that it reads back and verifies."""
        text = files.document(history.blocks(), history.written_heads)
        data = text.encode("utf-8")
        error, _ = _whole(data, self.path)
        if error is not None:
            raise StoreError("store.error.unwritable", path=str(self.path)) from None
        clean_stale(self.real)
        files.save(self.real, text)
        self._history, self._heads = history, history.heads
        self._written_heads = history.written_heads
        self.torn = False
        start = data.rfind(files.MARK)
        self._disk = _OnDisk(os.stat(self.real).st_ino, len(data), data[start:])


def _backup_hint(path: Path) -> str:
    """Where the newest sound backup stands and what it holds (else nothing)."""
    for backup in reversed(backups(files.backup_path(files.real(path)))):
        try:
            sound = Incident.load(backup)
        except RoueiError:
            continue
        break
    else:
        return ""
    last = sound.history.events[-1]
    return t("store.error.backup", backup=str(backup), command=command("rouei", "log", str(backup)),
             count=len(sound.history.events),
             last=clock.show(last.at), by=last.by, path=str(path))
