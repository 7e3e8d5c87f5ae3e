"""Counts of people read as English does: one person, two people (Japanese has one form)."""

import pytest

from wizard.domain.words import plain_value
from wizard.estimate.view import people_words
from wizard.i18n import set_lang


@pytest.mark.parametrize(("lang", "count", "said"), [
    ("en", 1, "1 person"), ("en", 2, "2 people"), ("en", 1200, "1,200 people"),
    ("ja", 1, "1人"), ("ja", 1200, "1,200人"),
])
def test_a_count_of_people_agrees_with_its_number(lang, count, said):
    set_lang(lang)
    assert plain_value("affected_max", count) == said
    assert people_words(count) == said
