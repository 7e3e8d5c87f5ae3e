"""Who has an incident open for writing: a lock file beside it, the same on Windows and POSIX.

`<file>.lock` is created with O_CREAT|O_EXCL (atomic on local disks, SMB shares and USB sticks) and
holds the holder's name, role, host, process id and since when. A lock whose process is gone (same
host) or that cannot be read is *stale*; taking over any lock needs `force`, which the command line
asks for (stale) or takes from `--force`.
"""

from __future__ import annotations

import os
import socket
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomli_w

from wizard import clock
from wizard.atomic import write_error
from wizard.errors import RoueiError
from wizard.store.events import Responder, event_time
from wizard.store.errors import StoreError
from wizard.store.files import lock_path, read_bytes

TAKEOVER_TRIES = 1000


@dataclass(frozen=True)
class Holder:
    """Whoever the lock file names."""

    name: str
    role: str
    host: str
    pid: int
    since: datetime


class LockHeld(RoueiError):
    """Someone else has the file open for writing; `holder` is None when the lock file is unreadable."""

    def __init__(self, path: Path, holder: Holder | None, stale: bool) -> None:
        if holder is None:
            super().__init__("store.lock.held_unknown", path=str(path))
        else:
            super().__init__("store.lock.held", path=str(path), name=holder.name, host=holder.host,
                             pid=holder.pid, since=clock.show(holder.since))
        self.path = path
        self.holder = holder
        self.stale = stale


LOCK_BYTES = 64 * 1024  # a lock file is a few lines; anything larger is not one of ours


def _lock_text(incident: Path) -> str | None:
    """The lock file's text; None when there is none, or it is no regular file (a FIFO would block)
    or too large or not UTF-8."""
    try:
        return read_bytes(lock_path(incident), LOCK_BYTES).decode("utf-8")
    except (StoreError, UnicodeDecodeError):
        return None


def read_holder(incident: Path) -> Holder | None:
    """The holder the lock of `incident` names; None when there is no lock or it cannot be read."""
    text = _lock_text(incident)
    if text is None:
        return None
    try:
        raw = tomllib.loads(text)
        if not isinstance(raw["since"], datetime) or not isinstance(raw["pid"], int):
            return None
        return Holder(name=str(raw["name"]), role=str(raw.get("role", "")), host=str(raw["host"]),
                      pid=raw["pid"], since=raw["since"])
    except (tomllib.TOMLDecodeError, RecursionError, KeyError, TypeError, ValueError):
        return None


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (True when that cannot be told)."""
    if not 0 < pid < 2**31:  # no process has such an id (and os.kill would overflow)
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def is_stale(holder: Holder | None) -> bool:
    """A lock nobody can hold any more: unreadable, or its process gone from this very computer."""
    if holder is None:
        return True
    return holder.host == socket.gethostname() and not process_alive(holder.pid)


class Lock:
    """The write lock of one incident file. `with Lock(path, responder).acquire(): …` releases it after."""

    def __init__(self, incident: Path, responder: Responder, now: datetime | None = None) -> None:
        self.incident = incident
        self.path = lock_path(incident)
        self._body = tomli_w.dumps({
            "name": responder.name, "role": responder.role, "host": socket.gethostname(), "pid": os.getpid(),
            "since": event_time(now),
        })
        self.held = False

    def acquire(self, *, force: bool = False) -> Lock:
        """Take the lock, or raise `LockHeld` naming the holder; `force` takes it over (from whoever
        holds it by then: several responders forcing at once each get it in turn)."""
        for _ in range(TAKEOVER_TRIES):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if not force:
                    holder = read_holder(self.incident)
                    raise LockHeld(self.incident, holder, is_stale(holder)) from None
                self._remove()
                continue
            except OSError as exc:
                raise write_error(self.incident, exc) from None
            try:
                os.write(fd, self._body.encode("utf-8"))
                os.fsync(fd)
            except OSError as exc:
                os.close(fd)
                self._remove()
                raise write_error(self.incident, exc) from None
            os.close(fd)
            self.held = True
            return self
        holder = read_holder(self.incident)
        raise LockHeld(self.incident, holder, is_stale(holder))

    def taken_over(self) -> bool:
        """Whether someone took the lock over from us (`read_holder` tells who)."""
        if self.held and _lock_text(self.incident) != self._body:
            self.held = False
        return not self.held

    def release(self) -> None:
        """Remove the lock if it is still this one (a responder who took it over keeps theirs)."""
        if not self.held:
            return
        self.held = False
        if _lock_text(self.incident) == self._body:
            try:
                self._remove()
            except RoueiError:
                pass

    def _remove(self) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise write_error(self.path, exc) from None

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
