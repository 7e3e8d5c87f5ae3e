"""Where rouei keeps its own files (settings, recent incidents): never inside an incident folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def config_dir() -> Path:
    """`ROUEI_CONFIG_DIR`, else the platform's per-user config folder."""
    override = os.environ.get("ROUEI_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "rouei"
