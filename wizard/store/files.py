"""The incident file on disk: reading it safely, its blocks, appending one block, rewriting it whole.

The text is a header (`format`, `schema`, and `written_heads` for a branched history) followed by one
`[[events]]` block per event, each after a blank line. Events are only ever appended: a new event's
block is added at the end and nothing before it changes. A block cut short by a crash (a *torn tail*)
is found by the chain and cut off by the next writer, after a backup of the whole file.

Every write holds an exclusive OS lock on the incident file itself (`exclusive`), so that re-reading
what changed and appending are one step, whoever else writes.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from wizard.atomic import atomic_write, keep_backup, write_error
from wizard.store.errors import StoreError

FORMAT = "rouei-incident"
SCHEMA = 2
BANNER = "# rouei incident file (インシデントファイル). Edits are detected: see docs/incident-file.md\n"
MARK = b"\n[[events]]\n"  # where each block begins (after the blank line that ends the one before)
MAX_BYTES = 256 * 2**20  # far beyond any real incident (100,000 records take about 33 MB)
MAX_DEPTH = 32  # nesting of arrays and tables inside a record's data


def real(path: Path) -> Path:
    """The file a path leads to, symbolic links resolved: the one to lock, back up and write."""
    return Path(os.path.realpath(path))


def backup_path(path: Path) -> Path:
    return Path(f"{path}.bak")


def lock_path(path: Path) -> Path:
    return Path(f"{path}.lock")


def open_error(path: Path, exc: OSError) -> StoreError:
    if isinstance(exc, FileNotFoundError):
        return StoreError("file.not_found", path=str(path))
    if isinstance(exc, IsADirectoryError):
        return StoreError("file.is_directory", path=str(path))
    if isinstance(exc, PermissionError):
        return StoreError("file.no_permission", path=str(path))
    return StoreError("store.error.unreadable", path=str(path), detail=exc.strerror or str(exc))


def check_regular(path: Path, limit: int = MAX_BYTES) -> os.stat_result:
    """The file's status, refusing before anything is read what is no regular file (a folder, a device
    such as /dev/zero, a FIFO that would block) or is larger than `limit`."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise open_error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError("file.is_directory", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise StoreError("store.error.not_regular", path=str(path))
    if st.st_size > limit:
        raise StoreError("store.error.too_large", path=str(path), size=st.st_size, limit=limit)
    return st


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, after `check_regular`."""
    check_regular(path, limit)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise open_error(path, exc) from None
    if len(data) > limit:
        raise StoreError("store.error.too_large", path=str(path), size=len(data), limit=limit)
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text; a byte order mark at the start (Windows editors add one) is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError("file.not_utf8", path=str(path), offset=exc.start) from None


def parse_toml(text: str, path: Path) -> dict:
    """TOML text as a dict; a syntax error or nesting too deep to read is a clean `StoreError`."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StoreError("file.bad_toml", path=str(path), detail=str(exc)) from None
    except RecursionError:
        raise StoreError("store.error.too_deep", path=str(path), depth=MAX_DEPTH) from None
    return raw


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; every failure is a clean `RoueiError` naming the file."""
    return parse_toml(decode(read_bytes(path), path), path)


def depth(value: object) -> int:
    """How deeply arrays and tables nest in `value` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level + 1)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((child, level + 1) for child in children)
    return deepest


# ---- blocks --------------------------------------------------------------------------------------

LONG_TEXT = 1024  # a text of several lines this long is written as a multi-line literal string
_CONTROL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])  # what a literal string cannot hold (tab and LF it can)


def render(tables: Sequence[dict]) -> list[str]:
    """Each event table's `[[events]]` block (ending in one newline), from a single tomli-w call.

    A long text of several lines in an event's `data` (a folder's `sums`: a line per file) is written
    as a multi-line literal string (`'''`), which a TOML reader takes in whole, without escapes:
    tomli-w writes basic strings only, and both it and tomllib go through those a character at a time
    (about 0.1 s each way for 10,000 files). A text a literal string cannot hold is written by tomli-w.
    """
    if not tables:
        return []
    literals: dict[str, str] = {}
    text = tomli_w.dumps({"events": [_with_placeholders(table, literals) for table in tables]})
    for placeholder, value in literals.items():
        text = text.replace(f'"{placeholder}"', f"'''\n{value}'''", 1)
    parts = text.split("\n\n[[events]]\n")
    blocks = [parts[0]] + ["[[events]]\n" + part for part in parts[1:]]
    return [b if b.endswith("\n") else b + "\n" for b in blocks]


def _with_placeholders(table: dict, literals: dict[str, str]) -> dict:
    """`table` with each long text of its `data` replaced by a random placeholder (kept in `literals`)
    that tomli-w writes as it is. Every block is read back before it is written: a mistake here would
    be refused, never saved."""
    data = table.get("data")
    if not isinstance(data, dict):
        return table
    long = [key for key, value in data.items() if isinstance(value, str) and _fits_literal(value)]
    if not long:
        return table
    data = dict(data)
    for key in long:
        placeholder = f"rouei-literal-{os.urandom(16).hex()}"
        literals[placeholder] = data[key]
        data[key] = placeholder
    return {**table, "data": data}


def _fits_literal(text: str) -> bool:
    """Whether a text is long, of several lines, and can stand as a literal string in a block: no `'''`,
    no final `'`, no control character but tab and line feed, and no line a reader of the raw file would
    take for the start of a block (`[[events]]`)."""
    if len(text) < LONG_TEXT or "\n" not in text or "'''" in text or text.endswith("'") or "[[events]]" in text:
        return False
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(data.translate(None, _CONTROL)) == len(data)


