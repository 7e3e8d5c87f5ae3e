"""The firm's own contacts for one determination, and the insurer's notice period as a clock (recorded
in the incident when first computed: `record_clocks`).

The order is the order of the calls: who decides, then the partner the facts make urgent (the
controller when the firm may be the processor, the acquirer when card numbers may be involved), the
firm's own people, the insurer (always), then the partners the checklist calls for. A slot the
profile cannot fill is listed as missing rather than left out, so the gap is seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.domain.engine import Determination
from wizard.domain.flows import Clock, Due, Source
from wizard.domain.logic import ALWAYS
from wizard.i18n import LANGS, t
from wizard.profile.model import Partner, Person, Profile

INSURER_CLOCK = "insurer_notice"
ELECTRONIC = ("unauthorized_access", "ransomware", "malware", "web_skimming", "phishing", "misconfiguration")
# What to tell the IT person follows the cause: no machine to disconnect after a misdirected e-mail.
IT_TELL = {"misdelivery": "it_misdelivery", "loss": "it_device", "theft": "it_device", "insider_theft": "it_insider",
           "misconfiguration": "it_exposure"}


@dataclass(frozen=True)
class OwnContact:
    """One call to make. `slot` is a response role or a partner kind; `who` None: missing from the profile."""

    slot: str
    who: Person | Partner | None

    @property
    def label(self) -> str:
        return t(f"profile.slot.{self.slot}")

    @property
    def reach(self) -> str:
        """Phone, e-mail and whom to ask for, as far as the profile has them."""
        who = self.who
        if who is None:
            return ""
        parts = [who.phone or "", who.email, getattr(who, "contact", "")]
        return "  ".join(p for p in parts if p)

    def tell(self, det: Determination) -> str:
        """What to tell them, for this determination."""
        if self.slot == "insurer":
            clock = next((c for c in det.clocks if c.clock.id == INSURER_CLOCK), None)
            due = _shown(clock.due) if clock is not None and clock.due is not None else self._period()
            policy = getattr(self.who, "policy_number", "") or t("profile.tell.no_policy")
            return t("profile.tell.insurer", policy=policy, due=due)
        if self.slot == "it":
            return t(f"profile.tell.{IT_TELL.get(det.facts.cause or '', 'it')}")
        return t(f"profile.tell.{self.slot}")

    def _period(self) -> str:
        """The insurer's notice period in words, when there is no incident to date it from (the card)."""
        days, hours = getattr(self.who, "notice_days", None), getattr(self.who, "notice_hours", None)
        if days:
            return t("profile.tell.within_days", days=days)
        return t("profile.tell.within_hours", hours=hours) if hours else t("profile.tell.no_period")


def _shown(due) -> str:
    from wizard.domain.words import day, moment

    return day(due) if type(due) is date else moment(due)


def slots(det: Determination) -> list[str]:
    """The roles and partner kinds to call for this determination, in the order to call them."""
    facts, listed = det.facts, {item.id for item, _ in det.checklist}
    card = any(c.clock.id == "card_acquirer" and c.status.possible for c in det.clocks)
    out = ["decision"]
    out += ["controller"] if facts.role != "controller" else []
    out += ["acquirer"] if card else []
    out += ["privacy_officer", "it", "insurer"]
    out += ["forensic"] if "forensic_vendor" in listed else []
    out += ["it_vendor", "hosting"] if facts.cause is None or facts.cause in ELECTRONIC else []
    out += ["lawyer", "legal"]
    out += ["police"] if "police" in listed else []
    out += ["pr"] if det.notice_required.possible else []
    out += ["processor"] if facts.role != "processor" else []
    return out


def own_contacts(det: Determination, profile: Profile) -> list[OwnContact]:
    """The firm's own people and partners to call, in order; each slot once per person or partner.

    A controller, processor, hosting provider or legal person is listed only when the profile names
    one (a firm may have none), as is the acquirer of a firm that takes no cards; every other slot the
    profile leaves empty is listed as missing.
    """
    optional = {"controller", "processor", "hosting", "legal"}
    if not profile.firm.card_data and not any(c.clock.id == "card_acquirer" and c.status.certain for c in det.clocks):
        optional.add("acquirer")  # card numbers only may be involved, and the firm says it takes none
    out: list[OwnContact] = []
    seen: set[int] = set()
    for slot in slots(det):
        found = profile.partners_of(slot) if slot in _PARTNER_SLOTS else profile.people_with(slot)
        if not found and slot not in optional:
            out.append(OwnContact(slot, None))
        for who in found:
            if id(who) not in seen:
                seen.add(id(who))
                out.append(OwnContact(slot, who))
    return out


_PARTNER_SLOTS = frozenset({"insurer", "lawyer", "acquirer", "it_vendor", "hosting", "forensic", "police",
                            "controller", "processor"})


def insurer_clock(profile: Profile, updated: date, *, named: bool = True) -> Clock | None:
    """The insurer's notice period as a clock (day 1: the day of awareness), when the profile sets one;
    not `named`: without the insurer's name and policy number, as the incident file records it."""
    insurer = profile.insurer
    if insurer is None or (insurer.notice_days is None and insurer.notice_hours is None):
        return None
    period = {"days": insurer.notice_days} if insurer.notice_days else {"hours": insurer.notice_hours}
    unit = "days" if insurer.notice_days else "hours"
    words = {"name": insurer.name, "policy": insurer.policy_number or "-"}
    mark = "" if named else "_recorded"
    return Clock(
        id=INSURER_CLOCK, when=ALWAYS, effective_from=date(2000, 1, 1), last_verified=updated,
        title={lang: t(f"profile.clock.title{mark}", lang, **words) for lang in LANGS},
        citation={lang: t("profile.clock.citation", lang) for lang in LANGS},
        summary={lang: t(f"profile.clock.summary_{unit}{mark}", lang, **words, **period) for lang in LANGS},
        due=Due(day_number=insurer.notice_days) if insurer.notice_days else Due(hours=insurer.notice_hours),
        sources=(Source(title=t(f"profile.clock.source{mark}", **words)),),
        checks=({lang: t("profile.clock.check", lang) for lang in LANGS},),
    )


def own_clocks(profile: Profile | None, *, named: bool = True) -> list[Clock]:
    """The clocks the profile adds to an incident (the insurer's notice period), none without a profile."""
    from wizard import clock as clocks

    if profile is None:
        return []
    clock = insurer_clock(profile, profile.updated or clocks.now().date(), named=named)
    return [clock] if clock is not None else []


def _same(a: Clock, b: Clock) -> bool:
    """Whether two clocks say the same (the day it was last checked aside: a profile without a date of
    its own would date its clock today)."""
    return a.model_dump(exclude={"last_verified"}) == b.model_dump(exclude={"last_verified"})


def record_clocks(incident, profile: Profile | None, responder, now=None, held: list[Clock] | None = None) -> list[Clock]:
    """Record in the incident the profile's clocks it does not hold yet (a `clock` event each, as first
    computed), so that a responder without this profile still sees them; the clocks recorded. The record
    names no partner (no insurer's name, no policy number): the profile's holder sees those from it.
    `held`: the clocks the incident holds, when known already (else read from the whole file)."""
    from wizard.store.incident import CLOCK_KIND

    mine = own_clocks(profile, named=False)
    if not mine:
        return []
    held = incident.clocks() if held is None else held
    new = [c for c in mine if not any(_same(c, h) for h in held)]
    for clock in new:
        incident.append(CLOCK_KIND, {"clock": clock.model_dump(mode="python", exclude_none=True), "source": "profile",
                                     "profile": profile.fingerprint}, responder, now)
    return new
