"""Shared by the evidence tests."""

from __future__ import annotations

ODD_NAMES = ["日本語の名前.log", "スペース と　全角.txt", "new\nline.txt", "-dash", "$(echo x)"]


def deny_reading(monkeypatch, suffix: str) -> None:
    """Make every file whose path ends in `suffix` unreadable, as chmod 000 would for a non-root user."""
    import os

    from wizard.evidence import hashing

    real_open = hashing.os.open

    def guarded(path, *args, **kw):
        if os.fspath(path).endswith(suffix):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kw)

    monkeypatch.setattr(hashing.os, "open", guarded)
