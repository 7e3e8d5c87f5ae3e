"""Wording the drafts share: the header, placeholders, the incident in a sentence, the data items,
possible secondary harm and what affected people can do, by kind of data.

Only categories and counts of the affected people's data are ever named, never the data itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from wizard.domain.calendar import japan_date
from wizard.domain.explain import value_label
from wizard.domain.words import day, moment
from wizard.domain.facts import JST
from wizard.domain.invariants import warnings as invariant_warnings
from wizard.domain.vocabulary import (
    CUSTOMER_DATA as CUSTOMER_KINDS, DATA, EMPLOYEE_DATA as EMPLOYEE_KINDS, MY_NUMBER_DATA, ORDINANCE_DATA,
    SENSITIVE_DATA, staff_only,
)
from wizard.exports.context import Context
from wizard.exports.model import Field, Item, Items, Para, Section
from wizard.i18n import t
from wizard.rulesets import name, stale_warning

# Kinds of data grouped by what they expose people to, most serious first. A kind outside every
# group gets only the general advice.
HARM_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("card", frozenset({"card_number"})),
    ("bank", frozenset({"bank_login"})),
    ("payment", frozenset({"payment_login"})),
    ("my_number", frozenset(MY_NUMBER_DATA)),
    ("sensitive", frozenset(SENSITIVE_DATA + ORDINANCE_DATA)),
    ("password", frozenset({"login_password", "bank_login", "payment_login"})),  # reused passwords
    ("account", frozenset({"bank_account"})),
    ("card_partial", frozenset({"card_last4"})),
    ("email", frozenset({"email", "login_id"})),
    ("phone", frozenset({"phone"})),
    ("address", frozenset({"address"})),
)
EMPLOYEE_DATA = frozenset(EMPLOYEE_KINDS)
CUSTOMER_DATA = frozenset(CUSTOMER_KINDS)

def fill(what: str) -> str:
    """A placeholder the responder must fill in before sending, e.g. 【事業者名】."""
    return t("export.fill", what=what)


def placeholder_pattern() -> re.Pattern[str]:
    """What a placeholder looks like in the current language: 【…】 or [FILL IN: …]."""
    before, after = t("export.fill", what="\0").split("\0")
    return re.compile(f"{re.escape(before)}.*?{re.escape(after)}")


def when(value: date | datetime) -> str:
    return moment(value) if isinstance(value, datetime) else day(value)


def long_date(value: date | datetime) -> str:
    """A date as a letter writes it: 2026年11月20日 / 20 November 2026."""
    if isinstance(value, datetime):
        value = value.astimezone(JST).date()
    month = t("export.month").split()[value.month - 1]
    return t("export.long_date", y=value.year, m=value.month, d=value.day, month=month)


def org(ctx: Context) -> str:
    """The organisation's name: from the profile, else a placeholder."""
    return ctx.profile.firm.name if ctx.profile is not None else fill(t("export.org"))


def sender(ctx: Context) -> Para:
    """The letter's date and sender: the firm's name and, below it, its address (from the profile)."""
    line = t("export.date_org", date=fill(t("export.date_what")), org=org(ctx))
    address = ctx.profile.firm.address if ctx.profile is not None else ""
    return Para(f"{line}\n{address or fill(t('export.address'))}")


def public_body_note(ctx: Context) -> list[Para]:
    """For a public body, a reminder to put its own name where the drafts say 当社 (our company)."""
    return [Para(t("export.public_body"), note=True)] if ctx.facts.organisation == "public_body" else []


def numbered(sections: list[Section]) -> list[Section]:
    """The sections titled 「1. …」, 「2. …」 in their order."""
    return [Section(t("export.numbered", n=n, title=s.title), s.blocks) for n, s in enumerate(sections, 1)]


def meta(ctx: Context, *extra: Field) -> list[Field]:
    """The header every document carries: the incident, as of when, the file and its fingerprint."""
    rows = [Field(t("export.meta.incident"), ctx.title or t("export.meta.untitled"))]
    rows += extra
    rows.append(Field(t("export.meta.as_of"), moment(ctx.as_of)))
    if ctx.fingerprint:
        rows.append(Field(t("export.meta.file"), t("export.meta.file_value", name=ctx.source, fp=ctx.fingerprint)))
    elif ctx.source:
        rows.append(Field(t("export.meta.file"), t("export.meta.facts_file", name=ctx.source)))
    flows = ctx.det.flows
    rows.append(Field(t("flows.meta.rules"), t("flows.meta.rules_value", rules=name(flows.origin, flows.manifest.version),
                                                 verified=flows.oldest_verification().isoformat())))
    warning = rules_warning(ctx)
    for line in warning.split("\n") if warning else ():
        rows.append(Field(t("flows.meta.warning"), line.removeprefix("⚠ ")))
    return rows


