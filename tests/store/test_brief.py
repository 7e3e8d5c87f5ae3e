"""The hand-over brief: what changed since a responder last recorded anything, conflicts, unknowns, deadlines."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

from wizard.store import Incident

from .helpers import START, SATO, YAMADA, Clock


def test_a_newcomer_sees_everything(incident):
    brief = incident.brief("佐藤", START + timedelta(days=1))
    assert brief.last_seen is None and brief.changes == incident.events


def test_only_what_others_did_since_ones_last_record(incident, clock):
    incident.note("佐藤の確認", SATO, now=clock())
    seen_at = clock.now
    incident.answer("cause", "misdelivery", YAMADA, now=clock())
    incident.note("山田のメモ", YAMADA, now=clock())
    brief = Incident.load(incident.path).brief("佐藤", clock())
    assert brief.last_seen == seen_at
    assert [e.kind for e in brief.changes] == ["answer", "note"] and all(e.by == "山田" for e in brief.changes)


def test_events_from_a_copy_one_never_saw_count_as_changes_even_if_older(tmp_path, incident):
    shutil.copy(incident.path, tmp_path / "usb.toml")
    usb = Incident.load(tmp_path / "usb.toml")
    usb.note("USB 側で早めに記録", YAMADA, now=START + timedelta(minutes=10))
    incident.note("手元で後から記録", SATO, now=START + timedelta(minutes=30))
    merged = Incident.merge(incident, usb, tmp_path / "m.toml")
    assert merged.events[-2].by == "山田"  # the unseen event comes first in the file
    brief = merged.brief("佐藤", START + timedelta(hours=1))
    assert [e.data["text"] for e in brief.changes] == ["USB 側で早めに記録"]


def test_conflicts_unknowns_and_deadlines(tmp_path, incident, clock):
    incident.answer("organisation", "business", YAMADA, now=clock())
    incident.answer("data", ("name", "medical"), YAMADA, now=clock())
    shutil.copy(incident.path, tmp_path / "usb.toml")
    usb = Incident.load(tmp_path / "usb.toml")
    usb.answer("affected_max", 6000, SATO, now=clock())
    incident.answer("affected_max", 7000, YAMADA, now=clock())
    merged = Incident.merge(incident, usb, tmp_path / "m.toml")
    brief = merged.brief("山田", datetime(2026, 11, 26, 12, 0, tzinfo=START.tzinfo))
    assert brief.conflicts == merged.conflict_list() and [c["fact"] for c in brief.conflicts] == ["affected_max"]
    assert "affected_max" in brief.unknown_facts
    keys = [d.key for d in brief.duties]
    assert "preliminary" in keys and "final.appi" in keys
    moments = [d.end for d in brief.duties]
    assert moments == sorted(moments)
    final = next(d for d in brief.duties if d.key == "final.appi")
    preliminary = next(d for d in brief.duties if d.key == "preliminary")
    assert isinstance(final.due, date) and final.state(brief.now) == "open"
    assert (preliminary.state(brief.now) == "overdue") is (preliminary.due < date(2026, 11, 26))


def test_without_aware_at_the_brief_asks_for_it(tmp_path):
    inc = Incident.create(tmp_path / "i.toml", YAMADA, now=START)
    brief = inc.brief("佐藤", START)
    assert brief.unknown_facts == ("aware_at",) and brief.duties == ()


def test_only_the_records_after_ones_last_are_changes_in_a_long_history(tmp_path):
    clock = Clock()
    inc = Incident.create(tmp_path / "i.toml", YAMADA, now=clock())
    inc.answer("aware_at", START, YAMADA, now=clock())
    for i in range(300):
        inc.note(f"{i}", SATO if i % 2 else YAMADA, now=clock())
    brief = inc.brief("山田", clock())
    assert [e.data["text"] for e in brief.changes] == ["299"]
