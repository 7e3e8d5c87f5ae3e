"""The facts vocabulary shared by questions, rules, `rouei answer` and `rouei assess` (design.md, "Facts").

This module is the single place that says which fact keys exist and which values each takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

UNKNOWN = "unknown"

Kind = Literal["datetime", "enum", "bool", "count", "set"]

BASIC_DATA = (
    "name", "address", "phone", "email", "birthdate", "gender", "customer_id", "employee_id",
    "purchase_history", "login_id", "login_password", "bank_account", "card_last4", "other",
)
# 要配慮個人情報: the guideline's eleven categories (通則編 2-3), with 病歴 and 診療・調剤 together,
# plus 条例要配慮個人情報 (a trigger only for local public bodies whose ordinance defines it).
SENSITIVE_DATA = (
    "race", "creed", "social_status", "medical", "criminal_record", "crime_victim", "disability",
    "health_checkup", "criminal_procedure", "juvenile_procedure",
)
ORDINANCE_DATA = ("ordinance_sensitive",)
FINANCIAL_DATA = ("card_number", "bank_login", "payment_login")
MY_NUMBER_DATA = ("my_number",)
DATA = BASIC_DATA + SENSITIVE_DATA + ORDINANCE_DATA + FINANCIAL_DATA + MY_NUMBER_DATA
# Kinds that say whose data it is: the firm's staff, or its customers and users (the rest say neither).
EMPLOYEE_DATA = ("employee_id",)
CUSTOMER_DATA = ("customer_id", "purchase_history", "login_id", "login_password", *FINANCIAL_DATA)


def staff_only(kinds: set[str]) -> bool:
    """Whether the kinds name only the firm's own staff: a staff record and nothing of customers."""
    return bool(kinds & set(EMPLOYEE_DATA)) and not kinds & set(CUSTOMER_DATA)

CAUSES = (
    "unauthorized_access", "ransomware", "malware", "web_skimming", "phishing", "insider_theft",
    "theft", "loss", "misdelivery", "misconfiguration", "other",
)
SECTORS = ("finance", "telecom", "medical", "credit")


@dataclass(frozen=True)
class FactSpec:
    """One fact key: its kind and, for enums and sets, the values it takes (without "unknown")."""

    key: str
    kind: Kind
    values: tuple[str, ...] = ()
    required: bool = False


FACTS: dict[str, FactSpec] = {
    spec.key: spec
    for spec in (
        FactSpec("aware_at", "datetime", required=True),
        FactSpec("aware_how", "enum", ("internal", "customer", "third_party", "authority",
                                       "card_company", "attacker", "other")),
        FactSpec("organisation", "enum", ("business", "public_body")),
        FactSpec("role", "enum", ("controller", "processor")),
        FactSpec("controller_notified", "bool"),
        FactSpec("data", "set", DATA),
        FactSpec("affected_max", "count"),
        FactSpec("cause", "enum", CAUSES),
        FactSpec("encryption", "enum", ("none", "high", "high_key_exposed")),
        FactSpec("recovered_unviewed", "bool"),
        FactSpec("sectors", "set", SECTORS),
        FactSpec("eu_residents", "enum", ("yes", "no")),
    )
}

FACT_KEYS = tuple(FACTS)
