"""Which rule set rouei uses, and how old it is: the one shipped with rouei, or one installed by hand.

`rouei flows install DIR` copies a checked flows folder to `config_dir()/flows`; while it is there,
rouei uses it instead of the bundled one (`rouei flows reset` removes it).

How old it is: every dated entry of the folder counts (rule entries, checklist items, contacts, exercise
scenarios, estimates, amendments: whatever carries a `last_verified`), read by one scan (`stamps`). A
rule set whose oldest entry was verified more than `STALE_MONTHS` months before today is old: every
screen, determination and export that shows it says so, and `rouei flows status` names that entry.

Light on purpose (tomllib, no pydantic): the start screen reads the age before its first frame.
"""

from __future__ import annotations

import calendar
import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Callable

from wizard import clock
from wizard.i18n import t
from wizard.paths import config_dir

STALE_MONTHS = 6
RELEASE_MARGIN_DAYS = 90  # a rule set must stay fresh this long after a build (tests/offline/test_release.py)


def shipped_dir() -> Path:
    """The flows that ship with rouei: inside the wheel, or the repository's `flows/` when run from source."""
    inside = Path(__file__).resolve().parent / "flows"
    return inside if inside.is_dir() else Path(__file__).resolve().parent.parent / "flows"


def installed_dir() -> Path:
    return config_dir() / "flows"


def in_use() -> tuple[str, Path]:
    """("installed", folder) when a rule set was installed, else ("bundled", the shipped folder)."""
    folder = installed_dir()
    return ("installed", folder) if (folder / "manifest.toml").is_file() else ("bundled", shipped_dir())


def stale_after(last_verified: date) -> date:
    """The last day the rules count as fresh: `STALE_MONTHS` months after `last_verified` (clamped to the
    month's end)."""
    months = last_verified.month - 1 + STALE_MONTHS
    year, month = last_verified.year + months // 12, months % 12 + 1
    return date(year, month, min(last_verified.day, calendar.monthrange(year, month)[1]))


def is_stale(last_verified: date, today: date | None = None) -> bool:
    return (today or clock.now().date()) > stale_after(last_verified)


def stale_warning(last_verified: date, today: date | None = None) -> str | None:
    """The warning to show while the rules are old, else None."""
    if not is_stale(last_verified, today):
        return None
    return t("flows.stale", date=last_verified.isoformat(), months=STALE_MONTHS)


def name(origin: str, version: str) -> str:
    """The rule set in words, e.g. 「同梱のルール 2026.11.0」 / "bundled rules 2026.11.0"."""
    return t(f"flows.set.{origin}", version=version)


VERSION = re.compile(r"([1-9][0-9]{3})\.([1-9]|1[0-2])\.(0|[1-9][0-9]{0,3})")
VERSION_FORMAT = "YEAR.MONTH.N, e.g. 2026.12.0 (the month of the release, and N counting releases within it from 0)"


def valid_version(version: str) -> bool:
    """A rule set's version is YEAR.MONTH.N: 2026.12.0, 2027.1.3 (no leading zeros, no suffix)."""
    return VERSION.fullmatch(version) is not None


def next_version(version: str) -> str:
    """The version a changed copy of a valid `version` takes: the next within its month (2026.12.1 ->
    2026.12.2)."""
    year, month, n = version_key(version)
    return f"{year}.{month}.{n + 1}"


def version_key(version: str) -> tuple[int, ...]:
    """Versions compared as numbers: 2026.9.0 < 2026.11.0 < 2026.11.1. A version that does not follow the
    scheme (only a set installed by an older rouei can have one) ranks below every valid one."""
    found = VERSION.fullmatch(version)
    return tuple(map(int, found.groups())) if found else (-1,)


@dataclass(frozen=True, order=True)
class Stamp:
    """One dated entry of a rule set: when it was last verified, and what it is (file and id)."""

    day: date
    file: str  # relative to the flows folder, e.g. "contacts.toml", "rules/clocks.toml"
    entry: str  # the entry's id; a table without one is named by its table, a file by its name

    @property
    def kind(self) -> str:
        """What sort of entry it is, from its file: rule, checklist, contact, scenario, estimate, amendment."""
        top = self.file.split("/", 1)[0]
        return {"rules": "rule", "checklist.toml": "checklist", "contacts.toml": "contact",
                "scenarios": "scenario", "estimates.toml": "estimate",
                "amendments.toml": "amendment"}.get(top, "other")


