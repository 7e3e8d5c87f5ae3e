"""`rouei flows check [DIR]`: validate flow and rule files (exit 1 with every problem listed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.i18n import t


def add_flows(sub, common) -> None:
    flows = sub.add_parser("flows", parents=[common], help=t("cli.flows.help"), description=t("cli.flows.help"))
    actions = flows.add_subparsers(dest="flows_command", metavar=t("cli.command_metavar"), required=True)
    check = actions.add_parser("check", parents=[common], help=t("cli.flows.check_help"),
                               description=t("cli.flows.check_description"),
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR", help=t("cli.flows.dir_help"))
    check.set_defaults(run=run_check)


def run_check(args) -> int:
    from wizard.cli.console import out
    from wizard.domain.flowcheck import cross_check
    from wizard.domain.flows import bundled_dir, read_flows

    root = args.dir or bundled_dir()
    flows, problems = read_flows(root)
    if flows is not None:
        from wizard.exercise.check import check_scenarios

        problems = cross_check(flows) or check_scenarios(root, flows)
    if problems:
        from rich.markup import escape

        out().print(f"[bold red]{escape(t('cli.flows.problems', count=len(problems), dir=str(root)))}[/]")
        for p in problems:
            out().print(f"{escape(p.file)}: [bold]{escape(p.key)}[/]: {escape(p.message)}", soft_wrap=True)
        return 1
    out().print(t("cli.flows.ok", dir=str(root), questions=len(flows.questions.questions),
                  rules=len(flows.rule_ids()), items=len(flows.checklist), contacts=len(flows.contacts),
                  version=flows.manifest.version))
    return 0
