"""`rouei export FILE [--format F] [--what IDS] [-o PATH] [--by NAME]`: drafts, lists and calendar.

Where the output goes: with `-o`, to that file (one document) or folder (several), `-o -` to standard
output; without it, one document goes to standard output and several to a new dated folder beside FILE.
Nothing overwrites the incident, its backup or lock, nor an existing file that is not a rouei export
(unless `--force`). An incident file records the export as an event (who, format, documents, the
fingerprint they were made from); when that record cannot be saved (a read-only stick), the documents
are still written and a warning says so (exit 0).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from wizard.errors import RoueiError
from wizard.i18n import get_lang, t


def add_export(sub, common) -> None:
    from wizard.exports import FORMATS

    parser = sub.add_parser("export", parents=[common], help=t("cli_export.help"),
                            description=t("cli_export.description"),
                            epilog=t("cli_export.epilog"), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help=t("cli_export.file_help"))
    parser.add_argument("--format", choices=FORMATS, default="md", help=t("cli_export.format_help"))
    parser.add_argument("--what", metavar="IDS", help=t("cli_export.what_help"))
    parser.add_argument("-o", "--output", metavar="PATH", help=t("cli_export.out_help"))
    parser.add_argument("--by", metavar=t("cli_export.by_metavar"), help=t("cli_export.by_help"))
    parser.add_argument("--force", action="store_true", help=t("output.force_help"))
    parser.set_defaults(run=run)


def chosen(text: str | None, fmt: str) -> tuple[str, ...]:
    """The documents `--what` names (comma-separated), checked; all of them by default."""
    from wizard.exports import DOCUMENTS

    if text is None:
        return ("calendar",) if fmt == "ics" else DOCUMENTS
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    for name in names:
        if name not in DOCUMENTS:
            raise RoueiError("cli_export.unknown_what", what=name, docs=", ".join(DOCUMENTS))
    if not names:
        raise RoueiError("cli_export.no_what", docs=", ".join(DOCUMENTS))
    if fmt == "ics" and names != ("calendar",):
        raise RoueiError("cli_export.ics_only")
    return names


def run(args) -> int:
    from wizard import clock
    from wizard.cli.assess import load_source
    from wizard.exports import context, named, render, write

    what = chosen(args.what, args.format)
    facts, _conflicts, incident = load_source(args.file)
    who = exporter(args) if incident is not None else None  # an incident's export is recorded
    now = clock.now().replace(microsecond=0)
    if incident is not None:
        ctx = context.from_incident(incident, as_of=now, lang=get_lang(), author=who)
    else:
        ctx = context.from_facts(facts, as_of=now, lang=get_lang(), source=args.file.name)
    files = named(ctx, render(ctx, args.format, what))
    binary = any(isinstance(body, bytes) for _name, body in files)
    if binary and args.output == "-":
        raise RoueiError("cli_export.binary_stdout", format=args.format)
    if not binary and (args.output == "-" or (args.output is None and len(files) == 1)):
        sys.stdout.write("".join(text for _name, text in files))
        sys.stdout.flush()
    else:
        beside = args.file.with_name(f"{args.file.stem}-export-{now:%Y%m%d-%H%M%S}")
        target = Path(args.output) if args.output else beside
        paths = write(files, target, folder=args.output is None or args.output.endswith(("/", os.sep)),
                      incident=args.file, force=args.force)
        _say(t("cli_export.written", count=len(paths), path=str(target)))
    if incident is not None:
        _record(incident.path, ctx, args.format, what, who, now, incident.clocks())
    return 0


def exporter(args):
    """Who exports: `--by`, else the saved responder, else the OS login name (the event's role says so)."""
    from wizard.cli.incident import responder
    from wizard.settings import load_settings

    if args.by or load_settings().name.strip():
        return responder(args)
    import getpass

    from wizard.store import Responder

    from wizard.printable import clean

    try:
        login = clean(getpass.getuser()).strip()
    except (OSError, KeyError, ImportError):  # no login name in the environment or the user database
        login = ""
    if not login:
        return responder(args)  # asks on a terminal, else the clear error
    return Responder(login, t("output.login_role"))


def _record(path: Path, ctx, fmt: str, what: tuple[str, ...], responder, now: datetime, held) -> None:
    """Record the export in the incident. The documents are written already: when the record cannot be
    saved (someone else holds the file open, a read-only stick), say so plainly and go on (exit 0).
    `held`: the clocks the incident held when it was read for the documents (not read again)."""
    from wizard.exports import record
    from wizard.profile.contacts import record_clocks
    from wizard.store import Incident

    try:
        with Incident.open_for_writing(path, responder) as incident:
            if incident.lock_cleared is not None:
                from wizard.store.lock import cleared_note

                _say(cleared_note(path, incident.lock_cleared))
            record_clocks(incident, ctx.profile, responder, now, held)  # the deadlines it printed, for the next responder
            record(incident, ctx, fmt, what, responder, now)
    except RoueiError as exc:
        _say(t("cli_export.not_recorded", reason=str(exc)))


def _say(text: str) -> None:
    """A line on standard error, so that a document on standard output stays clean (plain text: a path
    is never markup, and rich need not be loaded for one line)."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
