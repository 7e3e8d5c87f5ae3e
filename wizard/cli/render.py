"""The explanation on a terminal, with rich: headings, status marks, indented details and sources."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from wizard.cli.console import plain
from wizard.domain.engine import Determination
from wizard.domain.explain import explain, value_label
from wizard.i18n import t
from wizard.printable import shown
from wizard.wrap import wrap

MARK = {"yes": "[bold red]●[/]", "maybe": "[bold yellow]◐[/]", "no": "[green]○[/]", None: "[dim]-[/]"}
SOURCES_IN = {"triggers", "deadlines", "route", "clocks", "checks"}


def print_explanation(console: Console, det: Determination, *, conflicts=None, custody=(),
                      title: str | None = None) -> None:
    """The determination explained; `conflicts`: facts with two answers, `custody`: evidence whose chain
    of custody split (`wizard.evidence.register.custody_conflicts`)."""
    from wizard.evidence.register import custody_text

    console.print(Rule(plain(title) if title else t("explain.heading")))
    facts = det.facts
    console.print(f"[bold]{t('fact.aware_at')}[/]: {plain(value_label(det.flows, 'aware_at', facts.aware_at))}")
    if conflicts or custody:
        console.print(f"[bold red]{t('explain.conflicts')}[/]")
        for c in conflicts or ():
            values = " / ".join(plain(value_label(det.flows, c['fact'], v)) for v in c["values"])
            console.print(f"  ! {t('fact.' + c['fact'])}: {values}")
        for c in custody:
            console.print(f"  ! {plain(custody_text(c))}")
    for section in explain(det):
        console.print()
        console.print(f"[bold underline]{plain(section.title)}[/]")
        quiet = "dim" if section.key in ("checklist", "contacts") else ""
        for line in section.lines:
            paragraph(console, line.text, 3, lead=Text.from_markup(f" {MARK[line.status]} "))
            for detail in line.detail:
                paragraph(console, detail, 4, style=quiet)
            if section.key in SOURCES_IN:
                for source in line.sources[:3]:
                    where = f" <{source.url}>" if source.url else ""
                    paragraph(console, f"{t('explain.source')}: {source.title}{where}", 4, style="dim")


def paragraph(console: Console, text: str, indent: int, *, style: str = "", lead: Text | None = None) -> None:
    """Print `text` folded with Japanese line-breaking rules, every line indented by `indent` cells (a
    control character, from a hand-edited file, shown as its escape)."""
    for i, chunk in enumerate(wrap(shown(text), max(20, console.width - indent - 1))):
        prefix = lead if (i == 0 and lead is not None) else Text(" " * indent)
        console.print(prefix + Text(chunk, style=style), soft_wrap=True)


def print_changes(console: Console, since) -> None:
    """What differs from the last determination recorded in the incident (`wizard.domain.changes`)."""
    console.print()
    console.print(f"[bold underline]{plain(t('flows.changes.title'))}[/]")
    for i, line in enumerate(since.lines()):
        paragraph(console, line, 3, lead=Text(" - " if 0 < i <= len(since.items) else "   "))
