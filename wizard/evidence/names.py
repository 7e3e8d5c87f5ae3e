"""Evidence names that look like personal data: masked in the incident file, the real ones kept here.

A file called `田中_090-1234-5678.csv` must be hashed, and later re-hashed, under its real name; but the
incident file travels, is merged and exported, and holds categories and counts, never such data
(design.md, principle 4). So every path of an item (as given, absolute, inside a folder, a link's
target) passes the personal-data guard: what it finds is masked in the incident file
(`田中_***-****-****.csv`; `~2`, `~3` added when two names mask alike), and the real names go to
`<config folder>/evidence-names/<incident id>.toml` on this computer only (owner-only, like the
settings), keyed by item and masked name. `evidence verify` here re-hashes by the real names; on
another computer a masked file is reported unreadable, saying where its name is kept.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from wizard.store.guard import mask, scan

_MARK = "*"


class Masker:
    """Masks the paths of one item, each masked name unique, remembering masked -> real."""

    def __init__(self) -> None:
        self.real: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not scan(text):
            return text
        base = hidden = mask(text)
        n = 1
        while self.real.get(hidden, text) != text:
            n += 1
            hidden = f"{base}~{n}"
        self.real[hidden] = text
        return hidden


def masked(text: str) -> bool:
    """Whether a stored name may be a masked one (it then holds the guard's `*`)."""
    return _MARK in text


def store_path(incident_id: str) -> Path:
    from wizard.paths import config_dir

    return config_dir() / "evidence-names" / f"{incident_id}.toml"


def remember(incident_id: str, item_id: str, real: dict[str, str]) -> None:
    """Keep an item's real names on this computer (nothing to keep: nothing written)."""
    if not real:
        return
    import tomli_w

    from wizard.atomic import atomic_write, write_error

    path = store_path(incident_id)
    kept = recall_all(incident_id)
    kept[item_id] = real
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(path.parent, exc) from None
    atomic_write(path, tomli_w.dumps({"items": kept}).encode("utf-8"))


def recall_all(incident_id: str) -> dict[str, dict[str, str]]:
    """Every item's real names kept on this computer for the incident (none when unreadable)."""
    try:
        items = tomllib.loads(store_path(incident_id).read_text(encoding="utf-8")).get("items", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    if not isinstance(items, dict):
        return {}
    return {k: {m: r for m, r in v.items() if isinstance(r, str)} for k, v in items.items() if isinstance(v, dict)}
