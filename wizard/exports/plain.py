"""Plain text and Markdown renderings of a document: unwrapped lines, ready to paste into a web form.

An exercise carries the 「演習」/EXERCISE mark at the top, at the end and in every section heading,
so no printed page of it can pass for a real incident's.
"""

from __future__ import annotations

import re

from wizard.domain.links import is_public
from wizard.exports.model import Block, Document, Field, Fields, Item, Items, Para, Table
from wizard.i18n import t

GLYPH = {"yes": "●", "maybe": "◐", "no": "○", "done": "☑", "open": "☐"}


def glyph(mark: str | None) -> str:
    """The status mark of an item; a plain bullet in the language's style (「・」 in Japanese)."""
    return GLYPH[mark] if mark is not None else t("export.bullet")


class Text:
    """Plain text: headings marked with ■, lists with 「・」 and status marks, tables as indented records."""

    indent = "    "

    def render(self, doc: Document) -> str:
        out: list[str] = []
        if doc.exercise:
            out += [self.banner(), ""]
        out += [self.title(doc.title), ""]
        out += [self.field(f) for f in doc.meta] + [""]
        for section in doc.sections:
            heading = t("export.exercise.heading", title=section.title, tag=self.mark()) if doc.exercise \
                else section.title
            out += [self.heading(heading), ""]
            for block in section.blocks:
                out += self.block(block) + [""]
        if doc.exercise:
            out.append(self.banner())
        return "\n".join(out).rstrip("\n") + "\n"

    def mark(self) -> str:
        return t("export.exercise.tag", mark=t("export.exercise.mark"))

    def banner(self) -> str:
        return f"{'=' * 8} {t('export.exercise.mark')}: {t('export.exercise.banner')} {'=' * 8}"

    def title(self, text: str) -> str:
        return f"{text}\n{'=' * 40}"

    def heading(self, text: str) -> str:
        return f"■ {text}"

    def block(self, block: Block) -> list[str]:
        if isinstance(block, Para):
            return [self.para(block)]
        if isinstance(block, Fields):
            return [self.field(f) for f in block.rows]
        if isinstance(block, Items):
            return [line for item in block.rows for line in self.item(item)]
        return self.table(block)

    def para(self, para: Para) -> str:
        return f"※ {para.text}" if para.note else para.text

    def known(self, f: Field) -> str:
        if f.known is None:
            return ""
        return t("export.known") if f.known else t("export.unknown")

    def field(self, f: Field) -> str:
        lines = f.value.split("\n")
        if f.known is None and len(lines) == 1:
            return f"{f.label}: {lines[0]}"
        return "\n".join([f"◆ {f.label}{self.known(f)}", *(self.indent + line for line in lines)])

    def item(self, item: Item) -> list[str]:
        lines = [f"{glyph(item.mark)} {item.text}"]
        lines += [self.indent + d for d in item.detail]
        lines += [self.indent + self.link(link.title, link.url) for link in item.links]
        return lines

    def link(self, title: str, url: str | None) -> str:
        if url == title:
            return f"<{url}>"
        return f"{t('explain.source')}: {title}" + (f" <{url}>" if url else "")

    def table(self, table: Table) -> list[str]:
        lines = []
        for row in table.rows:
            lines.append(f"・{row[0]}")
            lines += [f"{self.indent}{head}: {cell}" for head, cell in zip(table.head[1:], row[1:], strict=True)]
        return lines


class Markdown(Text):
    """GitHub-flavoured Markdown: task lists for ticks, pipe tables, notes as quotes."""

    indent = "  "

    def banner(self) -> str:
        return f"> **{t('export.exercise.mark')}** — {t('export.exercise.banner')}"

    def title(self, text: str) -> str:
        return f"# {_md(text)}"

    def heading(self, text: str) -> str:
        return f"## {_md(text)}"

    def para(self, para: Para) -> str:
        text = "  \n".join(_md(line) for line in para.text.split("\n"))
        return f"> ※ {text}" if para.note else text

    def field(self, f: Field) -> str:
        lines = [_md(line) for line in f.value.split("\n")]
        if f.known is None and len(lines) == 1:
            return f"- **{_md(f.label)}**: {lines[0]}"
        return f"- **{_md(f.label)}**{self.known(f)}  \n" + "  \n".join(self.indent + line for line in lines)

    def item(self, item: Item) -> list[str]:
        box = {"done": "[x] ", "open": "[ ] "}.get(item.mark or "", f"{glyph(item.mark)} " if item.mark else "")
        lines = [f"- {box}{_md(item.text)}"]
        lines += [f"{self.indent}- {_md(d)}" for d in item.detail]
        lines += [f"{self.indent}- {self.link(link.title, link.url)}" for link in item.links]
        return lines

    def link(self, title: str, url: str | None) -> str:
        if not is_public(url):  # only a public web page becomes a link (wizard.domain.links)
            return _md(title).replace(":", "\\:") if url == title else f"{t('explain.source')}: {_md(title)}"
        return f"<{url}>" if url == title else f"{t('explain.source')}: [{_md(title)}](<{url}>)"

    def table(self, table: Table) -> list[str]:
        def row(cells: list[str]) -> str:
            return "| " + " | ".join(_md(c).replace("|", "\\|").replace("\n", "<br>") or " " for c in cells) + " |"

        return [row(table.head), "|" + "---|" * len(table.head), *(row(r) for r in table.rows)]


def _md(text: str) -> str:
    """Text with the characters that would start Markdown markup escaped, and any address a renderer would
    make a link of (GitHub's autolinks) made inert unless it is a public web page (`wizard.domain.links`)."""
    out, last = [], 0
    for found in _AUTOLINK.finditer(text):
        address = _escape(found.group())
        out += [_escape(text[last:found.start()]),
                address if is_public(found.group()) else re.sub(r"([:.])", r"\\\1", address)]
        last = found.end()
    return "".join(out) + _escape(text[last:])


def _escape(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "#"):
        text = text.replace(ch, "\\" + ch)
    return text


_AUTOLINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+")


def to_text(doc: Document) -> str:
    return Text().render(doc)


def to_markdown(doc: Document) -> str:
    return Markdown().render(doc)
