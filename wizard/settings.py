"""The responder's own settings: name, role, language, theme and recent incidents.

Kept in `config_dir()/settings.toml`, written atomically; never part of an incident file. The start
screen reads them before its first frame, so this small file is checked by hand rather than with
pydantic (whose import alone costs more than the whole start screen); a value of the wrong type, or
a broken file, falls back to the default and is never fatal.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wizard.i18n import LANGS
from wizard.paths import config_dir

RECENT_LIMIT = 12


@dataclass(frozen=True)
class Recent:
    path: str
    title: str
    opened_at: datetime


@dataclass(frozen=True)
class Settings:
    name: str = ""
    role: str = ""
    lang: str | None = None
    theme: str = "textual-dark"
    recent: tuple[Recent, ...] = field(default_factory=tuple)

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "role": self.role, "theme": self.theme,
                               "recent": [dataclasses.asdict(r) for r in self.recent]}
        if self.lang is not None:
            out["lang"] = self.lang
        return out


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def _text(raw: dict, key: str, default: str) -> str:
    value = raw.get(key, default)
    return value if isinstance(value, str) else default


def _recent(entries: Any) -> tuple[Recent, ...]:
    if not isinstance(entries, list):
        return ()
    out = []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("path"), str) \
                and isinstance(entry.get("opened_at"), datetime) and entry["opened_at"].tzinfo is not None:
            out.append(Recent(entry["path"], _text(entry, "title", ""), entry["opened_at"]))
    return tuple(out[:RECENT_LIMIT])


def load_settings() -> Settings:
    """The settings, or the defaults where the file is missing or a value is not what it should be."""
    try:
        raw = tomllib.loads(settings_path().read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    lang = raw.get("lang")
    return Settings(name=_text(raw, "name", ""), role=_text(raw, "role", ""),
                    lang=lang if lang in LANGS else None, theme=_text(raw, "theme", "textual-dark"),
                    recent=_recent(raw.get("recent")))


def saved_language() -> str | None:
    return load_settings().lang


def save_settings(settings: Settings) -> None:
    import tomli_w

    from wizard.atomic import atomic_write

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomli_w.dumps(settings.to_toml()).encode("utf-8"))


def update_settings(**changes) -> None:
    """Load, change and save the settings in one step (the language, name, role or theme)."""
    save_settings(dataclasses.replace(load_settings(), **changes))


def remember_incident(settings: Settings, path: Path, title: str, now: datetime) -> Settings:
    """Settings with `path` moved to the top of the recent list."""
    resolved = str(path.resolve())
    recent = [r for r in settings.recent if r.path != resolved]
    recent.insert(0, Recent(path=resolved, title=title, opened_at=now))
    return dataclasses.replace(settings, recent=tuple(recent[:RECENT_LIMIT]))
