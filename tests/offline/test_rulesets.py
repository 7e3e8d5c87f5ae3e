"""`rouei flows status / install / reset`: which rules are in use, how old they are, and replacing them by hand."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta

import pytest

from wizard import clock, rulesets
from wizard.cli import main
from wizard.domain.flows import bundled, bundled_dir, load_flows

FACTS = 'aware_at = 2026-11-20T10:00:00+09:00\ndata = ["name"]\naffected_max = 5000\n'


def today(day: date) -> None:
    clock.use_clock(lambda: datetime(day.year, day.month, day.day, 12, tzinfo=clock.JST))


def copy_flows(tmp_path, version: str | None = None):
    folder = tmp_path / "new-flows"
    shutil.copytree(bundled_dir(), folder)
    if version:
        manifest = folder / "manifest.toml"
        text = manifest.read_text(encoding="utf-8")
        old = load_flows(bundled_dir(), "bundled").manifest.version
        manifest.write_text(text.replace(f'version = "{old}"', f'version = "{version}"'), encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--lang", "en"])
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())  # lines folded at the terminal width


def test_the_six_months_are_calendar_months():
    assert rulesets.stale_after(date(2025, 9, 24)) == date(2026, 3, 24)
    assert rulesets.stale_after(date(2025, 8, 31)) == date(2026, 2, 28)
    assert not rulesets.is_stale(date(2025, 8, 31), date(2026, 2, 28))
    assert rulesets.is_stale(date(2025, 8, 31), date(2026, 3, 1))


def test_status_of_fresh_rules(capsys):
    verified = bundled().oldest_verification()
    today(verified)
    code, out = run(capsys, "flows", "status")
    assert code == 0
    assert f"In use: Bundled rules {bundled().manifest.version}" in out
    assert f"Oldest verification {verified.isoformat()}" in out
    assert "within the last 6 months" in out and "⚠" not in out


def test_status_of_stale_rules_warns(capsys):
    verified = bundled().oldest_verification()
    today(rulesets.stale_after(verified) + timedelta(days=1))
    code, out = run(capsys, "flows", "status")
    assert code == 0
    assert "⚠" in out and "may have changed" in out and "ask a lawyer" in out
    assert rulesets.start_warning() is not None


def test_the_quick_read_agrees_with_the_validated_rules():
    found = rulesets.quick()
    assert (found.origin, found.version) == ("bundled", bundled().manifest.version)
    assert found.oldest.day == bundled().oldest_verification()


def set_verified(folder, file: str, entry: str, day: date) -> None:
    """Give one entry of a copied flows folder another last_verified."""
    path = folder / file
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f'id = "{entry}"')
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("last_verified = "))
    lines[at] = f"last_verified = {day.isoformat()}"
    path.write_text("\n".join(lines), encoding="utf-8")


def months_ago(today_: date, months: int) -> date:
    year, month = divmod(today_.year * 12 + today_.month - 1 - months, 12)
    return date(year, month + 1, min(today_.day, 28))


# Issue 21, item 9: "Contacts never count toward staleness (a contact verified 7 months ago still shows
# 「確認日から6か月以内です」). The stale check covers rules, clocks, contacts and scenarios."
@pytest.mark.parametrize(("file", "entry", "kind"), [
    ("contacts.toml", "ppc_dial", "contact"),
    ("checklist.toml", "hands_off", "checklist item"),
    ("scenarios/ransomware_friday.toml", "ransomware_friday", "exercise scenario"),
    ("rules/clocks.toml", "card_acquirer", "rule"),
])
def test_any_entry_verified_seven_months_ago_makes_the_rules_old(tmp_path, capsys, file, entry, kind):
    now = date(2026, 12, 6)
    today(now)
    folder = copy_flows(tmp_path, "2999.1.0")
    old = months_ago(now, 7)
    set_verified(folder, file, entry, old)
    assert run(capsys, "flows", "install", str(folder))[0] == 0
    bundled.cache_clear()
    code, out = run(capsys, "flows", "status")
    assert code == 0
    assert f"Oldest verification {old.isoformat()}: {kind} {entry} ({file})" in out
    assert "⚠" in out and "within the last 6 months" not in out
    assert rulesets.start_warning() is not None


def test_status_names_the_oldest_entry_of_the_bundled_rules(capsys):
    found = bundled().oldest()
    today(found.day)
    code, out = run(capsys, "flows", "status")
    assert code == 0
    assert f"Oldest verification {found.day.isoformat()}: " in out and f"{found.entry} ({found.file})" in out


def test_status_lists_the_amendments_and_where_they_stand(capsys):
    code, out = run(capsys, "flows", "status")
    assert code == 0
    # PPC press release of 2026-07-17 (https://www.ppc.go.jp/news/press/2026/260717/): 「改正法は、一部を
    # 除き、公布日から起算して２年以内で政令で定める日から施行されます。」
    assert "Amendments and when they apply:" in out
    assert "promulgated 2026-07-17; in force from a day set by cabinet order (at the latest 2028-07-16)" in out


def test_install_a_valid_folder_then_reset(tmp_path, capsys):
    folder = copy_flows(tmp_path, "2999.1.0")
    code, out = run(capsys, "flows", "install", str(folder))
    assert code == 0, out
    assert "Installed: Installed rules 2999.1.0" in out
    assert (rulesets.installed_dir() / "manifest.toml").is_file()
    bundled.cache_clear()
    assert bundled().origin == "installed" and bundled().manifest.version == "2999.1.0"
    code, out = run(capsys, "flows", "status")
    assert "In use: Installed rules 2999.1.0" in out and "Bundled rules:" in out

    facts = tmp_path / "facts.toml"
    facts.write_text(FACTS, encoding="utf-8")
    bundled.cache_clear()
    code, out = run(capsys, "assess", str(facts), "--json")
    assert json.loads(out)["rules"]["set"] == "installed"
    bundled.cache_clear()
    code, out = run(capsys, "assess", str(facts))
    assert "Installed rules 2999.1.0" in out

    code, out = run(capsys, "flows", "reset")
    assert code == 0 and "Removed the installed rules" in out
    assert not rulesets.installed_dir().exists()
    bundled.cache_clear()
    assert bundled().origin == "bundled"
    code, out = run(capsys, "flows", "reset")
    assert code == 0 and "No rules are installed" in out


def test_a_broken_folder_is_refused_with_every_problem(tmp_path, capsys):
    folder = copy_flows(tmp_path, "2999.1.0")
    (folder / "contacts.toml").unlink()
    rules = folder / "rules" / "appi_business.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("effective_from", "in_force_from", 1), encoding="utf-8")
    code, out = run(capsys, "flows", "install", str(folder))
    assert code == 2
    assert "Not installed" in out
    assert "contacts.toml: -: file is missing" in out
    assert "rules/appi_business.toml" in out and "in_force_from" in out
    assert not rulesets.installed_dir().exists()


def test_an_older_folder_is_refused_unless_forced(tmp_path, capsys):
    folder = copy_flows(tmp_path, "2000.1.0")
    code, out = run(capsys, "flows", "install", str(folder))
    assert code == 2
    assert "older than the bundled rules" in out and "--force" in out and "Traceback" not in out
    assert not rulesets.installed_dir().exists()
    code, out = run(capsys, "flows", "install", str(folder), "--force")
    assert code == 0 and "Installed rules 2000.1.0" in out


def test_a_downgrade_of_the_installed_rules_is_refused(tmp_path, capsys):
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path / "a", "2999.2.0")))[0] == 0
    bundled.cache_clear()
    code, out = run(capsys, "flows", "install", str(copy_flows(tmp_path / "b", "2999.1.0")))
    assert code == 2 and "older than the rules in use 2999.2.0" in out


def test_installed_rules_broken_later_give_a_clean_error(tmp_path, capsys):
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path, "2999.1.0")))[0] == 0
    (rulesets.installed_dir() / "questions.toml").write_text("start = 1\n", encoding="utf-8")
    bundled.cache_clear()
    facts = tmp_path / "facts.toml"
    facts.write_text(FACTS, encoding="utf-8")
    code, out = run(capsys, "assess", str(facts))
    assert code == 2 and "rouei flows reset" in out and "Traceback" not in out
    assert run(capsys, "flows", "reset")[0] == 0


def test_versions_compare_number_by_number():
    assert rulesets.version_key("2026.9.0") < rulesets.version_key("2026.11.0")
    assert rulesets.version_key("2026.11.0") == rulesets.version_key("2026.11.0")


def test_the_version_scheme():
    for good in ("2026.12.0", "2027.1.3", "2999.1.0", "2026.9.10"):
        assert rulesets.valid_version(good), good
    for bad in ("", "2026.12.1a", "2026.13.0", "2026.0.1", "2026.09.0", "26.12.0", "2026.12", "2026.12.0.1",
                "v2026.12.0", "2026.12.01", " 2026.12.0", "2026.12.0\n"):
        assert not rulesets.valid_version(bad), bad
    assert rulesets.version_key("2026.12.1") < rulesets.version_key("2026.12.99") < rulesets.version_key("2027.1.0")
    assert rulesets.version_key("") < rulesets.version_key("2000.1.0")  # an old set's bad version ranks lowest
    assert rulesets.version_key("2026.12.1a") < rulesets.version_key("2026.12.0")


def test_a_malformed_version_is_refused(tmp_path, capsys):
    for n, version in enumerate(("", "2026.12.1a", "latest")):
        folder = tmp_path / str(n)
        shutil.copytree(bundled_dir(), folder)
        manifest = folder / "manifest.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(
            f'version = "{bundled().manifest.version}"', f'version = "{version}"'), encoding="utf-8")
        code, out = run(capsys, "flows", "check", str(folder))
        assert code == 1 and "manifest.toml: version" in out and "YEAR.MONTH.N" in out, version
        code, out = run(capsys, "flows", "install", str(folder), "--force")
        assert code == 2 and "YEAR.MONTH.N" in out
        assert not rulesets.installed_dir().exists()


def test_same_version_other_content_is_refused_unless_forced(tmp_path, capsys):
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path / "a", "2999.1.0")))[0] == 0
    bundled.cache_clear()
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path / "a2", "2999.1.0")))[0] == 0  # same content: fine
    bundled.cache_clear()
    other = copy_flows(tmp_path / "b", "2999.1.0")
    retitle(other)
    code, out = run(capsys, "flows", "install", str(other))
    assert code == 2 and "say version 2999.1.0, as the rules in use 2999.1.0 do, but their content differs" in out
    assert "e.g. 2999.1.1" in out  # the version to give them, not an example that may be the refused one
    bundled.cache_clear()
    assert "Retitled" not in bundled().manifest.sources_note["en"]
    code, out = run(capsys, "flows", "install", str(other), "--force")
    assert code == 0
    bundled.cache_clear()
    assert "Retitled" in bundled().manifest.sources_note["en"]


def retitle(folder) -> None:
    """Other content, same determinations: the manifest's note on its sources reworded."""
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert '\nen = "' in text
    manifest.write_text(text.replace('\nen = "', '\nen = "Retitled. ', 1), encoding="utf-8")


