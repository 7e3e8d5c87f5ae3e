"""The `rouei` command line. `rouei` alone opens the TUI; every subcommand lives in its own module.

Stable interface (design.md, "Commands"): exit 0 success, 1 a check found a problem, 2 bad input or
usage with a message naming the file, key or line. Never a traceback for anything a user can cause.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys

from wizard import __version__
from wizard.i18n import LANGS, default_lang, set_lang, t

# At exit, the objects still alive are set aside from the last garbage collection: it would only
# free memory the system takes back anyway, and with the store loaded it costs 15-30 ms of every command.
atexit.register(gc.freeze)

# (command, module, function that adds its subparser), in the order `--help` lists them.
COMMANDS = (
    ("new", "wizard.cli.incident", "add_new"),
    ("open", "wizard.cli.incident", "add_open"),
    ("answer", "wizard.cli.incident", "add_answer"),
    ("assess", "wizard.cli.assess", "add_assess"),
    ("log", "wizard.cli.incident", "add_log"),
    ("verify", "wizard.cli.incident", "add_verify"),
    ("merge", "wizard.cli.incident", "add_merge"),
    ("merge-driver", "wizard.cli.gitmerge", "add_merge_driver"),
    ("export", "wizard.cli.export", "add_export"),
    ("estimate", "wizard.cli.estimate", "add_estimate"),
    ("evidence", "wizard.cli.evidence", "add_evidence"),
    ("flows", "wizard.cli.flows", "add_flows"),
    ("exercise", "wizard.cli.exercise", "add_exercise"),
    ("profile", "wizard.cli.profile", "add_profile"),
)


def _language(argv: list[str]) -> str:
    """`--lang X` anywhere on the line, else `ROUEI_LANG`, else the saved preference, else Japanese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGS:
            return arg.split("=", 1)[1]
    from wizard.settings import saved_language

    return saved_language() or default_lang()


def common_options():
    """Options every command takes."""
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, help=t("cli.opt.lang"))
    return common


def _command(argv: list[str]) -> str | None:
    """The command named on the line (the first word that is not an option or `--lang`'s value), if any."""
    names = {name for name, _module, _function in COMMANDS}
    for i, arg in enumerate(argv):
        if arg.startswith("-") or (i and argv[i - 1] == "--lang"):
            continue
        return arg if arg in names else None
    return None


def build_parser(command: str | None = None):
    """The parser with every command, or with `command` only: a command imports only its own module
    (argparse is loaded only here: `rouei` alone goes straight to the TUI)."""
    import argparse

    from wizard.cli import argparse_i18n

    argparse_i18n.install()
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="rouei", description=t("cli.description"), epilog=t("cli.epilog"), parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rouei {__version__}",
                        help=t("cli.opt.version"))
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"), title=t("cli.commands"))
    for name, module, function in COMMANDS:
        if command is None or name == command:
            getattr(importlib.import_module(module), function)(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from wizard.cli.console import configure_streams, report_error

    configure_streams()
    set_lang(_language(argv))
    if not [a for a in argv if a not in ("--lang", *LANGS) and not a.startswith("--lang=")]:
        from wizard.tui import run

        return run(lang=_language(argv))
    command = _command(argv)
    if command is None and "--version" in argv:
        sys.stdout.write(f"rouei {__version__}\n")
        return 0
    from wizard.errors import RoueiError

    try:
        args = build_parser(command).parse_args(argv)
        if args.command is None:
            from wizard.tui import run

            return run(lang=_language(argv))
        return int(args.run(args) or 0)
    except RoueiError as exc:
        report_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        report_error(t("cli.interrupted"))
        return 130
    except BrokenPipeError:  # `rouei assess --json | head`: the reader left, nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # `rouei log FILE > /dev/full`: the output could not be written
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        report_error(t("cli_incident.output_failed", detail=exc.strerror or str(exc)))
        return 2
