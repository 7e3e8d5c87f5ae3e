"""Word documents (.docx) of the drafts, for review with tracked changes by management and a lawyer.

A4; 游明朝 for text and 游ゴシック for headings, set for East-Asian text too (`w:eastAsia` in
`w:rFonts`, theme fonts removed so Word does not substitute them); the title, the headings and the
lists are Word styles (Title, Heading 1, List Bullet), so a lawyer can restyle them; the 【…】
placeholders are highlighted; an exercise carries the 【演習】 mark in every page header, the title
and at the end; the incident file's fingerprint and the page number (n / total) are in the footer of
every page; the text is tagged as the document's language (`w:lang`), Japanese for East-Asian text.
python-docx (and lxml) are imported only here, when a .docx is made.
"""

from __future__ import annotations

import io
from datetime import datetime

from wizard.exports.model import Block, Document, Field, Fields, Items, Para, Table
from wizard.exports.phrases import placeholder_pattern
from wizard.exports.plain import GLYPH
from wizard.i18n import get_lang, t
from wizard.printable import clean

MINCHO, GOTHIC = "游明朝", "游ゴシック"
LANG_TAGS = {"ja": "ja-JP", "en": "en-US"}
FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs")
RED = (0xB0, 0x00, 0x00)


def to_docx(doc: Document, fingerprint: str | None, as_of: datetime) -> bytes:
    import docx
    from docx.shared import Mm

    word = docx.Document()
    _page(word.sections[0], Mm)
    _styles(word)
    props = word.core_properties
    props.title, props.author, props.created, props.modified = clean(doc.title), "rouei", as_of, as_of
    props.language = get_lang()
    _header_footer(word, doc, fingerprint)
    writer = _Writer(word)
    writer.text(word.add_paragraph(style="Title"), f"【{t('docx.exercise')}】{doc.title}" if doc.exercise else doc.title)
    writer.fields(doc.meta)
    for section in doc.sections:
        writer.text(word.add_paragraph(style="Heading 1"), section.title)
        for block in section.blocks:
            writer.block(block)
    if doc.exercise:
        writer.banner()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _page(section, mm) -> None:
    section.page_width, section.page_height = mm(210), mm(297)
    section.top_margin = section.bottom_margin = mm(20)
    section.left_margin = section.right_margin = mm(20)


def set_font(style_or_run, name: str) -> None:
    """The font for Latin and East-Asian text alike, in place of any theme font."""
    style_or_run.font.name = name
    set_fonts(style_or_run.element.get_or_add_rPr().get_or_add_rFonts(), name)


def set_fonts(fonts, name: str) -> None:
    """Set a `w:rFonts` element to `name` for every script and drop its theme fonts (w:eastAsiaTheme, …)."""
    from docx.oxml.ns import qn

    for attr in FONT_ATTRS:
        fonts.set(qn(f"w:{attr}"), name)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]


def _styles(word) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults.get_or_add_rFonts(), MINCHO)  # what any style without fonts of its own falls back to
    normal = word.styles["Normal"]
    set_font(normal, MINCHO)
    normal.font.size = Pt(10.5)
    # The language Word proofs and lays out the text in: the document's, with Japanese for East-Asian text.
    tag = LANG_TAGS[get_lang()]
    for rpr in (defaults, normal.element.get_or_add_rPr()):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), "ja-JP")
    theme_lang = word.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
        theme_lang.set(qn("w:eastAsia"), "ja-JP")
    for style in word.styles:  # every style that names a theme font gets ours instead
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None and any(a.lower().endswith("theme") for a in fonts.attrib):
            set_fonts(fonts, GOTHIC if style.name.startswith(("Heading", "Title", "Subtitle")) else MINCHO)
    for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11.5)):
        style = word.styles[name]
        set_font(style, GOTHIC)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x11, 0x11, 0x11)


