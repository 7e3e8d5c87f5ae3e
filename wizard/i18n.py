"""Message catalogue: Japanese first, English complete.

Texts live in `wizard/locale/<lang>/<area>.toml`, one file per area of the program (core, cli, store,
tui, …); keys are dotted paths inside them, e.g. `facts.error.bad_value`. All files of a language are
merged, so an area's keys must not clash with another's (`tests/test_i18n.py` checks this).
"""

from __future__ import annotations

import os
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


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language, flattened to dotted keys."""
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(name + ".", value)
            else:
                flat[name] = value

    for path in sorted((_LOCALE_DIR / lang).glob("*.toml")):
        with path.open("rb") as fh:
            walk("", tomllib.load(fh))
    return flat


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in `lang` (default: the current language), formatted with `params`.

    A key missing from the catalogue is returned as is, so a gap shows up instead of crashing;
    `tests/test_i18n.py` keeps both catalogues complete.
    """
    text = catalogue(lang or _lang).get(key)
    if text is None:
        return key
    return text.format(**params) if params else text


def pick(text: dict[str, str] | str, lang: str | None = None) -> str:
    """One language out of a `{ja = …, en = …}` text from the flows."""
    if isinstance(text, str):
        return text
    return text.get(lang or _lang) or text.get("ja") or next(iter(text.values()), "")
