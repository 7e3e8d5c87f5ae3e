"""`rouei evidence add|transfer|list|show|verify`: the evidence register and its chain of custody.

Exit codes: 0 done; 1 `add` could not record some files, or `verify` found a changed, missing,
added or unreadable file; 2 bad input.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from wizard.cli.incident import _by, _force, _locked, responder
from wizard.errors import RoueiError
from wizard.i18n import t

LARGE = 64 << 20  # a progress bar only for inputs of this many bytes or more
PROBLEMS = ("unreadable", "vanished", "unstable")  # skipped files that mean evidence was not preserved
STYLE = {"intact": "green", "changed": "bold red", "missing": "bold red", "added": "yellow", "unreadable": "yellow"}


def add_evidence(sub, common) -> None:
    parser = sub.add_parser("evidence", parents=[common], help=t("cli_evidence.help"),
                            description=t("cli_evidence.description"), epilog=t("cli_evidence.epilog"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="evidence_command", metavar=t("cli.command_metavar"), required=True)

    add = _action(actions, common, "add", run_add, writes=True)
    add.add_argument("paths", nargs="+", metavar="PATH", help=t("cli_evidence.add.paths_help"))
    add.add_argument("--location", default="", metavar="TEXT", help=t("cli_evidence.add.location_help"))
    add.add_argument("--note", default="", metavar="TEXT", help=t("cli_evidence.add.note_help"))

    transfer = _action(actions, common, "transfer", run_transfer, writes=True)
    transfer.add_argument("item", metavar="ITEM", help=t("cli_evidence.item_help"))
    transfer.add_argument("--from", dest="giver", default="", metavar="NAME", help=t("cli_evidence.transfer.from_help"))
    transfer.add_argument("--to", dest="taker", required=True, metavar="NAME", help=t("cli_evidence.transfer.to_help"))
    transfer.add_argument("--reason", required=True, metavar="TEXT", help=t("cli_evidence.transfer.reason_help"))
    transfer.add_argument("--at", metavar="DATETIME", help=t("cli_evidence.transfer.at_help"))

    _action(actions, common, "list", run_list)
    show = _action(actions, common, "show", run_show)
    show.add_argument("item", metavar="ITEM", help=t("cli_evidence.item_help"))

    verify = _action(actions, common, "verify", run_verify, writes=True)
    verify.add_argument("items", nargs="*", metavar="ITEM", help=t("cli_evidence.verify.items_help"))


def _action(actions, common, name: str, run, *, writes: bool = False) -> argparse.ArgumentParser:
    """One sub-command with its translated help, the incident FILE and, for those that write,
    `--by`, `--role` and `--force` as `rouei answer` has them."""
    key = f"cli_evidence.{name}"
    parser = actions.add_parser(name, parents=[common], help=t(f"{key}.help"), description=t(f"{key}.description"),
                                epilog=t(f"{key}.epilog"), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, metavar="FILE", help=t("cli_evidence.file_help"))
    if writes:
        _by(parser)
        _force(parser)
    parser.set_defaults(run=run)
    return parser


# ---- shared ----------------------------------------------------------------------------------

def _say(text: str, style: str = "") -> None:
    """One line on stdout; user text (paths, names) is never read as markup, and its control characters
    are shown as escapes."""
    from rich.text import Text

    from wizard.cli.console import out
    from wizard.printable import shown

    text = "\n".join(shown(line) for line in text.split("\n"))
    out().print(Text(text, style=style), highlight=False, soft_wrap=True)


def _when(moment: datetime | None) -> str:
    """A moment to the second, in Japan time with its label (whatever the computer's zone): for the record."""
    from wizard.clock import show

    return show(moment, "%Y-%m-%d %H:%M:%S") if moment else "-"


def _short(moment: datetime) -> str:
    """A moment to the minute, in Japan time with its label: for tables."""
    from wizard.clock import show

    return show(moment)


def _screened(text: str, option: str, field: str) -> str:
    """`text` cleaned when it holds nothing that looks like personal data, else `RoueiError` naming the
    option (`field`: the guard's name for it, `wizard.store.guard.FIELDS`)."""
    from wizard.store.guard import PersonalDataFound, screen

    try:
        return screen(text, field).strip()
    except PersonalDataFound as exc:
        raise RoueiError("evidence.error.personal_data", option=option, kinds=exc.params["kinds"],
                         masked=exc.masked) from None


def _load(path: Path):
    from wizard.store import Incident

    return Incident.load(path, read_only=True)


def _writing(args, who):
    """The incident locked for `who` (a stale lock taken over after a yes, or with `--force`);
    use with `with`, which releases the lock."""
    from wizard.store import Incident

    return _locked(lambda force: Incident.open_for_writing(args.file, who, force=force), args.force)


class _Bar:
    """A transient progress bar on stderr with rate and time left, for large inputs on a terminal.
    `sized()` gives the total when the reports do not (the hashing did not size the files beforehand)."""

    def __init__(self, sized=None) -> None:
        self._sized = sized
        self._total: int | None = None
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int | None) -> None:
        if self._progress is None:
            if total is not None and total < LARGE:
                return
            from wizard.cli.console import err

            if not err().is_terminal:
                return
            if total is None:
                self._total = total = self._total if self._total is not None else self._sized()
                if total < LARGE:
                    return
            from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                       TransferSpeedColumn)

            self._progress = Progress(TextColumn(t("cli_evidence.progress")), BarColumn(), DownloadColumn(),
                                      TransferSpeedColumn(), TimeRemainingColumn(), console=err(), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=total)
        self._progress.update(self._task, completed=done)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *_exc) -> None:
        if self._progress is not None:
            self._progress.stop()


