"""An incident started from the profile: pre-answered facts with provenance, the questions still
asked, the profile's stamp, and a second responder with another profile seeing the difference."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wizard.domain.flows import bundled
from wizard.domain.walk import next_question
from wizard.profile import start
from wizard.store import Incident, Responder
from wizard.timeline import describe
from wizard.tui.session import Session

JST = timezone(timedelta(hours=9))
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=JST)
YAMADA = Responder("山田", "情報システム")


def started(tmp_path, profile) -> Incident:
    path = tmp_path / "incident.toml"
    incident = Incident.create(path, YAMADA, title="テスト", now=T0, profile=start.stamp(profile))
    start.record(incident, profile, YAMADA, T0)
    return Incident.load(path)


def test_profile_answers_are_recorded_with_their_source(tmp_path, profile):
    incident = started(tmp_path, profile)
    answers = incident.answers()
    assert answers["organisation"] == "business"
    assert answers["sectors"] == ()
    assert "eu_residents" not in answers  # EU customers: whether this leak involves them is not known yet
    sourced = [e for e in incident.events if e.kind == "answer"]
    assert {e.data["fact"] for e in sourced} == {"organisation", "sectors", "eu_residents"}
    assert all(e.data["source"] == "profile" for e in sourced)
    assert [describe(e) for e in sourced][0].endswith("（プロフィールから）")


def test_only_the_settled_question_is_skipped(tmp_path, profile):
    """The organisation cannot differ; sectors and EU residents are asked again, with the answer shown."""
    incident = started(tmp_path, profile)
    incident = Incident.open_for_writing(incident.path, YAMADA)
    session = Session(incident, YAMADA, lambda: T0)
    flows = bundled()
    answers = session.answers()
    assert answers["organisation"].question is None
    assert answers["sectors"].question == start.ASK_AGAIN
    for fact, value in (("aware_at", T0), ("aware_how", "internal")):
        session.answer(flows.question(fact), value)
    assert next_question(flows, session.answers()).id == "role"  # organisation answered by the profile
    for fact, value in (("role", "controller"), ("data", ("name",)), ("affected_max", 10), ("cause", "misdelivery"),
                        ("encryption", "none"), ("recovered_unviewed", False)):
        session.answer(flows.question(fact), value)
    assert next_question(flows, session.answers()).id == "sectors"  # asked again, to confirm
    session.close()


def test_the_stamp_holds_no_personal_data(tmp_path, profile):
    incident = started(tmp_path, profile)
    text = incident.path.read_text(encoding="utf-8")
    stamp = start.started_from(incident)
    assert stamp == {"fingerprint": profile.fingerprint, "hints": ["my_number", "card_number"],
                     "updated": "2026-11-01"}
    for person in (*profile.people, *profile.partners):
        assert person.name not in text
        assert person.phone not in text


def test_a_second_responder_with_another_profile_sees_the_difference(tmp_path, profile):
    incident = started(tmp_path, profile)
    stamp = start.started_from(incident)
    assert start.difference(stamp, profile) is None
    other = profile.model_copy(update={"people": profile.people[:1]})
    theirs, ours = start.difference(stamp, other)
    assert theirs == f"{profile.fingerprint} (2026-11-01)"
    assert ours.startswith(other.fingerprint)


def test_no_profile_means_no_profile_answers(tmp_path):
    assert start.chosen() is None
    incident = Incident.create(tmp_path / "i.toml", YAMADA, now=T0)
    assert start.started_from(incident) is None
    assert incident.answers() == {}


def test_new_from_the_command_line(tmp_path, profile_file, monkeypatch):
    from wizard.cli import main

    monkeypatch.setenv("ROUEI_PROFILE", str(profile_file))
    out = tmp_path / "cli.toml"
    assert main(["new", "-o", str(out), "--by", "山田", "--no-open"]) == 0
    incident = Incident.load(out)
    assert start.started_from(incident)["fingerprint"] == start.chosen().fingerprint
    assert incident.answers()["organisation"] == "business"
    bare = tmp_path / "bare.toml"
    assert main(["new", "-o", str(bare), "--by", "山田", "--no-open", "--no-profile"]) == 0
    assert start.started_from(Incident.load(bare)) is None
    assert main(["new", "-o", str(tmp_path / "x.toml"), "--by", "山田", "--no-open",
                 "--profile", str(tmp_path / "missing.toml")]) == 2


def test_a_local_body_with_an_ordinance_is_reminded_of_it():
    from wizard.profile.files import parse, profile_path

    body = parse({"firm": {"name": "○○市", "organisation": "public_body", "local_ordinance": True}}, profile_path())
    assert start.hints(body) == ["ordinance_sensitive"]
    assert start.answers(body)[0] == {"fact": "organisation", "value": "public_body", "source": "profile"}
