"""Errors about an incident file. A hint (where a sound backup is) can follow the message."""

from __future__ import annotations

from wizard.errors import RoueiError


class StoreError(RoueiError):
    """A file that cannot be read as an incident; `hint`, when set, is printed after the message."""

    hint = ""

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}\n{self.hint}" if self.hint else text


class IntegrityError(StoreError):
    """The file was altered after rouei wrote it (exit 1: a check found a problem)."""

    exit_code = 1
