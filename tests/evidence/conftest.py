"""Evidence trees for the tests: nested folders, Japanese and odd names, links, a loop, a FIFO."""

from __future__ import annotations

import os

import pytest

from .helpers import ODD_NAMES


@pytest.fixture
def tree(tmp_path):
    """A folder with nested files, odd names, a link loop and (on POSIX) a FIFO and a non-UTF-8 name."""
    root = tmp_path / "証拠 logs"
    (root / "app" / "2026-11").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "app" / "access.log").write_bytes(b"GET /\n" * 100)
    (root / "app" / "2026-11" / "20.log").write_bytes(b"login failed\n")
    for i, name in enumerate(ODD_NAMES):
        (root / name).write_bytes(f"{i}\n".encode())
    if os.name == "posix":
        (root / "app" / "up").symlink_to("..")  # a loop if followed
        (root / "self").symlink_to("self")  # a link to itself
        os.mkfifo(root / "pipe")
        (root / os.fsdecode(b"latin1-\xe9.txt")).write_bytes(b"bytes\n")
    return root


@pytest.fixture
def incident(tmp_path):
    """A new incident file beside the tree (not inside it)."""
    from wizard.store import Incident, Responder

    return Incident.create(tmp_path / "incident.toml", Responder("山田"), title="テスト")
