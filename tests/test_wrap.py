"""Japanese line breaking: no line starts with closing punctuation or ends with an opening bracket."""

from hypothesis import given, strategies as st
from rich.cells import cell_len

from wizard.wrap import NO_END, NO_START, wrap


def test_punctuation_never_starts_a_line():
    text = "後でカードを再発行しても報告は必要です。次の文です。"
    for width in range(6, 40):
        for line in wrap(text, width)[1:]:
            assert line[0] not in NO_START, (width, line)


def test_opening_bracket_never_ends_a_line():
    text = "報告先は「個人情報保護委員会」です（施行規則8条）。"
    for width in range(6, 30):
        for line in wrap(text, width)[:-1]:
            assert line[-1] not in NO_END, (width, line)


def test_latin_words_stay_whole():
    assert wrap("see https://www.ppc.go.jp/ for more", 12) == ["see", "https://www.ppc.go.jp/", "for more"]


@given(st.text(alphabet="あいうえおかきくけこ。、「」（）abc ", min_size=1, max_size=80), st.integers(8, 60))
def test_nothing_is_lost_and_widths_hold(text, width):
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width + 2 for line in lines)
