"""Shared by the evidence tests."""

from __future__ import annotations

ODD_NAMES = ["日本語の名前.log", "スペース と　全角.txt", "new\nline.txt", "-dash", "$(echo x)"]
