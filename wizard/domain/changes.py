"""What a recorded determination said, and what differs now.

Every export recorded in an incident keeps `record(det)`: the rule set that produced it (version,
oldest verification, bundled or installed) and its findings. A later reader knows which rules made
what was sent; a re-assessment, with newer rules or newer answers, shows what changed (`changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wizard import clock
from wizard.domain.engine import Determination
from wizard.i18n import t
from wizard.rulesets import name

FINDINGS = ("report_required", "notice_required", "my_number_report_required", "triggers", "route",
            "preliminary_due", "final_due", "final_days", "clocks")


def record(det: Determination) -> dict[str, Any]:
    """The rule set and the findings, as an export event stores them (TOML values: no None)."""
    data = det.to_json()
    findings = {key: data[key] for key in FINDINGS if data[key] is not None}
    findings["clocks"] = [c["id"] for c in data["clocks"]]
    return {"rules": data["rules"], "determination": findings}


@dataclass(frozen=True)
class Changes:
    """The findings that differ between a recorded determination and the one now."""

    at: datetime
    by: str
    rules_then: dict[str, Any]
    rules_now: dict[str, Any]
    items: tuple[tuple[str, Any, Any], ...]  # (finding, then, now)
    answers_since: bool  # answers were recorded after it: not every change comes from the rules

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "by": self.by, "rules": self.rules_then,
                "answers_since": self.answers_since,
                "items": [{"key": k, "then": a, "now": b} for k, a, b in self.items]}

    def lines(self) -> list[str]:
        """The changes in words, for the command line and the TUI."""
        at, then = clock.show(self.at), _rules(self.rules_then)
        if not self.items:
            return [t("flows.changes.none", at=at, rules=then)]
        out = [t("flows.changes.since", at=at, by=self.by, rules=then, now=_rules(self.rules_now))]
        out += [t("flows.changes.item", what=t(f"flows.changes.key.{k}"), before=_word(k, a), after=_word(k, b))
                for k, a, b in self.items]
        if self.answers_since:
            out.append(t("flows.changes.facts_too"))
        return out


def changes(events, det: Determination) -> Changes | None:
    """Against the last determination recorded among `events` (canonical order), or None if none was."""
    index = next((i for i in range(len(events) - 1, -1, -1) if "determination" in events[i].data
                  and isinstance(events[i].data.get("rules"), dict)), None)
    if index is None:
        return None
    then, now = events[index], record(det)
    recorded = then.data["determination"] if isinstance(then.data["determination"], dict) else {}
    items = tuple((k, recorded.get(k), now["determination"].get(k)) for k in FINDINGS
                  if recorded.get(k) != now["determination"].get(k))
    return Changes(then.at, then.by, then.data["rules"], now["rules"], items,
                   any(e.kind == "answer" for e in events[index + 1:]))


def _rules(rules: dict[str, Any]) -> str:
    origin = rules.get("set") if rules.get("set") in ("bundled", "installed") else "folder"
    return name(origin, str(rules.get("version", "?")))


def _word(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return t(f"value.{str(value).lower()}")
    if isinstance(value, list):
        prefix = "clock" if key == "clocks" else "trigger"
        return t("explain.list_sep").join(_label(prefix, v) for v in value) if value else t("value.none_selected")
    if key == "route":
        return _label("route", value)
    return str(value)


def _label(table: str, value: Any) -> str:
    key = f"{table}.{value}"
    text = t(key)
    return str(value) if text == key else text