def header(written_heads: Sequence[str] | None) -> str:
    """The banner and header of a file written whole."""
    head = {"format": FORMAT, "schema": SCHEMA}
    if written_heads is not None:
        head["written_heads"] = list(written_heads)
    return BANNER + tomli_w.dumps(head)


def document(blocks: Sequence[str], written_heads: Sequence[str] | None = None) -> str:
    """The whole file: banner, header, then the event blocks, each after a blank line."""
    return header(written_heads) + "".join("\n" + block for block in blocks)


def block_starts(data: bytes) -> list[int]:
    """The offsets where each `[[events]]` block's blank line begins."""
    starts, at = [], data.find(MARK)
    while at >= 0:
        starts.append(at)
        at = data.find(MARK, at + 1)
    return starts


def block_texts(text: str) -> list[str]:
    """Each `[[events]]` block of a text as it stands in it."""
    return ["[[events]]\n" + part for part in text.split(MARK.decode())[1:]]


def torn_cut(data: bytes) -> int | None:
    """Where the whole blocks end if the last one was cut short: the start of a marker left half
    written at the very end, else the start of the last block (None when there is no block)."""
    for size in range(len(MARK) - 1, 1, -1):
        if data.endswith(MARK[:size]):
            return len(data) - size
    at = data.rfind(MARK)
    return at if at >= 0 else None


def event_line(path: Path, number: int) -> int | None:
    """The line of the `number`-th (1-based) `[[events]]` header in the file, if it can be found."""
    try:
        data = read_bytes(path)
    except StoreError:
        return None
    starts = block_starts(data)
    if not 0 < number <= len(starts):
        return None
    return data.count(b"\n", 0, starts[number - 1]) + 2


# ---- what a writer reads: the ends of the file ---------------------------------------------------

@dataclass
class Ends:
    """The header, the first block and the last whole block of a file, read without the middle."""

    header: bytes
    first: bytes
    last: bytes
    end: int  # where the whole blocks end (before a torn tail, if there is one)
    ino: int


def read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def blocks_backwards(fd: int, end: int) -> Iterator[bytes]:
    """The whole blocks of the file open at `fd` that end by `end`, the last first, read a window at
    a time from the end (a writer finds its last clock without reading the whole history)."""
    window = 1 << 16
    while end > 0:
        offset = max(0, end - window)
        data = read_at(fd, offset, end - offset)
        marks = block_starts(data)
        if not marks:
            if offset == 0:
                return
            window *= 4  # a block longer than the window
            continue
        bounds = [*marks, len(data)]
        for start, stop in reversed(list(zip(bounds, bounds[1:]))):
            yield data[start + 1:stop]
        if offset == 0:
            return
        end = offset + marks[0]  # what comes before the first marker is read again with what precedes it


def ends(fd: int, torn) -> Ends | None:
    """The ends of the file open at `fd`, reading only as much as they take; a last block that
    `torn(block)` calls cut short is left out. None when the file does not have the shape rouei
    writes (then it is read whole)."""
    size, window = os.fstat(fd).st_size, 1 << 16
    while True:  # the header and the first block
        head = read_at(fd, 0, min(size, window))
        starts = block_starts(head)
        if len(starts) >= 2 or len(head) == size:
            break
        window *= 4
    window = 1 << 16
    while True:  # the last two blocks
        offset = max(0, size - window)
        tail = read_at(fd, offset, size - offset)
        marks = [offset + at for at in block_starts(tail)]
        if len(marks) >= 2 or offset == 0:
            break
        window *= 4
    if not starts or not marks:
        return None
    end = size
    cut_at = offset + (torn_cut(tail) or 0)
    if torn(tail[cut_at - offset + (cut_at in marks):]):
        marks = [m for m in marks if m < cut_at]
        end = cut_at
    if not marks:
        return None
    first_end = starts[1] if len(starts) >= 2 else min(len(head), end)
    return Ends(header=head[:starts[0] + 1], first=head[starts[0] + 1:first_end],
                last=tail[marks[-1] - offset + 1:end - offset], end=end, ino=os.fstat(fd).st_ino)


# ---- writing -------------------------------------------------------------------------------------

def _lock_fd(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 2**62, os.SEEK_SET)  # a byte no reader reads: Windows locks are mandatory
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock_fd(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 2**62, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[int]:
    """An open descriptor of `path` under an exclusive OS lock (fcntl.flock / msvcrt.locking),
    held for one write. A file renamed over `path` meanwhile is opened and locked afresh."""
    while True:
        check_regular(path)
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise write_error(path, exc) from None
        try:
            _lock_fd(fd)
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break
        except OSError:
            pass
        os.close(fd)
    try:
        yield fd
    finally:
        with contextlib.suppress(OSError):
            _unlock_fd(fd)
        os.close(fd)


def append(path: Path, fd: int, at: int, data: bytes) -> None:
    """Write `data` at offset `at`, the end of the file, and make it durable; on failure the file is
    cut back to `at`, so that nothing on disk changed."""
    try:
        os.lseek(fd, at, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, at)
            os.fsync(fd)
        raise write_error(path, exc) from None


def cut(path: Path, fd: int, at: int, *, backup: bool = True) -> Path | None:
    """Cut a torn tail off at `at`, after keeping the whole file as a new backup (not for a tail of
    blank space only)."""
    try:
        kept = keep_backup(path, backup_path(path)) if backup else None
        os.ftruncate(fd, at)
        os.fsync(fd)
    except OSError as exc:
        raise write_error(path, exc) from None
    return kept


def save(path: Path, text: str) -> None:
    """Write a whole file atomically, the version it replaces kept as a new backup, owner-only."""
    atomic_write(path, text.encode("utf-8"), backup=backup_path(path))
