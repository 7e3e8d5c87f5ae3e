"""Legal invariants shipped with rouei: a rule set that weakens the law is refused by `flows check` and
`flows install` whatever its own scenarios say; installed anyway (--force), every determination and
export names the invariant it breaks."""

from __future__ import annotations

import json
import shutil

import pytest

from wizard import rulesets
from wizard.cli import main
from wizard.domain.flows import bundled, bundled_dir, load_flows

FACTS = ('aware_at = 2026-11-20T10:00:00+09:00\norganisation = "business"\nrole = "controller"\n'
         'data = ["name"]\naffected_max = 50000\ncause = "misdelivery"\nencryption = "none"\n'
         'recovered_unviewed = false\nsectors = []\neu_residents = "no"\n')


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--lang", "en"])
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())


def weakened(tmp_path, old: str, new: str, pack: str = "appi_business", version: str = "2999.1.0"):
    """A copy of the bundled rules, one version up, with one edit and no scenarios of its own."""
    folder = tmp_path / "weak"
    shutil.copytree(bundled_dir(), folder)
    shutil.rmtree(folder / "scenarios")
    manifest = folder / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(bundled().manifest.version, version, 1),
                        encoding="utf-8")
    path = folder / "rules" / f"{pack}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_bundled_rules_keep_every_invariant():
    from wizard.domain import invariants

    flows = load_flows(bundled_dir())
    assert {c.id for c in invariants.cases()} >= {"appi.sensitive", "appi.financial", "appi.wrongful_purpose",
                                                 "appi.volume", "public.volume", "my_number.volume"}
    assert {c.id: invariants.failures(c, flows) for c in invariants.cases()} == {c.id: [] for c in invariants.cases()}


def test_the_invariants_are_not_in_the_replaceable_folder():
    from wizard.domain import invariants

    assert not invariants.DATA.is_relative_to(bundled_dir())
    assert all(s.url.startswith("https://") for c in invariants.cases() for s in c.sources)


@pytest.mark.parametrize(("old", "new", "case", "words"), [
    # 施行規則7条4号: more than 1,000 people
    ('when = { fact = "affected_max", gt = 1000 }', 'when = { fact = "affected_max", gt = 100000000 }',
     "appi.volume", "the reportable situation 'volume' is not found"),
    # 施行規則7条1号: sensitive data, one person
    ('when = { fact = "data", any = ["race", "creed", "social_status", "medical",',
     'when = { fact = "data", any = ["race", "creed", "social_status",', "appi.sensitive", "'sensitive' is not found"),
    # 施行規則7条3号 removed from the causes
    ('when = { fact = "cause", in = ["unauthorized_access", "ransomware", "malware", "phishing", "insider_theft", "theft"] }',
     'when = { fact = "cause", in = ["ransomware"] }', "appi.wrongful_purpose", "'wrongful_purpose' is not found"),
    # 施行規則8条2項: 30 days, not 45
    ("\nfinal_days = 30\n", "\nfinal_days = 45\n", "appi.volume", "the final report is given 45 days (at most 30)"),
    # the 速報's 3–5 days
    ("preliminary = { target_days = 3, latest_days = 5 }", "preliminary = { target_days = 3, latest_days = 10 }",
     "appi.sensitive", "due 10 days after the day of awareness (at most 5)"),
    # an exemption that always holds
    ('{ id = "appi.recovered", when = { all = [{ fact = "recovered_unviewed", is = true },',
     '{ id = "appi.recovered", when = { any_of = [{ fact = "recovered_unviewed", is = false },', "appi.volume",
     "no report to the PPC is required"),
])
def test_a_weakened_rule_set_fails_the_check(capsys, tmp_path, old, new, case, words):
    code, out = run(capsys, "flows", "check", str(weakened(tmp_path, old, new)))
    assert code == 1, out
    assert f"invariant {case}" in out and words in out
    assert "Traceback" not in out


def test_public_bodies_keep_the_100_person_line(capsys, tmp_path):
    folder = weakened(tmp_path, 'when = { fact = "affected_max", gt = 100 }', 'when = { fact = "affected_max", gt = 1000 }',
                      pack="public_body")
    code, out = run(capsys, "flows", "check", str(folder))
    assert code == 1 and "invariant public.volume" in out and "施行規則43条4号" not in out  # English titles
    assert "Enforcement Rules Art. 43(iv)" in out


def test_a_stricter_rule_set_passes(capsys, tmp_path):
    folder = weakened(tmp_path, "\nfinal_days = 30\n", "\nfinal_days = 20\n")
    code, out = run(capsys, "flows", "check", str(folder))
    assert code == 0, out


def test_install_refuses_a_weakened_set_and_force_marks_every_determination(capsys, tmp_path):
    folder = weakened(tmp_path, 'when = { fact = "affected_max", gt = 1000 }', 'when = { fact = "affected_max", gt = 100000000 }')
    code, out = run(capsys, "flows", "install", str(folder))
    assert code == 2 and "Not installed" in out and "invariant appi.volume" in out and "--force" in out
    assert not rulesets.installed_dir().exists() and not rulesets.installed_dir().with_name("flows.new").exists()

    code, out = run(capsys, "flows", "install", str(folder), "--force")
    assert code == 0 and "break a legal invariant" in out, out
    bundled.cache_clear()
    assert bundled().breaches == ("appi.volume",)

    facts = tmp_path / "facts.toml"
    facts.write_text(FACTS, encoding="utf-8")
    code, out = run(capsys, "assess", str(facts), "--json")
    data = json.loads(out)
    assert data["report_required"] is False  # what the weakened rules say …
    assert data["rules"]["invariants_broken"] == ["appi.volume"]  # … and that they break the law
    code, out = run(capsys, "assess", str(facts))
    assert "These rules break a legal invariant" in out and "Enforcement Rules Arts. 7(iv) and 8" in out

    case = tmp_path / "case.toml"
    assert run(capsys, "new", "-o", str(case), "--by", "山田", "--no-open")[0] == 0
    assert run(capsys, "answer", str(case), "aware_at=2026-11-20T10:00", "data=name", "affected_max=50000",
               "--by", "山田")[0] == 0
    for fmt in ("md", "html", "txt"):
        code, out = run(capsys, "export", str(case), "--format", fmt, "--what", "determination", "-o", "-")
        assert code == 0 and "These rules break a legal invariant" in out, fmt
    code, out = run(capsys, "flows", "status")
    assert "These rules break a legal invariant" in out


def test_a_set_edited_in_place_after_install_is_marked_too(capsys, tmp_path):
    folder = weakened(tmp_path, "\nfinal_days = 30\n", "\nfinal_days = 30\n")
    assert run(capsys, "flows", "install", str(folder))[0] == 0
    pack = rulesets.installed_dir() / "rules" / "appi_business.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("\nfinal_days = 30\n", "\nfinal_days = 90\n", 1),
                    encoding="utf-8")
    bundled.cache_clear()
    assert {"appi.sensitive", "appi.financial", "appi.volume"} <= set(bundled().breaches)
