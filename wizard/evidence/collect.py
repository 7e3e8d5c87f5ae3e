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


_EPOCHS: dict[int, datetime | None] = {}  # minute since 1970 -> 1970 in the local offset all through that minute


def mtime(ns: int) -> datetime | None:
    """A modification time as an aware local datetime, to the microsecond (None when out of range)."""
    minute = ns // 60_000_000_000
    try:
        epoch = _EPOCHS[minute] if minute in _EPOCHS else _EPOCHS.setdefault(minute, _local_epoch(minute))
        if epoch is None:  # the offset changes within that minute
            return (_EPOCH + timedelta(microseconds=ns // 1000)).astimezone()
        return epoch + timedelta(microseconds=ns // 1000)
    except (OverflowError, ValueError, OSError):
        return None


def _local_epoch(minute: int) -> datetime | None:
    """1970-01-01 in the local offset from UTC of a whole minute (one `localtime` for all the files of a
    minute), None when the offset changes within it."""
    first, last = time.localtime(minute * 60).tm_gmtoff, time.localtime(minute * 60 + 59).tm_gmtoff
    return _EPOCH.astimezone(timezone(timedelta(seconds=first))) if first == last else None


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


Found = tuple[str, bool, "int | None"]
"""A file or link found in a folder: its path inside the item, whether it is a link, and its size
(None when not asked for)."""


def listing(root: str, st: os.stat_result, ignore: Ignore | None = None, *, sizes: bool = True
            ) -> tuple[list[Found], list[Skipped]]:
    """The files and links at or below `root`, and what was skipped; sorted by path.

    Folders are entered once each (by device and inode), links are not followed, `ignore`d files left
    out. The kind of each entry comes from the folder listing where the OS gives it; a file's size costs
    a system call more (`sizes`).
    """
    if not stat.S_ISDIR(st.st_mode):
        return [("", stat.S_ISLNK(st.st_mode), st.st_size)], []
    found: list[Found] = []
    skipped: list[Skipped] = []
    seen = {(st.st_dev, st.st_ino)}
    stack = [""]
    while stack:
        rel = stack.pop()
        folder = join(root, rel)
        names = ignore.names if ignore is not None and folder == ignore.folder else None
        try:
            _scan(folder, f"{rel}/" if rel else "", names, sizes, found, skipped, seen, stack)
        except OSError as exc:
            skipped.append(_skipped(rel, skip_for(exc)))
    found.sort(key=_first)
    skipped.sort(key=_rel)
    return found, skipped


def _scan(folder: str, prefix: str, ignored, sizes: bool, found: list, skipped: list, seen: set, stack: list) -> None:
    """Sort a folder's entries into files and links `found`, folders to enter (`stack`) and what is
    `skipped`, or leave them all untouched and raise `OSError` when it cannot be listed. The folder is
    read without updating its access time where the OS allows."""
    files, folders, odd = [], [], []
    fd = open_readonly(folder, folder=True) if os.scandir in os.supports_fd else None
    try:
        with os.scandir(folder if fd is None else fd) as entries:
            for entry in entries:
                name = entry.name
                if ignored is not None and ignored(name):
                    continue
                try:
                    if entry.is_symlink():
                        files.append((prefix + name, True, 0))
                    elif entry.is_file(follow_symlinks=False):
                        files.append((prefix + name, False, entry.stat(follow_symlinks=False).st_size if sizes else None))
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append((prefix + name, entry.stat(follow_symlinks=False)))
                    else:
                        odd.append(Skipped(prefix + name, "special"))
                except OSError as exc:
                    odd.append(_skipped(prefix + name, skip_for(exc)))
    finally:
        if fd is not None:
            os.close(fd)
    found += files
    skipped += odd
    for rel, folder_st in folders:
        if (folder_st.st_dev, folder_st.st_ino) not in seen:
            seen.add((folder_st.st_dev, folder_st.st_ino))
            stack.append(rel)


def _first(pair: tuple) -> object:
    return pair[0]


def _rel(entry: Entry | Skipped) -> str:
    return entry.rel


def _skipped(rel: str, skip: Skip) -> Skipped:
    return Skipped(rel, skip.reason, skip.detail)


def read_entries(item: Collected, found: list[Found], meter: Meter) -> None:
    """Hash each file `found` in the item, read each link, or add why not to the item's `skipped`."""
    entries, root = item.entries, item.root
    for rel, link, size in found:
        path = join(root, rel)
        try:
            if link:
                entries.append(Entry(rel, "link", target=_link(path)))
            else:
                sha256, size, mtime_ns = meter.hash(path, size)
                entries.append(Entry(rel, "file", size, mtime(mtime_ns), sha256))
        except Skip as skip:
            item.skipped.append(_skipped(rel, skip))


def _link(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError as exc:
        raise skip_for(exc) from None


def collect(paths: Iterable[str], progress: Progress | None = None, ignore: Ignore | None = None, *,
            sizes: bool = True) -> list[Collected]:
    """Every path hashed, one `Collected` each. Checks all paths first, so bad input hashes nothing.

    `ignore` leaves files out of folders; naming an ignored path itself is bad input. `progress` is
    told the bytes done and the total (None without `sizes`: then the files are not sized beforehand,
    a system call less for each).
    """
    located = [(given, *locate(given)) for given in paths]
    for given, root, _ in located:
        if ignore is not None and ignore(root):
            raise RoueiError("evidence.error.incident_file", path=show(given))
    plans = [(given, root, st, *listing(root, st, ignore, sizes=sizes)) for given, root, st in located]
    meter = Meter(sum(size for *_, found, _ in plans for _, link, size in found if not link) if sizes else None,
                  progress)
    items = []
    for given, root, st, found, skipped in plans:
        item = Collected(given, root, kind_of(st), skipped=list(skipped))
        read_entries(item, found, meter)
        item.skipped.sort(key=_rel)
        items.append(item)
    meter.finish()
    return items


def total_size(paths: Iterable[str], ignore: Ignore | None = None) -> int:
    """The bytes `collect` would hash (0 for a path that is not there)."""
    total = 0
    for given in paths:
        try:
            root, st = locate(given)
        except RoueiError:
            continue
        total += sum(size for _, link, size in listing(root, st, ignore)[0] if not link)
    return total
