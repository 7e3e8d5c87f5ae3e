"""Walk evidence files and folders: what is there, its hash, and what was skipped and why.

Symbolic links are recorded as links and never followed (so a link loop is harmless); FIFOs,
sockets and devices are skipped without being opened; unreadable, vanished and changing files are
reported. Paths inside an item are stored with `/` between parts, whatever the OS.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from wizard.errors import RoueiError
from wizard.evidence.hashing import Meter, Progress, Skip, open_readonly, skip_for
from wizard.printable import shown

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Ignore:
    """What to leave out of a walk: the files of `folder` (absolute, links resolved) whose name
    `names` accepts (the incident file itself, its backups, lock and temporary files)."""

    folder: str
    names: Callable[[str], bool]

    def __call__(self, path: str) -> bool:
        """Whether the absolute `path` is left out."""
        return os.path.dirname(path) == self.folder and self.names(os.path.basename(path))


class Entry(NamedTuple):
    """One file or link of an item. `rel` is its path inside the item, "" for the item itself."""

    rel: str
    kind: str  # "file" or "link"
    size: int = 0
    mtime: datetime | None = None
    sha256: str = ""
    target: str = ""  # a link's target, as written in the link


@dataclass(frozen=True)
class Skipped:
    """Something not recorded. `reason`: unreadable, vanished, unstable or special."""

    rel: str
    reason: str
    detail: str = ""


@dataclass
class Collected:
    """One path the user named: a file, a folder or a link, with its entries."""

    given: str
    root: str
    kind: str  # "file", "folder" or "link"
    entries: list[Entry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)

    @property
    def manifest(self) -> str:
        """One SHA-256 over every entry's kind, path, size and hash (or link target): the item's fingerprint."""
        return manifest_hash(self.entries)


def manifest_hash(entries: Iterable[Entry]) -> str:
    """SHA-256 over a line per entry, sorted by path: `kind NUL path NUL size NUL sha256-or-target`."""
    lines = "".join(f"{e.kind}\0{e.rel}\0{e.size}\0{e.sha256 or e.target}\n" for e in sorted(entries, key=_rel))
    return hashlib.sha256(lines.encode("utf-8", "surrogateescape")).hexdigest()


def _rel(entry: Entry) -> str:
    return entry.rel


# ---- paths: stored safely, shown safely ------------------------------------------------------

def show(path: str) -> str:
    """A path fit for a message: undecodable bytes as `\\xNN`, control characters escaped."""
    return shown(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def path_record(key: str, path: str) -> dict[str, str]:
    """`{key: path}` for TOML; a name that is not valid UTF-8 also keeps its exact bytes in `key_hex`."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return {key: show(path), f"{key}_hex": os.fsencode(path).hex()}
    return {key: path}


def read_path(text: str, hex_bytes: str = "") -> str:
    """The path `path_record` stored as `text` and, for a name that is not UTF-8, `hex_bytes`.

    Raises `ValueError` for a path no file can have (a NUL character: a hand-edited file).
    """
    if hex_bytes:
        try:
            text = os.fsdecode(bytes.fromhex(hex_bytes))
        except ValueError:
            pass
    if "\0" in text:
        raise ValueError("a path with a NUL character")
    return text


def join(root: str, rel: str) -> str:
    """The path of `rel` (parts joined with `/`) inside `root`."""
    if not rel:
        return root
    if os.sep == "/":  # the common case, called once or twice per file: plain concatenation
        return rel if root == "" else (root + rel if root.endswith("/") else f"{root}/{rel}")
    return os.path.join(root, *rel.split("/"))


_ZONES: dict[int, timezone | None] = {}  # minute since the epoch -> the local offset all through it


