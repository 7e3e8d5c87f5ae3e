"""Work run beside the caller: in a forked process where the OS has `fork` (the hashing then has a core
of its own while the caller loads the store and checks the incident file), else in a thread.

`start(work, progress)` runs `work(report)`; `report(done, total)` reaches `progress` in the caller (at
most every 50 ms from a process). `result()` waits and gives what `work` returned, or raises what it
raised (a `RoueiError` as it was; anything else as `RuntimeError` with the worker's traceback).
`cancel()` stops the work: the process is killed, the thread stops at its next report.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from wizard.errors import RoueiError

Progress = Callable[[int, int], None]
EVERY = 0.05  # seconds between the reports a process sends


class _Stopped(Exception):
    """Raised in the worker thread at its next report once the work was cancelled."""


def start(work: Callable[[Progress], Any], progress: Progress | None = None) -> Forked | Threaded:
    if hasattr(os, "fork"):
        return Forked(work, progress)
    return Threaded(work, progress)


class Threaded:
    """The work in a thread of this process (no `fork`: Windows)."""

    def __init__(self, work: Callable[[Progress], Any], progress: Progress | None) -> None:
        self._stop = threading.Event()
        self._outcome: tuple[str, Any] = ("error", RoueiError("evidence.error.stopped"))

        def report(done: int, total: int) -> None:
            if self._stop.is_set():
                raise _Stopped
            if progress is not None:
                progress(done, total)

        def run() -> None:
            try:
                self._outcome = ("result", work(report))
            except BaseException as exc:  # noqa: BLE001  (given back to the caller by result())
                self._outcome = ("raise", exc)

        self._thread = threading.Thread(target=run, name="rouei-apart", daemon=True)
        self._thread.start()

    def result(self) -> Any:
        self._thread.join()
        kind, value = self._outcome
        if kind == "raise":
            raise value
        return value

    def cancel(self) -> None:
        self._stop.set()
        self._thread.join()


class Forked:
    """The work in a forked child, which sends its reports and its outcome back through a pipe."""

    def __init__(self, work: Callable[[Progress], Any], progress: Progress | None) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _child(work, write)  # never returns
        os.close(write)
        self._pid = pid
        self._pipe = os.fdopen(read, "rb")
        self._outcome: tuple[Any, ...] = ("stopped",)
        self._reader = threading.Thread(target=self._read, args=(progress,), name="rouei-apart", daemon=True)
        self._reader.start()

    def _read(self, progress: Progress | None) -> None:
        """Take in the child's reports (drawn as they come, whatever the caller is doing) and its outcome."""
        try:
            while True:
                message = pickle.load(self._pipe)
                if message[0] != "progress":
                    self._outcome = message
                    return
                if progress is not None:
                    progress(message[1], message[2])
        except (EOFError, OSError, pickle.UnpicklingError):
            return  # the child died before it finished (killed, out of memory): "stopped"
        except BaseException as exc:  # noqa: BLE001  (the progress display failed: given back by result())
            self._outcome = ("raise", exc)

    def result(self) -> Any:
        self._end(kill=False)
        kind, *rest = self._outcome
        if kind == "result":
            return rest[0]
        if kind == "error":
            raise RoueiError(rest[0], **rest[1])
        if kind == "crash":
            raise RuntimeError(f"the hashing process failed:\n{rest[0]}")
        if kind == "raise":
            raise rest[0]
        raise RoueiError("evidence.error.stopped")

    def cancel(self) -> None:
        self._end(kill=True)

    def _end(self, *, kill: bool) -> None:
        """Wait for the reader (the child's outcome, or the end of the pipe once it is killed), then reap it."""
        if self._pid is None:
            return
        if kill:
            os.kill(self._pid, signal.SIGKILL)
        try:
            self._reader.join()
        finally:
            if not kill and self._reader.is_alive():  # interrupted while waiting (Ctrl+C)
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
            self._pipe.close()


def _child(work: Callable[[Progress], Any], fd: int) -> None:
    """The forked child: run the work, send its reports and outcome, and leave without running anything
    of the parent's (no `finally`, no exit handlers, no buffers flushed twice)."""
    code = 0
    gc.disable()  # a short life: no collection to run, nor pages shared with the parent to copy for it
    try:
        out = os.fdopen(fd, "wb")
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= EVERY or (total is not None and done >= total):
                last[0] = now
                pickle.dump(("progress", done, total), out)
                out.flush()

        try:
            message: tuple[Any, ...] = ("result", work(report))
        except RoueiError as exc:
            message = ("error", exc.key, exc.params)
        except KeyboardInterrupt:
            raise
        except BaseException:  # noqa: BLE001  (a defect: its traceback goes to the parent)
            import traceback

            message = ("crash", traceback.format_exc())
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
    except BaseException:  # noqa: BLE001  (the parent left, or Ctrl+C: nothing more to say)
        code = 1
    finally:
        os._exit(code)
