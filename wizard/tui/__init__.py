"""The Textual wizard. Imported only when the TUI is started, so the command line stays light."""

from __future__ import annotations

from pathlib import Path


def run(path: Path | None = None, *, by: str | None = None, lang: str = "ja", new: bool = False) -> int:
    """Start the TUI: the start screen, or straight into the incident at `path`."""
    from wizard.cli.console import report_error
    from wizard.i18n import t

    report_error(t("cli.tui_not_ready"))
    return 2
