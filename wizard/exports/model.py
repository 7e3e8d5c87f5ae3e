"""The document model every format renders: a document is titled sections of four kinds of block.

Builders produce a `Document`; the Markdown, text, HTML and JSON renderers only lay it out, so the
same words reach every format. A document is cleaned as it is made (`Document.__post_init__`), the one
place text enters every format: no control character from a hand-edited file reaches a terminal or
breaks a Word file, and a line break stands only where every renderer lays it out.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from wizard.printable import clean


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

    def __post_init__(self) -> None:
        self.title = clean(self.title)
        self.meta = [_field(f) for f in self.meta]
        self.sections = [Section(clean(s.title), [_block(b) for b in s.blocks]) for s in self.sections]

    def to_dict(self) -> dict[str, Any]:
        """The document as plain data, each block tagged with its kind."""
        data = asdict(self)
        for section, raw in zip(self.sections, data["sections"], strict=True):
            for block, out in zip(section.blocks, raw["blocks"], strict=True):
                out["kind"] = type(block).__name__.lower()
        return data


_SAFE_URL = re.compile(r"(?:https?://|mailto:|tel:)[^\s<>\"'`\\]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """`url` when a document may link to it (web, mail, phone: never `javascript:` or `data:`, nothing
    that could leave an attribute or a Markdown link), else None: the source is then named, not linked."""
    return url if url is not None and _SAFE_URL.fullmatch(url) else None


def _field(f: Field) -> Field:
    return Field(clean(f.label), clean(f.value, lines=True), f.known)


def _block(block: Block) -> Block:
    """A block with its texts cleaned: paragraphs, field values and table cells keep their line breaks."""
    if isinstance(block, Para):
        return Para(clean(block.text, lines=True), block.note)
    if isinstance(block, Fields):
        return Fields([_field(f) for f in block.rows])
    if isinstance(block, Items):
        return Items([Item(clean(i.text), i.mark, [clean(d) for d in i.detail],
                           [Link(clean(x.title), safe_url(x.url)) for x in i.links]) for i in block.rows])
    return Table([clean(h) for h in block.head], [[clean(c, lines=True) for c in row] for row in block.rows])