# The lines that matter, each found from the newline before it (a literal the regex engine scans for
# fast): a table header, an `id = …` line, a `last_verified = …` line. TOML lines end at \n only.
_LINE = re.compile(rb"\n[ \t]*(?:\[\[?[ \t]*(?P<table>[A-Za-z0-9_.\-]+)[ \t]*\]"
                   rb"|id[ \t]*=[ \t]*(?P<id>[^\n]*)"
                   rb"|last_verified[ \t]*=[ \t]*(?P<day>\d{4}-\d{2}-\d{2})(?P<rest>[^\n]*))")
_AFTER_DAY = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?")
_PLAIN_ID = re.compile(rb'"([^"\\]*)"')


def stamps(folder: Path) -> tuple[Stamp, ...]:
    """Every `last_verified` in the TOML files of `folder` (sub-folders too), each with the id of its entry.

    The files are scanned as bytes, not parsed: tomllib (or even decoding every file) would cost the start
    screen's first frame more than all the rest. `rouei flows check` checks that the scan sees every date
    the parsed entries hold, so a date written another way cannot hide an old entry. Raises OSError,
    UnicodeDecodeError (an id that is not UTF-8) or ValueError (an impossible date)."""
    found: list[Stamp] = []
    for name in _toml_files(folder):
        data = (folder / name).read_bytes()
        if b"last_verified" not in data:
            continue
        table, entry = None, None
        for match in _LINE.finditer(b"\n" + data):
            if match["table"] is not None:
                table, entry = match["table"].decode("ascii"), None
            elif match["id"] is not None:
                entry = entry or _entry_id(match["id"].strip(b" \t\r"))
            elif _AFTER_DAY.fullmatch(match["rest"]):
                found.append(Stamp(date.fromisoformat(match["day"].decode("ascii")), name,
                                   entry or table or PurePosixPath(name).stem))
    return tuple(found)


def _toml_files(folder: Path) -> list[str]:
    """The TOML files under `folder` (hidden folders left out), as sorted paths relative to it."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root).relative_to(folder).as_posix()
        out += [n if base == "." else f"{base}/{n}" for n in names if n.endswith(".toml") and not n.startswith(".")]
    return sorted(out)


def _entry_id(value: bytes) -> str | None:
    """The string an `id = …` line gives (escapes decoded), or None when it is not a string."""
    if plain := _PLAIN_ID.fullmatch(value):
        return plain.group(1).decode("utf-8")
    try:
        found = tomllib.loads("id = " + value.decode("utf-8")).get("id")
    except tomllib.TOMLDecodeError:
        return None
    return found if isinstance(found, str) else None


def oldest(found: tuple[Stamp, ...]) -> Stamp | None:
    """The entry verified longest ago (the first in file order among equals)."""
    return min(found, key=lambda s: s.day, default=None)


@dataclass(frozen=True)
class Quick:
    """The rule set in use as the start screen needs it, read without validation (`flows check` validates)."""

    origin: str
    version: str
    oldest: Stamp | None


def quick() -> Quick | None:
    """The version and oldest dated entry of the rule set in use, or None when it cannot be read."""
    origin, folder = in_use()
    try:
        version = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))["version"]
        found = stamps(folder)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError, RecursionError):
        return None
    return Quick(origin, str(version), oldest(found))


def start_warning() -> str | None:
    """The one line the start screen shows while the rules in use are old (or cannot be read)."""
    found = quick()
    if found is None:
        return t("flows.start.unreadable")
    if found.oldest is None or not is_stale(found.oldest.day):
        return None
    return t("flows.start.stale", date=found.oldest.day.isoformat(), months=STALE_MONTHS)


def install(source: Path, accept: Callable[[Path], None]) -> Path:
    """Copy the flows folder `source` to `installed_dir()`: into `flows.new` beside it (regular files
    only, as `wizard.domain.folder` walks them), let `accept` check that copy (it raises to refuse), then
    swap it in whole. Whatever happens, nothing is left in `flows.new`; an OSError or a refusal leaves
    the rules in use as they were."""
    import shutil

    from wizard.domain import folder

    target = installed_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh, old = target.with_name("flows.new"), target.with_name("flows.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        files, troubles = folder.walk(source)
        if troubles:
            raise OSError(f"{troubles[0].file}: {troubles[0].message}")
        folder.copy(source, files, fresh)
        accept(fresh)
        if target.exists():
            target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            if old.exists() and not target.exists():
                old.rename(target)
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return target


def reset() -> bool:
    """Remove the installed rule set; False when there was none."""
    import shutil

    target = installed_dir()
    if not target.exists():
        return False
    shutil.rmtree(target)
    return True
