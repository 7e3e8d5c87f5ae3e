"""Incident-file commands: new, open, answer, log, verify, merge (being built; see issue 3)."""

from __future__ import annotations


def _pending(sub, common, name: str) -> None:
    from wizard.errors import RoueiError

    def run(_args):
        raise RoueiError("cli.not_ready", command=name)

    parser = sub.add_parser(name, parents=[common])
    parser.set_defaults(run=run)


def add_new(sub, common):
    _pending(sub, common, "new")


def add_open(sub, common):
    _pending(sub, common, "open")


def add_answer(sub, common):
    _pending(sub, common, "answer")


def add_log(sub, common):
    _pending(sub, common, "log")


def add_verify(sub, common):
    _pending(sub, common, "verify")


def add_merge(sub, common):
    _pending(sub, common, "merge")
