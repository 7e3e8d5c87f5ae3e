"""Every bundled scenario loads, covers what the issue asks for, and its expected determinations match
the engine (`rouei flows check` does the same)."""

from __future__ import annotations

import shutil

import pytest

from wizard.cli import main
from wizard.domain.flows import bundled_dir
from wizard.exercise.check import check_scenario, check_scenarios
from wizard.exercise.scenario import bundled_scenarios, find, read_scenarios, scenarios_dir
from wizard.errors import RoueiError

def test_eight_or_more_scenarios_in_both_languages_over_the_four_families():
    scenarios, problems = read_scenarios(scenarios_dir())
    assert problems == []
    assert len(scenarios) >= 8
    assert {s.family for s in scenarios} == {"cyber", "insider", "human_error", "vendor"}
    for s in scenarios:
        assert s.title.ja and s.title.en and s.injects and s.objectives
        assert any(i.after is None for i in s.injects) or all(i.after is not None for i in s.injects)


def test_the_tracks_rouei_decides_are_covered():
    stages = [(s, st) for s in bundled_scenarios() for seed in range(len(s.variants) + 1) for st in s.stages(seed)]
    expects = [st.expect for _, st in stages]
    assert any(e.report_required is False for e in expects)  # reaching "no report" is a lesson too
    assert any(e.route == "controller" for e in expects)
    assert any(e.my_number_report_required for e in expects)
    assert any(e.clocks and "gdpr_72h" in e.clocks for e in expects)
    assert any(e.clocks and "card_acquirer" in e.clocks for e in expects)
    assert any(st.raw_facts.get("organisation") == "public_body" for _, st in stages)
    assert {e.final_days for e in expects} >= {30, 60}


def test_every_expected_determination_matches_the_engine():
    problems = [p for s in bundled_scenarios() for p in check_scenario(s)]
    assert problems == []
    assert check_scenarios(bundled_dir()) == []


def test_a_variant_changes_the_facts_and_the_expectation():
    usb = find("municipality_usb")
    assert usb.variant(0) is None and usb.variant(1).id == "ninety" and usb.variant(2) is None
    written, ninety = usb.stages(0)[1], usb.stages(1)[1]
    assert written.raw_facts["affected_max"] == 150 and ninety.raw_facts["affected_max"] == 90
    assert written.expect.report_required is True and ninety.expect.report_required is False
    assert "90" in usb.message(usb.injects[0], 1).ja and "150" in usb.message(usb.injects[0], 0).ja


def test_an_unknown_scenario_is_a_clear_error():
    with pytest.raises(RoueiError) as info:
        find("nope")
    assert "ransomware_friday" in str(info.value)


def test_flows_check_fails_when_a_scenario_disagrees_with_the_engine(tmp_path, capsys):
    copy = tmp_path / "flows"
    shutil.copytree(bundled_dir(), copy)
    path = copy / "scenarios" / "card_skimming.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("final_days = 60", "final_days = 30", 1), encoding="utf-8")
    code = main(["flows", "check", str(copy), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "card_skimming.toml" in out and "acquirer_letter.expect.final_days" in out and "engine says 60" in out


def test_flows_check_names_a_broken_scenario(tmp_path, capsys):
    copy = tmp_path / "flows"
    shutil.copytree(bundled_dir(), copy)
    (copy / "scenarios" / "extra.toml").write_text('id = "extra"\nfamily = "weather"\n', encoding="utf-8")
    assert main(["flows", "check", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "scenarios/extra.toml" in out and "family" in out


def test_english_texts_have_no_japanese_left_in_them():
    import re

    from pydantic import BaseModel

    from wizard.exercise.scenario import Words

    kana = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

    def texts(node):
        if isinstance(node, Words):
            yield node
        elif isinstance(node, (tuple, list)):
            for item in node:
                yield from texts(item)
        elif isinstance(node, dict):
            for item in node.values():
                yield from texts(item)
        elif isinstance(node, BaseModel):
            for name in type(node).model_fields:
                yield from texts(getattr(node, name))

    leaks = [(s.id, w.en) for s in bundled_scenarios() for w in texts(s) if kana.search(w.en)]
    assert leaks == []
