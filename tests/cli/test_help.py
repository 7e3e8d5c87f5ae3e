"""`--help` of every command and sub-command, in Japanese and English: printed whole, never a traceback."""

from __future__ import annotations

import argparse

import pytest

from wizard.cli import build_parser, main
from wizard.i18n import set_lang


def _commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that names a parser: ("new",), ("evidence", "add"), …"""
    out = [words] if words else []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out += _commands(child, (*words, name))
    return out


set_lang("ja")
COMMANDS = _commands(build_parser())


def test_every_command_is_walked():
    assert ("merge-driver",) in COMMANDS and ("evidence", "transfer") in COMMANDS
    assert ("exercise", "report") in COMMANDS and ("profile", "init") in COMMANDS and len(COMMANDS) > 30


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_help_of_every_command_prints(words, lang, capsys):
    with pytest.raises(SystemExit) as done:
        main([*words, "--help", "--lang", lang])
    out, err = capsys.readouterr()
    assert done.value.code == 0, err
    assert err == "" and "Traceback" not in out
    assert ("使い方: " if lang == "ja" else "usage: ") in out and f"rouei {' '.join(words)}" in out
