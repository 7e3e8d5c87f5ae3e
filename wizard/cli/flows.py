"""`rouei flows check [DIR]`, `flows status`, `flows install DIR [--force]`, `flows reset`: the rule set.

`check` validates a folder (exit 1 with every problem listed). `install` checks a folder the same way
and puts it in place of the bundled rules; `reset` goes back to them; `status` says which rules are
in use and warns when they were last verified too long ago (`wizard.rulesets`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.errors import RoueiError
from wizard.i18n import t


def add_flows(sub, common) -> None:
    flows = sub.add_parser("flows", parents=[common], help=t("cli.flows.help"), description=t("cli.flows.help"))
    actions = flows.add_subparsers(dest="flows_command", metavar=t("cli.command_metavar"), required=True)
    check = actions.add_parser("check", parents=[common], help=t("cli.flows.check_help"),
                               description=t("cli.flows.check_description"),
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR", help=t("cli.flows.dir_help"))
    check.set_defaults(run=run_check)
    status = actions.add_parser("status", parents=[common], help=t("flows.status.help"),
                                description=t("flows.status.help"))
    status.set_defaults(run=run_status)
    install = actions.add_parser("install", parents=[common], help=t("flows.install.help"),
                                 description=t("flows.install.description"),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    install.add_argument("dir", type=Path, metavar="DIR", help=t("flows.install.dir_help"))
    install.add_argument("--force", action="store_true", help=t("flows.install.force_help"))
    install.set_defaults(run=run_install)
    reset = actions.add_parser("reset", parents=[common], help=t("flows.reset.help"), description=t("flows.reset.help"))
    reset.set_defaults(run=run_reset)


def _print_problems(root: Path, problems, heading: str) -> None:
    from rich.markup import escape

    from wizard.cli.console import out

    out().print(f"[bold red]{escape(heading)}[/]")
    for p in problems:
        out().print(f"{escape(p.file)}: [bold]{escape(p.key)}[/]: {escape(p.message)}", soft_wrap=True)


def check_all(root: Path):
    """The flows in `root` and every problem: their own checks and their dates, then each exercise
    scenario's expected determinations recomputed with the engine, and the legal invariants shipped
    with rouei."""
    from wizard.domain.flowcheck import date_problems
    from wizard.domain.flows import check_flows

    flows, problems = check_flows(root)
    if flows is not None and not problems:
        problems = date_problems(flows)
    if flows is not None and not problems:
        from wizard.domain import invariants
        from wizard.exercise.check import check_scenarios

        problems = check_scenarios(root, flows) + invariants.problems(flows)
    return flows, problems


def run_check(args) -> int:
    from wizard.cli.console import out
    from wizard.rulesets import in_use

    root = args.dir or in_use()[1]
    if root.is_file():
        return check_scenario_file(root)
    flows, problems = check_all(root)
    if problems:
        _print_problems(root, problems, t("cli.flows.problems", count=len(problems), dir=str(root)))
        return 1
    out().print(t("cli.flows.ok", dir=str(root), questions=len(flows.questions.questions),
                  rules=len(flows.rule_ids()), items=len(flows.checklist), contacts=len(flows.contacts),
                  version=flows.manifest.version))
    return 0


def check_scenario_file(path: Path) -> int:
    """A firm's own exercise scenario: its schema, and every expected determination recomputed."""
    from wizard.cli.console import out
    from wizard.exercise.check import check_file

    scenario, problems = check_file(path)
    if problems:
        _print_problems(path, problems, t("cli.flows.problems", count=len(problems), dir=str(path)))
        return 1
    stages = len(scenario.injects) + 1
    out().print(t("exercise.cli.scenario_ok", path=str(path), id=scenario.id, stages=stages,
                  variants=len(scenario.variants), checked=stages * (len(scenario.variants) + 1)))
    return 0


def _say(text: str, style: str = "") -> None:
    from rich.text import Text

    from wizard.cli.console import out

    out().print(Text(text, style=style), soft_wrap=True)


def oldest_words(flows) -> str:
    """The entry verified longest ago, e.g. 「連絡先 ppc_dial（contacts.toml）」."""
    found = flows.oldest()
    if found is None:
        return t("flows.status.no_dates")
    return t("flows.status.oldest_entry", kind=t(f"flows.kind.{found.kind}"), entry=found.entry, file=found.file)


