"""One incident file: its history, what the history says now, and saving every change at once.

`Incident.load` only reads. Changes go through `append` (and the helpers built on it), each saved
atomically before it returns; a writer takes the lock first with `Incident.open_for_writing`. When the
file on disk changed since it was read (a second writer without the lock, a sync tool), saving merges
the two instead of overwriting, so no saved event is ever dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from wizard.domain.facts import Facts, Value
from wizard.domain.vocabulary import FACTS
from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.store import files
from wizard.store.brief import Brief, make_brief
from wizard.store.chain import check
from wizard.store.errors import StoreError
from wizard.store.events import Event, Responder, answer_value, event_time, make_event, stored_value
from wizard.store.guard import screen
from wizard.store.history import History
from wizard.store.lock import Lock
from wizard.store.merge import merge_events
from wizard.store.schema import parse


@dataclass(frozen=True)
class TickState:
    """A checklist item as the history leaves it."""

    item: str
    done: bool  # ticked, and not unticked since (a tick and an untick side by side count as not done)
    by: str
    role: str
    at: datetime
    note: str


class Incident:
    """An incident file and its history (events in canonical order)."""

    def __init__(self, path: Path, history: History) -> None:
        self.path = Path(path)
        self.history = history
        self.read_only = False
        self._disk: files.Stamp | None = None  # the file's version on disk when last read or written
        self._lock: Lock | None = None

    # ---- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, responder: Responder, title: str = "", exercise: bool = False,
               now: datetime | None = None, profile: dict[str, Any] | None = None) -> Incident:
        """Write a new incident file holding its `created` event. The title passes the guard.
        `profile`: the stamp of the firm's profile it starts from (`wizard.profile.start.stamp`)."""
        path = Path(path)
        if path.exists():
            raise RoueiError("store.error.exists", path=str(path))
        data = {"title": screen(title.strip(), "title"), "exercise": exercise}
        event = make_event("created", {**data, "profile": profile} if profile else data, (), responder,
                           event_time(now))
        incident = cls(path, History([event]))
        incident.save()
        return incident

    @classmethod
    def load(cls, path: Path, *, read_only: bool = False) -> Incident:
        """Read and validate a file (no lock taken). A broken file raises `RoueiError` naming the
        file and the event or line, and points to the backup when that one is sound."""
        path = Path(path)
        disk = files.stamp(path)
        try:
            incident = cls.from_data(files.read_toml(path), path)
        except StoreError as exc:
            exc.hint = _backup_hint(path)
            raise
        incident._disk = disk
        incident.read_only = read_only
        return incident

    @classmethod
    def from_data(cls, raw: dict, path: Path) -> Incident:
        """An incident from already-parsed TOML, validated and verified like `load`."""
        path = Path(path)
        heads, events = parse(raw, path)
        check(path, heads, events)
        return cls(path, History(events))

    @classmethod
    def open_for_writing(cls, path: Path, responder: Responder, *, force: bool = False,
                         now: datetime | None = None) -> Incident:
        """Lock the file for `responder`, then load it; `close()` (or `with`) releases the lock.
        Raises `lock.LockHeld` naming whoever has it open; `force` takes over their lock."""
        path = Path(path)
        if not path.is_file():
            files.read_toml(path)  # the clean error for a missing file or a folder
        lock = Lock(path, responder, now).acquire(force=force)
        try:
            incident = cls.load(path)
        except BaseException:
            lock.release()
            raise
        incident._lock = lock
        return incident

    @classmethod
    def merge(cls, a: Incident, b: Incident, path: Path) -> Incident:
        """The union of two copies of one incident, to be written to `path` with `save()`."""
        return cls(Path(path), History(merge_events(a.history.events, b.history.events, a.path, b.path)))

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Incident:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- what the file says ------------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self.history.events)

    @property
    def heads(self) -> tuple[str, ...]:
        return self.history.heads

    @property
    def title(self) -> str:
        return str(self.history.events[0].data.get("title", ""))

    @property
    def exercise(self) -> bool:
        return self.history.events[0].data.get("exercise") is True

    @property
    def fingerprint_full(self) -> str:
        """SHA-256 over the head ids: each id vouches for everything before it, so this covers it all."""
        return hashlib.sha256("\n".join(self.heads).encode("ascii")).hexdigest()

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
            raise RoueiError("store.error.no_aware_at", path=str(self.path))
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

    def brief(self, responder_name: str, now: datetime | None = None) -> Brief:
        """The hand-over brief for `responder_name` (see `wizard.store.brief`)."""
        return make_brief(self, responder_name, event_time(now))

    # ---- changing it -------------------------------------------------------------------------

    def append(self, kind: str, data: dict[str, Any], responder: Responder, now: datetime | None = None) -> Event:
        """Add an event of any kind (`^[a-z_]+$`, TOML values) after all current heads and save at once.
        Nothing changes in memory when saving fails."""
        if self.read_only:
            raise RoueiError("store.error.read_only", path=str(self.path))
        event = make_event(kind, data, self.history.heads, responder, event_time(now))
        self._write(event)
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
        """Take in what another process saved to the file since we last read or wrote it (e.g. a
        facilitator's inject); True when there was something. Nothing of ours is dropped."""
        stamp = files.stamp(self.path)
        disk = self._changed_on_disk()
        if disk is None:
            return False
        self.history = History(merge_events(self.history.events, disk.history.events, self.path, self.path))
        self._disk = stamp
        return True

    def save(self) -> None:
        """Write the whole history (a new or merged incident); merges with the file on disk if it changed."""
        if self.read_only:
            raise RoueiError("store.error.read_only", path=str(self.path))
        self._write(None)

    def _write(self, event: Event | None) -> None:
        disk = self._changed_on_disk()
        if disk is not None:
            ours = [*self.history.events, *([event] if event else [])]
            history = History(merge_events(ours, disk.history.events, self.path, self.path))
            self._disk = files.save(self.path, files.document(history.heads, history.blocks()))
            self.history = history
        elif event is None:
            self._disk = files.save(self.path, files.document(self.history.heads, self.history.blocks()))
        else:
            [block] = files.render_events([event])
            self._disk = files.save(self.path, files.document((event.id,), [*self.history.blocks(), block]))
            self.history.add(event, block)

    def _changed_on_disk(self) -> Incident | None:
        """The file on disk when someone else changed it since we read or wrote it, else None."""
        if self.path.is_dir():
            raise StoreError("file.is_directory", path=str(self.path))
        now = files.stamp(self.path)
        if now is None or now == self._disk:
            return None
        try:
            disk = Incident.from_data(files.read_toml(self.path), self.path)
        except RoueiError as exc:
            raise RoueiError("store.error.changed", path=str(self.path), detail=str(exc)) from None
        if disk.history.events[0].id != self.history.events[0].id:
            raise RoueiError("store.error.other_incident", path=str(self.path))
        return disk


def _backup_hint(path: Path) -> str:
    """Where the backup stands and what it holds, when it is sound (else nothing)."""
    backup = files.backup_path(path)
    if not backup.is_file():
        return ""
    try:
        sound = Incident.from_data(files.read_toml(backup), backup)
    except RoueiError:
        return ""
    last = sound.history.events[-1]
    return t("store.error.backup", backup=str(backup), count=len(sound.history.events),
             last=f"{last.at:%Y-%m-%d %H:%M}", by=last.by, path=str(path))
