"""`rouei exercise list | show | start | inject | clock | tick | report | watch | replay | new`: tabletop
exercises."""

from __future__ import annotations

from pathlib import Path

from wizard.i18n import get_lang, t

FORMATS = ("md", "html", "txt", "json")


def add_exercise(sub, common) -> None:
    parser = sub.add_parser("exercise", parents=[common], help=t("exercise.cli.help"),
                            description=t("exercise.cli.description"))
    actions = parser.add_subparsers(dest="exercise_command", metavar=t("cli.command_metavar"), required=True)

    def action(name: str, run):
        p = actions.add_parser(name, parents=[common], help=t(f"exercise.cli.{name}_help"),
                               description=t(f"exercise.cli.{name}_help"))
        p.set_defaults(run=run)
        return p

    def by(p) -> None:
        p.add_argument("--by", metavar="NAME", help=t("cli_incident.opt.by"))
        p.add_argument("--role", metavar="ROLE", help=t("cli_incident.opt.role"))

    def output(p, formats=FORMATS, default="md") -> None:
        p.add_argument("--format", choices=formats, default=default, help=t("exercise.cli.format_help"))
        p.add_argument("-o", "--output", type=Path, metavar="PATH", help=t("exercise.cli.output_help"))

    action("list", run_list)
    show = action("show", run_show)
    show.add_argument("scenario", metavar="SCENARIO")
    show.add_argument("--seed", type=int, default=0, help=t("exercise.cli.seed_help"))
    output(show, ("txt", "md", "html"), "txt")
    start = action("start", run_start)
    start.add_argument("scenario", metavar="SCENARIO|FILE", help=t("exercise.cli.scenario_help"))
    start.add_argument("-o", "--output", type=Path, metavar="FILE", required=True, help=t("exercise.cli.file_help"))
    start.add_argument("--seed", type=int, default=0, help=t("exercise.cli.seed_help"))
    pace = start.add_mutually_exclusive_group()
    pace.add_argument("--speed", type=int, metavar="N", help=t("exercise.cli.speed_help"))
    pace.add_argument("--manual", action="store_true", help=t("exercise.cli.manual_help"))
    start.add_argument("--blind", action="store_true", help=t("exercise.cli.blind_help"))
    start.add_argument("--no-open", action="store_true", help=t("exercise.cli.no_open_help"))
    by(start)
    inject = action("inject", run_inject)
    inject.add_argument("file", type=Path, metavar="FILE")
    which = inject.add_mutually_exclusive_group()
    which.add_argument("id", nargs="?", metavar="ID", help=t("exercise.cli.inject_id_help"))
    which.add_argument("--next", action="store_true", help=t("exercise.cli.next_help"))
    by(inject)
    clock = action("clock", run_clock)
    clock.add_argument("file", type=Path, metavar="FILE")
    move = clock.add_mutually_exclusive_group()
    move.add_argument("--pause", action="store_true", help=t("exercise.cli.pause_help"))
    move.add_argument("--resume", action="store_true", help=t("exercise.cli.resume_help"))
    move.add_argument("--advance", type=int, metavar="MINUTES", help=t("exercise.cli.advance_help"))
    move.add_argument("--speed", type=int, metavar="N", help=t("exercise.cli.speed_help"))
    by(clock)
    tick = action("tick", run_tick)
    tick.add_argument("file", type=Path, metavar="FILE")
    tick.add_argument("items", nargs="+", metavar="ITEM")
    tick.add_argument("--undo", action="store_true", help=t("exercise.cli.undo_help"))
    by(tick)
    report = action("report", run_report)
    report.add_argument("files", type=Path, nargs="+", metavar="FILE")
    output(report)
    watch = action("watch", run_watch)
    watch.add_argument("files", type=Path, nargs="+", metavar="FILE")
    replay = action("replay", run_replay)
    replay.add_argument("file", type=Path, metavar="FILE")
    new = action("new", run_new)
    new.add_argument("-o", "--output", type=Path, metavar="FILE", required=True, help=t("exercise.cli.new_file_help"))
    new.add_argument("--from-profile", action="store_true", help=t("exercise.cli.from_profile_help"))
    new.add_argument("--profile", type=Path, metavar="FILE", help=t("exercise.cli.profile_help"))


