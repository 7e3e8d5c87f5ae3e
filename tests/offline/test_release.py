"""The release check: a rule set that would warn as old within 90 days of the build cannot ship.

Issue 21, item 10: "A release check (a test) fails when the bundled rules would be stale within 90 days
of the build, so a stale rule set cannot ship." The build is this test run, on the real calendar (the
app's clock is not consulted, so no test can move it).
"""

from __future__ import annotations

from datetime import date, timedelta

from wizard import rulesets


def release_problem(folder, build: date) -> str | None:
    """Why the rules in `folder` cannot ship on `build`, or None."""
    found = rulesets.oldest(rulesets.stamps(folder))
    if found is None:
        return "no entry carries last_verified"
    last_fresh = rulesets.stale_after(found.day)
    if last_fresh < build + timedelta(days=rulesets.RELEASE_MARGIN_DAYS):
        return (f"{found.kind} {found.entry} ({found.file}) was last verified {found.day}: the rules warn as old "
                f"after {last_fresh}, less than {rulesets.RELEASE_MARGIN_DAYS} days after this build ({build}). "
                "Re-read its sources, then set last_verified and source_as_of.")
    return None


def test_the_bundled_rules_stay_fresh_for_90_days_after_the_build():
    assert release_problem(rulesets.shipped_dir(), date.today()) is None


def test_the_check_refuses_rules_that_go_stale_within_90_days(tmp_path):
    (tmp_path / "contacts.toml").write_text(
        '[[contacts]]\nid = "old_desk"\nlast_verified = 2026-06-20\n', encoding="utf-8")
    # fresh until 2026-12-20: a build on 2026-12-06 would warn 14 days after shipping
    problem = release_problem(tmp_path, date(2026, 12, 6))
    assert problem and "contact old_desk (contacts.toml)" in problem and "2026-12-20" in problem
    assert release_problem(tmp_path, date(2026, 9, 20)) is None  # fresh until 2026-12-20 = build + 91 days
