"""The firm's profile: one TOML file, prepared before an incident, validated by pydantic.

It holds what every incident of this firm shares (what kind of organisation it is, its sectors, the
data it handles) and whom to call (its people with their response roles, its partners). The staff's
names and work phones belong here and never in an incident file; an incident records only the
profile's fingerprint and date (`wizard.profile.start`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, \
    model_validator

from wizard.domain.facts import normalise
from wizard.domain.vocabulary import SECTORS

PHONE = r"^(\+|#)?[0-9][0-9() -]{1,20}[0-9]$"  # 03-1234-5678, +81 3 1234 5678, #9110, 0120(123)456
ROLES = ("decision", "privacy_officer", "it", "pr", "legal")
PARTNERS = ("insurer", "lawyer", "acquirer", "it_vendor", "hosting", "forensic", "police", "controller",
            "processor")

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# typed on a Japanese keyboard (０９０－１２３４－５６７８, ー for -): read as the ASCII it means
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PHONE),
                  BeforeValidator(lambda v: normalise(v) if isinstance(v, str) else v)]


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class Firm(Model):
    """The organisation and the facts every incident of it shares."""

    name: Name  # the legal name: the PPC report's reporter (報告者)
    address: Text = ""
    organisation: Literal["business", "public_body"] = "business"
    local_ordinance: StrictBool = False  # a local public body whose ordinance defines 条例要配慮個人情報
    sectors: tuple[Literal[SECTORS], ...] = ()
    my_number: StrictBool = False  # handles My Numbers (payroll, withholding)
    card_data: StrictBool = False  # takes or stores card numbers
    eu_customers: StrictBool = False
    desk_name: Text = ""  # the inquiry desk named in notices and the public notice
    desk_phone: Phone | None = None
    desk_email: Text = ""
    desk_hours: Text = ""

    @model_validator(mode="after")
    def _ordinance_for_public_bodies(self) -> Firm:
        if self.local_ordinance and self.organisation != "public_body":
            raise ValueError("local_ordinance")
        return self


class Person(Model):
    """One of the firm's people with a role in a response."""

    name: Name
    roles: tuple[Literal[ROLES], ...] = Field(min_length=1)
    phone: Phone
    email: Text = ""
    title: Text = ""  # job title


class Partner(Model):
    """Someone outside the firm to call: insurer, lawyer, acquirer, vendor, police desk, a controller …"""

    kind: Literal[PARTNERS]
    name: Name
    phone: Phone | None = None
    email: Text = ""
    contact: Text = ""  # whom to ask for there
    contracted: StrictBool = False  # forensic: under contract (else on the shortlist)
    policy_number: Text = ""  # insurer
    # insurer: notice within N days (the day of awareness is day 1), or within N hours
    notice_days: StrictInt | None = Field(default=None, ge=1, le=365)
    notice_hours: StrictInt | None = Field(default=None, ge=1, le=720)

    @model_validator(mode="after")
    def _one_notice_period(self) -> Partner:
        if self.notice_days is not None and self.notice_hours is not None:
            raise ValueError("notice_period")
        return self


class Places(Model):
    """Where the responder laptop and the incident files are kept (printed on the card)."""

    laptop: Text = ""
    incident_files: Text = ""


class Profile(Model):
    firm: Firm
    people: tuple[Person, ...] = ()
    partners: tuple[Partner, ...] = ()
    places: Places = Places()
    updated: date | None = None  # set by rouei whenever it saves the profile

    def people_with(self, role: str) -> tuple[Person, ...]:
        return tuple(p for p in self.people if role in p.roles)

    def partners_of(self, kind: str) -> tuple[Partner, ...]:
        """The partners of a kind; forensic vendors under contract first."""
        found = [p for p in self.partners if p.kind == kind]
        return tuple(sorted(found, key=lambda p: not p.contracted))

    @property
    def insurer(self) -> Partner | None:
        return next(iter(self.partners_of("insurer")), None)

    def content(self) -> dict:
        """The profile as plain data, without its date (what the fingerprint covers)."""
        return self.model_dump(mode="json", exclude={"updated"}, exclude_defaults=True)

    @property
    def fingerprint(self) -> str:
        """The first 16 hex digits of the SHA-256 of the content, in groups of four."""
        text = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        full = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return "-".join(full[i:i + 4] for i in range(0, 16, 4))
