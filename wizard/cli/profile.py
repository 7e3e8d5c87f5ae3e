"""`rouei profile init|show|check|edit|card`: the firm's profile, prepared before an incident."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.i18n import t


def profile_option(parser: argparse.ArgumentParser) -> None:
    """`--profile FILE` (else `ROUEI_PROFILE`, else the config folder's profile.toml)."""
    parser.add_argument("--profile", type=Path, metavar="FILE", help=t("cli_profile.opt.profile"))


def add_profile(sub, common) -> None:
    parser = sub.add_parser("profile", parents=[common], help=t("cli_profile.help"),
                            description=t("cli_profile.description"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="profile_command", metavar=t("cli.command_metavar"), required=True)

    def action(name: str, run):
        child = actions.add_parser(name, parents=[common], help=t(f"cli_profile.{name}.help"),
                                   description=t(f"cli_profile.{name}.help"))
        profile_option(child)
        child.set_defaults(run=run)
        return child

    init = action("init", run_init)
    init.add_argument("--name", metavar="NAME", help=t("cli_profile.init.name_help"))
    init.add_argument("--force", action="store_true", help=t("cli_profile.init.force_help"))
    action("show", run_show)
    action("check", run_check)
    action("edit", run_edit)
    card = action("card", run_card)
    card.add_argument("--format", choices=("html", "md", "txt"), default="html", help=t("cli_profile.card.format_help"))
    card.add_argument("-o", "--output", metavar="FILE", help=t("cli_profile.card.output_help"))


def _path(args) -> Path:
    from wizard.profile.files import profile_path

    return profile_path(args.profile)


def _load(args):
    from wizard.profile.files import load

    return load(_path(args))


def run_init(args) -> int:
    import sys

    from wizard import clock
    from wizard.cli.console import out
    from wizard.errors import RoueiError
    from wizard.profile.files import parse, save

    path = _path(args)
    if path.exists() and not args.force:
        raise RoueiError("cli_profile.init.exists", path=str(path))
    name = (args.name or "").strip()
    if not name and sys.stdin.isatty():
        name = input(t("cli_profile.init.ask_name")).strip()
    if not name:
        raise RoueiError("cli_profile.init.no_name")
    profile = parse({"firm": {"name": name}, "updated": clock.now().date()}, path)
    save(profile, path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + t("cli_profile.template"))
    out().print(t("cli_profile.init.done", path=str(path)))
    return 0


def run_show(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from wizard.cli.console import out
    from wizard.domain.explain import value_label
    from wizard.domain.flows import bundled

    profile = _load(args)
    firm, console = profile.firm, out()
    console.print(f"[bold]{escape(firm.name)}[/]  [dim]{escape(str(_path(args)))}[/]")
    facts = Table(show_header=False, show_edge=False, pad_edge=False, box=None)
    rows = [(t("fact.organisation"), value_label(bundled(), "organisation", firm.organisation)),
            (t("fact.sectors"), value_label(bundled(), "sectors", firm.sectors)),
            *((t(f"cli_profile.show.{k}"), t("cli_profile.show.yes" if getattr(firm, k) else "cli_profile.show.no"))
              for k in ("my_number", "card_data", "eu_customers", "local_ordinance")),
            (t("cli_profile.show.address"), firm.address or "-"),
            (t("cli_profile.show.desk"), "  ".join(x for x in (firm.desk_name, firm.desk_phone or "", firm.desk_email)
                                                   if x) or "-")]
    for label, value in rows:
        facts.add_row(f"[dim]{escape(label)}[/]", escape(value))
    console.print(facts)
    people = Table(t("cli_profile.show.person"), t("cli_profile.show.roles"), t("cli_profile.show.phone"),
                   title=t("cli_profile.show.people"), title_justify="left", show_edge=False)
    for p in profile.people:
        people.add_row(escape(p.name), escape(", ".join(t(f"profile.slot.{r}") for r in p.roles)), escape(p.phone))
    partners = Table(t("cli_profile.show.kind"), t("cli_profile.show.person"), t("cli_profile.show.phone"),
                     t("cli_profile.show.detail"), title=t("cli_profile.show.partners"), title_justify="left",
                     show_edge=False)
    for p in profile.partners:
        partners.add_row(escape(t(f"profile.slot.{p.kind}")), escape(p.name), escape(p.phone or p.email or "-"),
                         escape(_partner_detail(p)))
    console.print(people, partners)
    console.print(t("cli_profile.show.fingerprint", fp=profile.fingerprint,
                    updated=profile.updated.isoformat() if profile.updated else "-"), style="dim")
    return 0


def _partner_detail(partner) -> str:
    parts = [partner.contact]
    if partner.policy_number:
        parts.append(t("cli_profile.show.policy", policy=partner.policy_number))
    if partner.notice_days or partner.notice_hours:
        unit = "days" if partner.notice_days else "hours"
        parts.append(t(f"cli_profile.show.notice_{unit}", n=partner.notice_days or partner.notice_hours))
    if partner.contracted:
        parts.append(t("cli_profile.show.contracted"))
    return "  ".join(p for p in parts if p)


def run_check(args) -> int:
    from rich.markup import escape

    from wizard.cli.console import out
    from wizard.profile.readiness import check

    profile = _load(args)
    findings = check(profile)
    console = out()
    if not findings:
        console.print(t("cli_profile.check.ready", name=escape(profile.firm.name)))
        return 0
    console.print(f"[bold red]{escape(t('cli_profile.check.missing', count=len(findings)))}[/]")
    for finding in findings:
        console.print(f"  ! [bold]{escape(t(f'profile.check.{finding.key}', **finding.params))}[/]")
        console.print(f"    {escape(t(f'profile.why.{finding.key}'))}", style="dim")
    return 1


def run_edit(args) -> int:
    """Edit a copy in `$VISUAL`/`$EDITOR`; the profile is replaced only by a copy that validates. A copy
    that does not is kept with the problem written at its top, and it is what the editor opens again
    (at once, on a terminal; else at the next `profile edit`), so that no edit is lost."""
    import os
    import shlex
    import subprocess
    import sys

    from wizard import clock
    from wizard.atomic import atomic_write
    from wizard.cli.console import err, out
    from wizard.errors import RoueiError
    from wizard.profile.files import load, save

    path = _path(args)
    before = load(path)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ("notepad" if os.name == "nt" else "vi")
    draft = path.with_name(f".{path.name}.edit.toml")
    if draft.is_file():
        err().print(t("cli_profile.edit.reopened", draft=str(draft)), markup=False, highlight=False)
    else:
        atomic_write(draft, path.read_bytes())  # private, like the profile: it holds the staff's phones
    while True:
        try:
            subprocess.run([*shlex.split(editor), str(draft)], check=False)
        except OSError as exc:
            raise RoueiError("cli_profile.edit.no_editor", editor=editor, detail=exc.strerror or str(exc)) from None
        try:
            after = _edited(draft)
            break
        except RoueiError as exc:
            _mark(draft, str(exc))
            if not (sys.stdin.isatty() and sys.stdout.isatty()) or \
                    input(t("cli_profile.edit.again", detail=str(exc))).strip().lower() in ("n", "no", "いいえ"):
                raise RoueiError("cli_profile.edit.kept", draft=str(draft), detail=str(exc)) from None
    if after.content() != before.content():
        save(after.model_copy(update={"updated": clock.now().date()}), path)
        out().print(t("cli_profile.edit.saved", path=str(path), fp=load(path).fingerprint))
    else:
        out().print(t("cli_profile.edit.unchanged", path=str(path)))
    draft.unlink(missing_ok=True)
    return 0


MARK = b"# rouei: "  # the lines at the top of a kept draft that say what is wrong with it


def _edited(draft: Path):
    """The profile the draft holds; RoueiError saying what is wrong with it."""
    import tomllib

    from wizard.errors import RoueiError
    from wizard.profile.files import parse

    try:
        raw = tomllib.loads(draft.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RoueiError("cli_profile.edit.toml", detail=str(exc)) from None
    return parse(raw, draft)


def _mark(draft: Path, problem: str) -> None:
    """Write the problem at the top of the draft as comments (in place of the last ones)."""
    from wizard.atomic import atomic_write
    from wizard.printable import clean

    lines = draft.read_bytes().splitlines(keepends=True)
    while lines and lines[0].startswith(MARK):
        lines.pop(0)
    said = [MARK + clean(line).encode("utf-8") + b"\n"
            for line in (t("cli_profile.edit.mark"), *problem.splitlines()) if line.strip()]
    atomic_write(draft, b"".join(said + lines))


def run_card(args) -> int:
    import sys

    from wizard import clock
    from wizard.atomic import atomic_write
    from wizard.cli.console import out
    from wizard.profile.card import render

    text = render(_load(args), args.format, as_of=clock.now())
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    atomic_write(target, text.encode("utf-8"))
    out().print(t("cli_profile.card.written", path=str(target)))
    return 0
