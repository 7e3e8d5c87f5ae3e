"""A scenario of the firm's own (`rouei exercise new [--from-profile] -o FILE`): a complete, valid
scenario file a facilitator edits — from the firm's profile (its name, sectors, the data it holds, its
partners as the people who call), or with placeholders.

Every expected determination in it is the engine's own on the stage's facts, so the file passes
`rouei flows check FILE` as written; after an edit the same check says what to change. The file is
written as TOML by hand (inline tables, comments for the facilitator) and read back before it is kept.
The staff's names and phones never go in: partners appear by organisation, the firm's people by role.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from wizard import clock
from wizard.atomic import atomic_write
from wizard.domain.engine import assess
from wizard.domain.facts import facts_from_mapping
from wizard.domain.flows import bundled
from wizard.errors import RoueiError
from wizard.exercise.check import check_scenario, values
from wizard.exercise.scenario import SCORED, parse_scenario
from wizard.i18n import pick
from wizard.printable import clean

LANGS = ("ja", "en")
BASIC = ["name", "address", "phone", "email"]  # what a firm's customer list holds, at least
AFFECTED = 1800  # customers reached: over the 1,000 of 施行規則7条4号, a figure to edit

# The texts of the template: {ja, en} pairs; {firm}, {data}, {count}, {sender} filled in.
TEXT = {
    "title": ("{firm}：顧客データベースへの不正アクセス", "{firm}: unauthorised access to the customer database"),
    "setting": ("{firm}。{sectors}顧客情報（{data}）を社内のデータベースで管理している。情報システムは{it}が担当。",
                "{firm}. {sectors}It keeps customer records ({data}) in an in-house database. IT: {it}."),
    "sectors": ("業種: {sectors}。", "Sectors: {sectors}. "),
    "briefing": ("木曜17時30分。顧客から「御社を名乗る不審なメールが届いた。自分の氏名と購入履歴が書かれている」と問い合わせがあった。"
                 "同じ問い合わせが午後から3件目。", "Thursday 17:30. A customer calls: 'I got a suspicious e-mail in your name, "
                 "with my name and what I bought in it.' It is the third such call this afternoon."),
    "objectives": [("不正アクセスのおそれの段階で報告対象になりうると判断できる",
                    "Recognise that a suspected unauthorised access can be reportable before anything is proven"),
                   ("{count}件規模の本人への通知と問い合わせ窓口の段取りを組む",
                    "Plan the notice to about {count} people and an enquiry desk"),
                   ("調査の前にログとサーバーの状態を保全する", "Preserve logs and the server's state before any investigation")],
    "discussion": [("{insurer}への事故連絡は誰が、いつまでに行うか。", "Who tells {insurer}, and by when?"),
                   ("顧客への通知文と公表文を誰が書き、誰が承認するか。", "Who writes and who approves the notice and the public statement?")],
    "vendor_title": ("{sender}からの報告", "A report from {sender}"),
    "vendor_message": ("ログを確認しました。先週から外部のIPアドレスから顧客データベースへの不正なログインが続いています。"
                       "{data}を含む約{count}件が閲覧できる状態でした。データは暗号化していません。",
                       "We checked the logs. Since last week someone has been logging in to the customer database from "
                       "outside. About {count} records with {data} were open to them. The data was not encrypted."),
    "vendor_q": [("報告の要否と確報の期限はどう変わるか。", "What now about the report, and when is the final report due?"),
                 ("サーバーを止めるか、ネットワークから切り離すだけにするか。", "Stop the server, or only cut it off the network?")],
    "insurer_title": ("{sender}からの確認", "A question from {sender}"),
    "insurer_message": ("サイバー保険の事故連絡を受け付けました。調査会社の手配と費用の扱いについて、"
                        "証拠の保全状況を教えてください。", "We have your cyber-insurance claim. Before we arrange "
                        "and cover an investigator, tell us how the evidence has been preserved."),
    "insurer_q": [("保険会社への連絡期限は守れたか。契約の連絡先は手元にあったか。",
                   "Did you meet the insurer's notice period? Were the policy's contacts at hand?")],
    "forensic_title": ("{sender}の初報", "The first finding of {sender}"),
    "forensic_message": ("管理画面の脆弱性から侵入され、顧客データが外部に送信された痕跡があります。"
                         "復旧はログの保全が終わってからにしてください。", "They came in through a flaw in the admin page, "
                         "and customer data was sent out. Restore only after the logs are preserved."),
    "forensic_q": [("速報の提出期限はいつか。誰が作成し、提出するか。", "When is the preliminary report due? Who drafts and files it?")],
    "why": ("報告対象となる事態: {triggers}。確報は知った日から{days}日以内です。",
            "Reportable situations: {triggers}. The final report is due within {days} days of awareness."),
    "why_none": ("この段階では報告対象となる事態はありません。", "At this stage no reportable situation holds."),
    "why_start": ("不正アクセスは不正の目的によるおそれがある漏えい等に当たり、何が漏れたか分からないうちから報告対象になりえます"
                  "（施行規則7条3号）。", "Unauthorised access is a leak that may have a wrongful purpose: reportable before "
                  "anyone knows what leaked (Enforcement Rules Art. 7(iii))."),
}
FALLBACK = {"firm": ("株式会社〇〇（社名を入れてください）", "Example Co. (put your firm's name here)"),
            "it": ("総務課の兼任担当", "a general-affairs clerk who doubles as IT"),
            "it_vendor": ("保守を委託しているITベンダー", "the IT maintenance vendor"),
            "insurer": ("保険会社", "the insurer"),
            "forensic": ("フォレンジック調査会社", "a forensic investigator")}


def _words(pair: tuple[str, str], **fill: tuple[str, str]) -> dict[str, str]:
    return {lang: pair[n].format(**{k: v[n] for k, v in fill.items()}) for n, lang in enumerate(LANGS)}


def _label(fact: str, value: str) -> tuple[str, str]:
    """A choice's label in both languages, the English one in lower case for the middle of a sentence."""
    label = bundled().choice_label(fact, value)
    if not label:
        return value, value
    en = pick(label, "en")
    return pick(label, "ja"), en[:1].lower() + en[1:]