def rules_warning(ctx: Context) -> str | None:
    """What every export says of its rules, a line each: that they were last verified too long before
    `as_of`, and each legal invariant they break (installed with --force)."""
    stale = stale_warning(ctx.det.flows.oldest_verification(), japan_date(ctx.as_of))
    return "\n".join([stale] * bool(stale) + invariant_warnings(ctx.det.flows)) or None


def conflict_text(ctx: Context, conflict: dict) -> str:
    """An open conflict in words: the fact and its competing values."""
    key = conflict["fact"]
    values = (value_label(ctx.det.flows, key, v) for v in conflict["values"])
    return f"{t('fact.' + key)}: {' / '.join(values)}"


def data_kinds(ctx: Context) -> tuple[str, ...]:
    """The known kinds of data involved, in the vocabulary's order (without "unknown")."""
    return tuple(k for k in DATA if k in (ctx.facts.data or ()))


def data_text(ctx: Context) -> str:
    """The data items in words, saying so when more may be involved."""
    kinds = data_kinds(ctx)
    if not kinds:
        return t("export.data.unknown")
    text = t("explain.list_sep").join(t(f"export.kind.{k}") for k in kinds)
    return text if ctx.facts.known("data") else t("export.data.more", items=text)


def audience(ctx: Context) -> str:
    """Whom the data is about: `employee` when only staff data is named, else `customer`."""
    return "employee" if staff_only(set(data_kinds(ctx))) else "customer"


def whose(ctx: Context, reader: str) -> str:
    """Whose information it is, as `reader` (notice or public) would say it: お客様 / 当社従業員 …"""
    return t(f"export.whose.{reader}_{audience(ctx)}")


def incident_sentence(ctx: Context, reader: str) -> str:
    """What happened, in one plain sentence for `reader` (no count, no remedial status)."""
    cause, aware = ctx.facts.cause, long_date(ctx.facts.aware_at)
    if cause is None:
        return t("export.incident.nocause", date=aware, whose=whose(ctx, reader))
    return t("export.incident.cause", date=aware, cause=t(f"export.cause.{cause}"), whose=whose(ctx, reader))


def harm_groups(ctx: Context) -> list[str]:
    kinds = set(data_kinds(ctx))
    return [name for name, members in HARM_GROUPS if kinds & members]


def harm_items(ctx: Context) -> list[str]:
    """The secondary harm the data kinds make possible."""
    return [t(f"export.harm.{g}") for g in harm_groups(ctx)] or [t("export.harm.general")]


def advice(ctx: Context) -> Items:
    """What the affected people can do, by kind of data, then what always applies."""
    rows = [Item(t(f"export.advice.{g}")) for g in harm_groups(ctx)]
    if not ctx.facts.known("data"):
        rows.append(Item(t("export.advice.unknown")))
    rows += [Item(t("export.advice.never_ask")), Item(t("export.advice.consult"))]
    return Items(rows)


def contact_point(ctx: Context) -> list[Para | Items]:
    """The organisation's inquiry desk (from the profile, else to fill in) and the consumer hotline from
    the bundled contacts."""
    firm = ctx.profile.firm if ctx.profile is not None else None
    placeholders = {"name": "desk_name", "phone": "phone_what", "email": "mail_what", "hours": "hours_what"}
    desk = {key: (getattr(firm, f"desk_{key}") if firm else None) or fill(t(f"export.contact.{what}"))
            for key, what in placeholders.items()}
    rows = [Items([Item(t("export.contact.desk", name=desk["name"])),
                   Item(t("export.contact.phone", phone=desk["phone"])),
                   Item(t("export.contact.mail", mail=desk["email"])),
                   Item(t("export.contact.hours", hours=desk["hours"]))])]
    hotline = next((c for c in ctx.det.flows.contacts if c.id == "consumer_hotline" and c.phone), None)
    if hotline is not None:
        rows.append(Para(t("export.contact.hotline", phone=hotline.phone)))
    return rows


def tick_text(ctx: Context, item_id: str) -> str | None:
    """"done on <when> (by <who>)" for a ticked checklist item, else None."""
    tick = ctx.done(item_id)
    if tick is None:
        return None
    at = moment(tick.at) if tick.at else fill(t("export.when"))
    return t("export.done_by", at=at, by=tick.by) if tick.by else t("export.done_at", at=at)
