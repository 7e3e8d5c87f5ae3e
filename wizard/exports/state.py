"""The full state as JSON for other tools: the incident, facts, determination, deadlines, checklist
with ticks, contacts, history, evidence register, and the chosen documents as structured data.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time
from typing import Any

from wizard.domain.explain import status_key
from wizard.exports.context import Context, deadlines
from wizard.exports.model import Document
from wizard.i18n import pick
from wizard.printable import json_text

FORMAT = "rouei-export"
VERSION = 1


def to_json(ctx: Context, docs: list[Document]) -> str:
    det = ctx.det
    determination = det.to_json()
    if ctx.conflicts:
        determination["conflicts"] = ctx.conflicts
    data = {
        "format": FORMAT,
        "version": VERSION,
        "as_of": ctx.as_of,
        "lang": ctx.lang,
        "incident": {"title": ctx.title, "exercise": ctx.exercise, "file": ctx.source, "id": ctx.incident_id,
                     "fingerprint": ctx.fingerprint_full, "events": ctx.revision},
        "facts": det.facts.to_toml_dict(),
        "determination": determination,
        "deadlines": [{"key": d.key, "title": d.title, "due": d.due, "maybe": d.maybe} for d in deadlines(ctx)],
        "checklist": [_check(ctx, item, status) for item, status in det.checklist],
        "contacts": [{"id": c.id, "kind": c.kind, "name": pick(c.name), "phone": c.phone, "email": c.email,
                      "url": c.url, "status": status_key(status), "last_verified": c.last_verified}
                     for c, status in det.contacts],
        "history": [{"at": h.at, "by": h.by, "role": h.role, "kind": h.kind, "data": h.data} for h in ctx.history],
        "evidence": [asdict(item) | {"entries": [e._asdict() for e in item.entries]} for item in ctx.evidence],
        "documents": {doc.id: doc.to_dict() for doc in docs},
    }
    return json_text(data, default=_plain) + "\n"


def _check(ctx: Context, item, status) -> dict[str, Any]:
    tick = ctx.ticks.get(item.id)
    return {"id": item.id, "phase": item.phase, "title": pick(item.title), "status": status_key(status),
            "done": bool(tick and tick.done), "by": tick.by if tick else None, "at": tick.at if tick else None,
            "note": tick.note if tick else None}


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):  # a TOML local time too (a hand-edited file)
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON: {type(value).__name__}")
