"""The responder's own settings: name, role, language, theme and recent incidents.

Kept in `config_dir()/settings.toml`, written atomically. Not part of any incident file.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from wizard.i18n import LANGS
from wizard.paths import config_dir

RECENT_LIMIT = 12


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def saved_language() -> str | None:
    """Just the saved language, read without pydantic so start-up stays fast; None when unset or unreadable."""
    try:
        raw = tomllib.loads(settings_path().read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    lang = raw.get("lang")
    return lang if lang in LANGS else None


def _models():
    from pydantic import BaseModel, ConfigDict, Field

    class Recent(BaseModel):
        model_config = ConfigDict(extra="ignore")
        path: str
        title: str = ""
        opened_at: datetime

    class Settings(BaseModel):
        model_config = ConfigDict(extra="ignore")
        name: str = ""
        role: str = ""
        lang: str | None = None
        theme: str = "textual-dark"
        recent: list[Recent] = Field(default_factory=list)

    return Settings, Recent


def load_settings():
    """The settings, or defaults when the file is missing or broken (a broken file is never fatal)."""
    Settings, _ = _models()
    try:
        raw = tomllib.loads(settings_path().read_bytes().decode("utf-8"))
        return Settings.model_validate(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
        return Settings()


def save_settings(settings) -> None:
    import tomli_w

    from wizard.atomic import atomic_write

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomli_w.dumps(settings.model_dump(mode="python", exclude_none=True)).encode("utf-8"))


def remember_incident(settings, path: Path, title: str, now: datetime):
    """Settings with `path` moved to the top of the recent list."""
    _, Recent = _models()
    resolved = str(path.resolve())
    recent = [r for r in settings.recent if r.path != resolved]
    recent.insert(0, Recent(path=resolved, title=title, opened_at=now))
    return settings.model_copy(update={"recent": recent[:RECENT_LIMIT]})


def update_settings(**changes) -> None:
    """Load, change and save the settings in one step (used for the language, name, role and theme)."""
    settings = load_settings()
    save_settings(settings.model_copy(update=changes))
