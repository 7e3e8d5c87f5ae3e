"""Who has an incident open for writing: a lock file beside it, the same on Windows and POSIX.

`<file>.lock` is created with O_CREAT|O_EXCL (atomic on local disks, SMB shares and USB sticks) and
holds the holder's name, role, host, process id and since when. A lock whose process is gone from this
very computer is cleared on the way (`Lock.cleared` names whom it named, to say so). A lock that cannot
be read is *stale*; taking it or anyone's live lock over needs `force`, which the command line asks for
(stale) or takes from `--force`.

A process holding a lock lets it go when it is told to end (SIGHUP: its terminal window was closed;
SIGTERM): `release_all()` runs first, then the signal does what it would have done.
"""

from __future__ import annotations

import os
import signal
import socket
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from weakref import WeakSet

import tomli_w

from wizard.atomic import write_error
from wizard.clock import show
from wizard.errors import RoueiError
from wizard.i18n import t
from wizard.printable import shown
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
                             pid=holder.pid, since=show(holder.since))
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
    return _holder(_lock_text(incident))


def _holder(text: str | None) -> Holder | None:
    if text is None:
        return None
    try:
        raw = tomllib.loads(text)
        if not isinstance(raw["since"], datetime) or not isinstance(raw["pid"], int):
            return None
        return Holder(name=shown(str(raw["name"])), role=shown(str(raw.get("role", ""))),
                      host=shown(str(raw["host"])), pid=raw["pid"], since=raw["since"])  # a file anyone may write
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


def cleared_note(incident: Path, holder: Holder) -> str:
    """What to tell the user about a lock cleared on the way."""
    return t("store.lock.cleared", path=str(incident), name=holder.name, pid=holder.pid, since=show(holder.since))


def gone(holder: Holder | None) -> bool:
    """A lock written by a process of this computer that has ended (a window closed, a crash): nobody to
    ask, so it is cleared without asking. An id no process can have is no lock of ours: not this."""
    return holder is not None and 0 < holder.pid < 2**31 and holder.host == socket.gethostname() \
        and not process_alive(holder.pid)


class Lock:
    """The write lock of one incident file. `with Lock(path, responder).acquire(): …` releases it after."""

    held_here: WeakSet[Lock] = WeakSet()  # the locks this process holds, for release_all()

    def __init__(self, incident: Path, responder: Responder, now: datetime | None = None) -> None:
        self.incident = incident
        self.path = lock_path(incident)
        self._body = tomli_w.dumps({
            "name": responder.name, "role": responder.role, "host": socket.gethostname(), "pid": os.getpid(),
            "since": event_time(now),
        })
        self.held = False
        self.cleared: Holder | None = None  # whom a lock cleared on the way named (its process had ended)

    def acquire(self, *, force: bool = False) -> Lock:
        """Take the lock, or raise `LockHeld` naming the holder; `force` takes it over (from whoever
        holds it by then: several responders forcing at once each get it in turn). A lock whose process
        has ended on this computer is cleared without `force` (`cleared` then names its holder)."""
        for _ in range(TAKEOVER_TRIES):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if force:
                    self._remove()
                    continue
                text = _lock_text(self.incident)
                holder = _holder(text)
                if gone(holder):
                    if _lock_text(self.incident) == text:  # still that one (not one just taken anew)
                        self._remove()
                        self.cleared = holder
                    continue
                raise LockHeld(self.incident, holder, is_stale(holder)) from None
            except OSError as exc:
                raise write_error(self.incident, exc) from None
            self.held = True  # held from its creation: a signal that ends the process while the
            Lock.held_here.add(self)  # body is written (fsync can take a while) still removes it
            try:
                os.write(fd, self._body.encode("utf-8"))
                os.fsync(fd)
            except OSError as exc:
                os.close(fd)
                self.release()
                raise write_error(self.incident, exc) from None
            os.close(fd)
            _release_on_signals()
            return self
        holder = read_holder(self.incident)
        raise LockHeld(self.incident, holder, is_stale(holder))

    def taken_over(self) -> bool:
        """Whether someone took the lock over from us (`read_holder` tells who)."""
        if self.held and _lock_text(self.incident) != self._body:
            self.held = False
            Lock.held_here.discard(self)
        return not self.held

    def release(self) -> None:
        """Remove the lock if it is still this one (a responder who took it over keeps theirs)."""
        if not self.held:
            return
        self.held = False
        Lock.held_here.discard(self)
        text = _lock_text(self.incident)
        if text is not None and self._body.startswith(text):  # this one, whole or still being written
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


def release_all() -> None:
    """Release every lock this process holds (it is about to end)."""
    for lock in list(Lock.held_here):
        lock.release()


ENDING = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


def _release_on_signals() -> None:
    """From the first lock on: SIGHUP and SIGTERM release the locks, then end the process as they would
    have. A handler someone else set (the TUI's, which also closes the screen cleanly) is left alone."""
    for number in ENDING:
        try:
            if signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, _ended)
        except ValueError:  # not the main thread: whoever runs there decides
            return


def _ended(number: int, frame: object) -> None:
    release_all()
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)
