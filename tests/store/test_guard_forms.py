"""The guard finds phones, cards, My Numbers and e-mail addresses in every form people write them
(issue 20, item 17): any separator between the groups (「_」「/」「・」, two spaces, one between every
digit), full-width digits; e-mail with Japanese names and domains, without a dot, with an address
literal. And it still leaves dates, times, amounts and policy numbers alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.store.guard import luhn_ok, mask, my_number_ok, scan

SEPARATORS = ["-", " ", "  ", ".", "_", "/", "・", "･", "ー", "－", "　", " - ", "(", ")"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def digits_left(text: str) -> bool:
    return any(c.isdigit() for c in text)


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan(text)]


@st.composite
def written(draw, groups: list[str]) -> str:
    """Digit groups joined as a person might: one separator throughout, or one between every digit,
    maybe full-width, with words around them."""
    if draw(st.booleans()):
        groups = list("".join(groups))  # 0 9 0 1 2 3 4 5 6 7 8
    sep = draw(st.sampled_from(SEPARATORS[:-2] if len(groups) > 4 else SEPARATORS))
    text = sep.join(groups)
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    around = [("", ""), ("電話 ", " まで"), ("山本_", ".csv"), ("tel:", ""), ("（", "）")]
    before, after = draw(st.sampled_from(around))
    return before + text + after


@st.composite
def phones(draw) -> list[str]:
    if draw(st.booleans()):  # a mobile or IP phone: 090-1234-5678
        head = draw(st.sampled_from(["090", "080", "070", "050"]))
        return [head, draw(st.from_regex(r"\A[0-9]{4}\Z")), draw(st.from_regex(r"\A[0-9]{4}\Z"))]
    area = draw(st.sampled_from(["03", "06", "045", "0120", "0466"]))  # a fixed line: 10 digits
    middle = 6 - len(area)  # the local exchange never starts with 0 (06-0… would be 060, 11 digits)
    return [area, draw(st.from_regex(rf"\A[1-9][0-9]{{{middle - 1}}}\Z")), draw(st.from_regex(r"\A[0-9]{4}\Z"))]


@st.composite
def cards(draw) -> list[str]:
    body = "4" + "".join(str(draw(st.integers(0, 9))) for _ in range(14))
    number = body + next(str(d) for d in range(10) if luhn_ok(body + str(d)))
    return [number[i:i + 4] for i in range(0, 16, 4)]


@st.composite
def my_numbers(draw) -> list[str]:
    body = "".join(str(draw(st.integers(0, 9))) for _ in range(11))
    number = body + next(str(d) for d in range(10) if my_number_ok(body + str(d)))
    return [number[i:i + 4] for i in range(0, 12, 4)]


@settings(max_examples=150, deadline=None)
@given(data=st.data(), kind=st.sampled_from(["phone", "card", "my_number"]))
def test_every_form_of_a_number_is_found_and_masked(data, kind):
    groups = data.draw({"phone": phones(), "card": cards(), "my_number": my_numbers()}[kind])
    text = data.draw(written(groups))
    found = scan(text)
    assert found, text
    assert kind in [f.kind for f in found] or kind == "my_number" and "card" not in [f.kind for f in found], text
    assert not digits_left(mask(text).replace("tel:", "")), (text, mask(text))


@pytest.mark.parametrize("text", [
    "090_1234_5678", "090/1234/5678", "090・1234・5678", "090  1234  5678", "0 9 0 1 2 3 4 5 6 7 8",
    "０９０・１２３４・５６７８", "０９０＿１２３４＿５６７８",
    "+81 (0)3-1234-5678", "0120-123-456",
    "山本_090_1234_5678.csv",
])
def test_the_phone_forms_of_the_attack_run(text):
    assert kinds(text) == ["phone"] and not digits_left(mask(text).replace("81", "")), mask(text)


@pytest.mark.parametrize("text", [
    "4111_1111_1111_1111", "4111/1111/1111/1111", "4111・1111・1111・1111", "4111  1111  1111  1111",
    "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "４１１１－１１１１－１１１１－１１１１", "3782 822463 10005",
])
def test_the_card_forms_of_the_attack_run(text):
    assert kinds(text) == ["card"] and not digits_left(mask(text))


@pytest.mark.parametrize(("text", "masked"), [
    ("tanaka@localhost", "******@*********"),
    ("tanaka@[192.168.0.1]", "******@[***.***.*.*]"),
    ("田中@例え.jp", "**@**.**"),
    ("田中@例え.jpに送った", "**@**.**に送った"),
    ("連絡は tanaka@example.co.jp まで", "連絡は ******@*******.**.** まで"),
    ("ｔａｎａｋａ＠ｌｏｃａｌｈｏｓｔ", "******＠*********"),
])
def test_every_form_of_an_e_mail_address_is_found(text, masked):
    assert kinds(text) == ["email"] and mask(text) == masked


@pytest.mark.parametrize("text", [
    "2026/11/20 10:00", "2026-11-20 09:30 から 2026-11-21 18:00", "01/02/2026 10:00", "2026・11・20",
    "受付 2026/11/20/0001", "1,200,000円", "¥ 1 200 000", "6,000人、1,200件", "証券番号 0312-3456-78",
    "証券番号 CY-2026-0042", "192.168.100.200", "10.0.0.1 から", "v8.2.8", "1.5 GB", "郵便番号 100-0013",
    "10個@500円", "会議@本社", "単価@1,000", "@山田 さんへ", "v1.2@2026", "田中@tanaka_x",
])
def test_dates_times_amounts_and_policy_numbers_are_not_personal_data(text):
    assert scan(text) == [], kinds(text)

