"""The card for the wall: first-hour steps evidence first, the calls in order, places, public desks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wizard.profile.card import build, render

AS_OF = datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def test_card_content(profile):
    doc = build(profile, as_of=AS_OF)
    steps, calls, where, desks = doc.sections
    first = [item.text for item in steps.blocks[1].rows]
    assert "電源は切らない" in first[0]  # evidence first
    assert "rouei" in first[-1]
    rows = calls.blocks[0].rows
    assert [r[2] for r in rows[:2]] == ["山田 太郎", "委託元株式会社"]
    assert ["サンプル損保 事故受付", "0120-555-666"] in [r[2:4] for r in rows]
    assert where.blocks[0].rows == [["総務部の鍵付きキャビネット", "対応用PCの D:/incidents と金庫のUSBメモリ"]]
    numbers = [r[1] for r in desks.blocks[0].rows]
    assert {"03-6457-9849", "188", "#9110", "110"} <= set(numbers)
    assert any("ipa" in n for n in numbers)


def test_card_html_is_one_self_contained_a4_page(profile):
    html = render(profile, "html", as_of=AS_OF)
    assert "@page { size: A4" in html
    assert "<script" not in html and "http" not in html.split("<body")[0]


def test_card_english(profile):
    from wizard.i18n import set_lang

    set_lang("en")
    text = render(profile, "txt", as_of=AS_OF)
    assert "If personal data may have leaked" in text and "Whom to call, in this order" in text