def test_same_version_as_the_bundled_rules_with_other_content_is_refused(tmp_path, capsys):
    folder = copy_flows(tmp_path)
    retitle(folder)
    code, out = run(capsys, "flows", "install", str(folder))
    assert code == 2 and "as the bundled rules" in out and "content differs" in out
    shipped = load_flows(bundled_dir(), "bundled").manifest.version
    assert f"e.g. {shipped}" not in out and f"e.g. {rulesets.next_version(shipped)}" in out


def test_a_sound_set_replaces_a_broken_installed_one(tmp_path, capsys):
    assert run(capsys, "flows", "install", str(copy_flows(tmp_path / "a", "2999.1.0")))[0] == 0
    (rulesets.installed_dir() / "questions.toml").write_text("start = 1\n", encoding="utf-8")
    bundled.cache_clear()
    code, out = run(capsys, "flows", "install", str(copy_flows(tmp_path / "b", "2999.2.0")))
    assert code == 0, out
    bundled.cache_clear()
    assert bundled().manifest.version == "2999.2.0"


def test_a_contact_with_a_schema_error_is_named(tmp_path, capsys):
    folder = copy_flows(tmp_path)
    contacts = folder / "contacts.toml"
    text = contacts.read_text(encoding="utf-8")
    second = text.index("[[contacts]]", text.index("[[contacts]]") + 1)
    block_id = text[second:].split('id = "', 1)[1].split('"', 1)[0]
    contacts.write_text(text[:second] + text[second:].replace("\nkind = ", "\nkinds = ", 1), encoding="utf-8")
    code, out = run(capsys, "flows", "check", str(folder))
    assert code == 1
    assert f"contacts.toml: contacts.{block_id}.kind: Field required" in out
    assert f"contacts.toml: contacts.{block_id}.kinds: Extra inputs are not permitted" in out
