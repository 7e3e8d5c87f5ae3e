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
    from wizard.cli.profile import profile_option

    profile_option(parser)
    parser.add_argument("--no-profile", action="store_true", help=t("cli_profile.new.no_profile_help"))


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
    parser.add_argument("--last", type=_count, metavar="N", help=t("cli_incident.log.last_help"))
    parser.add_argument("--since", type=_moment, metavar="DATETIME", help=t("cli_incident.log.since_help"))
    _by(parser, role=False)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(t("cli_incident.log.bad_last", value=text))
    return int(text)


def _moment(text: str) -> datetime:
    from wizard.domain.facts import read_datetime
    from wizard.errors import RoueiError

    try:
        return read_datetime(text, "since").value  # typed as every time is, but any date may be asked for
    except RoueiError:
        raise argparse.ArgumentTypeError(t("cli_incident.log.bad_since", value=text)) from None


def add_verify(sub, common) -> None:
    parser = _parser(sub, common, "verify", run_verify)
    _file(parser)
    parser.add_argument("--fingerprint", metavar="XXXX-XXXX-XXXX-XXXX", help=t("cli_incident.verify.fingerprint_help"))


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

    from wizard.printable import clean

    saved = _saved()
    name = clean(args.by or saved.name or "").strip()
    if not name and _interactive():
        name = clean(input(t("cli_incident.ask_name"))).strip()
    if not name:
        raise RoueiError("cli_incident.no_name")
    own = name == clean(saved.name or "").strip()  # the saved role is that of the saved name only
    return Responder(name, clean(getattr(args, "role", None) or (saved.role if own else "") or "").strip())


def _locked(take, force: bool):
    """`take(force)`: open (an Incident) or lock (a Lock) a file for writing. A lock left by a process
    that has ended on this computer is cleared, with a note; an unreadable one is taken over after a yes
    on the terminal; any other lock is a clear error naming its holder."""
    from wizard.errors import RoueiError
    from wizard.store import Lock, LockHeld
    from wizard.store.lock import cleared_note

    try:
        taken = take(force)
    except LockHeld as held:
        if held.stale and not force and _interactive():
            answer = input(t("cli_incident.lock.ask_takeover", message=str(held))).strip().lower()
            if answer in ("y", "yes", "はい"):
                return take(True)
        raise RoueiError("cli_incident.lock.stale" if held.stale else "cli_incident.lock.held",
                         message=str(held)) from None
    path, cleared = (taken.incident, taken.cleared) if isinstance(taken, Lock) else (taken.path, taken.lock_cleared)
    if cleared is not None:
        from wizard.cli.console import err

        err().print(cleared_note(path, cleared), markup=False, highlight=False)
    return taken


def _print_conflicts(console, conflicts, path: Path) -> None:
    from rich.markup import escape

    from wizard.timeline import conflict_text

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
    from wizard.profile import start

    profile = None if args.no_profile else start.chosen(args.profile)
    incident = Incident.create(path, who, title=title, exercise=args.exercise,
                               profile=start.stamp(profile) if profile else None)
    if profile is not None:
        start.record(incident, profile, who)
    console = out()
    if profile is not None:
        console.print(t("cli_profile.new.started", name=profile.firm.name, fp=profile.fingerprint))
    if title != args.title.strip():
        console.print(t("cli_incident.new.masked", title=title))
    console.print(t("cli_incident.new.created", path=str(path), fingerprint=incident.fingerprint))
    if args.no_open:  # the command-line next step means nothing once the TUI opens
        console.print(t("cli_incident.new.next", path=str(path), name=who.name), style="dim", soft_wrap=True)
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
    from wizard.timeline import fact_value

    answers = [parse_assignment(text) for text in args.assignments]
    who = responder(args)
    console = out()
    with _locked(lambda force: Incident.open_for_writing(args.file, who, force=force), args.force) as incident:
        branched = incident.branched  # only a branched history can hold conflicts: else none is read whole
        before = {c["fact"] for c in incident.conflict_list()} if branched else set()
        from wizard.exercise.clock import clock_for  # an exercise's answers take exercise time

        now = clock_for(incident)()
        for key, value in answers:
            incident.answer(key, value, who, now)
            console.print(t("cli_incident.answer.recorded", fact=escape(t(f"fact.{key}")),
                            value=escape(fact_value(key, value))))
        conflicts = incident.conflict_list() if branched else []
        for key in sorted(before - {c["fact"] for c in conflicts}):
            console.print(t("cli_incident.answer.resolved", fact=escape(t(f"fact.{key}"))))
        _print_conflicts(console, conflicts, args.file)
        _warn_taken_over(incident)
        console.print(t("cli_incident.fingerprint", fingerprint=incident.fingerprint), style="dim")
    return 0


def _warn_taken_over(incident) -> None:
    """Say so when someone took the lock over while we wrote (what we wrote was merged, not lost)."""
    from wizard.cli.console import err
    from wizard.store.lock import read_holder

    if incident.lock_lost:
        holder = read_holder(incident.real)
        err().print(t("cli_incident.lock.taken_over", path=str(incident.path), name=holder.name if holder else "?"),
                    markup=False, highlight=False)


def _warn_torn(incident) -> None:
    from wizard.cli.console import err

    if incident.torn:
        err().print(t("cli_incident.torn", path=str(incident.path)), markup=False, highlight=False)


