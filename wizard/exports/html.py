"""One self-contained HTML file per document: inline CSS with a print style sheet, no script, no font,
image or style sheet fetched from anywhere (links to sources are plain anchors).

Printed, every page carries its number (n / total) in the bottom margin; an exercise gets a banner, a
fixed 「演習 EXERCISE」 watermark and a running strip in the top margin of every page (page-margin boxes,
so the strip never covers the text). The 【…】 placeholders are highlighted, as in Word.
"""

from __future__ import annotations

import re
from html import escape

from wizard.domain.links import is_public
from wizard.exports.model import Block, Document, Field, Fields, Item, Items, Para, Table
from wizard.exports.phrases import placeholder_pattern
from wizard.exports.plain import glyph
from wizard.i18n import get_lang, t

FONTS = ('"Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", "Noto Sans JP", '
         'sans-serif')
CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: @fonts; line-height: 1.7; color: #111; background: #fff;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; border-bottom: 2px solid #222; padding-bottom: .3rem; }
h2 { font-size: 1.15rem; border-left: 5px solid #222; padding-left: .5rem; margin-top: 1.8rem; }
.meta { border: 1px solid #888; background: #f4f4f4; padding: .4rem .9rem; font-size: .9rem; }
.meta dt { float: left; clear: left; font-weight: bold; margin-right: .6rem; }
.meta dd { margin: 0; }
.note { border-left: 4px solid #b07d00; background: #fff6dc; padding: .3rem .8rem; font-size: .92rem; }
dl.fields dt { font-weight: bold; margin-top: .7rem; }
dl.fields dd { margin: .1rem 0 0 1.4rem; white-space: pre-wrap; }
.known, .unknown { font-weight: normal; font-size: .85rem; border: 1px solid; padding: 0 .3rem; margin-left: .4rem; }
.known { color: #14532d; } .unknown { color: #9b1c1c; border-style: dashed; }
ul.items { list-style: none; padding-left: 0; }
ul.items > li { margin: .45rem 0; padding-left: 1.6rem; text-indent: -1.6rem; }
.box { display: inline-block; width: 1.6rem; text-indent: 0; }
ul.detail { list-style: none; margin: .1rem 0 0; padding: 0; font-size: .9rem; color: #333; text-indent: 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #888; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #eee; }
.banner { border: 3px solid #b00; color: #b00; font-weight: bold; text-align: center; padding: .4rem;
          margin: 0 0 1rem; }
.watermark { position: fixed; top: 38%; left: 0; right: 0; text-align: center; font-size: 5.5rem; font-weight: bold;
             color: rgba(190, 0, 0, .13); transform: rotate(-28deg); pointer-events: none; z-index: 10; }
mark.fill { background: #ffeb3b; color: inherit; font-weight: bold; padding: 0 .1em; }
@page { size: A4; margin: 16mm 14mm 16mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-family: @fonts; font-size: 9pt;
                         color: #333; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; print-color-adjust: exact;
         -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a.cite::after { content: " <" attr(href) ">"; font-size: 8.5pt; }
  h1, h2, dt { break-after: avoid; }
  li, tr, .note { break-inside: avoid; }
}
""".replace("@fonts", FONTS)
# The running strip of an exercise: in the top margin of every printed page, never over the text.
STRIP = """
@page { @top-center { content: @strip; font-family: @fonts; color: #b00; font-size: 9pt; font-weight: bold;
                      vertical-align: bottom; border-bottom: 1px solid #b00; } }
""".replace("@fonts", FONTS)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that nothing in it can end (quotes, backslashes, `</style>`)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>&' or ord(c) < 0x20 or ord(c) == 0x7f else c
                         for c in text) + '"'



def to_html(doc: Document, *, css: str = "") -> str:
    """The document as one HTML page; `css` is added after the house style (e.g. the profile's card)."""
    mark = t("export.exercise.mark")
    strip = f"{mark}: {t('export.exercise.banner')}"
    running = STRIP.replace("@strip", css_string(strip)) if doc.exercise else ""
    fills = placeholder_pattern()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{get_lang()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape((mark + ' ') if doc.exercise else '')}{escape(doc.title)}</title>",
        f"<style>{CSS}{running}{css}</style>",
        "</head>",
        f'<body class="{"exercise" if doc.exercise else "real"}">',
    ]
    if doc.exercise:
        parts += [f'<div class="watermark" aria-hidden="true">{escape(mark)}</div>',
                  f'<p class="banner">{escape(strip)}</p>']
    parts.append(f"<h1>{escape(doc.title)}</h1>")
    parts.append('<dl class="meta">' + "".join(f"<dt>{escape(f.label)}</dt><dd>{_text(f.value, fills)}</dd>"
                                              for f in doc.meta) + "</dl>")
    for section in doc.sections:
        parts.append(f"<section><h2>{escape(section.title)}</h2>")
        parts += [_block(b, fills) for b in section.blocks]
        parts.append("</section>")
    if doc.exercise:
        parts.append(f'<p class="banner">{escape(strip)}</p>')
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _text(text: str, fills: re.Pattern[str]) -> str:
    """Escaped text with each placeholder marked, as Word highlights them."""
    out, at = [], 0
    for match in fills.finditer(text):
        out += [escape(text[at:match.start()]), f'<mark class="fill">{escape(match.group())}</mark>']
        at = match.end()
    return "".join(out) + escape(text[at:])


def _block(block: Block, fills: re.Pattern[str]) -> str:
    if isinstance(block, Para):
        text = _text(block.text, fills).replace("\n", "<br>")
        return f'<p class="note">※ {text}</p>' if block.note else f"<p>{text}</p>"
    if isinstance(block, Fields):
        return '<dl class="fields">' + "".join(_field(f, fills) for f in block.rows) + "</dl>"
    if isinstance(block, Items):
        return '<ul class="items">' + "".join(_item(i, fills) for i in block.rows) + "</ul>"
    return _table(block, fills)


def _field(f: Field, fills: re.Pattern[str]) -> str:
    mark = ""
    if f.known is not None:
        cls, word = ("known", t("export.known")) if f.known else ("unknown", t("export.unknown"))
        mark = f'<span class="{cls}">{escape(word)}</span>'
    return f"<dt>{escape(f.label)}{mark}</dt><dd>{_text(f.value, fills)}</dd>"


def _item(item: Item, fills: re.Pattern[str]) -> str:
    box = glyph(item.mark)
    lines = [_text(d, fills) for d in item.detail]
    for link in item.links:
        if is_public(link.url):  # only a public web page becomes a link (wizard.domain.links)
            if link.url == link.title:
                lines.append(f'<a href="{escape(link.url)}">{escape(link.title)}</a>')
            else:
                anchor = f'<a class="cite" href="{escape(link.url)}">{escape(link.title)}</a>'
                lines.append(f"{escape(t('explain.source'))}: {anchor}")
        else:
            lines.append(f"{escape(t('explain.source'))}: {escape(link.title)}")
    detail = '<ul class="detail">' + "".join(f"<li>{x}</li>" for x in lines) + "</ul>" if lines else ""
    return f'<li><span class="box">{box}</span>{_text(item.text, fills)}{detail}</li>'


def _table(table: Table, fills: re.Pattern[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.head)
    rows = "".join("<tr>" + "".join(f"<td>{_text(c, fills).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>"
                   for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
