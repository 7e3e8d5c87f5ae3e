"""Typed input as Japanese users type it, and awareness times checked at the door (issue 11.2–11.3, 10.1)."""

from __future__ import annotations

from datetime import datetime

import pytest

from wizard import clock
from wizard.domain.facts import JST, parse_assignment, read_aware_at
from wizard.errors import FactError

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=JST)


@pytest.fixture(autouse=True)
def _clock():
    clock.use_clock(lambda: NOW)
    yield
    clock.use_clock(None)


@pytest.mark.parametrize("typed", [
    "２０２６－１１－２７　０９：３０", "2026年11月27日 9時30分", "2026年11月27日(金) 午前9時30分", "11/27 9:30",
    "2026/11/27 09:30", "2026-11-27T09:30", "2026-11-27 00:30Z", "2026-11-27 09:30 JST", "2026-11-27 09:30+09:00",
])
def test_japanese_and_iso_forms_read_the_same_moment(typed):
    assert parse_assignment(f"aware_at={typed}") == ("aware_at", datetime(2026, 11, 27, 9, 30, tzinfo=JST))


def test_a_time_from_another_zone_is_stored_in_jst_with_a_whole_minute_offset():
    _, value = parse_assignment("aware_at=2026-11-27 09:30-05:00")
    assert value == datetime(2026, 11, 27, 23, 30, tzinfo=JST) and value.utcoffset().total_seconds() == 9 * 3600


def test_a_date_without_a_year_is_the_last_such_date_not_a_future_one():
    assert read_aware_at("11/27 9:30").value.year == 2026
    assert read_aware_at("12/31 9:30").value.year == 2025


@pytest.mark.parametrize(("typed", "says"), [
    ("2027-01-01 10:00", "今（2026-11-28 12:00 JST）より先"),
    ("2030-01-01 10:00", "より先"),
    ("9999-12-01 10:00", "より先"),
    ("1026-11-20 10:00", "2022-04-01 より前"),
    ("2022-03-31 23:59", "規則"),
    ("2026-11-27", "時刻がありません"),
    ("2026-02-30 10:00", "使える値"),
])
def test_awareness_outside_the_rules_or_without_a_time_is_refused_with_a_reason(typed, says):
    with pytest.raises(FactError) as refused:
        parse_assignment(f"aware_at={typed}")
    assert says in str(refused.value)


def test_a_few_minutes_ahead_is_accepted_clocks_disagree():
    assert parse_assignment("aware_at=2026-11-28 12:04")[1] == datetime(2026, 11, 28, 12, 4, tzinfo=JST)


def test_an_exercise_clock_moves_the_future_limit():
    clock.use_clock(lambda: datetime(2031, 1, 1, tzinfo=JST))
    assert parse_assignment("aware_at=2030-01-01 10:00")[1].year == 2030


def test_a_date_alone_is_read_as_the_start_of_the_day_and_says_so():
    reading = read_aware_at("2026年11月27日")
    assert reading.value == datetime(2026, 11, 27, 0, 0, tzinfo=JST) and not reading.time_given


@pytest.mark.parametrize(("typed", "count"), [("３，２００", 3200), ("3,200人", 3200), ("1_200", 1200), ("０", 0)])
def test_counts_as_typed_in_japanese(typed, count):
    assert parse_assignment(f"affected_max={typed}") == ("affected_max", count)


@pytest.mark.parametrize("typed", ["9223372036854775808", "99999999999999999999999"])
def test_huge_counts_get_a_message_not_a_value_error(typed):
    with pytest.raises(FactError) as refused:
        parse_assignment(f"affected_max={typed}")
    assert "大きすぎます" in str(refused.value)
