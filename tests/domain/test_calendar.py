"""Deadline counting: day of awareness as day 1, closed days of government offices skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from wizard.domain.calendar import add_weekdays, closed_reason, count_days, is_open


@pytest.mark.parametrize(("aware", "days", "nominal", "due"), [
    # Worked examples of japan-leak-rules.md §1.5
    (date(2026, 10, 2), 30, date(2026, 10, 31), date(2026, 11, 2)),   # Sat 10/31 -> Mon 11/2
    (date(2025, 11, 30), 30, date(2025, 12, 29), date(2026, 1, 5)),   # year-end to 1/3, then a weekend
    (date(2027, 3, 4), 60, date(2027, 5, 2), date(2027, 5, 6)),       # Sun 5/2, Golden Week 5/3-5/5
    # An open day stays put.
    (date(2026, 11, 2), 30, date(2026, 12, 1), date(2026, 12, 1)),
    # 振替休日: 2027-03-21 (Sun) 春分の日 -> 2027-03-22 振替休日.
    (date(2027, 2, 20), 30, date(2027, 3, 21), date(2027, 3, 23)),
    # 国民の休日: 2026-09-22 between 敬老の日 (9/21) and 秋分の日 (9/23).
    (date(2026, 8, 24), 30, date(2026, 9, 22), date(2026, 9, 24)),
])
def test_final_deadline_examples(aware, days, nominal, due):
    count = count_days(aware, days)
    assert count.nominal == nominal
    assert count.due == due
    assert count.shifted == (nominal != due)
    assert [d for d, _ in count.skipped] == [nominal + timedelta(days=i) for i in range((due - nominal).days)]


def test_closed_reasons():
    assert closed_reason(date(2026, 12, 29)) == "calendar.year_end"
    assert closed_reason(date(2027, 1, 3)) == "calendar.year_end"
    assert closed_reason(date(2026, 11, 21)) == "calendar.saturday"
    assert closed_reason(date(2026, 11, 22)) == "calendar.sunday"
    assert closed_reason(date(2026, 11, 23)) == "holiday:勤労感謝の日"
    assert closed_reason(date(2026, 11, 24)) is None


def test_weekdays_count_a_weekday_awareness_day_as_the_first_and_skip_no_holiday():
    assert add_weekdays(date(2026, 11, 24), 1) == date(2026, 11, 24)
    assert add_weekdays(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Sat -> Mon, though 勤労感謝の日
    assert add_weekdays(date(2026, 12, 25), 3) == date(2026, 12, 29)  # Fri, Mon 12/28, Tue 12/29: no year-end closure


@given(st.dates(min_value=date(2022, 4, 1), max_value=date(2030, 12, 31)), st.sampled_from([30, 60]))
def test_due_is_the_first_open_day_on_or_after_day_n(aware, days):
    count = count_days(aware, days)
    assert count.nominal == aware + timedelta(days=days - 1)
    assert count.due >= count.nominal
    assert is_open(count.due)
    day = count.nominal
    while day < count.due:
        assert not is_open(day)
        day += timedelta(days=1)
