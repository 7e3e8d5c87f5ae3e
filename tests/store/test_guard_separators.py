"""The personal-data guard sees numbers written with dots as separators, as with spaces and dashes."""

from __future__ import annotations

import pytest

from wizard.store.guard import mask, scan


@pytest.mark.parametrize(("text", "kind"), [
    ("カード 4111.1111.1111.1111 の件", "card"),
    ("tel 090.1234.5678", "phone"),
    ("03.1234.5678 まで", "phone"),
    ("+81.90.1234.5678", "phone"),
    ("番号 1234.5678.9000", "my_number"),
    ("０９０．１２３４．５６７８", "phone"),
])
def test_dot_separated_numbers_are_found(text, kind):
    assert [f.kind for f in scan(text)] == [kind]
    assert not any(c.isdigit() for c in mask(text).translate({0xFF10 + i: "0" for i in range(10)}))


@pytest.mark.parametrize("text", ["version 1.2.3", "2026.11.20 に発覚", "10.0.0.1 から", "1.5 GB", "v8.2.8"])
def test_ordinary_dotted_numbers_are_not(text):
    assert scan(text) == []
