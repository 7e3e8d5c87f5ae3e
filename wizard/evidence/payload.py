"""The `evidence_add` payload of a collected path, built apart from the store (no pydantic here): names
that look like personal data masked, one `sums` line per file, the manifest over the real names.

`prepare` is what `rouei evidence add` runs beside the hashing, in the same process or the one that
hashes (see `apart.py`); `register.add` records what it gives. The payload is described in
`register.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.evidence.collect import Collected, Entry, Skipped, path_record
from wizard.evidence.names import Masker


@dataclass
class Prepared:
    """One collected path ready to record: its payload (without the item id, location and note), the
    real names behind the masked ones, and what was left out, for the report."""

    given: str
    data: dict
    real: dict[str, str]
    skipped: list[Skipped]

    @property
    def recordable(self) -> bool:
        """False when every file of the path was skipped (a single unreadable file, say)."""
        return bool(self.data["files"]) or not self.skipped


def prepare(collected: Collected) -> Prepared:
    hide = Masker()
    return Prepared(collected.given, payload(collected, hide), hide.real, collected.skipped)


def payload(collected: Collected, hide: Masker) -> dict:
    """The payload for one collected path; `hide` masks names that look like personal data (see
    `names.py`) and remembers the real ones. The manifest is over the real names."""
    lines, tables, size = [], [], 0
    for e in collected.entries:
        rel = hide(e.rel)
        size += e.size
        if e.kind == "file" and _fits_a_line(rel):
            lines.append(f"{e.sha256} {e.size} {e.mtime.isoformat() if e.mtime else '-'} {rel}\n")
        else:
            tables.append(entry_data(e._replace(rel=rel, target=hide(e.target))))
    data = {**path_record("path", hide(collected.given)), **path_record("root", hide(collected.root)),
            "kind": collected.kind, "files": len(collected.entries), "bytes": size,
            "manifest": collected.manifest, "sums": "".join(lines), "entries": tables,
            "skipped": [{**path_record("path", hide(s.rel)), "reason": s.reason, "detail": s.detail}
                        for s in collected.skipped]}
    if hide.real:
        data["masked"] = True
    return data


def add_data(collected: Collected, item_id: str, location: str = "", note: str = "",
             hide: Masker | None = None) -> dict:
    """The whole `evidence_add` payload for one collected path."""
    data = {"item": item_id, **payload(collected, hide or Masker())}
    return data | {k: v for k, v in (("location", location), ("note", note)) if v}


def entry_data(entry: Entry) -> dict:
    """An entry as a table: a link, or a file whose name a `sums` line cannot hold."""
    data: dict = {**path_record("path", entry.rel), "kind": entry.kind}
    if entry.kind == "link":
        return data | path_record("target", entry.target)
    data |= {"size": entry.size, "sha256": entry.sha256}
    return data | ({"mtime": entry.mtime} if entry.mtime else {})


def _fits_a_line(name: str) -> bool:
    """Whether a `sums` line can hold a name: valid UTF-8, no line break."""
    return "\n" not in name and (name.isascii() or "path_hex" not in path_record("path", name))


def collect_prepared(paths: list[str], ignore, progress) -> list[Prepared]:
    """Hash `paths` (see `collect.collect`; the files are not sized beforehand: `progress` is told a
    total of None) and prepare each for the record: all that `rouei evidence add` does before the store
    is needed, run apart from it (`apart.start`)."""
    from wizard.evidence.collect import collect

    return [prepare(c) for c in collect(paths, progress, ignore, sizes=False)]