# ---- add, transfer ---------------------------------------------------------------------------

def run_add(args) -> int:
    """Hash the paths apart (another process, or a thread: `apart.py`) while the name, the texts and the
    incident file (its lock) are checked and the modules that record them are loaded: the hashing does
    not wait for the store to load. When a check fails, the hashing stops and nothing is recorded."""
    from functools import partial

    from wizard.evidence.apart import start
    from wizard.evidence.collect import incident_files, total_size  # light: the store is not loaded yet
    from wizard.evidence.payload import collect_prepared

    ignore = incident_files(args.file)
    with _Bar(partial(total_size, args.paths, ignore)) as bar:
        hashing = start(partial(collect_prepared, args.paths, ignore), bar)
        try:
            who = responder(args)
            location = _screened(args.location, "--location", "location")
            note = _screened(args.note, "--note", "evidence_note")
            with _writing(args, who):  # a bad file or someone else's lock: reported, nothing recorded
                pass
            import wizard.evidence.register  # noqa: F401  (what `_record_added` uses, loaded meanwhile)
            from wizard.cli.console import out

            out()
        except BaseException:
            hashing.cancel()
            raise
        prepared = hashing.result()
    return _record_added(args, who, prepared, location, note)


def _record_added(args, who, prepared, location: str, note: str) -> int:
    from wizard.evidence.names import store_path
    from wizard.evidence.register import add

    with _writing(args, who) as incident:
        ids = add(incident, prepared, who, location=location, note=note)
        names_path = store_path(incident.events[0].id)
    problems = 0
    for ready, item_id in zip(prepared, ids):
        _print_added(ready, item_id, location, names_path)
        problems += sum(s.reason in PROBLEMS for s in ready.skipped)
    if problems:
        _say(t("cli_evidence.add.problems", count=problems), "bold red")
    return 1 if problems else 0


def _print_added(ready, item_id: str | None, location: str, names_path) -> None:
    """What was recorded for one path, told from the payload just written (not read back)."""
    from wizard.evidence.collect import join, read_path, show
    from wizard.evidence.register import digest_line, payload_digest, what

    data = ready.data
    if item_id is None:
        _say(t("cli_evidence.add.not_recorded", path=show(ready.given)), "bold red")
    else:
        link = data["entries"][0] if data["kind"] == "link" and data["entries"] else None
        target = read_path(link["target"], link.get("target_hex", "")) if link else None
        _say(t("cli_evidence.add.recorded", item=item_id, path=show(read_path(data["path"], data.get("path_hex", ""))),
               what=what(data["kind"], data["files"], data["bytes"], target)), "bold")
        _say(t("cli_evidence.add.hash", hash=digest_line(*payload_digest(data))))
        if location:
            _say(t("cli_evidence.add.location", location=location))
        if data.get("masked"):
            _say(t("evidence.names.kept", path=str(names_path)), "yellow")
    for s in ready.skipped:
        _say(t("cli_evidence.add.skipped", path=show(join(ready.given, s.rel)), reason=_reason(s.reason, s.detail)),
             "yellow" if s.reason == "special" else "red")


def _reason(reason: str, detail: str = "") -> str:
    return t(f"evidence.reason.{reason}", detail=detail)


def _name(item, rel: str) -> str:
    """A file of an item for display: its path inside the item, or the item's own path."""
    from wizard.evidence.collect import show

    return show(rel) if rel else show(item.path)


def run_transfer(args) -> int:
    from wizard.domain.facts import parse_datetime
    from wizard.evidence.register import transfer

    who = responder(args)
    reason = _screened(args.reason, "--reason", "reason")
    taker, giver = _screened(args.taker, "--to", "name"), _screened(args.giver, "--from", "name")
    handed_at = None
    if args.at:
        try:
            handed_at = parse_datetime(args.at)
        except RoueiError:
            raise RoueiError("evidence.error.bad_datetime", value=args.at) from None
    with _writing(args, who) as incident:
        item = transfer(incident, args.item, taker, reason, who, giver=giver, handed_at=handed_at)
    step = item.custody[-1]
    _say(t("cli_evidence.transfer.recorded", item=item.id, giver=step.giver, taker=step.taker,
           at=_when(step.handed_at)))
    return 0


# ---- list, show ------------------------------------------------------------------------------

