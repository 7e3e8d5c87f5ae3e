"""`rouei new` opening the TUI prints no command-line next step (issue 11.15); with --no-open it does."""

from __future__ import annotations

import pytest

from wizard.cli import main


@pytest.mark.parametrize(("extra", "hint"), [([], False), (["--no-open"], True)])
def test_the_command_line_hint_only_when_the_tui_does_not_open(monkeypatch, capsys, tmp_path, extra, hint):
    opened = []
    monkeypatch.setattr("wizard.tui.run", lambda path, **kw: opened.append(path) or 0)
    assert main(["new", "-o", str(tmp_path / "c.toml"), "--by", "山田", *extra]) == 0
    out = capsys.readouterr().out
    assert ("rouei answer" in out) is hint
    assert bool(opened) is not hint
