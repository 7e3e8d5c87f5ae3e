"""The HTML fetches nothing from outside the file and carries the exercise mark; the ICS parses back
with the standard library and holds every deadline; the JSON is the full state."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest

from wizard.exports import DOCUMENTS, render
from wizard.exports.context import from_incident
from wizard.store import Incident

from . import scenarios

FETCHING_TAGS = {"script", "link", "img", "iframe", "frame", "object", "embed", "source", "video", "audio",
                 "track", "image", "use", "input", "base", "meta"}
URL_ATTRS = {"src", "href", "srcset", "data", "poster", "background", "action", "formaction", "xlink:href"}


def context(incidents, name):
    return from_incident(Incident.load(incidents[name]), as_of=scenarios.AS_OF[name], lang=scenarios.LANG[name])


class Resources(HTMLParser):
    """Everything in a page that a browser would fetch, and the text of its style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.styles: list[str] = []
        self.texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":  # a hyperlink is followed only when clicked: not a fetch
            return
        if tag == "meta" and set(attrs) <= {"charset", "name", "content"} and "http-equiv" not in attrs:
            return
        if tag in FETCHING_TAGS:
            self.fetches.append(f"<{tag} {attrs}>")
        self.fetches += [f"{tag}[{k}]={v}" for k, v in attrs.items() if k in URL_ATTRS and v]
        if "style" in attrs:
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.texts).append(data)


@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_html_is_self_contained(incidents, name):
    for file, page in render(context(incidents, name), "html"):
        parser = Resources()
        parser.feed(page)
        assert parser.fetches == [], f"{file} fetches {parser.fetches}"
        css = "\n".join(parser.styles)
        assert not re.search(r"url\s*\(|@import|@font-face", css, re.I), file
        assert "@media print" in css and "@page" in css, file
        assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_exercise_mark_on_every_page(incidents, name):
    """An exercise: a fixed watermark and a running strip in the top margin of each printed page, and
    banners; in text formats the mark in every section heading. A real incident carries no mark."""
    exercise = Incident.load(incidents[name]).exercise
    ctx = context(incidents, name)
    for file, page in render(ctx, "html"):
        has = 'class="watermark"' in page and "@top-center { content: \"演習 EXERCISE" in page
        assert has is exercise, file
    for fmt in ("md", "txt"):
        for file, text in render(ctx, fmt):
            headings = [line for line in text.splitlines() if line.startswith(("## ", "■ "))]
            assert headings
            assert all(("演習 EXERCISE" in h) is exercise for h in headings), file
            assert text.count("演習 EXERCISE") >= (len(headings) + 2 if exercise else 0), file


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text: str) -> list[dict[str, str]]:
    """The VEVENTs of a calendar as {property (parameters dropped): value}, alarms counted."""
    out, current = [], None
    for line in unfold(text):
        name, _, value = line.partition(":")
        prop = name.split(";")[0]
        if line == "BEGIN:VEVENT":
            current = {"alarms": 0}
        elif line == "END:VEVENT":
            out.append(current)
            current = None
        elif current is not None and line == "BEGIN:VALARM":
            current["alarms"] += 1
        elif current is not None and prop not in current:
            current[prop] = value
    return out


def parse_due(value: str) -> date | datetime:
    if "T" in value:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return datetime.strptime(value, "%Y%m%d").date()


@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_ics_parses_back_with_every_deadline(incidents, name):
    ctx = context(incidents, name)
    [(file, text)] = render(ctx, "ics")
    assert file == "calendar.ics"
    for raw in text.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75, raw
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    found = events(text)
    assert len({e["UID"] for e in found}) == len(found)
    assert all(e["DTSTAMP"] == ctx.as_of.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for e in found)
    det = ctx.det
    expected = [det.preliminary_target, det.preliminary_due, *(t.final.due for t in det.required_tracks)]
    expected += [c.due for c in det.clocks if c.due is not None and c.status.possible]
    expected = [d.astimezone(UTC) if isinstance(d, datetime) else d for d in expected]
    assert Counter(parse_due(e["DTSTART"]) for e in found) == Counter(expected)
    for event in found:
        if "T" not in event["DTSTART"]:
            end = parse_due(event["DTEND"])
            assert end == parse_due(event["DTSTART"]) + timedelta(days=1), "an all-day event"
        assert event["SUMMARY"].startswith("[演習 EXERCISE]") is ctx.exercise


def test_ics_gdpr_is_a_moment_and_reminds_before(incidents):
    ctx = context(incidents, "ransomware")
    [(_, text)] = render(ctx, "ics")
    [gdpr] = [e for e in events(text) if e["UID"].endswith("-clock.gdpr_72h@rouei")]
    due = ctx.facts.aware_at + timedelta(hours=72)
    assert parse_due(gdpr["DTSTART"]) == due.astimezone(UTC)
    assert gdpr["alarms"] == 2


def test_ics_uids_stay_when_the_incident_grows(incidents, tmp_path):
    """Re-importing a later export updates the same events (same UID, higher SEQUENCE)."""
    import shutil

    from wizard.store import Responder

    copy = tmp_path / "copy.toml"
    shutil.copy(incidents["misdelivery"], copy)
    before = events(render(context({"misdelivery": copy}, "misdelivery"), "ics")[0][1])
    Incident.load(copy).note("確報に向けて調査中", Responder("鈴木"), now=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    after = events(render(context({"misdelivery": copy}, "misdelivery"), "ics")[0][1])
    assert [e["UID"] for e in before] == [e["UID"] for e in after]
    assert all(int(a["SEQUENCE"]) > int(b["SEQUENCE"]) for a, b in zip(after, before, strict=True))


@pytest.mark.parametrize("name", sorted(scenarios.BUILD))
def test_json_is_the_full_state(incidents, name):
    ctx = context(incidents, name)
    [(file, text)] = render(ctx, "json")
    data = json.loads(text)
    assert file == "state.json" and data["format"] == "rouei-export"
    assert data["incident"]["fingerprint"] == Incident.load(incidents[name]).fingerprint_full
    assert data["determination"] == json.loads(json.dumps(ctx.det.to_json()))
    assert set(data["documents"]) == set(DOCUMENTS)
    assert len(data["history"]) == len(Incident.load(incidents[name]).events)
    assert [c["id"] for c in data["checklist"]] == [i.id for i, _ in ctx.det.checklist]