def _who(args):
    from wizard.cli.incident import responder

    return responder(args)


def _run(path: Path):
    from wizard.errors import RoueiError
    from wizard.exercise.run import Run
    from wizard.store import Incident

    if not path.is_file():
        raise RoueiError("file.not_found", path=str(path))
    return Run(Incident.load(path))


def _positive(value: int | None, option: str) -> None:
    from wizard.errors import RoueiError

    if value is not None and value < 0:
        raise RoueiError("exercise.error.negative", option=option, value=value)


def _write(text: str, target: Path | None) -> None:
    from wizard.cli.console import out

    if target is None:
        out().print(text, markup=False, end="", soft_wrap=True)
        return
    from wizard.exports import write

    write([(target.name, text)], target)
    out().print(t("exercise.cli.written", path=str(target)))


def _render(doc, fmt: str) -> str:
    from wizard.exports.html import to_html
    from wizard.exports.plain import to_markdown, to_text

    return {"md": to_markdown, "txt": to_text, "html": to_html}[fmt](doc)


# ---- commands -----------------------------------------------------------------------------------

def run_list(args) -> int:
    from rich.markup import escape
    from rich.table import Table

    from wizard.cli.console import out
    from wizard.clock import show
    from wizard.exercise.scenario import bundled_scenarios

    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("exercise.cli.col_id"), no_wrap=True)
    table.add_column(t("exercise.cli.col_title"), overflow="fold")
    table.add_column(t("exercise.cli.col_start"), overflow="fold")
    for s in bundled_scenarios():
        table.add_row(s.id, f"{escape(str(s.title))}\n[dim]{t(f'exercise.family.{s.family}')} · "
                      f"{t('exercise.cli.counts', injects=len(s.injects), variants=len(s.variants))}[/]",
                      show(s.start))
    out().print(table)
    out().print(t("exercise.cli.list_hint"), style="dim")
    return 0


def run_show(args) -> int:
    from wizard.exercise.report import guide
    from wizard.exercise.scenario import find

    _positive(args.seed, "--seed")
    _write(_render(guide(find(args.scenario), args.seed), args.format), args.output)
    return 0


def _scenario(argument: str):
    """A bundled scenario by id, or a firm's own file (checked against the engine: its answer key must
    be the rules' answer) with its text, to be kept in the run."""
    from wizard.errors import RoueiError
    from wizard.exercise.check import check_scenario
    from wizard.exercise.scenario import find, is_file_argument, load_file

    if not is_file_argument(argument):
        return find(argument), None
    path = Path(argument)
    if not path.is_file():
        raise RoueiError("file.not_found", path=str(path))
    scenario, text = load_file(path)
    problems = check_scenario(scenario, name=str(path))
    if problems:
        raise RoueiError("exercise.error.bad_scenario", path=str(path),
                         problems="\n".join(f"  {p.key}: {p.message}" for p in problems))
    return scenario, text


def run_start(args) -> int:
    from wizard.cli.console import out
    from wizard.clock import show
    from wizard.exercise.run import speed_text, start

    scenario, source = _scenario(args.scenario)
    _positive(args.seed, "--seed")
    _positive(args.speed, "--speed")
    who = _who(args)
    speed = 0 if args.manual else args.speed
    run = start(scenario, args.output, who, seed=args.seed, speed=speed, blind=args.blind, source=source)
    console = out()
    console.print(t("exercise.cli.started", path=str(args.output), title=str(scenario.title),
                    at=show(scenario.start), speed=speed_text(run.anchor.speed)))
    if args.blind:
        console.print(t("exercise.cli.started_blind"))
    console.print(t("exercise.cli.start_next", path=str(args.output)), style="dim")
    if args.no_open:
        return 0
    from wizard.tui import run as run_tui

    return run_tui(args.output, by=who.name, lang=get_lang())