def run_status(args) -> int:
    from wizard import rulesets
    from wizard.domain.amendments import standing
    from wizard.domain.flows import bundled, bundled_dir, load_flows
    from wizard.i18n import pick

    flows = bundled()
    verified = flows.oldest_verification()
    _say(t("flows.status.in_use", name=rulesets.name(flows.origin, flows.manifest.version)), "bold")
    _say(t("flows.status.folder", dir=str(rulesets.in_use()[1])))
    _say(t("flows.status.dates", verified=verified.isoformat(), what=oldest_words(flows),
           stale_after=rulesets.stale_after(verified).isoformat(), reviewed=flows.manifest.reviewed.isoformat()))
    warning = rulesets.stale_warning(verified)
    _say(warning or t("flows.status.fresh", months=rulesets.STALE_MONTHS), "bold yellow" if warning else "")
    if flows.amendments:
        _say(t("flows.status.amendments"), "bold")
        for a in flows.amendments:
            _say(t("flows.status.amendment", title=pick(a.title), standing=standing(a), changes=pick(a.changes)))
    from wizard.domain.invariants import warnings

    for line in warnings(flows):
        _say(line, "bold red")
    if flows.origin == "installed":
        shipped = load_flows(bundled_dir(), "bundled")
        _say(t("flows.status.shipped", version=shipped.manifest.version,
               verified=shipped.oldest_verification().isoformat()))
        if rulesets.version_key(shipped.manifest.version) > rulesets.version_key(flows.manifest.version):
            _say(t("flows.status.shipped_newer", version=shipped.manifest.version), "bold yellow")
    return 0


def run_install(args) -> int:
    from wizard import rulesets
    from wizard.domain.flows import InstalledFlowsInvalid, bundled, bundled_dir, load_flows

    flows, problems = check_all(args.dir)
    breaking = [p for p in problems if p.key.startswith("invariant ")]
    if len(breaking) < len(problems) or (breaking and not args.force):
        _print_problems(args.dir, problems, t("flows.install.refused", count=len(problems), dir=str(args.dir)))
        if breaking and len(breaking) == len(problems):
            _say(t("flows.install.invariants_force"), "bold")
        return 2
    try:
        in_use = bundled()
    except InstalledFlowsInvalid:  # a broken installed set is replaced, not compared with
        in_use = None
    shipped = load_flows(bundled_dir(), "bundled")
    if not args.force:
        for key, current in (("than_bundled", shipped), ("than_in_use", in_use)):
            if current is None:
                continue
            if rulesets.version_key(flows.manifest.version) < rulesets.version_key(current.manifest.version):
                raise RoueiError("flows.install.older", dir=str(args.dir), version=flows.manifest.version,
                                 than=t(f"flows.install.{key}", version=current.manifest.version))
            if flows.manifest.version == current.manifest.version and _content(flows) != _content(current):
                raise RoueiError("flows.install.same_version", dir=str(args.dir), version=flows.manifest.version,
                                 than=t(f"flows.install.{key}", version=current.manifest.version),
                                 next=rulesets.next_version(flows.manifest.version))

    def accept(copy: Path) -> None:  # what is installed is what was checked: the copy, checked again
        copied, found = check_all(copy)
        if found != problems or copied is None or _content(copied) != _content(flows):
            raise RoueiError("flows.install.changed", dir=str(args.dir))

    try:
        target = rulesets.install(args.dir, accept)
    except (OSError, ValueError) as exc:
        raise RoueiError("flows.install.copy_failed", dir=str(rulesets.installed_dir()),
                         reason=getattr(exc, "strerror", None) or str(exc)) from None
    bundled.cache_clear()
    installed = bundled()
    verified = installed.oldest_verification()
    _say(t("flows.install.done", name=rulesets.name("installed", installed.manifest.version),
           verified=verified.isoformat(), dir=str(target)))
    warning = rulesets.stale_warning(verified)
    if warning:
        _say(warning, "bold yellow")
    from wizard.domain.invariants import warnings

    for line in warnings(installed):
        _say(line, "bold red")
    return 0


def _content(flows) -> str:
    """The rules as rouei reads them (not their bytes: comments and layout do not count)."""
    import hashlib
    import json

    dump = flows.model_dump(mode="json", exclude={"origin", "breaches"})
    return hashlib.sha256(json.dumps(dump, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def run_reset(args) -> int:
    from wizard import rulesets
    from wizard.domain.flows import bundled_dir, load_flows

    version = load_flows(bundled_dir(), "bundled").manifest.version
    try:
        removed = rulesets.reset()
    except OSError as exc:
        raise RoueiError("flows.reset.failed", dir=str(rulesets.installed_dir()), reason=exc.strerror or str(exc)) from None
    _say(t("flows.reset.done" if removed else "flows.reset.nothing", version=version))
    return 0
