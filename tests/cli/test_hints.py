"""Commands printed to copy (after `new`, `exercise start`, with a conflict, in an error) stand on their
own line, whole, whatever the width, each word quoted so that it pastes as one word."""

from __future__ import annotations

import io
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.cli import main
from wizard.shell import command, quote

HOSTILE = ["山田 太郎", "山田　太郎", "it's", 'say "hi"', "a$b", "`x`", "a\\b", "100%", "wow!", "(x)", "a;b", "*.toml",
           "~", "#1", "-dash", "", "my case.toml", "C:\\Users\\山田\\case.toml"]


@pytest.mark.parametrize("word", HOSTILE)
def test_a_quoted_word_reads_back_as_itself_in_a_posix_shell(word):
    assert shlex.split(command("rouei", "answer", word, "--by", word)) == ["rouei", "answer", word, "--by", word]


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_any_word_reads_back_as_itself(word):
    assert shlex.split(quote(word)) == [word]


@pytest.mark.parametrize(("word", "quoted"), [("山田", "山田"), ("case.toml", "case.toml"), ("山田 太郎", '"山田 太郎"'),
                                              ("山田　太郎", '"山田　太郎"'), ("my case.toml", '"my case.toml"')])
def test_names_with_spaces_use_the_quotes_every_shell_reads(word, quoted):
    """Double quotes: bash, zsh, PowerShell and cmd.exe all read "山田 太郎" as one word (single quotes
    are not quotes to cmd.exe)."""
    assert quote(word) == quoted


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_the_hint_after_new_is_a_whole_line_with_the_name_quoted(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "40")
    path = tmp_path / "my case.toml"
    assert main(["new", "-o", str(path), "--by", "山田 太郎", "--no-open", "--no-profile"]) == 0
    [line] = [x for x in _lines(capsys.readouterr().out) if x.startswith("rouei ")]
    assert shlex.split(line) == ["rouei", "answer", str(path), "aware_at=YYYY-MM-DD HH:MM", "--by", "山田 太郎"]
    assert line.endswith('--by "山田 太郎"')


def test_the_hints_after_exercise_start_are_whole_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "40")
    path = tmp_path / "team a.toml"
    assert main(["exercise", "start", "ransomware_friday", "-o", str(path), "--manual", "--no-open",
                 "--by", "進行役 太郎"]) == 0
    lines = [x for x in _lines(capsys.readouterr().out) if x.startswith("rouei ")]
    assert [shlex.split(x) for x in lines] == [["rouei", "exercise", "inject", str(path), "--next"],
                                              ["rouei", "exercise", "report", str(path)]]


def test_an_error_with_a_command_keeps_it_whole(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "40")
    path = tmp_path / "my case.toml"
    assert main(["new", "-o", str(path), "--by", "山田", "--no-open", "--no-profile"]) == 0
    capsys.readouterr()
    assert main(["assess", str(path)]) == 2
    [line] = [x for x in _lines(capsys.readouterr().err) if x.startswith("rouei ")]
    assert shlex.split(line)[:3] == ["rouei", "answer", str(path)]


def test_on_a_narrow_terminal_prose_folds_and_a_command_does_not():
    from rich.console import Console

    from wizard.cli.console import say

    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=None)
    long = command("rouei", "evidence", "transfer", "インシデント ファイル.toml", "E-3f9a2c", "--from", "山田 太郎",
                   "--to", "佐藤 花子", "--by", "山田 太郎")
    say(console, "今持っている人から受け渡しを記録すると解決します。候補の1人が持っているなら、その人に:\n  " + long)
    lines = console.file.getvalue().splitlines()
    assert len(lines) > 2  # the prose folded to 40 columns
    assert lines[-1].strip() == long  # the command on one line, for the terminal to wrap and copy whole
