"""The estimates in the memo: one section per model (ENISA severity, the JO model, response costs),
each led by the sentence that they are for planning and never change the determination."""

from __future__ import annotations

from wizard.exports.context import Context
from wizard.exports.model import Para, Section, Table
from wizard.i18n import t


def sections(ctx: Context) -> list[Section]:
    from wizard.estimate import estimate
    from wizard.estimate.view import cite, parts

    out = []
    for part in parts(estimate(ctx.facts, ctx.history), ctx.det.flows):
        rows = [[line.label, line.value, line.basis, line.note] for line in part.lines]
        blocks = [Para(t("estimate.planning_only"), note=True), Para("\n".join(part.results)),
                  Table(t("estimate.head").split("|"), rows)]
        blocks += [Para(note, note=True) for note in part.notes]
        blocks.append(Para(f"{t('estimate.source')}: " + " / ".join(cite(s) for s in part.sources)))
        out.append(Section(part.title, blocks))
    return out
