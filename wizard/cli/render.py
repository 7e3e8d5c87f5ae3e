"""The explanation on a terminal, with rich: headings, status marks, indented details and sources."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule

from wizard.domain.engine import Determination
from wizard.domain.explain import explain, value_label
from wizard.i18n import t

MARK = {"yes": "[bold red]●[/]", "maybe": "[bold yellow]◐[/]", "no": "[green]○[/]", None: "[dim]-[/]"}
SOURCES_IN = {"triggers", "deadlines", "route", "clocks", "checks"}


def print_explanation(console: Console, det: Determination, *, conflicts=None, title: str | None = None) -> None:
    console.print(Rule(escape(title) if title else t("explain.heading")))
    facts = det.facts
    console.print(f"[bold]{t('fact.aware_at')}[/]: {escape(value_label(det, 'aware_at', facts.aware_at))}")
    if conflicts:
        console.print(f"[bold red]{t('explain.conflicts')}[/]")
        for c in conflicts:
            values = " / ".join(escape(value_label(det, c['fact'], _tuple(v))) for v in c["values"])
            console.print(f"  ! {t('fact.' + c['fact'])}: {values}")
    for section in explain(det):
        console.print()
        console.print(f"[bold underline]{escape(section.title)}[/]")
        for line in section.lines:
            console.print(f" {MARK[line.status]} {escape(line.text)}")
            for detail in line.detail:
                console.print(f"     {escape(detail)}", style="dim" if section.key in ("checklist", "contacts") else None)
            if section.key in SOURCES_IN:
                for source in line.sources[:3]:
                    where = f" <{source.url}>" if source.url else ""
                    console.print(f"     [dim]{t('explain.source')}: {escape(source.title)}{escape(where)}[/]")


def _tuple(value):
    return tuple(value) if isinstance(value, list) else value