def run_inject(args) -> int:
    from rich.markup import escape

    from wizard.cli.console import out
    from wizard.clock import show

    run = _run(args.file)
    console = out()
    if args.id or args.next:
        released = [run.release(args.id, _who(args))]
    else:  # catch up: release what has fallen due (a name is needed only when something is)
        released = run.release_due(_who(args)) if run.due() else []
    for inject in released:
        console.print(t("exercise.cli.released", title=escape(str(inject.title)), at=show(run.now())))
    if not released:
        console.print(t("exercise.cli.none_due", at=show(run.now())))
    for inject in run.upcoming():
        at = run.scenario.due_at(inject)
        console.print(t("exercise.cli.upcoming", id=inject.id, title=escape(str(inject.title)),
                        when=show(at) if at else t("exercise.guide.manual")), style="dim")
    return 0


def run_clock(args) -> int:
    from wizard.cli.console import out
    from wizard.clock import show
    from wizard.exercise.run import speed_text

    _positive(args.advance, "--advance")
    _positive(args.speed, "--speed")
    run = _run(args.file)
    if args.pause or args.resume or args.advance or args.speed is not None:
        run.move_clock(pause=True if args.pause else False if args.resume else None,
                       advance=args.advance or 0, speed=args.speed, who=_who(args))
    anchor = run.anchor
    state = t("exercise.clock.paused") if anchor.paused else speed_text(anchor.speed)
    out().print(t("exercise.cli.clock", at=show(run.now()), state=state))
    return 0


def run_tick(args) -> int:
    from rich.markup import escape

    from wizard.cli.console import out
    from wizard.clock import show
    from wizard.domain.flows import bundled
    from wizard.errors import RoueiError
    from wizard.timeline import item_title

    ids = {i.id for i in bundled().checklist}
    for item in args.items:
        if item not in ids:
            raise RoueiError("exercise.error.no_item", item=item, items=", ".join(sorted(ids)))
    run = _run(args.file)
    who = _who(args)
    for item in args.items:
        run.incident.tick(item, who, done=not args.undo, now=run.now())
        out().print(t("exercise.cli.untick" if args.undo else "exercise.cli.tick", item=escape(item_title(item)),
                      at=show(run.now())))
    return 0


def run_report(args) -> int:
    from wizard.exercise.report import after_action, to_json
    from wizard.exercise.score import score

    runs = [_run(path) for path in args.files]
    _one_scenario(runs)
    scores = [score(r) for r in runs]
    text = to_json(scores) if args.format == "json" else _render(after_action(runs, scores), args.format)
    _write(text, args.output)
    return 0


def _one_scenario(runs) -> None:
    from wizard.errors import RoueiError

    scenarios = {r.scenario.id for r in runs}
    if len(scenarios) > 1:
        raise RoueiError("exercise.error.mixed", scenarios=", ".join(sorted(scenarios)))


def run_watch(args) -> int:
    """The room view: every team side by side, live, read-only."""
    runs = [_run(path) for path in args.files]  # each a readable run, or a clear message before the screen
    _one_scenario(runs)
    from wizard.tui.watch import WatchApp

    app = WatchApp(args.files)
    app.run()
    return app.return_code or 0


def run_replay(args) -> int:
    """A finished run, inject by inject, for the debrief (read-only)."""
    _run(args.file)
    from wizard.tui.replay import ReplayApp

    app = ReplayApp(args.file)
    app.run()
    return app.return_code or 0


def run_new(args) -> int:
    """A scenario file of the firm's own: from its profile, or a template, with a valid answer key."""
    from wizard.cli.console import out
    from wizard.errors import RoueiError
    from wizard.exercise.template import write_scenario

    if args.output.exists():
        raise RoueiError("store.error.exists", path=str(args.output))
    profile = None
    if args.from_profile or args.profile is not None:
        from wizard.profile.files import load, profile_path

        profile = load(profile_path(args.profile))
    write_scenario(args.output, profile)
    out().print(t("exercise.cli.new_written", path=str(args.output)))
    out().print(t("exercise.cli.new_next", path=str(args.output)), style="dim")
    return 0
