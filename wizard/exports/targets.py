"""Where an export may write: never over the incident file, its backups or its lock; over any other
existing file only when it is one of rouei's own exports (an older draft), or when the user says `force`.

A rouei export is recognised by what it starts with: the calendar's `PRODID:-//rouei//`, the JSON
state's `"format": "rouei-export"`, the header every document carries (incident, as of, in
Japanese or English), or the profile card's title and version line. Anything else that exists — a note, a spreadsheet, another incident — is kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from wizard.errors import RoueiError
from wizard.i18n import LANGS, t

_HEAD = 8192  # an export's header sits in its first few lines
DOCUMENT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".txt", ".text", ".json", ".ics", ".docx",
                               ".doc", ".pdf", ".csv", ".rtf", ".odt", ".xml", ".toml"})
"""Names that say "one document": never made into a folder."""
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}\D{1,8}\d{2}:\d{2} JST")


def own_export(path: Path) -> bool:
    """Whether the file at `path` looks like something rouei exported."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError:
        return False
    if head.startswith(b"BEGIN:VCALENDAR") and b"PRODID:-//rouei//" in head:
        return True
    if head.lstrip().startswith(b"{") and b'"format": "rouei-export"' in head:
        return True
    text = head.decode("utf-8", errors="replace")
    return bool(_TIME.search(text)) and any(
        t("export.meta.incident", lang) in text and t("export.meta.as_of", lang) in text
        or t("profile.card.title", lang) in text and t("profile.card.version", lang) in text for lang in LANGS)


def _belongs_to(path: Path, incident: Path) -> bool:
    """Whether `path` is the incident file itself, a backup (`.bak`, `.bak.1`, …), its lock or a
    temporary file of a save (also through a link or another name for the same file)."""
    from wizard.paths import incident_sibling

    real, own = path.resolve(), incident.resolve()
    if real.parent == own.parent and incident_sibling(real.name, own.name):
        return True
    try:
        return os.path.samefile(path, incident)
    except OSError:
        return False


def new_folder(target: Path, count: int) -> None:
    """Refuse to make a folder named like a document (`out.html`) for `count` documents: the user meant
    one file. An existing folder of that name is used as it is."""
    if target.suffix.lower() in DOCUMENT_SUFFIXES and not target.is_dir():
        raise RoueiError("output.document_name", path=str(target), count=count,
                         folder=str(target.with_suffix("")) + os.sep)


def check(paths: list[Path], *, incident: Path | None = None, force: bool = False) -> None:
    """Refuse the export before anything is written when one of `paths` would overwrite the incident
    (never allowed) or an existing file that is not a rouei export (allowed with `force`)."""
    for path in paths:
        if incident is not None and _belongs_to(path, incident):
            raise RoueiError("output.is_incident", path=str(path), incident=str(incident))
        if path.is_dir():
            raise RoueiError("output.is_folder", path=str(path))
        if not force and (path.exists() or path.is_symlink()) and not own_export(path):
            raise RoueiError("output.exists", path=str(path))