def _header_footer(word, doc: Document, fingerprint: str | None) -> None:
    """The exercise mark in the header; the fingerprint and the page number (n / total) in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    section = word.sections[0]
    if doc.exercise:
        head = section.header.paragraphs[0]
        run = head.add_run(f"【{t('docx.exercise')}】 {t('export.exercise.mark')}: {t('export.exercise.banner')}")
        run.bold, run.font.color.rgb = True, RGBColor(*RED)
    foot = section.footer.paragraphs[0]
    run = foot.add_run(t("docx.footer", fp=fingerprint) if fingerprint else t("docx.footer_none"))
    run.font.size = Pt(8)
    page = section.footer.add_paragraph()
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(page, "PAGE")
    page.add_run(" / ")
    _field(page, "NUMPAGES")
    for run in page.runs:
        run.font.size = Pt(9)


def _field(paragraph, code: str) -> None:
    """A field Word and LibreOffice fill in as they lay the pages out (PAGE, NUMPAGES), as Word writes one:
    begin, the code, separate, the value shown until then, end, each in a run of its own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tag, value in (("w:fldChar", "begin"), ("w:instrText", f" {code} "), ("w:fldChar", "separate"),
                       ("w:t", "1"), ("w:fldChar", "end")):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        paragraph.add_run()._r.append(element)


class _Writer:
    """The blocks of a document as Word paragraphs and tables."""

    def __init__(self, word) -> None:
        self.word = word
        self.pattern = placeholder_pattern()

    def banner(self) -> None:
        from docx.shared import RGBColor

        run = self.word.add_paragraph().add_run(
            f"【{t('docx.exercise')}】 {t('export.exercise.mark')}: {t('export.exercise.banner')}")
        run.bold, run.font.color.rgb = True, RGBColor(*RED)

    def text(self, paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
        """Runs of `text`, the placeholders highlighted; line breaks kept."""
        from docx.enum.text import WD_COLOR_INDEX

        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            at = 0
            for match in self.pattern.finditer(line):
                self._run(paragraph, line[at:match.start()], bold, italic)
                run = self._run(paragraph, match.group(), True, italic)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                at = match.end()
            self._run(paragraph, line[at:], bold, italic)

    @staticmethod
    def _run(paragraph, text: str, bold: bool, italic: bool):
        """The one place text enters the Word file: cleaned again here (`Document` already is), since
        XML holds no control character and lxml refuses the whole file for one."""
        run = paragraph.add_run(clean(text))
        run.bold, run.italic = bold or None, italic or None
        return run

    def block(self, block: Block) -> None:
        if isinstance(block, Para):
            p = self.word.add_paragraph()
            self.text(p, f"※ {block.text}" if block.note else block.text, italic=block.note)
        elif isinstance(block, Fields):
            self.fields(block.rows)
        elif isinstance(block, Items):
            for item in block.rows:
                p = self.word.add_paragraph(style="List Bullet")
                self.text(p, f"{GLYPH[item.mark]} {item.text}" if item.mark else item.text)
                for line in [*item.detail, *(_link(x.title, x.url) for x in item.links)]:
                    self.text(self.word.add_paragraph(style="List Bullet 2"), line)
        else:
            self.table(block)

    def fields(self, rows: list[Field]) -> None:
        from docx.shared import Mm

        for f in rows:
            p = self.word.add_paragraph()
            self.text(p, f.label, bold=True)
            if f.known is not None:
                self._run(p, t("export.known") if f.known else t("export.unknown"), False, True)
            if "\n" in f.value or f.known is not None:
                p = self.word.add_paragraph()
                p.paragraph_format.left_indent = Mm(7)
            else:
                self._run(p, ": ", True, False)
            self.text(p, f.value)

    def table(self, table: Table) -> None:
        grid = self.word.add_table(rows=1 + len(table.rows), cols=len(table.head), style="Table Grid")
        for i, (row, cells) in enumerate(zip(grid.rows, [table.head, *table.rows], strict=True)):
            for cell, value in zip(row.cells, cells, strict=True):
                self.text(cell.paragraphs[0], value, bold=i == 0)


def _link(title: str, url: str | None) -> str:
    if url == title:
        return url
    return f"{t('explain.source')}: {title}" + (f" <{url}>" if url else "")
