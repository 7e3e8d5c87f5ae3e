"""The readiness check names what the first hour will need and the profile lacks."""

from __future__ import annotations

from wizard.i18n import t
from wizard.profile.files import parse, profile_path
from wizard.profile.readiness import check


def keys(raw: dict) -> list[str]:
    return [f.key for f in check(parse(raw, profile_path()))]


def test_a_complete_profile_is_ready(profile):
    assert check(profile) == []


def test_an_empty_profile_misses_the_essentials():
    found = keys({"firm": {"name": "A"}})
    assert found[:3] == ["no_decision", "no_second", "no_insurer"]
    assert {"no_it", "no_forensic", "no_lawyer", "no_police", "no_desk", "no_places"} <= set(found)
    assert "no_acquirer" not in found  # takes no cards


def test_the_gaps_the_issue_names(profile):
    raw = profile.model_dump(mode="json", exclude_defaults=True)
    raw["people"] = raw["people"][:1]
    raw["partners"] = [p for p in raw["partners"] if p["kind"] not in ("acquirer", "forensic")]
    raw["partners"][0].pop("policy_number")
    assert keys(raw) == ["no_second", "insurer_no_policy", "no_it", "no_forensic", "no_acquirer"]


def test_each_finding_says_why_it_matters():
    for finding in check(parse({"firm": {"name": "A", "card_data": True},
                                "partners": [{"kind": "lawyer", "name": "L"}]}, profile_path())):
        for lang in ("ja", "en"):
            assert not t(f"profile.why.{finding.key}", lang).startswith("profile.")
            assert "{" not in t(f"profile.check.{finding.key}", lang, **finding.params)
