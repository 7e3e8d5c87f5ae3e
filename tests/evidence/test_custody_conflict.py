"""Two copies that recorded two different hand-overs of one item: a conflict to resolve, as answers are."""

from __future__ import annotations

import shutil

import pytest

from wizard.cli import main
from wizard.errors import RoueiError
from wizard.evidence.collect import collect
from wizard.evidence.register import add, find, incident_files, register, transfer
from wizard.store import Incident, Responder

YAMADA = Responder("山田")


@pytest.fixture
def diverged(tmp_path, tree):
    """A merged incident whose item E went 山田 → 佐藤 in one copy and 山田 → 鈴木 in the other."""
    a = tmp_path / "a.toml"
    with Incident.create(a, YAMADA, title="テスト") as incident:
        [item_id] = add(incident, collect([str(tree / "app")], ignore=incident_files(a)), YAMADA)
    b = tmp_path / "b.toml"
    shutil.copy(a, b)
    for path, taker in ((a, "佐藤"), (b, "鈴木")):
        with Incident.open_for_writing(path, YAMADA) as incident:
            transfer(incident, item_id, taker, f"{taker}へ", YAMADA)
    merged = tmp_path / "merged.toml"
    assert main(["merge", str(a), str(b), "-o", str(merged)]) == 0
    return merged, item_id


def test_the_conflict_is_shown_not_the_later_clock(diverged, capsys):
    path, item_id = diverged
    item = find(register(Incident.load(path)), item_id)
    assert sorted(step.taker for step in item.contested) == ["佐藤", "鈴木"]
    assert sorted(item.holders) == ["佐藤", "鈴木"] and "佐藤" in item.holder and "鈴木" in item.holder
    capsys.readouterr()
    assert main(["evidence", "list", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "食い違い" in listing and "佐藤" in listing and "鈴木" in listing
    assert main(["evidence", "show", str(path), item_id]) == 0
    shown = capsys.readouterr().out
    assert shown.count("! ") >= 2 and "rouei evidence transfer" in shown


def test_a_hand_over_from_a_candidate_resolves_it(diverged):
    path, item_id = diverged
    with Incident.open_for_writing(path, YAMADA) as incident:
        with pytest.raises(RoueiError) as caught:
            transfer(incident, item_id, "弁護士", "", YAMADA)  # who gives it? the register cannot tell
        assert caught.value.key == "evidence.error.contested"
        with pytest.raises(RoueiError):
            transfer(incident, item_id, "弁護士", "", YAMADA, giver="山田")
        settled = transfer(incident, item_id, "佐藤", "佐藤が保管していた", YAMADA, giver="佐藤")
    assert settled.contested == [] and settled.holder == "佐藤"
    item = find(register(Incident.load(path)), item_id)
    assert item.contested == [] and item.holder == "佐藤"


def test_a_linear_chain_is_no_conflict(tmp_path, tree):
    path = tmp_path / "c.toml"
    with Incident.create(path, YAMADA) as incident:
        [item_id] = add(incident, collect([str(tree / "app")], ignore=incident_files(path)), YAMADA)
        transfer(incident, item_id, "佐藤", "", YAMADA)
        item = transfer(incident, item_id, "鈴木", "", Responder("佐藤"))
    assert item.contested == [] and item.holder == "鈴木"
