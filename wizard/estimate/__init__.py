"""Planning estimates beside the determination: ENISA severity and the JNSA JO model with response costs.

They are estimates for planning and never change whether a report or a notice is required: nothing
in `wizard.domain` reads them. Pure logic, no Textual; the data is `flows/estimates.toml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wizard.domain.facts import Facts
from wizard.estimate.data import estimates_data
from wizard.estimate.enisa import Severity, severity
from wizard.estimate.jnsa import Compensation, ResponseCosts, compensation, costs
from wizard.estimate.model import adjustments


@dataclass(frozen=True)
class Estimate:
    severity: Severity
    compensation: Compensation
    costs: ResponseCosts

    def to_json(self) -> dict[str, Any]:
        """The `estimates` key of `rouei assess --json`."""
        return {"note": "planning_only", "version": estimates_data().version,
                "enisa": self.severity.to_json(), "jo": self.compensation.to_json(),
                "response_costs": self.costs.to_json()}


def estimate(facts: Facts, events: Iterable[Any] = ()) -> Estimate:
    """The estimates for these facts, with the adjustments recorded in `events` (an incident's history)."""
    data, adjusted = estimates_data(), adjustments(events)
    return Estimate(severity(facts, data.enisa, adjusted), compensation(facts, data.jo, adjusted),
                    costs(facts, data.costs, adjusted))
