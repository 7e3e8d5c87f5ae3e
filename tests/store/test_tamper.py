"""Tamper detection: an edited, removed or reordered event, or a cut-off tail, is named; exit 1."""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.cli import main
from wizard.errors import RoueiError
from wizard.store import Incident, IntegrityError
from wizard.store.files import backup_path

from .helpers import SATO, YAMADA

EVENTS = 12


@pytest.fixture
def grown(incident, clock):
    for i in range(EVENTS - 2):
        if i % 3 == 0:
            incident.answer("affected_max", 100 * (i + 1), YAMADA, now=clock())
        else:
            incident.note(f"メモ {i}", SATO, now=clock())
    incident.intact = incident.path.read_text(encoding="utf-8")
    return incident


def blocks(incident: Incident) -> tuple[str, list[str]]:
    """The header and event blocks of the file as rouei wrote it (each hypothesis example starts afresh)."""
    head, *events = incident.intact.split("\n[[events]]\n")
    return head, events


def join(head: str, events: list[str]) -> str:
    return "\n[[events]]\n".join([head, *events])


def failure(path) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught:
        Incident.load(path)
    return caught.value


def test_an_intact_file_verifies(grown, capsys):
    assert main(["verify", str(grown.path)]) == 0
    assert grown.fingerprint in capsys.readouterr().out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.integers(1, EVENTS), field=st.sampled_from(["at", "by", "role", "data"]))
def test_an_edited_event_is_named(grown, number, field):
    head, events = blocks(grown)
    block = events[number - 1]
    if field == "at":
        block = re.sub(r"^at = (\S+) (\d\d):", lambda m: f"at = {m[1]} {int(m[2]) ^ 1:02d}:", block, flags=re.M)
    elif field == "data":
        block = block.rstrip("\n") + "\nadded = true\n"
    else:
        block = re.sub(rf'^{field} = ".*"$', f'{field} = "誰か"', block, flags=re.M)
    grown.path.write_text(join(head, events[:number - 1] + [block] + events[number:]), encoding="utf-8")
    error = failure(grown.path)
    assert error.key == "store.integrity.edited"
    assert f"記録 {number}（" in str(error) and "行目" in str(error)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.integers(1, EVENTS - 1))
def test_a_removed_event_is_found(grown, number):
    head, events = blocks(grown)
    grown.path.write_text(join(head, events[:number - 1] + events[number:]), encoding="utf-8")
    error = failure(grown.path)
    assert error.key == "store.integrity.removed"
    assert f"記録 {number}（" in str(error)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.lists(st.integers(1, EVENTS), min_size=2, max_size=2, unique=True))
def test_reordered_events_are_found(grown, pair):
    first, second = sorted(pair)
    head, events = blocks(grown)
    events[first - 1], events[second - 1] = events[second - 1], events[first - 1]
    grown.path.write_text(join(head, events), encoding="utf-8")
    error = failure(grown.path)
    assert error.key in ("store.integrity.moved", "store.integrity.foreign")
    assert f"記録 {first}（" in str(error)


def test_a_cut_off_tail_shows_in_the_count_and_against_a_fingerprint_written_down(grown, capsys):
    written_down = grown.fingerprint
    head, events = blocks(grown)
    grown.path.write_text(join(head, events[:-2]), encoding="utf-8")
    assert main(["verify", str(grown.path)]) == 0  # the file alone cannot tell (docs/incident-file.md)
    assert f"記録 {EVENTS - 2} 件" in " ".join(capsys.readouterr().out.split())
    assert main(["verify", str(grown.path), "--fingerprint", written_down]) == 1
    assert "一致しません" in " ".join(capsys.readouterr().out.split())
    grown.path.write_text(join(head, events), encoding="utf-8")
    assert main(["verify", str(grown.path), "--fingerprint", written_down]) == 0
    assert main(["verify", str(grown.path), "--fingerprint", Incident.load(grown.path).events[5].id[:16]]) == 1


def test_a_cut_branched_file_is_found_by_its_written_heads(grown, tmp_path):
    copy = tmp_path / "copy.toml"
    copy.write_bytes(grown.path.read_bytes())
    Incident.load(copy).note("写しで", SATO)
    grown.note("元で", YAMADA)
    merged = Incident.merge(Incident.load(grown.path), Incident.load(copy), tmp_path / "m.toml")
    merged.save()
    text = merged.path.read_text(encoding="utf-8")
    assert "written_heads" in text.split("[[events]]")[0]
    head, *rest = text.split("\n[[events]]\n")
    merged.path.write_text(join(head, rest[:-1]), encoding="utf-8")
    assert failure(merged.path).key == "store.integrity.heads"


def test_an_export_whose_fingerprint_matches_no_earlier_state_is_found(grown, capsys):
    grown.append("export", {"format": "md", "what": ["ppc_report"], "fingerprint": grown.fingerprint_full}, YAMADA)
    assert main(["verify", str(grown.path)]) == 0
    assert "出力" in capsys.readouterr().out
    forged = Incident.load(grown.path)
    forged.append("export", {"format": "md", "what": ["ppc_report"], "fingerprint": "0" * 64}, YAMADA)
    assert main(["verify", str(grown.path)]) == 1
    assert "指紋" in capsys.readouterr().err


def test_a_duplicated_event_is_found(grown):
    head, events = blocks(grown)
    grown.path.write_text(join(head, events[:5] + [events[4]] + events[5:]), encoding="utf-8")
    error = failure(grown.path)
    assert error.key == "store.integrity.duplicate" and "記録 6（" in str(error)


def test_events_from_another_incident_are_found(grown, tmp_path):
    other = Incident.create(tmp_path / "other.toml", SATO, title="別件")
    head, events = blocks(grown)
    _, *foreign = other.path.read_text(encoding="utf-8").split("\n[[events]]\n")
    grown.path.write_text(join(head, events + foreign), encoding="utf-8")
    assert failure(grown.path).key == "store.integrity.foreign"


def test_verify_exits_1_naming_the_event_and_offers_the_backup(grown, capsys):
    shutil.copy(grown.path, backup_path(grown.path))
    text = grown.path.read_text(encoding="utf-8")
    grown.path.write_text(text.replace('text = "メモ 1"', 'text = "メモ 一"'), encoding="utf-8")
    assert main(["verify", str(grown.path)]) == 1
    err = " ".join(capsys.readouterr().err.split())  # as one line, whatever the terminal's width
    assert "記録 4（" in err and str(grown.path) in err and ".bak" in err and "Traceback" not in err
    assert main(["verify", str(grown.path) + ".bak"]) == 0


def test_other_commands_refuse_an_altered_file(grown, capsys):
    text = grown.path.read_text(encoding="utf-8")
    grown.path.write_text(text.replace("value = 100\n", "value = 10\n"), encoding="utf-8")
    for command in (["assess"], ["log"], ["export", "--format", "md"]):
        assert main([command[0], str(grown.path), *command[1:]]) == 1
    assert "変わった" not in capsys.readouterr().out


def test_a_writer_reads_only_the_ends_and_refuses_an_altered_last_record(grown):
    text = grown.path.read_text(encoding="utf-8")
    assert text.endswith("value = 1000\n")
    grown.path.write_text(text[:-5] + "999\n", encoding="utf-8")
    with pytest.raises(RoueiError):
        with Incident.open_for_writing(grown.path, YAMADA) as incident:
            incident.note("追記", YAMADA)
    assert grown.path.read_text(encoding="utf-8").endswith("value = 999\n")
    assert not grown.path.with_name("incident.toml.lock").exists()
