"""Shared by the store tests: a fixed clock, two responders, and small helpers on files."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wizard.store import Responder

JST = timezone(timedelta(hours=9))
START = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
YAMADA = Responder("山田", "情報システム")
SATO = Responder("佐藤", "総務")


class Clock:
    """A clock that moves one minute on every reading."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now