def run_list(args) -> int:
    from rich.table import Table
    from rich.text import Text

    from wizard.cli.console import out
    from wizard.evidence.collect import show
    from wizard.evidence.register import describe, register
    from wizard.printable import shown

    items = register(_load(args.file))
    if not items:
        _say(t("cli_evidence.list.empty"))
        return 0
    table = Table(title=t("cli_evidence.list.title", count=len(items)), show_lines=True)
    for column in ("id", "path", "what", "collected", "chain", "check"):
        table.add_column(t(f"cli_evidence.list.col_{column}"), overflow="fold")
    for item in items:
        chain = shown(" → ".join([item.collected_by, *(step.taker for step in item.custody
                                                        if step not in item.contested)]))
        if item.contested:
            chain += f" → ! {shown(item.holder)}"
        check = item.last_check
        table.add_row(
            item.id, Text(show(item.path)), Text(describe(item)),
            Text(t("cli_evidence.list.collected", by=shown(item.collected_by), at=_short(item.collected_at))),
            Text(chain + (f"\n{shown(item.location)}" if item.location else "")),
            Text(t("cli_evidence.list.check", status=t(f"evidence.status.{check.status}"), at=_short(check.at)),
                 style=STYLE.get(check.status, "")) if check else t("cli_evidence.list.never_checked"))
    out().print(table)
    return 0


def run_show(args) -> int:
    from wizard.evidence.collect import show
    from wizard.evidence.register import describe, digest_text, find, register, size_text

    item = find(register(_load(args.file)), args.item)
    _say(f"{item.id}  {show(item.path)}", "bold")
    _say(t("cli_evidence.show.root", root=show(item.root)))
    _say(t("cli_evidence.show.kind", what=describe(item)))
    _say(t("cli_evidence.show.hash", hash=digest_text(item)))
    if item.location:
        _say(t("cli_evidence.show.location", location=item.location))
    if item.note:
        _say(t("cli_evidence.show.note", note=item.note))
    _say(t("cli_evidence.show.chain"), "bold")
    _say(t("cli_evidence.show.chain_start", at=_when(item.collected_at), by=item.collected_by))
    for step in item.custody:
        _say(t("cli_evidence.show.chain_step", at=_when(step.handed_at), giver=step.giver, taker=step.taker,
               reason=step.reason or "-", by=step.recorded_by))
    _say(t("cli_evidence.show.holder", holder=item.holder), "bold red" if item.contested else "")
    if item.contested:
        _say(t("evidence.conflict.title"), "bold red")
        for step in item.contested:
            _say(t("evidence.conflict.step", at=_when(step.handed_at), giver=step.giver, taker=step.taker,
                   reason=step.reason or "-", by=step.recorded_by), "red")
        from wizard.cli.incident import custody_hint

        _say(custody_hint(args.file, item.id), "dim")
    check = item.last_check
    if check:
        _say(t("cli_evidence.show.check", status=t(f"evidence.status.{check.status}"), at=_when(check.at),
               by=check.by), STYLE.get(check.status, ""))
    else:
        _say(t("cli_evidence.show.never_checked"))
    _say(t("cli_evidence.show.files"), "bold")
    for e in item.entries:
        name = _name(item, e.rel)
        if e.kind == "link":
            _say(t("cli_evidence.show.entry_link", path=name, target=show(e.target)))
        else:
            _say(t("cli_evidence.show.entry_file", sha256=e.sha256, size=size_text(e.size), mtime=_when(e.mtime),
                   path=name))
    if item.skipped:
        _say(t("cli_evidence.show.skipped"), "bold")
        for s in item.skipped:
            _say(t("cli_evidence.show.skipped_entry", path=_name(item, s.rel), reason=_reason(s.reason, s.detail)))
    return 0


# ---- verify ----------------------------------------------------------------------------------

def run_verify(args) -> int:
    from wizard.evidence.register import record_verify, verify
    from wizard.settings import load_settings

    who = responder(args) if (args.by or load_settings().name).strip() else None
    with _Bar() as bar:
        report = verify(_load(args.file), bar, args.items)
    if not report.items:
        _say(t("cli_evidence.verify.empty"))
        return 0
    for result in report.items:
        _print_result(result)
    _say(t("cli_evidence.verify.summary", **report.counts()))
    _say(t("cli_evidence.verify.ok" if report.ok else "cli_evidence.verify.problem"),
         "bold green" if report.ok else "bold red")
    if who is None:
        _say(t("cli_evidence.verify.not_recorded"))
    else:
        try:
            with _writing(args, who) as incident:
                record_verify(incident, report, who)
            _say(t("cli_evidence.verify.recorded"))
        except RoueiError as exc:
            _say(t("cli_evidence.verify.record_failed", error=str(exc)), "yellow")
    return 0 if report.ok else 1


def _print_result(result) -> None:
    from wizard.evidence.collect import show

    status = result.status
    _say(t("cli_evidence.verify.item", item=result.item.id, path=show(result.item.path),
           status=t(f"evidence.status.{status}")), "bold " + STYLE[status])
    for f in result.findings:
        if f.status == "intact":
            continue
        key = "cli_evidence.verify.finding_reason" if f.reason else "cli_evidence.verify.finding"
        reason = _reason(f.reason) if f.status == "changed" else f.reason
        _say(t(key, status=t(f"evidence.status.{f.status}"), path=_name(result.item, f.rel), reason=reason),
             STYLE[f.status])
