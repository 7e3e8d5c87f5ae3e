"""The profile file: round trip, and every kind of bad input named by field with a clear message."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.errors import RoueiError
from wizard.profile.files import load, parse, profile_path, save, to_toml


def test_round_trip_keeps_content_and_fingerprint(profile, tmp_path):
    copy = tmp_path / "copy" / "profile.toml"
    save(profile, copy)
    again = load(copy)
    assert again == profile
    assert again.fingerprint == profile.fingerprint
    assert again.firm.name == "株式会社サンプル商事"
    assert [p.name for p in again.partners_of("insurer")] == ["サンプル損保 事故受付"]
    assert copy.stat().st_mode & 0o077 == 0  # staff phones: owner only


def test_fingerprint_covers_content_not_date(profile):
    later = profile.model_copy(update={"updated": None})
    assert later.fingerprint == profile.fingerprint
    other = parse({**tomllib.loads(to_toml(profile)), "people": []}, profile_path())
    assert other.fingerprint != profile.fingerprint


def _error(raw: dict) -> str:
    with pytest.raises(RoueiError) as caught:
        parse(raw, profile_path())
    assert caught.value.exit_code == 2
    return str(caught.value)


def test_wrong_phone_number_names_the_field():
    text = _error({"firm": {"name": "A"}, "people": [{"name": "B", "roles": ["it"], "phone": "03-ABCD-1234"}]})
    assert "people.0.phone" in text
    assert "03-ABCD-1234" in text and "03-1234-5678" in text


def test_unknown_sector_lists_the_allowed_ones():
    text = _error({"firm": {"name": "A", "sectors": ["retail"]}})
    assert "firm.sectors.0" in text
    assert "retail" in text and "finance, telecom, medical, credit" in text


def test_missing_required_field_is_named():
    assert "firm.name: 必須の項目です" in _error({"firm": {"address": "x"}})
    assert "firm: 必須の項目です" in _error({})


def test_unknown_field_and_ordinance_outside_public_bodies():
    assert "firm.nmae: 知らない項目です" in _error({"firm": {"name": "A", "nmae": "x"}})
    assert "条例要配慮個人情報" in _error({"firm": {"name": "A", "local_ordinance": True}})


def test_both_notice_periods_are_refused():
    text = _error({"firm": {"name": "A"}, "partners": [{"kind": "insurer", "name": "I", "notice_days": 30,
                                                         "notice_hours": 72}]})
    assert "partners.0" in text and "notice_days" in text


def test_messages_in_english(monkeypatch):
    from wizard.i18n import set_lang

    set_lang("en")
    assert "firm.sectors.0: 'retail' is not allowed" in _error({"firm": {"name": "A", "sectors": ["retail"]}})


def test_broken_toml_and_missing_file(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text("[firm\nname = 1", encoding="utf-8")
    with pytest.raises(RoueiError, match="TOML"):
        load(bad)
    with pytest.raises(RoueiError, match="rouei profile init"):
        load(tmp_path / "none.toml")


def test_where_the_profile_is(tmp_path, monkeypatch):
    assert profile_path().name == "profile.toml"
    assert profile_path().parent.name == "rouei-config"
    monkeypatch.setenv("ROUEI_PROFILE", str(tmp_path / "laptop.toml"))
    assert profile_path() == tmp_path / "laptop.toml"
    assert profile_path(tmp_path / "given.toml") == tmp_path / "given.toml"


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.text(max_size=12) | st.sampled_from(
        ["finance", "decision", "insurer", "03-1234-5678", "business"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["firm", "name", "people", "partners", "roles", "phone", "kind", "sectors", "places",
                         "notice_days", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["firm", "people", "partners", "places", "updated", "extra"]), toml_values,
                       max_size=4))
def test_any_shape_gives_a_profile_or_a_clean_error(raw):
    try:
        parse(raw, profile_path())
    except RoueiError as exc:
        assert exc.exit_code == 2 and str(exc).startswith("プロフィール")
