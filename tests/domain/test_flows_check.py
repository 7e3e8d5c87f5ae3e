"""`rouei flows check`: the bundled flows pass; broken copies fail with every problem named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.domain.flows import bundled_dir, load_flows, FlowsInvalid


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "flows"
    shutil.copytree(bundled_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(capsys, folder: Path, lang: str = "en") -> tuple[int, str]:
    code = main(["flows", "check", str(folder), "--lang", lang])
    return code, capsys.readouterr().out


def test_bundled_flows_pass(capsys):
    code, out = check(capsys, bundled_dir())
    assert code == 0
    assert "No problems" in out
    assert load_flows(bundled_dir()).questions.start == "aware_at"


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("questions.toml", 'next = [{ goto = "aware_how" }]', 'next = [{ goto = "nowhere" }]', "no question 'nowhere'"),
    ("questions.toml", 'next = [{ goto = "organisation" }]', 'next = [{ goto = "end" }]', "unreachable"),
    ("questions.toml", 'next = [{ goto = "affected_max" }]', 'next = [{ goto = "aware_at" }]', "cycle: aware_at"),
    ("questions.toml", 'en = "How did you find out?"', 'en = ""', "missing 'en' text"),
    ("rules/appi_business.toml", '{ fact = "affected_max", gt = 1000 }',
     '{ fact = "people", gt = 1000 }', "unknown fact key 'people'"),
    ("rules/appi_business.toml", 'when = { fact = "cause", in = ["web_skimming", "phishing", "fraud"] }',
     'when = { fact = "cause", in = ["skimming"] }', "unknown value 'skimming' for fact 'cause'"),
    ("rules/appi_business.toml", '{ fact = "affected_max", gt = 1000 }',
     '{ fact = "affected_max", in = ["x"] }', "'in' does not fit fact 'affected_max'"),
    ("rules/appi_business.toml", 'starts_at = "volume_aware_at"', 'starts_at = "affected_max"',
     "starts_at: 'affected_max' is not a date-time fact"),
    ("rules/my_number.toml", 'when = { not = { fact = "organisation", in = ["business"] } }',
     'when = { not = { fact = "org", in = ["business"] } }', "unknown fact key 'org'"),
    ("rules/routes.toml", 'sources = [{ title = "PPC 権限の委任", en = "PPC: delegation of powers (権限の委任)", url = "https://www.ppc.go.jp/personalinfo/legal/kengenInin/" }]',
     'sources = []', "rule has no sources"),
    ("rules/routes.toml", 'tracks = ["appi"]', 'tracks = ["api"]', "no track 'api'"),
    ("rules/routes.toml", 'when = { always = true }', 'when = { fact = "organisation", in = ["business"] }',
     "need a last route that always holds"),
    ("questions.toml", '{ value = "business", label', '{ value = "company", label', "unknown value 'company'"),
    ("questions.toml", 'rules = ["gdpr_72h"]', 'rules = ["gdpr_96h"]', "no rule 'gdpr_96h'"),
    ("rules/appi_business.toml", "trigger = \"volume\"", "trigger = \"volume\"\nbogus = 1", "Extra inputs are not permitted"),
    ("checklist.toml", 'phase = "first_hour"', 'phase = "someday"', "Input should be"),
])
def test_broken_copies_fail_with_a_useful_message(capsys, copy, file, old, new, expected):
    edit(copy / file, old, new)
    code, out = check(capsys, copy)
    assert code == 1
    assert expected in " ".join(out.split())
    assert file.split("/")[-1] in out


def test_every_problem_is_listed_not_just_the_first(capsys, copy):
    edit(copy / "questions.toml", 'en = "How did you find out?"', 'en = ""')
    edit(copy / "questions.toml", 'next = [{ goto = "aware_how" }]', 'next = [{ goto = "nowhere" }]')
    code, out = check(capsys, copy)
    assert code == 1
    assert "nowhere" in out and "missing 'en' text" in " ".join(out.split())


def test_not_toml_and_missing_file(capsys, copy):
    (copy / "contacts.toml").write_text("[[contacts]\nbroken", encoding="utf-8")
    (copy / "checklist.toml").unlink()
    code, out = check(capsys, copy)
    assert code == 1
    assert "not valid UTF-8 TOML" in " ".join(out.split())
    assert "file is missing" in out


def test_load_flows_raises_with_all_problems(copy):
    edit(copy / "questions.toml", 'next = [{ goto = "aware_how" }]', 'next = [{ goto = "nowhere" }]')
    with pytest.raises(FlowsInvalid) as info:
        load_flows(copy)
    assert any("nowhere" in str(p) for p in info.value.problems)


def test_not_a_folder(capsys, tmp_path):
    code, out = check(capsys, tmp_path / "missing")
    assert code == 1 and "not a folder" in out


@pytest.mark.parametrize(("old", "new", "named"), [
    ('{ title = "施行規則7条4号 (e-Gov 428M60020000003)"', '{ title = "japan-leak-rules-primary.md §9"', "japan-leak-rules-primary.md"),
    ('{ title = "施行規則7条4号 (e-Gov 428M60020000003)"', '{ title = "施行規則7条4号 (e-Gov, [N1][N2]で引用)"', "[N1]"),
    ('{ title = "施行規則7条4号 (e-Gov 428M60020000003)"', '{ title = "施行規則7条4号 (../shared/domain)"', "../shared/"),
    ('1,001 is. If it was', '1,001 is, per our notes. If it was', "our notes"),
    ('summary = { ja = "本人の数が確定しないときは', 'summary = { ja = "調査メモでは、本人の数が確定しないときは', "調査メモ"),
])
def test_a_source_or_text_naming_an_internal_note_fails(capsys, copy, old, new, named):
    edit(copy / "rules/appi_business.toml", old, new)
    code, out = check(capsys, copy)
    assert code == 1
    assert f"names an internal note or path ('{named}')" in " ".join(out.split())


def test_no_internal_note_anywhere_a_user_reads():
    """The bundled flows, the texts of the explanation and exports, and the golden exports."""
    import re

    internal = re.compile(r"japan-leak-rules|contacts-research|peers\.md|\[N\d\]|調査メモ|research note|our notes"
                          r"|shared/domain", re.IGNORECASE)
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("wizard/locale/*/*.toml"), *root.glob("tests/exports/golden/*/*"),
             *bundled_dir().rglob("*.toml"), *root.glob("wizard/**/*.py")]
    found = [f"{path.relative_to(root)}:{n}: {m.group()}" for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if (m := internal.search(line))]
    assert found == []
