"""One responder working on one incident in the TUI: the lock held while open, every change saved at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from wizard.domain.engine import Determination, assess
from wizard.domain.flows import Question
from wizard.domain.vocabulary import FACTS
from wizard.domain.walk import Answer
from wizard.errors import RoueiError
from wizard.store import Incident, LockHeld, Responder
from wizard.store.events import stored_value

__all__ = ["LockHeld", "Session", "open_session"]


class Session:
    """The TUI's handle on an incident: answers with the question they came from, ticks, notes."""

    def __init__(self, incident: Incident, responder: Responder, clock: Callable[[], datetime],
                 profile: Any = None) -> None:
        self.incident = incident
        self.responder = responder
        self.clock = clock
        self.profile = profile  # the responder's own firm profile (wizard.profile), if any

    @property
    def path(self) -> Path:
        return self.incident.path

    @property
    def title(self) -> str:
        return self.incident.title

    @property
    def exercise(self) -> bool:
        return self.incident.exercise

    @property
    def read_only(self) -> bool:
        """Opened read-only, or someone took the file over since (then nothing more is written from here)."""
        self.check_lock()
        return self.incident.read_only

    def check_lock(self) -> bool:
        """Whether someone took the file over just now (the lock file names them): the incident turns
        read-only, so that the store refuses every change from here."""
        if self.incident.read_only or not self.incident.lock_taken_over():
            return False
        self.incident.read_only = True
        return True

    def answers(self) -> dict[str, Answer]:
        """Each answered fact (「分からない」 included, conflicts left out) with the question that set it last."""
        current = self.incident.answers()
        conflicted = {c["fact"] for c in self.incident.conflict_list()}
        last_question: dict[str, str | None] = {}
        for event in self.incident.events:
            if event.kind == "answer":
                last_question[event.data.get("fact")] = event.data.get("question")
        return {fact: Answer(current.get(fact), question) for fact, question in last_question.items()
                if fact in FACTS and fact not in conflicted}

    def answer(self, question: Question, value: Any) -> None:
        """Record `value` (None: 「分からない」) for the question's fact, and any facts its choice sets too."""
        self.check_lock()
        data = {"fact": question.fact, "value": stored_value(value), "question": question.id}
        self.incident.append("answer", data, self.responder, self.clock())
        for choice in question.choices:
            if choice.value == value and choice.sets:
                for fact, extra in choice.sets.items():
                    self.incident.append("answer", {"fact": fact, "value": extra, "question": question.id},
                                         self.responder, self.clock())

    def tick(self, item: str, done: bool) -> None:
        self.check_lock()
        self.incident.tick(item, self.responder, done=done, now=self.clock())

    def note(self, text: str) -> None:
        self.check_lock()
        self.incident.note(text, self.responder, now=self.clock())

    def ticks(self):
        return self.incident.ticks()

    def conflicts(self) -> list[dict]:
        return self.incident.conflict_list()

    def determination(self, *, explain: bool = False) -> Determination | None:
        """The determination, or None while 知った日時 is not answered yet (or is a date rouei has no rules for)."""
        from wizard.profile.contacts import with_profile

        try:
            return with_profile(assess(self.incident.facts_for_assess(), explain=explain), self.profile)
        except RoueiError:
            return None

    def timeline(self) -> list[str]:
        """Who did what, when: one line per event."""
        from wizard.clock import show
        from wizard.timeline import describe, who

        return [f"{show(e.at)}  {who(e)}  {describe(e)}" for e in self.incident.events]

    def needs_brief(self) -> bool:
        """Whether others worked on the incident since this responder last did (or they are new to it)."""
        return bool(self.incident.brief(self.responder.name, self.clock()).changes)

    def close(self) -> None:
        self.incident.close()


def open_session(path: Path, name: str, role: str, *, clock: Callable[[], datetime], new: bool = False,
                 title: str = "", read_only: bool = False, take_over: bool = False) -> Session:
    """Create or open the incident at `path`; raises `LockHeld` when someone else has it open.
    A new incident starts from the responder's profile when there is one (`wizard.profile.start`)."""
    from wizard.profile import start

    responder = Responder(name, role)
    profile = start.usable()
    if new:
        created = Incident.create(path, responder, title=title, now=clock(),
                                  profile=start.stamp(profile) if profile else None)
        if profile is not None:
            start.record(created, profile, responder, clock())
        created.close()
    if read_only:
        incident = Incident.load(path, read_only=True)
    else:
        incident = Incident.open_for_writing(path, responder, force=take_over, now=clock())
    return Session(incident, responder, clock, profile)
