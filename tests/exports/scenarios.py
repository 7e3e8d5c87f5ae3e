"""Two incidents built through the real store at fixed times, so their files and exports are repeatable.

- `misdelivery` (Japanese, real): health-check results of 35 employees e-mailed to the wrong
  recipient; first-hour steps ticked, a note, a hand-over, one evidence item.
- `ransomware` (English, an exercise): ransomware at an online shop, 5,000 customers, card numbers,
  EU residents; the preliminary report already filed, so the PPC draft is the final report.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from wizard.domain.facts import JST
from wizard.evidence.collect import Collected, Entry
from wizard.evidence.payload import add_data
from wizard.evidence.register import transfer
from wizard.store import Incident, Responder

AS_OF = {"misdelivery": datetime(2026, 11, 21, 9, 0, tzinfo=JST),
         "ransomware": datetime(2026, 11, 24, 18, 0, tzinfo=JST)}
LANG = {"misdelivery": "ja", "ransomware": "en"}


def _clock(start: datetime):
    """Successive event times, five minutes apart."""
    moment = start
    while True:
        yield moment
        moment += timedelta(minutes=5)


def _answer_all(incident: Incident, facts: dict, who: Responder, clock) -> None:
    for key, value in facts.items():
        incident.answer(key, value, who, now=next(clock))


def misdelivery(folder: Path) -> Path:
    path = folder / "kenshin.toml"
    sato = Responder("佐藤", "総務部")
    clock = _clock(datetime(2026, 11, 20, 10, 30, tzinfo=JST))
    incident = Incident.create(path, sato, title="健康診断結果の誤送信", now=next(clock))
    _answer_all(incident, {
        "aware_at": datetime(2026, 11, 20, 10, 0, tzinfo=JST), "aware_how": "third_party",
        "organisation": "business", "role": "controller", "data": ["name", "employee_id", "health_checkup"],
        "affected_max": 35, "cause": "misdelivery", "encryption": "none", "recovered_unviewed": False,
        "sectors": [], "eu_residents": "no",
    }, sato, clock)
    incident.tick("record_t0", sato, now=next(clock))
    incident.tick("escalate", sato, note="総務部長に報告済み", now=next(clock))
    incident.tick("recall_misdelivery", sato, note="受信者に削除を依頼。閲覧の有無は確認中", now=next(clock))
    incident.note("誤送信先は取引先の担当者1名。添付ファイルにパスワードなし", sato, now=next(clock))
    log = Collected("送信ログ.csv", "/evidence/送信ログ.csv", "file",
                    [Entry("", "file", 2048, datetime(2026, 11, 20, 9, 58, tzinfo=JST), "ab" * 32)])
    incident.append("evidence_add", add_data(log, "E-0a1b2c", location="総務部金庫"), sato, now=next(clock))
    transfer(incident, "E-0a1b2c", "鈴木", "解析のため", sato, now=next(clock))
    incident.handover("鈴木", sato, note="受信者からの回答待ち", now=next(clock))
    return path


def ransomware(folder: Path) -> Path:
    path = folder / "ransomware-exercise.toml"
    lead, it = Responder("Aiko Tanaka", "Response lead"), Responder("Ken Mori", "IT")
    clock = _clock(datetime(2026, 11, 20, 8, 0, tzinfo=JST))
    incident = Incident.create(path, lead, title="Tabletop: ransomware at the web shop", exercise=True,
                               now=next(clock))
    _answer_all(incident, {
        "aware_at": datetime(2026, 11, 20, 7, 30, tzinfo=JST), "aware_how": "attacker",
        "organisation": "business", "role": "controller",
        "data": ["name", "address", "email", "phone", "purchase_history", "card_number"],
        "affected_max": 5000, "cause": "ransomware", "encryption": "none", "sectors": [], "eu_residents": "yes",
    }, lead, clock)
    for item in ("record_t0", "escalate", "isolate_network", "preserve_logs", "ransom_note"):
        incident.tick(item, it, now=next(clock))
    incident.tick("police", lead, note="Reported via the NPA online desk", now=next(clock))
    incident.tick("notify_acquirer", lead, now=next(clock))
    filed = datetime(2026, 11, 22, 15, 0, tzinfo=JST)
    incident.tick("preliminary_report", lead, note="Filed through the PPC form", now=filed)
    return path


BUILD = {"misdelivery": misdelivery, "ransomware": ransomware}
