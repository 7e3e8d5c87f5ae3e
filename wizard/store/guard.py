"""The personal-data guard for free text (titles, notes): card numbers, My Numbers, e-mail, phone numbers.

rouei records categories and counts, never the affected people's data (design.md, principle 4).
`scan` finds what looks like such data, `mask` blanks it out, `screen` refuses or masks for a field.
Full-width digits and Japanese dashes count (「０９０ー１２３４ー５６７８」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.errors import RoueiError
from wizard.printable import clean

# One character for one character, so that positions in the folded text are positions in the original.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): "-" for c in "ー‐‑‒–—―−"})
_FOLD[0x3000] = " "

_CARD = re.compile(r"(?<!\d)\d(?:[ .-]?\d){12,18}(?!\d)")
_MY_NUMBER = re.compile(r"(?<!\d)\d{4}[ .-]?\d{4}[ .-]?\d{4}(?!\d)")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\d+])(?:\+81[ ().-]{0,2}(?:0[ ().-]{0,2})?|0)\d{1,4}(?:[ ().-]{0,2}\d{1,4}){1,3}(?!\d)")


@dataclass(frozen=True)
class Finding:
    """Where something that looks like personal data stands in a text (the text itself is not kept)."""

    kind: str
    start: int
    end: int


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def luhn_ok(digits: str) -> bool:
    """The Luhn check that every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def my_number_ok(digits: str) -> bool:
    """The check digit of a 12-digit individual number (番号法施行令 8条)."""
    if len(digits) != 12:
        return False
    body = [int(c) for c in digits[:11]]
    total = sum(body[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    return int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


def _phone_ok(match: str) -> bool:
    """Ten digits for a fixed line or 0120, eleven for mobiles, IP phones (050/060/070/080/090) and 0800."""
    digits = _digits(match)
    national = "0" + digits[2:].removeprefix("0") if match.startswith("+81") else digits
    eleven = national[:3] in ("050", "060", "070", "080", "090") or national.startswith("0800")
    return len(national) == (11 if eleven else 10)


def scan(text: str) -> list[Finding]:
    """What in `text` looks like personal data, in order, without overlaps."""
    if "@" not in text and "＠" not in text and sum(map(str.isdigit, text)) < 10:
        return []  # every pattern needs an "@" (or "＠") or ten digits (a phone number's fewest): most names
    folded = text.translate(_FOLD)
    found = [Finding("card", m.start(), m.end()) for m in _CARD.finditer(folded) if luhn_ok(_digits(m.group()))]
    found += [Finding("my_number", m.start(), m.end()) for m in _MY_NUMBER.finditer(folded)
              if my_number_ok(_digits(m.group()))]
    found += [Finding("email", m.start(), m.end()) for m in _EMAIL.finditer(folded)]
    found += [Finding("phone", m.start(), m.end()) for m in _PHONE.finditer(folded) if _phone_ok(m.group())]
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def mask(text: str, findings: list[Finding] | None = None) -> str:
    """`text` with every letter and digit of each finding replaced by "*" (separators kept)."""
    chars, folded = list(text), text.translate(_FOLD)
    for finding in scan(text) if findings is None else findings:
        for i in range(finding.start, finding.end):
            if folded[i].isalnum():
                chars[i] = "*"
    return "".join(chars)


class PersonalDataFound(RoueiError):
    """A free-text field holds what looks like personal data; `masked` is the text with it blanked out."""

    def __init__(self, field: str, findings: list[Finding], masked: str) -> None:
        from wizard.i18n import t

        kinds = t("store.guard.sep").join(dict.fromkeys(t(f"store.guard.kind.{f.kind}") for f in findings))
        super().__init__("store.guard.found", field=t(f"store.guard.field.{field}"), kinds=kinds, masked=masked)
        self.findings = findings
        self.masked = masked


def screen(text: str, field: str, *, masked: bool = False) -> str:
    """`text` (without control characters) when it holds no personal data; else masked (with `masked`)
    or `PersonalDataFound`.

    `field` names the field in messages: one of `title`, `note` (a note keeps its line breaks).
    """
    text = clean(text, lines=field == "note")
    findings = scan(text)
    if not findings:
        return text
    if masked:
        return mask(text, findings)
    raise PersonalDataFound(field, findings, mask(text, findings))
