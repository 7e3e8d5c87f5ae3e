"""Printed HTML, in a real browser: headless Chromium prints the documents to PDF and the PDF's word boxes
(poppler's `pdftotext -bbox-layout`) show that no text lies under the exercise strip and that every page
carries its number, n / total, in the bottom margin.

Needs `chromium` (or `chromium-browser`, `google-chrome`; `ROUEI_CHROMIUM` names another) and `pdftotext`
(poppler-utils): `.ci/run` installs them; the test skips, saying which is missing, where they are not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from wizard.exports import render
from wizard.exports.context import from_incident
from wizard.i18n import t
from wizard.store import Incident

from . import scenarios

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")
MARGIN = 16 / 25.4 * 72  # the top and bottom page margins of the print style sheet, 16 mm, in points
# (incident, document): a real multi-page draft, and an exercise's memo with its running strip
PRINTED = (("misdelivery", "ppc_report"), ("ransomware", "memo"))
STRIP = f"{t('export.exercise.mark', 'en')}: {t('export.exercise.banner', 'en')}"  # the memo of the exercise


def browser() -> str | None:
    return os.environ.get("ROUEI_CHROMIUM") or next((b for b in BROWSERS if shutil.which(b)), None)


pytestmark = [
    pytest.mark.skipif(browser() is None, reason="no Chromium to print with (install Debian's `chromium`, or set "
                                                 "ROUEI_CHROMIUM): see README, 'Printing'"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext to read the PDF (install "
                                                                 "poppler-utils): see README, 'Printing'"),
]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Page:
    height: float
    lines: list[list[Word]]

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line]


def print_pdf(html: Path, pdf: Path, profile: Path) -> subprocess.Popen:
    return subprocess.Popen([browser(), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                             html.resolve().as_uri()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pages(pdf: Path) -> list[Page]:
    """The PDF's pages, each as its lines of word boxes (points, from the top left)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    out = []
    for page in ET.fromstring(xml).iter(f"{{{ns['h']}}}page"):
        lines = [[Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                  for w in line.iterfind("h:word", ns)] for line in page.iter(f"{{{ns['h']}}}line")]
        out.append(Page(float(page.get("height")), lines))
    return out


@pytest.fixture(scope="module")
def printed(incidents, tmp_path_factory) -> dict[tuple[str, str], list[Page]]:
    folder = tmp_path_factory.mktemp("print")
    jobs = {}
    for name, doc in PRINTED:
        ctx = from_incident(Incident.load(incidents[name]), as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])
        [(_file, html)] = render(ctx, "html", (doc,))
        source = folder / f"{name}-{doc}.html"
        source.write_text(html, encoding="utf-8")
        pdf = folder / f"{name}-{doc}.pdf"
        jobs[(name, doc)] = (pdf, print_pdf(source, pdf, folder / f"profile-{name}"))
    out = {}
    for key, (pdf, job) in jobs.items():
        assert job.wait(timeout=120) == 0 and pdf.is_file(), f"{browser()} could not print {key}"
        out[key] = pages(pdf)
    return out


@pytest.mark.parametrize("key", PRINTED)
def test_every_printed_page_has_its_number(printed, key):
    got = printed[key]
    assert len(got) >= 3, "the test wants documents of several pages"
    for n, page in enumerate(got, 1):
        bottom = [" ".join(w.text for w in line) for line in page.lines if line[0].y0 > page.height - MARGIN]
        assert f"{n} / {len(got)}" in bottom, f"page {n}: {bottom}"


def test_no_text_lies_under_the_exercise_strip(printed):
    got = printed[("ransomware", "memo")]
    for n, page in enumerate(got, 1):
        marked = sorted((line for line in page.lines if "EXERCISE:" in [w.text for w in line]), key=lambda x: x[0].y0)
        assert marked and marked[0][0].y0 < page.height / 4, f"page {n}: no exercise strip at the top"
        strip = marked[0]
        top, bottom = min(w.y0 for w in strip), max(w.y1 for w in strip)
        own = set(STRIP.split())  # the strip's own words (a glyph of another script may make a line of its own)
        under = [w.text for w in page.words if w.text not in own and top <= w.middle <= bottom]
        assert under == [], f"page {n}: text under the strip: {under}"


def test_a_real_incident_prints_no_exercise_strip(printed):
    for page in printed[("misdelivery", "ppc_report")]:
        assert "EXERCISE" not in " ".join(w.text for w in page.words)
