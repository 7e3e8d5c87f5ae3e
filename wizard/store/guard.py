"""The personal-data guard for free text (titles, notes, names, reasons): card numbers, My Numbers,
e-mail addresses, phone numbers.

rouei records categories and counts, never the affected people's data (design.md, principle 4).
`scan` finds what looks like such data, `mask` blanks it out, `screen` cleans a text, then refuses or
masks for a field. Numbers are found however they are written: full-width digits, groups separated by
spaces (two, or between every digit), dashes of every kind, dots, brackets, 「_」「/」「・」
(「０９０・１２３４・５６７８」, `4111_1111_1111_1111`, `0 9 0 1 2 3 4 5 6 7 8`). Dates, times,
amounts and policy numbers are not: a number counts only when its digits pass the check of its kind
and its groups have the shape people write it in. E-mail addresses with Japanese names or domains,
without a dot (`tanaka@localhost`) or with an address literal (`tanaka@[192.168.0.1]`) count too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from wizard.errors import RoueiError
from wizard.printable import clean

# One character for one character, so that positions in the folded text are positions in the original.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): "-" for c in "ー‐‑‒–—―−・･·‧"})
_FOLD[0x3000] = " "

_RUN = re.compile(r"\d+(?:[ \t().\-_/]{1,3}\d+)*")  # digit groups and what people put between them
_GROUP = re.compile(r"\d+")
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
_EMAIL = re.compile(r"[^\s@<>()\[\]{}\\,;:\"'「」『』【】、。]{1,64}@"  # a local part, any script
                    r"(?:(\[[0-9A-Fa-f:.]+\])|(" + _LABEL + r"(?:\." + _LABEL + r")*))")  # [address] | domain
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_MOBILE = ("050", "060", "070", "080", "090")


@dataclass(frozen=True)
class Finding:
    """Where something that looks like personal data stands in a text (the text itself is not kept)."""

    kind: str
    start: int
    end: int


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


def _phone_ok(national: str, sizes: list[int], spaced: bool) -> bool:
    """A Japanese number (with its leading 0): eleven digits for mobiles, IP phones (050…090) and 0800,
    ten for the rest; written whole, digit by digit, or with the subscriber's group last (4 digits,
    3 in 0120-123-456), so that 01/02/2026 10 is no number."""
    eleven = national[:3] in _MOBILE or national.startswith("0800")
    shape = len(sizes) == 1 or spaced or sizes[-1] >= 3
    return national.startswith("0") and len(national) == (11 if eleven else 10) and shape


def _card_shape(sizes: list[int], spaced: bool) -> bool:
    """Written whole, digit by digit, or in groups of 4 or 6 (4-4-4-4, 4-6-5, 4-4-4-4-3)."""
    return len(sizes) == 1 or spaced or all(s in (4, 6) for s in sizes[:-1]) and 3 <= sizes[-1] <= 6


def _number_shape(sizes: list[int], spaced: bool) -> bool:
    """A My Number written whole, 4-4-4 or digit by digit."""
    return len(sizes) == 1 or spaced or sizes == [4, 4, 4]


_DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]  # a digit doubled by Luhn, its digits added


def _numbers(folded: str) -> Iterator[Finding]:
    """Every stretch of digit groups that holds a phone, card (13–19 digits, Luhn) or My Number (12,
    check digit): each stretch of whole groups of a run is tried (a run may hold several numbers),
    the Luhn sum kept as the stretch grows, so that a long run of digits costs little."""
    for run in _RUN.finditer(folded):
        groups = [(m.start(), m.end()) for m in _GROUP.finditer(folded, run.start(), run.end())]
        plus = run.start() > 0 and folded[run.start() - 1] == "+"
        for i, (start, _end) in enumerate(groups):
            digits, sizes, spaced = "", [], True  # spaced: one digit per group so far
            luhn = other = 0  # the Luhn sum of `digits`, and what it would be with one digit more after
            for k in range(i, len(groups)):
                g_start, g_end = groups[k]
                group = folded[g_start:g_end]
                if len(digits) + len(group) > 19:
                    break
                for ch in group:
                    d = int(ch)
                    luhn, other = other + d, luhn + _DOUBLED[d]
                digits += group
                sizes.append(len(group))
                spaced = spaced and len(group) == 1
                if len(digits) < 10:
                    continue
                if len(digits) >= 13 and luhn % 10 == 0 and _card_shape(sizes, spaced):
                    yield Finding("card", start, g_end)
                elif len(digits) == 12 and _number_shape(sizes, spaced) and my_number_ok(digits):
                    yield Finding("my_number", start, g_end)
                elif i == 0 and plus and digits.startswith("81"):  # +81 (0)3-1234-5678
                    national = "0" + digits[2:].removeprefix("0")
                    rest = sizes[1:] if sizes[0] == 2 and len(sizes) > 1 else sizes
                    if len(rest) > 1 and rest[0] == 1 and digits[2] == "0":  # the (0) of +81 (0)3
                        rest = rest[1:]
                    if _phone_ok(national, rest, spaced):
                        yield Finding("phone", start - 1, g_end)
                elif _phone_ok(digits, sizes, spaced):
                    yield Finding("phone", start, g_end)


def _emails(folded: str) -> Iterator[Finding]:
    """Addresses: a dotted domain (any script), an address literal, or a dotless ASCII one
    (`tanaka@localhost`). A domain ends where ASCII letters meet other text (`…@example.jpまで`)."""
    for m in _EMAIL.finditer(folded):
        if m.group(1):
            yield Finding("email", m.start(), m.end())
            continue
        domain = m.group(2)
        last = domain.rsplit(".", 1)[-1]
        ascii_start = re.match(r"[A-Za-z0-9-]+", last)
        if ascii_start and ascii_start.end() < len(last) and last[0].isascii():
            domain = domain[:len(domain) - len(last) + ascii_start.end()]  # jpに送った -> jp
            last = domain.rsplit(".", 1)[-1]
        local = m.group()[:m.group().index("@")]
        dotted = "." in domain and (not last[0].isdigit() or _IPV4.fullmatch(domain) is not None)
        dotless = "." not in domain and (local + domain).isascii() and domain[0].isalpha()
        if dotted or dotless:
            yield Finding("email", m.start(), m.start() + len(local) + 1 + len(domain))


def scan(text: str) -> list[Finding]:
    """What in `text` looks like personal data, in order; findings that overlap are joined into one
    (of the kind of the longest)."""
    if "@" not in text and "＠" not in text and sum(map(str.isdigit, text)) < 10:
        return []  # every pattern needs an "@" (or "＠") or ten digits (a phone number's fewest): most names
    folded = text.translate(_FOLD)
    found = sorted([*_numbers(folded), *_emails(folded)], key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            last = kept[-1]
            if finding.end > last.end:
                longest = last if last.end - last.start >= finding.end - finding.start else finding
                kept[-1] = Finding(longest.kind, last.start, finding.end)
            continue
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


FIELDS = ("title", "note", "name", "role", "reason", "location", "evidence_note")
"""The free texts the guard screens, by their names in messages; only a `note` keeps its line breaks."""
MAX_LINE = 1000  # characters in a one-line text (a title, a name, a reason): a paragraph at most


def screen(text: str, field: str, *, masked: bool = False) -> str:
    """`text` cleaned (`wizard.printable.clean`) when it holds no personal data; else masked (with
    `masked`) or `PersonalDataFound`. A one-line text longer than `MAX_LINE` is refused.

    `field` names the field in messages: one of `FIELDS`.
    """
    text = clean(text, lines=field == "note")
    if field != "note" and len(text) > MAX_LINE:
        from wizard.i18n import t

        raise RoueiError("store.guard.too_long", field=t(f"store.guard.field.{field}"), length=f"{len(text):,}",
                         most=f"{MAX_LINE:,}")
    findings = scan(text)
    if not findings:
        return text
    if masked:
        return mask(text, findings)
    raise PersonalDataFound(field, findings, mask(text, findings))
