"""Errors a user can cause: each names what and where, says how to fix it, and maps to an exit code."""

from __future__ import annotations

from wizard.i18n import t


class RoueiError(Exception):
    """A clean, translated error. `exit_code` 2 is bad input or usage (design.md, exit codes)."""

    exit_code = 2

    def __init__(self, message_key: str, /, **params: object) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    def __str__(self) -> str:
        return t(self.key, **self.params)


class FactError(RoueiError):
    """A fact key or value that is not in the vocabulary."""
