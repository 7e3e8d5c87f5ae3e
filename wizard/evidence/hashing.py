"""Streamed SHA-256 of one evidence file, read-only, without touching it.

The file is opened read-only, without following a symbolic link, without blocking (so a FIFO that
took a file's place cannot hang us) and, where the OS allows it, without updating its access time.
Nothing is ever written to evidence.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from typing import NamedTuple

CHUNK = 1 << 20  # 1 MiB: large enough for full speed, small enough for smooth progress

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` in bytes while hashing."""

_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
_NOATIME = getattr(os, "O_NOATIME", 0)


class Skip(Exception):
    """A file that could not be hashed. `reason`: unreadable, vanished, unstable or special."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class Digest(NamedTuple):
    sha256: str
    size: int
    mtime_ns: int


def open_readonly(path: str | os.PathLike, *, folder: bool = False) -> int:
    """A read-only descriptor of a file (or a `folder`); `O_NOATIME` when permitted (Linux, owner or
    root), silently without it."""
    flags = _FLAGS | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    if _NOATIME:
        try:
            return os.open(path, flags | _NOATIME)
        except PermissionError:
            pass
    return os.open(path, flags)


def skip_for(exc: OSError) -> Skip:
    """The `Skip` for an `OSError` met while reading evidence."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Skip("vanished")
    if exc.errno in (errno.ELOOP, errno.ENXIO, getattr(errno, "EOPNOTSUPP", -1)):
        return Skip("special")
    return Skip("unreadable", exc.strerror or str(exc))


def hash_file(path: str | os.PathLike, progress: Progress | None = None) -> Digest:
    """SHA-256, size and modification time of a regular file, read to its end.

    Raises `Skip` when the file cannot be read, is not a regular file any more, vanished, or
    changed (size, modification time or identity) while it was being read.
    """
    try:
        fd = open_readonly(path)
    except OSError as exc:
        raise skip_for(exc) from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise Skip("special")
        size = before.st_size
        sha, done = _hash_small(fd, size) if size < CHUNK else _hash_large(fd, size, progress)
        now = os.lstat(path)  # the same file still there (then these are its size and time now, as fstat's)
    except OSError as exc:
        raise skip_for(exc) from None
    finally:
        os.close(fd)
    if (done != size or now.st_ino != before.st_ino or now.st_dev != before.st_dev or now.st_size != size
            or now.st_mtime_ns != before.st_mtime_ns):
        raise Skip("unstable")
    return Digest(sha.hexdigest(), done, before.st_mtime_ns)


def _hash_small(fd: int, size: int):
    """A file smaller than `CHUNK` (`size` bytes when it was opened), read whole: in one call when it
    can be, asking for one byte more to see that it grew (the size checked after the reading shows that
    it grew later); no buffer to allocate, no object to build for each of 10,000 small files. Some file
    systems give less than asked: then it is read on to its size or its end."""
    data = os.read(fd, size + 1)
    if 0 < len(data) < size:
        parts = [data]
        done = len(data)
        while done < size and (more := os.read(fd, size + 1 - done)):
            parts.append(more)
            done += len(more)
        data = b"".join(parts)
    return hashlib.sha256(data), len(data)


def _hash_large(fd: int, size: int, progress: Progress | None):
    """A larger file read to its end in `CHUNK`s into one buffer, with progress; it stops as soon as
    more than `size` bytes came (it grows while being read: unstable, however much more comes)."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
    sha, done = hashlib.sha256(), 0
    buffer = memoryview(bytearray(CHUNK))
    with open(fd, "rb", buffering=0, closefd=False) as fh:
        while n := fh.readinto(buffer):
            sha.update(buffer[:n])
            done += n
            if progress is not None:
                progress(done, size)
            if done > size:
                break
    return sha, done


class Meter:
    """Progress over many files as one running `progress(done, total)` (`total` None when unknown): a
    file of a `CHUNK` or more as it is read, smaller ones each time another `CHUNK` of them is done,
    and everything at the end (`finish`)."""

    def __init__(self, total: int | None, progress: Progress | None) -> None:
        self.total = total
        self.done = 0
        self._told = 0
        self._progress = progress

    def hash(self, path: str | os.PathLike, size: int | None = None) -> Digest:
        """`hash_file`, counting the file towards the total (`size`: as listed before hashing, when known)."""
        if self._progress is None:
            return hash_file(path)
        base, digest = self.done, None
        try:
            digest = hash_file(path, self._reading)
            return digest
        finally:
            self.done = base
            self.advance(size if size is not None else digest.size if digest is not None else 0)

    def _reading(self, done: int, _size: int) -> None:
        """A large file read so far (`self.done` stands at the start of that file until it is counted)."""
        self._tell(self.done + done)

    def advance(self, size: int) -> None:
        """Count `size` bytes as done without reading them (a file skipped or found missing)."""
        self.done += size
        if self.done - self._told >= CHUNK:
            self._tell(self.done)

    def finish(self) -> None:
        """Tell the total done, once all is read."""
        if self._progress is not None and self._told != self.done:
            self._tell(self.done)

    def _tell(self, done: int) -> None:
        if self._progress is not None:
            self._told = done if self.total is None else min(done, self.total)
            self._progress(self._told, self.total)
