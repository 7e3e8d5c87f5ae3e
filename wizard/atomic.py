"""Atomic file writes: a temporary file in the same folder, flushed, fsynced and renamed into place.

Backups are never overwritten: each one goes to the first free name of `FILE.bak`, `FILE.bak.1`, …
Temporary files are named `.FILE.<random>.tmp`; `clean_stale` removes those a killed save left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from wizard.errors import RoueiError

STALE_AFTER = 60.0  # seconds: no save of ours holds a temporary file this long


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _temp(path: Path, data: bytes | None = None, source: Path | None = None) -> str:
    """A flushed, owner-only temporary file beside `path` holding `data` or a copy of `source`."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=_folder(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            if source is not None:
                with open(source, "rb") as src:
                    shutil.copyfileobj(src, fh, 1 << 20)
            else:
                fh.write(data or b"")
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(name, 0o600)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return name


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None) -> Path | None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, never a mix.

    The file is its owner's only where the OS supports it (0600 on POSIX).
    `backup`, when given, names the backup series that receives the version being replaced
    (`keep_backup`); the backup made is returned. A full disk, a read-only folder or a missing
    folder raises `RoueiError` naming the path; the file already at `path` is left untouched.
    """
    tmp_name = None
    try:
        tmp_name = _temp(path, data)
        kept = keep_backup(path, backup) if backup is not None else None
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_dir(_folder(path))
        return kept
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def backups(backup: Path) -> list[Path]:
    """The existing backups of a series, oldest first: `FILE.bak`, `FILE.bak.1`, …"""
    found = []
    for n in range(10_000):
        candidate = backup if n == 0 else Path(f"{backup}.{n}")
        if not os.path.lexists(candidate):
            break
        found.append(candidate)
    return found


def _place(tmp: str, backup: Path) -> Path:
    """Give `tmp` the first free name of the series, never replacing an existing backup."""
    n = len(backups(backup))
    while True:
        target = backup if n == 0 else Path(f"{backup}.{n}")
        try:
            os.link(tmp, target)  # fails if the name is taken: no backup is ever replaced
            os.unlink(tmp)
            return target
        except FileExistsError:
            n += 1
        except OSError:  # no hard links here (FAT): a rename after a check
            if os.path.lexists(target):
                n += 1
                continue
            os.replace(tmp, target)
            return target


def keep_backup(path: Path, backup: Path) -> Path | None:
    """Copy the current content of `path` (if any) to a new backup of the series, owner-only,
    flushed before it gets its name. Returns the backup made."""
    if not path.is_file():
        return None
    tmp = _temp(backup, source=path)
    try:
        return _place(tmp, backup)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def move_to_backup(path: Path, backup: Path) -> Path:
    """Move `path` itself aside as the next backup of the series (nothing existing is replaced)."""
    try:
        return _place(str(path), backup)
    except OSError as exc:
        raise write_error(path, exc) from None


def clean_stale(path: Path) -> None:
    """Remove temporary files of `path`'s name pattern that a killed save left behind."""
    prefix = f".{path.name}."
    limit = time.time() - STALE_AFTER
    with contextlib.suppress(OSError), os.scandir(_folder(path)) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)


def write_error(path: Path, exc: OSError) -> RoueiError:
    """A clear message for a failed write: full disk, read-only or missing folder, no permission."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return RoueiError("file.disk_full", path=str(path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return RoueiError("file.read_only", path=str(path))
    if exc.errno == errno.ENOENT:
        return RoueiError("file.no_folder", path=str(path))
    return RoueiError("file.write_failed", path=str(path), detail=exc.strerror or str(exc))
