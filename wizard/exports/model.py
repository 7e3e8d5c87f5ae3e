"""The document model every format renders: a document is titled sections of four kinds of block.

Builders produce a `Document`; the Markdown, text, HTML and JSON renderers only lay it out, so the
same words reach every format.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Link:
    title: str
    url: str | None = None


@dataclass
class Para:
    """A paragraph. `note` is guidance for the drafter, not part of the text to send."""

    text: str
    note: bool = False


@dataclass
class Field:
    """A labelled value. `known`: True 「判明している事項」, False 「現時点で不明」, None unmarked."""

    label: str
    value: str
    known: bool | None = None


@dataclass
class Fields:
    rows: list[Field]


@dataclass
class Item:
    """A list entry. `mark`: yes | maybe | no (a finding), done | open (a checklist tick), or None."""

    text: str
    mark: str | None = None
    detail: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Items:
    rows: list[Item]


@dataclass
class Table:
    head: list[str]
    rows: list[list[str]]


Block = Para | Fields | Items | Table


@dataclass
class Section:
    title: str
    blocks: list[Block]


@dataclass
class Document:
    """One document. `meta`: what it is about and as of when (incident, time, fingerprint)."""

    id: str
    title: str
    meta: list[Field]
    sections: list[Section]
    exercise: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The document as plain data, each block tagged with its kind."""
        data = asdict(self)
        for section, raw in zip(self.sections, data["sections"], strict=True):
            for block, out in zip(section.blocks, raw["blocks"], strict=True):
                out["kind"] = type(block).__name__.lower()
        return data
