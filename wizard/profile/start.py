"""An incident started from the profile: the facts it settles recorded as answers "from the profile".

Each answer carries `source = "profile"`. The organisation cannot differ from one incident to the
next, so its question is settled; sectors and EU residents may differ (a processor's work for a
client, one leak without EU customers), so their questions are still asked, the profile's answer
shown to confirm or change. An unknown is recorded rather than guessed: a firm with EU customers
does not know yet whether this leak involves them. The incident records only the profile's
fingerprint and date, never the staff's names or phones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wizard.profile.model import Profile

SOURCE = "profile"
ASK_AGAIN = "profile"  # the `question` of an answer whose question is still asked (not on the flow's path)


def chosen(option: Path | None = None) -> Profile | None:
    """The profile a new incident starts from: `--profile FILE` (which must exist), else the default
    one when there is one."""
    from wizard.profile.files import load, load_if_present, profile_path

    path = profile_path(option)
    return load(path) if option is not None else load_if_present(path)


def usable() -> Profile | None:
    """The responder's default profile for drafts and contacts; none when there is none or it does not
    validate (`rouei profile check` names the problem; an export at 2 a.m. must not fail over it)."""
    from wizard.errors import RoueiError

    try:
        return chosen()
    except RoueiError:
        return None


def answers(profile: Profile) -> list[dict[str, Any]]:
    """The answers the profile gives a new incident, as `answer` event data."""
    firm = profile.firm
    return [{"fact": "organisation", "value": firm.organisation, "source": SOURCE},
            {"fact": "sectors", "value": list(firm.sectors), "question": ASK_AGAIN, "source": SOURCE},
            {"fact": "eu_residents", "value": "unknown" if firm.eu_customers else "no", "question": ASK_AGAIN,
             "source": SOURCE}]


def hints(profile: Profile) -> list[str]:
    """Kinds of data this firm handles that the data question should make the responder think of."""
    firm = profile.firm
    return [name for name, held in (("my_number", firm.my_number), ("card_number", firm.card_data),
                                    ("ordinance_sensitive", firm.local_ordinance)) if held]


def stamp(profile: Profile) -> dict[str, Any]:
    """What the `created` event records of the profile: its fingerprint, date and the data hints."""
    out: dict[str, Any] = {"fingerprint": profile.fingerprint, "hints": hints(profile)}
    if profile.updated is not None:
        out["updated"] = profile.updated.isoformat()
    return out


def record(incident, profile: Profile, responder, now=None) -> None:
    """Append the profile's answers to a new incident, and its own clocks (the insurer's notice period)."""
    from wizard.profile.contacts import record_clocks

    for data in answers(profile):
        incident.append("answer", data, responder, now)
    record_clocks(incident, profile, responder, now)


def started_from(incident) -> dict[str, Any] | None:
    """The profile stamp of the incident's `created` event, if it was started from one."""
    return stamp_of(incident.events[0])


def stamp_of(created) -> dict[str, Any] | None:
    stamp_ = created.data.get("profile")
    return stamp_ if isinstance(stamp_, dict) else None


def difference(theirs: dict[str, Any] | None, profile: Profile | None) -> tuple[str, str] | None:
    """(theirs, ours) when an incident's stamp `theirs` is of another profile than `profile`, each as
    "fingerprint (date)"; None when they match or either is missing."""
    if theirs is None or profile is None or theirs.get("fingerprint") == profile.fingerprint:
        return None
    ours = stamp(profile)
    return (f"{theirs.get('fingerprint', '-')} ({theirs.get('updated', '-')})",
            f"{ours['fingerprint']} ({ours.get('updated', '-')})")
