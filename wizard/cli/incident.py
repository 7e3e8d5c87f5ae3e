"""Incident-file commands: new, open, answer, log, verify, merge (design.md, "Commands")."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from wizard.domain.vocabulary import FACT_KEYS
from wizard.i18n import get_lang, t


def _parser(sub, common, name: str, run) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, parents=[common], help=t(f"cli_incident.{name}.help"),
                            description=t(f"cli_incident.{name}.description"),
                            epilog=t(f"cli_incident.{name}.epilog", keys=" ".join(FACT_KEYS)),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run)
    return parser


def _file(parser: argparse.ArgumentParser, dest: str = "file", metavar: str = "FILE") -> None:
    parser.add_argument(dest, type=Path, metavar=metavar, help=t("cli_incident.opt.file"))


def _by(parser: argparse.ArgumentParser, *, role: bool = True) -> None:
    parser.add_argument("--by", metavar="NAME", help=t("cli_incident.opt.by"))
    if role:
        parser.add_argument("--role", metavar="ROLE", help=t("cli_incident.opt.role"))


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help=t("cli_incident.opt.force"))


def add_new(sub, common) -> None:
    parser = _parser(sub, common, "new", run_new)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=t("cli_incident.new.output_help"))
    _by(parser)
    parser.add_argument("--title", default="", metavar="TEXT", help=t("cli_incident.new.title_help"))
    parser.add_argument("--exercise", action="store_true", help=t("cli_incident.new.exercise_help"))
    parser.add_argument("--mask", action="store_true", help=t("cli_incident.new.mask_help"))
    parser.add_argument("--no-open", action="store_true", help=t("cli_incident.new.no_open_help"))


def add_open(sub, common) -> None:
    parser = _parser(sub, common, "open", run_open)
    _file(parser)
    _by(parser, role=False)


def add_answer(sub, common) -> None:
    parser = _parser(sub, common, "answer", run_answer)
    _file(parser)
    parser.add_argument("assignments", nargs="+", metavar="KEY=VALUE", help=t("cli_incident.answer.kv_help"))
    _by(parser)
    _force(parser)


def add_log(sub, common) -> None:
    parser = _parser(sub, common, "log", run_log)
    _file(parser)
    parser.add_argument("--brief", action="store_true", help=t("cli_incident.log.brief_help"))
    _by(parser, role=False)


def add_verify(sub, common) -> None:
    _file(_parser(sub, common, "verify", run_verify))


def add_merge(sub, common) -> None:
    parser = _parser(sub, common, "merge", run_merge)
    _file(parser, "a", "A")
    _file(parser, "b", "B")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                        help=t("cli_incident.merge.output_help"))
    _by(parser, role=False)
    _force(parser)


# ---- who is working -----------------------------------------------------------------------------

def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _saved():
    from wizard.settings import load_settings

    return load_settings()


def responder(args):
    """`--by`/`--role`, else the saved name and role; asked for on a terminal, else a clear error."""
    from wizard.errors import RoueiError
    from wizard.store import Responder

    saved = _saved()
    name = (args.by or saved.name or "").strip()
    if not name and _interactive():
        name = input(t("cli_incident.ask_name")).strip()
    if not name:
        raise RoueiError("cli_incident.no_name")
    return Responder(name, (getattr(args, "role", None) or saved.role or "").strip())


def _locked(take, force: bool):
    """`take(force)`: open or lock a file for writing. A stale lock is taken over after a yes on the
    terminal; any other lock is a clear error naming its holder."""
    from wizard.errors import RoueiError
    from wizard.store import LockHeld

    try:
        return take(force)
    except LockHeld as held:
        if held.stale and not force and _interactive():
            answer = input(t("cli_incident.lock.ask_takeover", message=str(held))).strip().lower()
            if answer in ("y", "yes", "はい"):
                return take(True)
        raise RoueiError("cli_incident.lock.stale" if held.stale else "cli_incident.lock.held",
                         message=str(held)) from None


def _print_conflicts(console, conflicts, path: Path) -> None:
    from rich.markup import escape

    from wizard.store.describe import conflict_text

    if not conflicts:
        return
    console.print(f"[bold red]{t('store.brief.conflicts')}[/]")
    for conflict in conflicts:
        console.print(f"  ! {escape(conflict_text(conflict))}")
    console.print(t("cli_incident.resolve_hint", path=str(path)), style="dim")


# ---- commands -----------------------------------------------------------------------------------

def run_new(args) -> int:
    from wizard.cli.console import out
    from wizard.errors import RoueiError
    from wizard.store import Incident, PersonalDataFound
    from wizard.store.guard import screen

    who = responder(args)
    path = args.output or Path(f"{'exercise' if args.exercise else 'incident'}-{datetime.now():%Y%m%d-%H%M}.toml")
    try:
        title = screen(args.title.strip(), "title", masked=args.mask)
    except PersonalDataFound as found:
        raise RoueiError("cli_incident.new.refused", message=str(found)) from None
    incident = Incident.create(path, who, title=title, exercise=args.exercise)
    console = out()
    if title != args.title.strip():
        console.print(t("cli_incident.new.masked", title=title))
    console.print(t("cli_incident.new.created", path=str(path), fingerprint=incident.fingerprint))
    if args.no_open:  # the command-line next step means nothing once the TUI opens
        console.print(t("cli_incident.new.next", path=str(path), name=who.name), style="dim")
        return 0
    from wizard.tui import run

    return run(path, by=who.name, lang=get_lang())


def run_open(args) -> int:
    from wizard.errors import RoueiError

    if not args.file.is_file():
        raise RoueiError("file.not_found", path=str(args.file))
    from wizard.tui import run

    return run(args.file, by=(args.by or _saved().name or None), lang=get_lang())


def run_answer(args) -> int:
    from rich.markup import escape

    from wizard.cli.console import out
    from wizard.domain.facts import parse_assignment
    from wizard.store import Incident
    from wizard.store.describe import fact_value

    answers = [parse_assignment(text) for text in args.assignments]
    who = responder(args)
    console = out()
    with _locked(lambda force: Incident.open_for_writing(args.file, who, force=force), args.force) as incident:
        before = {c["fact"] for c in incident.conflict_list()}
        for key, value in answers:
            incident.answer(key, value, who)
            console.print(t("cli_incident.answer.recorded", fact=escape(t(f"fact.{key}")),
                            value=escape(fact_value(key, value))))
        conflicts = incident.conflict_list()
        for key in sorted(before - {c["fact"] for c in conflicts}):
            console.print(t("cli_incident.answer.resolved", fact=escape(t(f"fact.{key}"))))
        _print_conflicts(console, conflicts, args.file)
        console.print(t("cli_incident.fingerprint", fingerprint=incident.fingerprint), style="dim")
    return 0


def run_log(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from wizard.cli.console import out
    from wizard.store import Incident
    from wizard.store.describe import describe, when, who

    incident = Incident.load(args.file)
    console = out()
    title = incident.title or t("store.event.untitled")
    if incident.exercise:
        title = t("cli_incident.exercise_mark") + title
    console.print(f"[bold]{escape(title)}[/]  [dim]{escape(str(args.file))}[/]")
    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    for column in ("when", "who", "what"):
        table.add_column(t(f"cli_incident.log.col_{column}"), overflow="fold")
    for number, event in enumerate(incident.events, 1):
        table.add_row(str(number), when(event.at), escape(who(event)), escape(describe(event)))
    console.print(table)
    _print_conflicts(console, incident.conflict_list(), args.file)
    console.print(t("cli_incident.log.summary", count=len(incident.events), fingerprint=incident.fingerprint),
                  style="dim")
    if args.brief:
        _print_brief(console, incident, (args.by or _saved().name or "").strip())
    return 0


def _set_aside_if_unreadable(console, path: Path) -> None:
    """An OUT that is no incident any more (e.g. with git's conflict markers) is moved to OUT.bak
    rather than merged into, so that merging can replace it; anything readable is merged in."""
    import os

    from wizard.atomic import write_error
    from wizard.store import Incident, StoreError
    from wizard.store.files import backup_path

    if not path.is_file():
        return
    try:
        Incident.load(path)
    except StoreError as exc:
        exc.hint = ""  # the backup it would point to is about to be replaced
        try:
            os.replace(path, backup_path(path))
        except OSError as os_error:
            raise write_error(path, os_error) from None
        console.print(t("cli_incident.merge.set_aside", backup=str(backup_path(path)), reason=str(exc)))


def _print_brief(console, incident, name: str) -> None:
    from rich.markup import escape
    from rich.rule import Rule

    from wizard.store.brief import brief_lines

    brief = incident.brief(name)
    console.print()
    console.print(Rule(t("cli_incident.brief.title", name=escape(name)) if name else t("cli_incident.brief.title_all")))
    for line in brief_lines(brief):
        console.print(escape(line))
    if brief.conflicts:
        console.print(t("cli_incident.resolve_hint", path=str(incident.path)), style="dim")


def run_verify(args) -> int:
    from wizard.cli.console import out
    from wizard.store import Incident
    from wizard.store.describe import when

    incident = Incident.load(args.file)
    events = incident.events
    out().print(t("cli_incident.verify.ok", path=str(args.file), count=len(events), first=when(events[0].at),
                  last=when(events[-1].at), heads=len(incident.heads)))
    out().print(t("cli_incident.fingerprint", fingerprint=incident.fingerprint))
    out().print(t("cli_incident.verify.full", fingerprint=incident.fingerprint_full), style="dim")
    return 0


def run_merge(args) -> int:
    from wizard.cli.console import out
    from wizard.store import Incident, Lock, Responder

    a, b = Incident.load(args.a), Incident.load(args.b)
    merged = Incident.merge(a, b, args.output)
    holder = Responder((args.by or _saved().name or "").strip() or "rouei merge")
    console = out()
    with _locked(lambda force: Lock(args.output, holder).acquire(force=force), args.force):
        _set_aside_if_unreadable(console, args.output)
        merged.save()
    a_ids, b_ids = {e.id for e in a.events}, {e.id for e in b.events}
    console.print(t("cli_incident.merge.done", path=str(args.output), a=str(args.a), b=str(args.b),
                    only_a=len(a_ids - b_ids), only_b=len(b_ids - a_ids), count=len(merged.events)))
    _print_conflicts(console, merged.conflict_list(), args.output)
    console.print(t("cli_incident.fingerprint", fingerprint=merged.fingerprint), style="dim")
    return 0

