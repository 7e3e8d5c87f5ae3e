"""Atomic file writes: a temporary file in the same folder, flushed, fsynced and renamed into place."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from wizard.errors import RoueiError


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, private: bool = True, backup: Path | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, never a mix.

    `private` limits the file to its owner where the OS supports it (0600 on POSIX).
    `backup`, when given, receives the version being replaced (see `keep_backup`).
    A full disk, a read-only folder or a missing folder raises `RoueiError` naming the path;
    the file already at `path` is left untouched.
    """
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if private and os.name == "posix":
            os.chmod(tmp_name, 0o600)
        if backup is not None:
            keep_backup(path, backup)
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_dir(folder)
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def keep_backup(path: Path, backup: Path) -> None:
    """Make `backup` the current content of `path` (if any), atomically: a hard link where the file
    system has them, else a flushed copy. A crash leaves the old backup or the new one, never half."""
    if not path.is_file():
        return
    tmp = backup.with_name(f".{backup.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        try:
            os.link(path, tmp)
        except OSError:
            with open(path, "rb") as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
            if os.name == "posix":
                os.chmod(tmp, 0o600)
        os.replace(tmp, backup)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_error(path: Path, exc: OSError) -> RoueiError:
    """A clear message for a failed write: full disk, read-only or missing folder, no permission."""
    import errno

    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return RoueiError("file.disk_full", path=str(path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return RoueiError("file.read_only", path=str(path))
    if exc.errno == errno.ENOENT:
        return RoueiError("file.no_folder", path=str(path))
    return RoueiError("file.write_failed", path=str(path), detail=exc.strerror or str(exc))
