"""`rouei estimate FILE [FACTOR=VALUE… --reason TEXT --by NAME] [--json]`: the planning estimates
(ENISA severity, the JO model, response costs), and adjusting their factors with a reason."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.console import message, plain
from wizard.i18n import t
from wizard.printable import json_text


def add_estimate(sub, common) -> None:
    parser = sub.add_parser("estimate", parents=[common], help=t("estimate.cli.help"),
                            description=t("estimate.cli.description"), epilog=t("estimate.cli.epilog"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help=t("estimate.cli.file_help"))
    parser.add_argument("adjustments", nargs="*", metavar="FACTOR=VALUE", help=t("estimate.cli.set_help"))
    parser.add_argument("--reason", default="", metavar="TEXT", help=t("estimate.cli.reason_help"))
    parser.add_argument("--by", metavar="NAME", help=t("cli_incident.opt.by"))
    parser.add_argument("--role", metavar="ROLE", help=t("cli_incident.opt.role"))
    parser.add_argument("--force", action="store_true", help=t("cli_incident.opt.force"))
    parser.add_argument("--json", action="store_true", help=t("estimate.cli.json_help"))
    parser.set_defaults(run=run)


def _assignment(text: str) -> tuple[str, object]:
    from wizard.errors import RoueiError
    from wizard.estimate.model import parse_text

    factor, sep, value = text.partition("=")
    if not sep or not factor.strip() or not value.strip():
        raise RoueiError("estimate.cli.bad_assignment", text=text)
    return factor.strip(), parse_text(value.strip())


def run(args) -> int:
    from wizard.cli.assess import load_source
    from wizard.errors import RoueiError

    changes = [_assignment(a) for a in args.adjustments]
    facts, _conflicts, incident = load_source(args.file)
    if changes:
        if incident is None:
            raise RoueiError("estimate.cli.facts_file", path=str(args.file))
        incident = _adjust(args, changes)
    from wizard.domain.engine import assess
    from wizard.estimate import estimate

    est = estimate(facts, incident.events if incident is not None else ())
    if args.json:
        print(json_text(est.to_json()))
        return 0
    _print(assess(facts), est)
    return 0


def _adjust(args, changes):
    """Record every adjustment in the incident (all are checked before any is written)."""
    from wizard.cli.console import out
    from wizard.cli.incident import _locked, responder
    from wizard.errors import RoueiError
    from wizard.estimate.model import PROPOSED, check_factor, parse_value, record
    from wizard.store import Incident

    for factor, value in changes:
        if value == PROPOSED:
            check_factor(factor)
        else:
            parse_value(factor, value)
        if not args.reason.strip():
            raise RoueiError("estimate.error.reason", factor=factor)
    who = responder(args)
    with _locked(lambda force: Incident.open_for_writing(args.file, who, force=force), args.force) as incident:
        for factor, value in changes:
            event = record(incident, factor, value, args.reason, who)
            out().print(message("estimate.event", factor=factor, value=event.data["value"],
                                reason=event.data["reason"]), highlight=False)
        return incident


def _print(det, est) -> None:
    from rich.table import Table

    from wizard.cli.console import out
    from wizard.estimate.view import cite, determination_line, parts

    console = out()
    console.print(determination_line(det), style="bold", markup=False, highlight=False)
    console.print(t("estimate.planning_only"), style="italic", markup=False, highlight=False)
    for part in parts(est, det.flows):
        console.print()
        console.print(part.title, style="bold underline", markup=False, highlight=False)
        for line in part.results:
            console.print(line, style="bold", markup=False, highlight=False)
        table = Table(show_lines=False)
        for head in t("estimate.head").split("|"):
            table.add_column(head, overflow="fold")
        for line in part.lines:
            table.add_row(*map(plain, (line.label, line.value, line.basis, line.note)))  # a reason is no markup
        console.print(table)
        for note in part.notes:
            console.print(f"※ {note}", markup=False, highlight=False)
        for source in part.sources:
            console.print(f"{t('estimate.source')}: {cite(source)}", style="dim", markup=False, highlight=False)