def mtime(ns: int) -> datetime | None:
    """A modification time as an aware local datetime, to the microsecond (None when out of range)."""
    seconds, rest = divmod(ns, 1_000_000_000)
    minute = seconds // 60
    try:
        zone = _ZONES[minute] if minute in _ZONES else _ZONES.setdefault(minute, _zone(minute))
        if zone is None:  # the offset changes within that minute
            return (_EPOCH + timedelta(microseconds=ns // 1000)).astimezone()
        return datetime.fromtimestamp(seconds, zone).replace(microsecond=rest // 1000)
    except (OverflowError, ValueError, OSError):
        return None


def _zone(minute: int) -> timezone | None:
    """The local offset from UTC all through a minute (one `localtime` for the many files of a minute),
    None when it changes within it."""
    first, last = time.localtime(minute * 60).tm_gmtoff, time.localtime(minute * 60 + 59).tm_gmtoff
    return timezone(timedelta(seconds=first)) if first == last else None


def incident_files(path: str | os.PathLike) -> Ignore:
    """Tells the incident file, its backups, lock and temporary files apart: they are never evidence
    (here, not in the register, so that hashing can start before the store is loaded)."""
    from wizard.paths import incident_sibling

    incident = Path(os.path.realpath(path))
    return Ignore(str(incident.parent), lambda name: incident_sibling(name, incident.name))


# ---- walking ---------------------------------------------------------------------------------

def locate(given: str) -> tuple[str, os.stat_result]:
    """The absolute path of `given` (its folders resolved, itself not followed) and its `lstat`.

    A missing path or a FIFO, socket or device is bad input (`RoueiError`, exit 2).
    """
    try:
        st = os.lstat(given)
    except FileNotFoundError:
        raise RoueiError("evidence.error.not_found", path=show(given)) from None
    except OSError as exc:
        raise RoueiError("evidence.error.cannot_open", path=show(given), detail=exc.strerror or str(exc)) from None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise RoueiError("evidence.error.special", path=show(given))
    absolute = os.path.abspath(given)
    if stat.S_ISLNK(st.st_mode):
        return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute)), st
    return os.path.realpath(absolute), st


def kind_of(st: os.stat_result) -> str:
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    return "link" if stat.S_ISLNK(st.st_mode) else "file"


def listing(root: str, st: os.stat_result, ignore: Ignore | None = None
            ) -> tuple[list[tuple[str, os.stat_result]], list[Skipped]]:
    """The files and links at or below `root` with their `lstat`, and what was skipped; sorted by path.

    Folders are entered once each (by device and inode), links are not followed, `ignore`d files left out.
    """
    if not stat.S_ISDIR(st.st_mode):
        return [("", st)], []
    found: list[tuple[str, os.stat_result]] = []
    skipped: list[Skipped] = []
    seen = {(st.st_dev, st.st_ino)}
    stack = [""]
    while stack:
        rel = stack.pop()
        folder = join(root, rel)
        names = ignore.names if ignore is not None and folder == ignore.folder else None
        try:
            children = _scan(folder)
        except OSError as exc:
            skipped.append(_skipped(rel, skip_for(exc)))
            continue
        for name, child_st in children:
            child_rel = f"{rel}/{name}" if rel else name
            if names is not None and names(name):
                continue
            if isinstance(child_st, OSError):
                skipped.append(_skipped(child_rel, skip_for(child_st)))
                continue
            mode = child_st.st_mode
            if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
                found.append((child_rel, child_st))
            elif stat.S_ISDIR(mode):
                if (child_st.st_dev, child_st.st_ino) not in seen:
                    seen.add((child_st.st_dev, child_st.st_ino))
                    stack.append(child_rel)
            else:
                skipped.append(Skipped(child_rel, "special"))
    found.sort(key=lambda pair: pair[0])
    skipped.sort(key=lambda s: s.rel)
    return found, skipped


def _scan(folder: str) -> list[tuple[str, os.stat_result | OSError]]:
    """A folder's entries with their `lstat` (or the error met), read without updating the folder's
    access time where the OS allows."""
    if os.scandir not in os.supports_fd:
        with os.scandir(folder) as entries:
            return _stat_each(entries)
    fd = open_readonly(folder, folder=True)
    try:
        with os.scandir(fd) as entries:
            return _stat_each(entries)
    finally:
        os.close(fd)


def _stat_each(entries) -> list[tuple[str, os.stat_result | OSError]]:
    found: list[tuple[str, os.stat_result | OSError]] = []
    for entry in entries:
        try:
            found.append((entry.name, entry.stat(follow_symlinks=False)))
        except OSError as exc:
            found.append((entry.name, exc))
    return found


def _skipped(rel: str, skip: Skip) -> Skipped:
    return Skipped(rel, skip.reason, skip.detail)


def read_entry(root: str, rel: str, st: os.stat_result, meter: Meter) -> Entry:
    """Hash a file or read a link (raises `Skip`)."""
    path = join(root, rel)
    if stat.S_ISLNK(st.st_mode):
        try:
            return Entry(rel, "link", target=os.readlink(path))
        except OSError as exc:
            raise skip_for(exc) from None
    sha256, size, mtime_ns = meter.hash(path, st.st_size)
    return Entry(rel, "file", size, mtime(mtime_ns), sha256)


def collect(paths: Iterable[str], progress: Progress | None = None, ignore: Ignore | None = None
            ) -> list[Collected]:
    """Every path hashed, one `Collected` each. Checks all paths first, so bad input hashes nothing.

    `ignore` leaves files out of folders; naming an ignored path itself is bad input.
    """
    located = [(given, *locate(given)) for given in paths]
    for given, root, _ in located:
        if ignore is not None and ignore(root):
            raise RoueiError("evidence.error.incident_file", path=show(given))
    plans = [(given, root, st, *listing(root, st, ignore)) for given, root, st in located]
    total = sum(s.st_size for *_, found, _ in plans for _, s in found if stat.S_ISREG(s.st_mode))
    meter = Meter(total, progress)
    items = []
    for given, root, st, found, skipped in plans:
        item = Collected(given, root, kind_of(st), skipped=list(skipped))
        for rel, entry_st in found:
            try:
                item.entries.append(read_entry(root, rel, entry_st, meter))
            except Skip as skip:
                item.skipped.append(_skipped(rel, skip))
        item.skipped.sort(key=lambda s: s.rel)
        items.append(item)
    return items
