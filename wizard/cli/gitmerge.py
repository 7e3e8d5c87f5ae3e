"""`rouei merge-driver %O %A %B [%P]`: a git merge driver for incident files.

git calls it when both sides changed a file the `.gitattributes` line marks `merge=rouei`. The two
copies are merged as `rouei merge` does (the union of their events, so the ancestor %O adds nothing)
and the result replaces %A, which is what git takes. Two answers to one fact stay in the file as a
conflict to resolve, and git sees a clean merge (exit 0). A copy that is no incident file (exit 2)
leaves %A as it was, and git reports the file as conflicted.
"""

from __future__ import annotations

from pathlib import Path

from wizard.cli.console import message
from wizard.i18n import t


def add_merge_driver(sub, common) -> None:
    import argparse

    parser = sub.add_parser("merge-driver", parents=[common], help=t("gitmerge.help"),
                            description=t("gitmerge.description"), epilog=t("gitmerge.epilog"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ancestor", type=Path, metavar="O", help=t("gitmerge.ancestor_help"))
    parser.add_argument("ours", type=Path, metavar="A", help=t("gitmerge.ours_help"))
    parser.add_argument("theirs", type=Path, metavar="B", help=t("gitmerge.theirs_help"))
    parser.add_argument("name", nargs="?", metavar="P", help=t("gitmerge.name_help"))
    parser.set_defaults(run=run)


def run(args) -> int:
    from wizard.atomic import atomic_write
    from wizard.cli.console import err
    from wizard.evidence.register import custody_conflicts, custody_text
    from wizard.store import Incident
    from wizard.timeline import conflict_text
    from wizard.store.files import document

    ours, theirs = Incident.load(args.ours), Incident.load(args.theirs)
    merged = Incident.merge(ours, theirs, args.ours)
    text = document(merged.history.blocks(), merged.history.written_heads)
    atomic_write(args.ours, text.encode("utf-8"))  # no backup: %A is git's temporary copy; git sets the mode
    name = args.name or str(args.ours)
    console = err()
    console.print(message("gitmerge.done", path=name, count=len(merged.events)), highlight=False)
    custody = custody_conflicts(merged)
    for conflict in merged.conflict_list():
        console.print(f"  ! {conflict_text(conflict)}", markup=False, highlight=False)
    for conflict in custody:
        console.print(f"  ! {custody_text(conflict)}", markup=False, highlight=False)
    if merged.conflict_list() or custody:
        console.print(message("gitmerge.conflicts", path=name), highlight=False)
    return 0
