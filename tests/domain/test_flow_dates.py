"""The dates every fact carries: `flows check` refuses a date the age check cannot see, a date not yet
reached, and a fact without its sources' own date; the scan that measures the age reads TOML right."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import clock, rulesets
from wizard.cli import main
from wizard.domain.flows import bundled_dir


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "flows"
    shutil.copytree(bundled_dir(), target)
    clock.use_clock(lambda: datetime(2026, 12, 6, 12, tzinfo=clock.JST))
    yield target
    clock.use_clock(None)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(capsys, folder: Path) -> tuple[int, str]:
    code = main(["flows", "check", str(folder), "--lang", "en"])
    return code, " ".join(capsys.readouterr().out.split())


def edit_entry(path: Path, entry: str, key: str, new: str) -> None:
    """Replace the `key = …` line of one entry (the first after its `id = "entry"` line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line == f'id = "{entry}"')
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(f"{key} = "))
    lines[at:at + 1] = [new] if new else []
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("file", "entry", "key", "new", "expected"), [
    ("contacts.toml", "ppc_dial", "last_verified", "last_verified = 2099-01-01",
     "contacts.toml: ppc_dial: last_verified 2099-01-01 is after today (2026-12-06)"),
    ("rules/clocks.toml", "card_acquirer", "source_as_of", "", "rules/clocks.toml: card_acquirer: needs source_as_of"),
    # valid TOML, but not the form the age scan reads
    ("checklist.toml", "hands_off", "last_verified", '"last_verified" = 2020-01-01',
     "checklist.toml: hands_off: write last_verified on a line of its own"),
])
def test_a_date_that_would_hide_the_age_is_refused(capsys, copy, file, entry, key, new, expected):
    edit_entry(copy / file, entry, key, new)
    code, out = check(capsys, copy)
    assert code == 1 and expected in out


def test_an_amendment_whose_status_does_not_fit_its_dates_is_refused(capsys, copy):
    path = copy / "amendments.toml"
    edit(path, 'status = "in_force"\nstatus_as_of = 2026-07-16\nin_force_from = 2026-06-14\n',
         'status = "in_force"\nstatus_as_of = 2026-07-16\n')
    code, out = check(capsys, copy)
    assert code == 1 and "rules_r8_2: a status 'in_force' needs in_force_from" in out


def literal(value: str) -> str:
    """A TOML string literal for `value` (escaped as tomli_w escapes it)."""
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


DECOY = "[[x]]\nlast_verified = 1999-01-01"  # a text that looks like a table and a date
IDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), IDS), DAYS, TEXTS), min_size=1, max_size=8), st.one_of(st.none(), DAYS))
def test_the_age_scan_reads_what_toml_holds(tmp_path_factory, entries, top_day):
    """Entries written as rouei's files write them ([[table]], then one key a line), with any id and any
    text around (escape sequences, lines that look like keys): the scan finds each date with its entry,
    exactly as a TOML parser reads them."""
    import tomllib

    folder = tmp_path_factory.mktemp("flows")
    lines = [tomli_w.dumps({"id": "scenario", "last_verified": top_day})] if top_day else []
    for ident, day, text in entries:
        lines.append("[[items]]")
        lines.append(tomli_w.dumps({"id": ident}) if ident is not None else "")
        lines.append(f"title = {{ ja = {literal(text)}, en = {literal(DECOY)} }}")
        lines.append(f"last_verified = {day.isoformat()}")
    text = "\n".join(lines) + "\n"
    (folder / "checklist.toml").write_text(text, encoding="utf-8")
    parsed = tomllib.loads(text)
    expected = ([rulesets.Stamp(top_day, "checklist.toml", "scenario")] if top_day else []) + [
        rulesets.Stamp(item["last_verified"], "checklist.toml", item.get("id", "items")) for item in parsed["items"]]
    assert list(rulesets.stamps(folder)) == expected


def test_rules_installed_before_source_as_of_existed_still_load(tmp_path, capsys, copy):
    """A firm's folder installed by an older rouei has no source_as_of: it keeps working in an incident
    (its age still shows); only installing such a folder again is refused."""
    import re

    from wizard import rulesets as rs
    from wizard.domain.flows import bundled

    for path in copy.rglob("*.toml"):
        path.write_text(re.sub(r"(?m)^source_as_of = .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    code, out = check(capsys, copy)
    assert code == 1 and "needs source_as_of" in out
    assert main(["flows", "install", str(copy), "--lang", "en"]) == 2
    target = rs.installed_dir()
    shutil.copytree(copy, target)  # as an older rouei left it
    bundled.cache_clear()
    try:
        assert bundled().origin == "installed" and bundled().oldest() is not None
        assert main(["flows", "status", "--lang", "en"]) == 0
        assert "Oldest verification" in capsys.readouterr().out
    finally:
        bundled.cache_clear()
