"""The incident file on disk: reading TOML cleanly, writing it as blocks, saving atomically with a backup.

The text is the header (`format`, `schema`, `heads`) followed by one `[[events]]` block per event, in
canonical order. Each block depends only on its event, so blocks are rendered once and cached.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from pathlib import Path

import tomli_w

from wizard.atomic import atomic_write
from wizard.store.errors import StoreError
from wizard.store.events import Event

FORMAT = "rouei-incident"
SCHEMA = 1
BANNER = "# rouei incident file (インシデントファイル). Edits are detected: see docs/incident-file.md\n"
_BLOCK = "[[events]]\n"

Stamp = tuple[int, int, int]  # inode, size, modification time: what tells that a file changed


def read_toml(path: Path) -> dict:
    """A TOML file as a dict; every failure is a clean `RoueiError` naming the file."""
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise StoreError("file.not_found", path=str(path)) from None
    except IsADirectoryError:
        raise StoreError("file.is_directory", path=str(path)) from None
    except PermissionError:
        raise StoreError("file.no_permission", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise StoreError("file.not_utf8", path=str(path), offset=exc.start) from None
    except tomllib.TOMLDecodeError as exc:
        raise StoreError("file.bad_toml", path=str(path), detail=str(exc)) from None
    except OSError as exc:
        raise StoreError("store.error.unreadable", path=str(path), detail=exc.strerror or str(exc)) from None


def backup_path(path: Path) -> Path:
    return Path(f"{path}.bak")


def lock_path(path: Path) -> Path:
    return Path(f"{path}.lock")


def render_events(events: Sequence[Event]) -> list[str]:
    """Each event's `[[events]]` block (ending in one newline), from a single tomli-w call."""
    if not events:
        return []
    text = tomli_w.dumps({"events": [e.table() for e in events]})
    parts = text.split("\n\n" + _BLOCK)
    blocks = [parts[0]] + [_BLOCK + part for part in parts[1:]]
    return [b if b.endswith("\n") else b + "\n" for b in blocks]


def document(heads: Sequence[str], blocks: Sequence[str]) -> str:
    """The whole file: banner, header, then the event blocks separated by blank lines."""
    header = tomli_w.dumps({"format": FORMAT, "schema": SCHEMA, "heads": list(heads)})
    return BANNER + header + "\n" + "\n".join(blocks)


def event_line(path: Path, number: int) -> int | None:
    """The line of the `number`-th (1-based) `[[events]]` header in the file, if it can be found."""
    try:
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    seen = 0
    for i, line in enumerate(lines, 1):
        if line.strip() == _BLOCK.strip():
            seen += 1
            if seen == number:
                return i
    return None


def stamp(path: Path) -> Stamp | None:
    """What identifies the file's current version on disk (None when there is no file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def save(path: Path, text: str) -> Stamp | None:
    """Write `text` atomically, keeping the previous version as `<file>.bak`, owner-only."""
    atomic_write(path, text.encode("utf-8"), backup=backup_path(path))
    return stamp(path)
