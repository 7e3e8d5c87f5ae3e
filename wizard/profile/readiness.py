"""The readiness check: what the first hour will need that the profile does not have, and why."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.profile.model import Profile


@dataclass(frozen=True)
class Finding:
    """Something missing: `key` names the message (`profile.check.<key>`), `params` fill it in."""

    key: str
    params: dict[str, str]


def check(profile: Profile) -> list[Finding]:
    """Every gap, the most urgent first."""
    out: list[Finding] = []

    def add(key: str, **params: str) -> None:
        out.append(Finding(key, params))

    if not profile.people_with("decision"):
        add("no_decision")
    if len(profile.people) < 2:
        add("no_second")
    insurer = profile.insurer
    if insurer is None:
        add("no_insurer")
    else:
        if not insurer.policy_number:
            add("insurer_no_policy")
        if insurer.notice_days is None and insurer.notice_hours is None:
            add("insurer_no_period")
    if not profile.people_with("it") and not profile.partners_of("it_vendor"):
        add("no_it")
    if not profile.partners_of("forensic"):
        add("no_forensic")
    elif not any(p.contracted for p in profile.partners_of("forensic")):
        add("forensic_no_contract")
    if profile.firm.card_data and not profile.partners_of("acquirer"):
        add("no_acquirer")
    if not profile.partners_of("lawyer"):
        add("no_lawyer")
    if not profile.partners_of("police"):
        add("no_police")
    if profile.firm.desk_phone is None and not profile.firm.desk_email:
        add("no_desk")
    for partner in profile.partners:
        if partner.phone is None and not partner.email:
            add("partner_unreachable", name=partner.name)
    if not profile.places.laptop or not profile.places.incident_files:
        add("no_places")
    return out