def _join(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    return "、".join(p[0] for p in pairs), ", ".join(p[1] for p in pairs)


def scenario_id(path: Path) -> str:
    """An id from the file's name, as scenario ids are written (`my-firm 2026.toml` → `my_firm_2026`)."""
    ident = re.sub(r"[^a-z0-9_]+", "_", path.stem.lower()).strip("_")
    return ident if re.match(r"^[a-z]", ident) else f"s_{ident}".rstrip("_")


def _partner(profile, kinds: tuple[str, ...], fallback: str) -> tuple[str, str]:
    for kind in kinds:
        found = profile.partners_of(kind) if profile is not None else ()
        if found:
            return (clean(found[0].name),) * 2
    return FALLBACK[fallback]


def _expect(facts: dict[str, Any], start: bool = False) -> dict[str, Any]:
    """What the engine says on these facts, as a scenario states it, with a sentence of why. At the
    start, before anything is known, the deadline and the list of situations are left unscored."""
    det = assess(facts_from_mapping(facts, "template"), explain=False).to_json()
    said = values(SCORED, det)
    out = {k: list(v) if isinstance(v, tuple) else v for k, v in said.items() if v is not None}
    out.pop("clocks", None)  # the clocks are shown in the answer key; the facilitator may add them
    if start:
        for key in ("final_days", "triggers"):
            out.pop(key, None)
        out["why"] = _words(TEXT["why_start"])
    elif said["report_required"]:
        triggers = _join([(_trigger_word(n, "ja"), _trigger_word(n, "en")) for n in said["triggers"]])
        out["why"] = _words(TEXT["why"], triggers=triggers, days=(str(said["final_days"]),) * 2)
    else:
        out["why"] = _words(TEXT["why_none"])
    return out


def _trigger_word(name: str, lang: str) -> str:
    from wizard.i18n import t

    return t(f"trigger.{name}", lang)


def build(profile=None, path: Path = Path("scenario.toml"), now: datetime | None = None) -> dict[str, Any]:
    """The scenario as data: the profile's facts, partners as senders, the engine's answers."""
    now = clock.in_jst(now or clock.now())
    day = now.date() + timedelta(days=(3 - now.weekday()) % 7 or 7)  # next Thursday
    start = datetime.combine(day, time(17, 30), tzinfo=clock.JST)
    firm = profile.firm if profile is not None else None
    name = (clean(firm.name),) * 2 if firm else FALLBACK["firm"]
    data = list(BASIC) + ["purchase_history"]
    if firm and firm.my_number:
        data.append("my_number")
    if firm and firm.card_data:
        data.append("card_number")
    sectors = list(firm.sectors) if firm else []
    it = FALLBACK["it"]
    if profile is not None and profile.people_with("it"):
        person = profile.people_with("it")[0]
        it = (clean(person.title) or "情報システム担当", clean(person.title) or "the IT lead")  # a role, never a name
    sector_words = _words(TEXT["sectors"], sectors=_join([_label("sectors", s) for s in sectors])) if sectors else {}
    fill = {"firm": name, "it": it, "data": _join([_label("data", d) for d in data]), "count": (str(AFFECTED),) * 2,
            "sectors": tuple(sector_words.get(lang, "") for lang in LANGS)}
    vendor = _partner(profile, ("it_vendor", "hosting"), "it_vendor")
    insurer = _partner(profile, ("insurer",), "insurer")
    forensic = _partner(profile, ("forensic",), "forensic")
    start_facts = {"aware_at": start, "organisation": firm.organisation if firm else "business",
                   "role": "controller", "cause": "unauthorized_access"}
    vendor_facts = {"data": data, "affected_max": AFFECTED, "encryption": "none", "sectors": sectors,
                    "eu_residents": "unknown" if firm and firm.eu_customers else "no"}
    forensic_facts = {"recovered_unviewed": False}
    stage1 = {**start_facts, **vendor_facts}
    return {
        "id": scenario_id(path),
        "family": "cyber",
        "title": _words(TEXT["title"], firm=name),
        "setting": _words(TEXT["setting"], **fill),
        "start": start,
        "speed": 60,
        "briefing": _words(TEXT["briefing"]),
        "objectives": [_words(o, **fill) for o in TEXT["objectives"]],
        "discussion": [_words(d, insurer=insurer) for d in TEXT["discussion"]],
        "last_verified": now.date(),
        # its expected answers are the engine's, so its sources are as old as the rules that computed them
        "source_as_of": f"rouei rules {bundled().manifest.version} ({now.date().isoformat()})",
        "sources": [{"title": "個人情報保護法26条、施行規則7条・8条", "url": "https://laws.e-gov.go.jp/law/428M60020000003"},
                    {"title": "PPC 漏えい等の対応とお役立ち資料", "url": "https://www.ppc.go.jp/personalinfo/legal/leakAction/"}],
        "facts": start_facts,
        "expect": _expect(start_facts, start=True),
        "injects": [
            {"id": "vendor_report", "after": 30, "title": _words(TEXT["vendor_title"], sender=vendor),
             "sender": dict(zip(LANGS, vendor)), "message": _words(TEXT["vendor_message"], **fill),
             "facts": vendor_facts, "questions": [_words(q) for q in TEXT["vendor_q"]],
             "expect": _expect(stage1)},
            {"id": "insurer_call", "title": _words(TEXT["insurer_title"], sender=insurer),
             "sender": dict(zip(LANGS, insurer)), "message": _words(TEXT["insurer_message"]),
             "questions": [_words(q) for q in TEXT["insurer_q"]], "expect": _expect(stage1)},
            {"id": "forensic_first", "after": 240, "title": _words(TEXT["forensic_title"], sender=forensic),
             "sender": dict(zip(LANGS, forensic)), "message": _words(TEXT["forensic_message"]),
             "facts": forensic_facts, "questions": [_words(q) for q in TEXT["forensic_q"]],
             "expect": _expect({**stage1, **forensic_facts})},
        ],
    }


# ---- TOML, written for a person to edit -------------------------------------------------------

HEADER = """\
# An exercise scenario of your own (rouei exercise new). Edit the texts, facts and injects, then:
#   rouei flows check {name}            # every "expect" recomputed with the rules: fix what it names
#   rouei exercise start {name} -o team-a.toml
# The format, with a worked example: docs/scenarios.md. Texts are {{ ja = "…", en = "…" }}.
# [facts] and each inject's facts use the fact keys of `rouei assess` (README: Facts).
"""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string: JSON's escapes are TOML's
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value).__name__)


