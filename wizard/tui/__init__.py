"""The Textual wizard. Imported only when the TUI is started, so the command line stays light."""

from __future__ import annotations

import os
from pathlib import Path


def run(path: Path | None = None, *, by: str | None = None, lang: str = "ja") -> int:
    """Start the TUI: the start screen, or straight into the existing incident at `path`."""
    if os.environ.get("TERM_PROGRAM") == "iTerm.app":
        # iTerm2 loses IME-composed text under the kitty keyboard protocol (textual-notes §11.6);
        # Textual reads this once, at import.
        os.environ.setdefault("TEXTUAL_DISABLE_KITTY_KEY", "1")
    from wizard.tui.app import make_app

    app = make_app(path, lang=lang, by=by)
    app.run()
    return app.return_code or 0
