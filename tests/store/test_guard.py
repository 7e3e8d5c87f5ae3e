"""The personal-data guard: card numbers by Luhn, My Numbers by check digit, e-mail, phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.store.guard import PersonalDataFound, luhn_ok, mask, my_number_ok, scan, screen


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("カード 4111 1111 1111 1111 で決済", ["card"]),
    ("4242-4242-4242-4242", ["card"]),
    ("378282246310005", ["card"]),
    ("4111111111111112", []),  # fails Luhn
    ("個人番号 1234 5678 9018", ["my_number"]),
    ("123456789018", ["my_number"]),
    ("123456789012", []),  # wrong check digit
    ("連絡は yamada.taro@example.co.jp まで", ["email"]),
    ("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", ["email"]),
    ("03-1234-5678", ["phone"]),
    ("090-1234-5678 と 0312345678", ["phone", "phone"]),
    ("０９０ー１２３４ー５６７８", ["phone"]),
    ("+81 90 1234 5678", ["phone"]),
    ("03(1234)5678", ["phone"]),
    ("2026-11-20 10:00 に 6,000人、1,200件", []),
    ("受付番号 12345、郵便番号 100-0013", []),
    ("電話 090-1234-567", []),  # one digit short
])
def test_what_is_found(text, expected):
    assert kinds(text) == expected


def test_my_number_check_digit_matches_the_official_formula():
    # 番号法施行令 8条: check = 11 - (Σ Pn×Qn mod 11), 0 when the remainder is 0 or 1
    def check(body: str) -> int:
        total = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
        return 0 if total % 11 <= 1 else 11 - total % 11

    for body in ("12345678901", "00000000000", "99999999999", "31415926535"):
        assert my_number_ok(body + str(check(body)))
        assert not my_number_ok(body + str((check(body) + 1) % 10))


@given(st.lists(st.integers(0, 9), min_size=12, max_size=18))
def test_luhn_accepts_exactly_one_check_digit(digits):
    body = "".join(map(str, digits))
    assert sum(luhn_ok(body + str(d)) for d in range(10)) == 1


@given(st.text(max_size=80))
def test_masking_removes_every_finding_and_keeps_the_rest(text):
    masked = mask(text)
    assert len(masked) == len(text)
    assert scan(masked) == []
    kept = [i for i, c in enumerate(text) if not any(f.start <= i < f.end for f in scan(text))]
    assert all(masked[i] == text[i] for i in kept)


def test_screen_refuses_or_masks_without_echoing_the_data():
    assert screen("先方へ連絡済み", "note") == "先方へ連絡済み"
    with pytest.raises(PersonalDataFound) as caught:
        screen("折返し 090-1234-5678", "note")
    assert "090-1234-5678" not in str(caught.value) and "電話番号" in str(caught.value)
    assert caught.value.masked == "折返し ***-****-****"
    assert screen("折返し 090-1234-5678", "note", masked=True) == "折返し ***-****-****"
