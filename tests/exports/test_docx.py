"""Word documents: real .docx files that python-docx opens, A4, Japanese fonts for East-Asian text,
Word styles for headings and lists, highlighted placeholders, the exercise mark, the fingerprint."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from wizard.cli import main
from wizard.exports import render
from wizard.exports.context import from_incident
from wizard.store import Incident

from . import scenarios

WORD_DOCS = ("ppc_report", "notice", "public_notice", "memo", "checklist", "determination")


def word(incidents, name: str, what: tuple[str, ...] = WORD_DOCS) -> dict[str, docx.document.Document]:
    ctx = from_incident(Incident.load(incidents[name]), as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])
    return {file: docx.Document(io.BytesIO(data)) for file, data in render(ctx, "docx", what)}


def text(document) -> str:
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_every_document_opens_as_a4_with_the_fingerprint_in_the_footer(incidents):
    fp = Incident.load(incidents["misdelivery"]).fingerprint_full
    files = word(incidents, "misdelivery")
    assert sorted(files) == sorted(f"{d}.docx" for d in WORD_DOCS)
    for document in files.values():
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert fp in section.footer.paragraphs[0].text


def test_the_ppc_draft_holds_the_nine_items_as_headings(incidents):
    document = word(incidents, "misdelivery", ("ppc_report",))["ppc_report.docx"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for n, item in enumerate(("概要", "漏えい等が発生し、又は発生したおそれがある個人データの項目",
                              "個人データに係る本人の数", "原因", "二次被害又はそのおそれの有無及びその内容",
                              "本人への対応の実施状況", "公表の実施状況", "再発防止のための措置",
                              "その他参考となる事項"), 1):
        assert any(h.startswith(f"{n}. ") and item in h for h in headings), item
    assert document.paragraphs[0].style.name == "Title"


def test_japanese_fonts_are_set_for_east_asian_text(incidents):
    document = word(incidents, "misdelivery", ("memo",))["memo.docx"]
    for style, font in (("Normal", "游明朝"), ("Heading 1", "游ゴシック"), ("Title", "游ゴシック")):
        fonts = document.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:ascii")) == font
        assert not [a for a in fonts.attrib if a.lower().endswith("theme")]  # no theme font overrides them
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.rFonts.get(qn("w:eastAsia")) == "游明朝"


def test_lists_use_word_styles_and_placeholders_are_highlighted(incidents):
    document = word(incidents, "misdelivery", ("notice",))["notice.docx"]
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)
    marked = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "【事業者名】" in marked and all(m.startswith("【") and m.endswith("】") for m in marked)


def test_the_memo_carries_the_estimates_after_the_determination(incidents):
    document = word(incidents, "misdelivery", ("memo",))["memo.docx"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "結論" in headings[0]
    assert [h.split(" ", 1)[1][:4] for h in headings[-3:]] == ["重大度（", "想定損害", "対応費用"]
    assert text(document).count("報告や本人への通知が必要かどうかは変えません") == 3


def test_exercise_files_carry_the_mark_and_real_ones_do_not(incidents):
    for document in word(incidents, "ransomware").values():  # the exercise scenario, in English
        assert "【EXERCISE】" in document.sections[0].header.paragraphs[0].text
        assert document.paragraphs[0].text.startswith("【EXERCISE】")  # the title too
        assert "EXERCISE" in document.paragraphs[-1].text  # and the end
    for document in word(incidents, "misdelivery").values():
        assert "演習" not in document.sections[0].header.paragraphs[0].text
        assert "演習" not in document.paragraphs[0].text


def test_rouei_export_docx_writes_files_and_records_the_export(incidents, tmp_path):
    path = tmp_path / "kenshin.toml"
    shutil.copy(incidents["misdelivery"], path)
    assert main(["export", str(path), "--format", "docx", "--what", "memo", "--by", "山田"]) == 0
    [written] = tmp_path.glob("kenshin-export-*/*_memo.docx")  # never a binary file on standard output
    assert zipfile.is_zipfile(written)
    assert Incident.load(path).events[-1].data["format"] == "docx"


def test_other_formats_do_not_import_python_docx(tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text('aware_at = 2026-11-20T10:00:00+09:00\ndata = ["name"]\n', encoding="utf-8")
    code = (f"import sys\nfrom wizard.cli import main\nmain(['export', {str(facts)!r}, '--format', 'html', "
            f"'-o', {str(tmp_path / 'out')!r}])\nprint('docx' in sys.modules, 'lxml' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.split() == ["False", "False"], run.stderr


def test_pages_are_numbered_and_the_language_is_the_documents(incidents):
    for name, tag in (("misdelivery", "ja-JP"), ("ransomware", "en-US")):
        document = word(incidents, name, ("memo",))["memo.docx"]
        footer = document.sections[0].footer._element
        codes = [x.text.strip() for x in footer.iter(qn("w:instrText"))]
        assert codes == ["PAGE", "NUMPAGES"]
        defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for rpr in (defaults, document.styles["Normal"].element.rPr):
            lang = rpr.find(qn("w:lang"))
            assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == (tag, "ja-JP")