def _lines(table: dict[str, Any]) -> list[str]:
    out = []
    for key, value in table.items():
        if isinstance(value, list) and value and isinstance(value[0], dict) and len(_value(value)) > 100:
            out.append(f"{key} = [")
            out += [f"  {_value(v)}," for v in value]
            out.append("]")
        else:
            out.append(f"{key} = {_value(value)}")
    return out


def to_toml(scenario: dict[str, Any], name: str) -> str:
    top = {k: v for k, v in scenario.items() if k not in ("facts", "expect", "injects")}
    parts = [HEADER.format(name=name), *_lines(top), "", "[facts]", *_lines(scenario["facts"]), "",
             "[expect]", *_lines(scenario["expect"])]
    for inject in scenario["injects"]:
        body = {k: v for k, v in inject.items() if k != "expect"}
        parts += ["", "[[injects]]", *_lines(body), "[injects.expect]", *_lines(inject["expect"])]
    return "\n".join(parts) + "\n"


def write_scenario(path: Path, profile=None, now: datetime | None = None) -> str:
    """Write the scenario file; read back and checked against the engine before it is kept."""
    path = Path(path)
    text = to_toml(build(profile, path, now), path.name)
    scenario, problems = parse_scenario(text, str(path))
    if scenario is not None:
        problems += check_scenario(scenario, name=str(path))
    if problems:  # a profile value the template cannot hold: said plainly, nothing written
        raise RoueiError("exercise.error.bad_scenario", path=str(path),
                         problems="\n".join(f"  {p.key}: {p.message}" for p in problems))
    atomic_write(path, text.encode("utf-8"))
    return text
