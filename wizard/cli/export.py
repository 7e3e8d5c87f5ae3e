"""`rouei export FILE [--format F] [--what IDS] [-o PATH] [--by NAME]`: drafts, lists and calendar.

Where the output goes: with `-o`, to that file (one document) or folder (several); without it, one
document goes to standard output and several to a new dated folder beside FILE. An incident file
records the export as an event (who, format, documents, the fingerprint they were made from).
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
    from wizard.cli.assess import load_source
    from wizard.cli.incident import responder
    from wizard.domain.facts import JST
    from wizard.exports import context, render, write

    what = chosen(args.what, args.format)
    facts, _conflicts, incident = load_source(args.file)
    who = responder(args) if incident is not None else None  # an incident's export is recorded
    now = datetime.now(JST).replace(microsecond=0)
    if incident is not None:
        ctx = context.from_incident(incident, as_of=now, lang=get_lang())
    else:
        ctx = context.from_facts(facts, as_of=now, lang=get_lang(), source=args.file.name)
    files = render(ctx, args.format, what)
    if args.output is None and len(files) == 1 and isinstance(files[0][1], str):
        sys.stdout.write(files[0][1])
        sys.stdout.flush()
    else:
        beside = args.file.with_name(f"{args.file.stem}-export-{now:%Y%m%d-%H%M%S}")
        target = Path(args.output) if args.output else beside
        paths = write(files, target, folder=args.output is None or args.output.endswith(("/", os.sep)))
        _say(t("cli_export.written", count=len(paths), path=str(target)))
    if incident is not None:
        _record(incident.path, ctx, args.format, what, who, now)
    return 0


def _record(path: Path, ctx, fmt: str, what: tuple[str, ...], responder, now: datetime) -> None:
    """Record the export in the incident; when someone else holds it open, say so and go on."""
    from wizard.exports import record
    from wizard.store import Incident, LockHeld

    try:
        with Incident.open_for_writing(path, responder) as incident:
            record(incident, ctx, fmt, what, responder, now)
    except LockHeld as exc:
        _say(t("cli_export.not_recorded", reason=str(exc)))


def _say(text: str) -> None:
    """A line on standard error, so that a document on standard output stays clean."""
    from wizard.cli.console import err

    err().print(text, markup=False, highlight=False, soft_wrap=True)
