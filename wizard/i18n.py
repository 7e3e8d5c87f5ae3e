"""Message catalogue: Japanese first, English complete.

Texts live in `wizard/locale/<lang>/<area>.toml`, one file per area of the program (core, cli, store,
tui, …); keys are dotted paths inside them, e.g. `facts.error.bad_value`. A file is read the first
time one of its top-level tables is asked for, so tables must not be shared between files
(`tests/test_i18n.py` checks this).
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("ja", "en")
_LOCALE_DIR = Path(__file__).with_name("locale")
_lang = "ja"


def default_lang() -> str:
    """The language from `ROUEI_LANG`, else Japanese."""
    env = os.environ.get("ROUEI_LANG", "").strip().lower()
    return env if env in LANGS else "ja"


def set_lang(lang: str) -> None:
    """Choose the language of every message that follows."""
    global _lang
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    _lang = lang


def get_lang() -> str:
    return _lang


_loaded: dict[tuple[str, Path], dict[str, str]] = {}


def _file(lang: str, path: Path) -> dict[str, str]:
    """One area file, flattened to dotted keys (read once)."""
    if (lang, path) not in _loaded:
        flat: dict[str, str] = {}

        def walk(prefix: str, node: dict) -> None:
            for key, value in node.items():
                if isinstance(value, dict):
                    walk(f"{prefix}{key}.", value)
                else:
                    flat[f"{prefix}{key}"] = value

        with path.open("rb") as fh:
            walk("", tomllib.load(fh))
        _loaded[(lang, path)] = flat
    return _loaded[(lang, path)]


@cache
def _areas(lang: str) -> dict[str, Path]:
    """Which file holds each top-level table (`tui`, `facts`, …): texts load by area, on first use."""
    index: dict[str, Path] = {}
    for path in sorted((_LOCALE_DIR / lang).glob("*.toml")):
        for table in re.findall(r"^\[([a-z_]+)[\].]", path.read_text(encoding="utf-8"), re.MULTILINE):
            index.setdefault(table, path)
    return index


@cache
def _area_texts(lang: str, table: str) -> dict[str, str]:
    """The texts of the file that holds top-level table `table` (empty when none does)."""
    path = _areas(lang).get(table)
    return _file(lang, path) if path is not None else {}


def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, flattened to dotted keys."""
    flat: dict[str, str] = {}
    for path in sorted((_LOCALE_DIR / lang).glob("*.toml")):
        flat.update(_file(lang, path))
    return flat


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in `lang` (default: the current language), formatted with `params`.

    A key missing from the catalogue is returned as is, so a gap shows up instead of crashing;
    `tests/test_i18n.py` keeps both catalogues complete.
    """
    text = _area_texts(lang or _lang, key.partition(".")[0]).get(key)
    if text is None:
        return key
    return text.format(**params) if params else text


def pick(text: dict[str, str] | str, lang: str | None = None) -> str:
    """One language out of a `{ja = …, en = …}` text from the flows."""
    if isinstance(text, str):
        return text
    return text.get(lang or _lang) or text.get("ja") or next(iter(text.values()), "")
