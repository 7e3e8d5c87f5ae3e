"""What a flows folder may hold, read and copied without trusting it.

A rule folder comes from outside (a USB stick, an e-mail): it is walked before any file in it is read.
Only regular files and folders count; a link (symbolic link, Windows junction) or a special file (a
pipe, a device) is a problem, never followed, so a link loop or a link to a file elsewhere on the disk
cannot make rouei read or copy what is not in the folder. Sizes are capped, and a TOML file nested
deeper than any rule needs is refused before a validator or the engine recurses into it.
Names that start with "." and `__pycache__` folders are not part of a rule set and are skipped.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FILE = 1 << 20  # bytes in one file (the largest bundled file is under 40 KiB)
MAX_TOTAL = 16 << 20  # bytes in the whole folder
MAX_ENTRIES = 1000  # files and folders
MAX_DEPTH = 4  # folders below the top (the bundled rules use 1)
MAX_NESTING = 32  # tables and arrays inside each other in one TOML file (the bundled rules use under 10)


@dataclass(frozen=True)
class Trouble:
    """Something wrong with a file before its content is read: its path in the folder and what is wrong."""

    file: str
    message: str


def skipped(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def walk(root: Path) -> tuple[list[Path], list[Trouble]]:
    """The regular files under `root` (relative paths, sorted) and what keeps the folder from being read.

    `root` itself may be a link (the folder a user named); nothing inside it is followed."""
    files: list[Path] = []
    troubles: list[Trouble] = []
    total = entries = 0
    todo = [(Path(), 0)]
    while todo:
        rel, depth = todo.pop()
        try:
            with os.scandir(root / rel) as listing:
                found = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            troubles.append(Trouble(rel.as_posix() or ".", f"cannot be read: {exc.strerror or exc}"))
            continue
        for entry in found:
            if skipped(entry.name):
                continue
            path = rel / entry.name
            name = path.as_posix()
            entries += 1
            if entries > MAX_ENTRIES:
                return [], [Trouble(".", f"more than {MAX_ENTRIES} files and folders: not a rule folder")]
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                troubles.append(Trouble(name, f"cannot be read: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(info.st_mode) or _is_junction(entry):
                troubles.append(Trouble(name, "is a link: rouei does not follow links in a rule folder; "
                                              "put the file itself there"))
            elif stat.S_ISDIR(info.st_mode):
                if depth + 1 > MAX_DEPTH:
                    troubles.append(Trouble(name, f"folders nested more than {MAX_DEPTH} deep"))
                else:
                    todo.append((path, depth + 1))
            elif not stat.S_ISREG(info.st_mode):
                troubles.append(Trouble(name, "is not a regular file (a pipe, socket or device)"))
            elif info.st_size > MAX_FILE:
                troubles.append(Trouble(name, f"is {info.st_size:,} bytes; a rule file holds at most {MAX_FILE:,}"))
            else:
                total += info.st_size
                files.append(path)
    if total > MAX_TOTAL:
        troubles.append(Trouble(".", f"holds {total:,} bytes; a rule folder holds at most {MAX_TOTAL:,}"))
    return sorted(files), troubles


def _is_junction(entry: os.DirEntry) -> bool:
    is_junction = getattr(entry, "is_junction", None)  # Python 3.12+; junctions exist on Windows only
    return bool(is_junction and is_junction())


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing a link or a special file put in its place since the walk, and a file
    grown past `MAX_FILE` (raises OSError or ValueError)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValueError("is not a regular file")
        data = fh.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise ValueError(f"is larger than {MAX_FILE:,} bytes")
    return data


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file of a rule folder, parsed, within the caps. Raises OSError, ValueError (including
    UnicodeDecodeError and tomllib.TOMLDecodeError) with a message fit for a user."""
    return parse_toml(read_bytes(path).decode("utf-8"))


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text parsed within the nesting cap. Raises ValueError (including tomllib.TOMLDecodeError)."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ValueError(f"nested too deeply (tables or arrays more than {MAX_NESTING} levels inside each other)") from None
    if _nesting(data) > MAX_NESTING:
        raise ValueError(f"nested too deeply (tables or arrays more than {MAX_NESTING} levels inside each other)")
    return data


def _nesting(data: Any) -> int:
    """How deep tables and arrays sit inside each other (without recursion)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        todo.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def copy(root: Path, files: list[Path], target: Path) -> None:
    """Copy the walked `files` of `root` into the new folder `target`, each read as `read_bytes` reads it."""
    target.mkdir()
    for rel in files:
        data = read_bytes(root / rel)
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data)
