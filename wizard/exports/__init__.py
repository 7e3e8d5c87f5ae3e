"""Reports and drafts from an incident: the PPC report, notices, memo, lists and calendar, offline.

`render(ctx, fmt, what)` turns a `Context` (see `context.py`) into named texts; `export(...)` writes
them and records an `export` event in the incident. Every format renders the same `Document`s
(`model.py`), so Markdown, text, HTML and JSON say the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from wizard.exports import lists, memo, notices, ppc
from wizard.exports.context import Context, language
from wizard.exports.model import Document

# Document id -> builder, in the order `--what` lists them and files are written.
BUILDERS: dict[str, Callable[[Context], Document]] = {
    "ppc_report": ppc.build,
    "notice": notices.notice,
    "public_notice": notices.public_notice,
    "memo": memo.memo,
    "determination": lists.determination,
    "checklist": lists.checklist,
    "contacts": lists.contacts,
    "timeline": lists.timeline,
    "evidence": lists.evidence,
    "calendar": lists.calendar,
}
DOCUMENTS = tuple(BUILDERS)
FORMATS = ("md", "html", "txt", "json", "ics", "docx")
BINARY_FORMATS = ("docx",)  # files, never standard output
ONE_FILE = {"json": "state.json", "ics": "calendar.ics"}  # formats that always make one file


def title(doc_id: str) -> str:
    """A document's name in the current language, for lists such as the TUI's export screen."""
    from wizard.i18n import t

    return t(f"export.doc.{doc_id}")


def render(ctx: Context, fmt: str, what: tuple[str, ...] = DOCUMENTS) -> list[tuple[str, str | bytes]]:
    """The files of an export as (name, text, or bytes for Word): one per document, or the single JSON
    or ICS file."""
    from wizard.exports.html import to_html
    from wizard.exports.ics import to_ics
    from wizard.exports.plain import to_markdown, to_text
    from wizard.exports.state import to_json

    with language(ctx.lang):
        if fmt == "ics":
            return [(ONE_FILE[fmt], to_ics(ctx))]
        docs = [BUILDERS[w](ctx) for w in what]
        if fmt == "json":
            return [(ONE_FILE[fmt], to_json(ctx, docs))]
        if fmt == "docx":
            from wizard.exports.docx import to_docx

            return [(f"{doc.id}.docx", to_docx(doc, ctx.fingerprint_full, ctx.as_of)) for doc in docs]
        writer = {"md": to_markdown, "txt": to_text, "html": to_html}[fmt]
        return [(f"{doc.id}.{fmt}", writer(doc)) for doc in docs]


def named(ctx: Context, files: list[tuple[str, str | bytes]]) -> list[tuple[str, str | bytes]]:
    """The files as they are written into a folder, named so a lawyer's inbox keeps them apart:
    `<date>_<incident>_<document>.<ext>`, e.g. `2026-11-21_健康診断結果の誤送信_ppc_report.docx`: the day of
    the export (Japan time), the incident's title (else its file's name) made safe for any file system,
    and the document's `--what` id."""
    import re
    import unicodedata

    from wizard.domain.calendar import japan_date

    title = unicodedata.normalize("NFC", ctx.title or Path(ctx.source).stem)
    slug = re.sub(r"[\W_]+", "-", title).strip("-")[:40].strip("-") or "incident"
    return [(f"{japan_date(ctx.as_of).isoformat()}_{slug}_{name}", body) for name, body in files]


def write(files: list[tuple[str, str | bytes]], target: Path, *, folder: bool = False,
          incident: Path | None = None, force: bool = False) -> list[Path]:
    """Write the files atomically: one file to `target` (or into it, when it is or is meant as a folder),
    several into the folder `target` (created when missing). An unwritable place raises `RoueiError`,
    and so, before anything is written, does a path that is the `incident` file, its backup or lock,
    or an existing file that is not a rouei export (unless `force`; see `targets.py`)."""
    from wizard.atomic import atomic_write, write_error
    from wizard.errors import RoueiError
    from wizard.exports import targets

    one = len(files) == 1 and not folder and not target.is_dir()
    if not one and target.exists() and not target.is_dir():
        raise RoueiError("cli_export.not_a_folder", path=str(target))
    paths = [target] if one else [target / name for name, _ in files]
    targets.check(paths, incident=incident, force=force)
    if not one:
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(target, exc) from None
    for path, (_, text) in zip(paths, files, strict=True):
        atomic_write(path, text if isinstance(text, bytes) else text.encode("utf-8"))
    return paths


def record(incident, ctx: Context, fmt: str, what: tuple[str, ...], responder, now: datetime):
    """The `export` event: format, documents, the fingerprint of the record they were made from, and
    the rule set and findings of the determination they carry (`wizard.domain.changes`)."""
    from wizard.domain.changes import record as determination_record

    data = {"format": fmt, "what": ["calendar"] if fmt == "ics" else list(what),
            "fingerprint": ctx.fingerprint_full or "", "lang": ctx.lang, **determination_record(ctx.det)}
    return incident.append("export", data, responder, now)


def export(incident, fmt: str, what: tuple[str, ...], target: Path, responder, *, now: datetime,
           lang: str, folder: bool = False) -> list[Path]:
    """Render an incident held open for writing, write the files to `target` and record the export.

    This is what the TUI's export screen calls (with `folder`: `target` is always a folder);
    `rouei export` does the same in steps.
    """
    from wizard.exports.context import from_incident

    ctx = from_incident(incident, as_of=now, lang=lang, author=responder)
    paths = write(named(ctx, render(ctx, fmt, what)), target, folder=folder, incident=incident.path)
    record(incident, ctx, fmt, what, responder, now)
    return paths