def run_log(args) -> int:
    from rich.markup import escape

    from wizard.cli.console import out
    from wizard.printable import shown
    from wizard.store import Incident

    incident = Incident.load(args.file)
    console = out()
    _warn_torn(incident)
    title = shown(incident.title) or t("store.event.untitled")
    if incident.exercise:
        title = t("cli_incident.exercise_mark") + title
    console.print(f"[bold]{escape(title)}[/]  [dim]{escape(str(args.file))}[/]")
    rows = list(enumerate(incident.events, 1))
    if args.since is not None:
        rows = [(n, e) for n, e in rows if e.at >= args.since]
    if args.last is not None:
        rows = rows[-args.last:]
    _print_rows(console, rows)
    _print_conflicts(console, incident.conflict_list(), args.file)
    console.print(t("cli_incident.log.summary", count=len(incident.events), fingerprint=incident.fingerprint),
                  style="dim")
    if args.brief:
        _print_brief(console, incident, (args.by or _saved().name or "").strip())
    return 0


def _print_rows(console, rows) -> None:
    """The timeline: a table when it fits the terminal, else one plain line per record, streamed."""
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    from wizard.timeline import describe, when, who

    if console.is_terminal and len(rows) <= console.height - 6:
        table = Table(show_edge=False, pad_edge=False, expand=False)
        table.add_column("#", justify="right", style="dim")
        for column in ("when", "who", "what"):
            table.add_column(t(f"cli_incident.log.col_{column}"), overflow="fold")
        for number, event in rows:
            table.add_row(str(number), when(event.at), escape(who(event)), escape(describe(event)))
        console.print(table)
        return
    console.file.flush()
    width = len(str(rows[-1][0])) if rows else 1
    names = {e.id: who(e) for _, e in rows}
    name_width = min(max((cell_len(n) for n in set(names.values())), default=0), 24)
    def line(number: str, at: str, name: str, what: str) -> str:
        return f"{number:>{width}}  {at}{' ' * (20 - cell_len(at))}  {name}{' ' * (name_width - cell_len(name))}  {what}\n"

    head = [t(f"cli_incident.log.col_{column}") for column in ("when", "who", "what")]
    name_width = max(name_width, cell_len(head[1]))
    chunk = [line("#", *head)]
    for number, event in rows:
        chunk.append(line(str(number), when(event.at), names[event.id], describe(event)))
        if len(chunk) >= 512:
            console.file.write("".join(chunk))
            chunk = []
    console.file.write("".join(chunk))
    console.file.flush()


def _set_aside_if_unreadable(console, path: Path) -> None:
    """An OUT that is no incident any more (e.g. with git's conflict markers) is moved aside as its
    next backup (no backup is ever replaced) rather than merged into; anything readable is merged in."""
    from wizard.atomic import move_to_backup
    from wizard.store import Incident, StoreError
    from wizard.store.files import backup_path, real

    if not path.is_file():
        return
    try:
        Incident.load(path)
    except StoreError as exc:
        kept = move_to_backup(real(path), backup_path(real(path)))
        exc.hint = ""
        console.print(t("cli_incident.merge.set_aside", backup=str(kept), reason=str(exc)))


def _print_brief(console, incident, name: str) -> None:
    from rich.markup import escape
    from rich.rule import Rule

    from wizard.timeline import brief_lines

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
    from wizard.store.chain import check_exports, find_state
    from wizard.timeline import when

    incident = Incident.load(args.file)
    events = incident.events
    check_exports(args.file, events)
    console = out()
    console.print(t("cli_incident.verify.ok", path=str(args.file), count=len(events), first=when(events[0].at),
                    last=when(events[-1].at), heads=len(incident.heads)))
    exports = [e for e in events if e.kind == "export" and e.data.get("fingerprint")]
    for event in exports[-5:]:
        short = "-".join(event.data["fingerprint"][i:i + 4] for i in range(0, 16, 4))
        console.print(t("cli_incident.verify.export", at=when(event.at), format=event.data.get("format", ""),
                        fingerprint=short), style="dim")
    console.print(t("cli_incident.fingerprint", fingerprint=incident.fingerprint))
    console.print(t("cli_incident.verify.full", fingerprint=incident.fingerprint_full), style="dim")
    code = 0
    if args.fingerprint:
        number = find_state(events, args.fingerprint)
        if number is None:
            console.print(t("cli_incident.verify.no_state", fingerprint=args.fingerprint), style="bold red")
            code = 1
        else:
            console.print(t("cli_incident.verify.state", fingerprint=args.fingerprint, n=number,
                            at=when(events[number - 1].at), after=len(events) - number))
    if incident.torn:
        _warn_torn(incident)
        code = 1
    return code


def run_merge(args) -> int:
    from wizard.cli.console import out
    from wizard.store import Incident, Lock, Responder

    a, b = Incident.load(args.a), Incident.load(args.b)
    for copy in (a, b):
        _warn_torn(copy)
    merged = Incident.merge(a, b, args.output)
    holder = Responder((args.by or _saved().name or "").strip() or "rouei merge")
    console = out()
    from wizard.store.files import real

    with _locked(lambda force: Lock(real(args.output), holder).acquire(force=force), args.force):
        _set_aside_if_unreadable(console, args.output)
        merged.save()
    a_ids, b_ids = {e.id for e in a.events}, {e.id for e in b.events}
    console.print(t("cli_incident.merge.done", path=str(args.output), a=str(args.a), b=str(args.b),
                    only_a=len(a_ids - b_ids), only_b=len(b_ids - a_ids), count=len(merged.events)))
    _print_conflicts(console, merged.conflict_list(), args.output)
    console.print(t("cli_incident.fingerprint", fingerprint=merged.fingerprint), style="dim")
    return 0

