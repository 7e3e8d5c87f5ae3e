"""`rouei assess FILE [--json]`: the determination for a facts file or an incident file."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.i18n import t
from wizard.printable import json_text

def add_assess(sub, common) -> None:
    parser = sub.add_parser("assess", parents=[common], help=t("cli.assess.help"),
                            description=t("cli.assess.description"), epilog=t("cli.assess.epilog"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help=t("cli.assess.file_help"))
    parser.add_argument("--json", action="store_true", help=t("cli.assess.json_help"))
    parser.set_defaults(run=run)


def load_source(path: Path):
    """Facts and open conflicts from a facts file or an incident file (`None` conflicts for facts files).
    A blind exercise run whose team has calls still to make is refused: the command line shows no more
    than the team's screens do."""
    from wizard.domain.facts import facts_from_mapping
    from wizard.store.files import FORMAT, read_toml

    raw = read_toml(path)
    if raw.get("format") == FORMAT:
        from wizard.store import Incident

        incident = Incident.from_data(raw, path)
        if incident.exercise:
            from wizard.exercise.calls import refuse_hidden

            refuse_hidden(incident)
        return incident.facts_for_assess(), incident.conflict_list(), incident
    return facts_from_mapping(raw, str(path)), None, None


def _iso(value):
    """Date-times in conflicts (two answers to aware_at) as ISO strings."""
    return value.isoformat()


def run(args) -> int:
    from wizard.cli.console import out
    from wizard.domain.engine import assess

    facts, conflicts, incident = load_source(args.file)
    if incident is not None:  # an incident: the clocks recorded in it, and the responder's profile's own
        from wizard.domain.changes import changes
        from wizard.profile.contacts import own_clocks
        from wizard.profile.start import usable

        from wizard.evidence.register import custody_conflicts

        det = incident.determination(clocks=own_clocks(usable()))
        since = changes(incident.events, det)
        custody = custody_conflicts(incident)
    else:
        det, since, custody = assess(facts), None, []
    if args.json:
        data = det.to_json()
        if conflicts is not None:
            data["conflicts"] = conflicts + custody  # facts with two answers, then split chains of custody
        if since is not None:
            data["changes_since_recorded"] = since.to_json()
        from wizard.estimate import estimate

        data["estimates"] = estimate(facts, incident.events if incident is not None else ()).to_json()
        print(json_text(data, default=_iso))
        return 0
    from wizard.cli.render import print_changes, print_explanation

    print_explanation(out(), det, conflicts=conflicts, custody=custody, title=getattr(incident, "title", None))
    if since is not None:
        print_changes(out(), since)
    return 0
