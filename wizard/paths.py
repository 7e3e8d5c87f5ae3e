"""Where rouei keeps its own files (settings, recent incidents): never inside an incident folder; and
which files beside an incident file are its own."""

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


def incident_sibling(name: str, incident_name: str) -> bool:
    """Whether the file `name`, in the incident file's folder, is that file or one of its own: a backup
    (`.bak`, `.bak.1`, …), the lock, or a temporary file of a save."""
    return (name == incident_name or name.startswith((f"{incident_name}.bak", f"{incident_name}.lock"))
            or (name.startswith(f".{incident_name}.") and name.endswith(".tmp")))
