"""The estimates in the memo: one section per model (ENISA severity, the JO model, response costs),
each led by the sentence that they are for planning and never change the determination, and the
costs' bottom line for management."""

from __future__ import annotations

from wizard.exports.context import Context
from wizard.exports.model import Item, Para, Section, Table
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


def bottom_line(ctx: Context, section: str) -> Item:
    """The costs for management in one line: the planning range in yen, what it includes and leaves out,
    what moves it most, the JO figure for what it is, the cyber insurer, and where the detail is."""
    from wizard.estimate import estimate
    from wizard.estimate.view import shown, survey_line, widest_line

    est = estimate(ctx.facts, ctx.history)
    costs, jo = est.costs, est.compensation
    sep = t("explain.list_sep")
    included = [t(f"estimate.cost.line.{i.line.id}") for i in costs.items if i.counted and i.factor.value.hi]
    left = [t(f"estimate.cost.line.{i}") for i in costs.left_out] + [t("estimate.cost.never")]
    detail = [t("export.memo.cost_in", lines=sep.join(included) or t("export.memo.cost_none")),
              t("export.memo.cost_out", lines=sep.join(left))]
    detail += [x for x in (widest_line(costs), survey_line(costs)) if x]
    detail.append(t("export.memo.cost_jo", total=shown(jo.total, "yen")) if jo.total is not None
                  else t("export.memo.cost_jo_per", per=shown(jo.per_person, "yen")))
    detail += [_insurer(ctx), t("export.memo.cost_see", section=section)]
    return Item(t("export.memo.cost_bottom", total=shown(costs.total, "yen")), None, detail)


def _insurer(ctx: Context) -> str:
    """The firm's cyber insurer from the profile, with its notice deadline, and what to check in the policy."""
    from wizard.exports.phrases import when
    from wizard.profile.contacts import INSURER_CLOCK

    insurer = ctx.profile.insurer if ctx.profile is not None else None
    if insurer is None:
        return t("export.memo.insurer_none")
    clock = next((c for c in ctx.det.clocks if c.clock.id == INSURER_CLOCK), None)
    due = when(clock.due) if clock is not None and clock.due is not None else t("export.memo.insurer_no_due")
    return t("export.memo.insurer", name=insurer.name, policy=insurer.policy_number or "-", due=due)
