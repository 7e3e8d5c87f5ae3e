"""Which rule set rouei uses, and how old it is: the one shipped with rouei, or one installed by hand.

`rouei flows install DIR` copies a checked flows folder to `config_dir()/flows`; while it is there,
rouei uses it instead of the bundled one (`rouei flows reset` removes it). A rule set whose oldest
`last_verified` is more than `STALE_MONTHS` months before today is old: every screen, determination
and export that shows it says so.

Light on purpose (tomllib, no pydantic): the start screen reads the age before its first frame.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from wizard import clock
from wizard.i18n import t
from wizard.paths import config_dir

STALE_MONTHS = 6
RULE_LISTS = ("tracks", "triggers", "routes", "clocks")  # what `Flows.oldest_verification` looks at


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


def version_key(version: str) -> tuple[int, ...]:
    """Versions compared as numbers: 2026.9.0 < 2026.11.0 < 2026.11.1. A version that does not follow the
    scheme (only a set installed by an older rouei can have one) ranks below every valid one."""
    found = VERSION.fullmatch(version)
    return tuple(map(int, found.groups())) if found else (-1,)


@dataclass(frozen=True)
class Quick:
    """The rule set in use as the start screen needs it, read without validation (`flows check` validates)."""

    origin: str
    version: str
    last_verified: date | None


_TABLE = re.compile(r"^\[\[\s*([A-Za-z_]+)\s*\]\]")
_VERIFIED = re.compile(r"^last_verified\s*=\s*(\d{4}-\d{2}-\d{2})\s*(?:#.*)?$")


def quick() -> Quick | None:
    """The version and oldest `last_verified` of the rule set in use, or None when it cannot be read.

    The rule files are scanned line by line, not parsed: tomllib would cost the start screen's first
    frame more than all the rest (a test checks this agrees with `Flows.oldest_verification`)."""
    origin, folder = in_use()
    try:
        version = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))["version"]
        dates, table = [], None
        for path in sorted((folder / "rules").glob("*.toml")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if header := _TABLE.match(line):
                    table = header.group(1)
                elif table in RULE_LISTS and (found := _VERIFIED.match(line.strip())):
                    dates.append(date.fromisoformat(found.group(1)))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError, RecursionError):
        return None
    return Quick(origin, str(version), min(dates, default=None))


def start_warning() -> str | None:
    """The one line the start screen shows while the rules in use are old (or cannot be read)."""
    found = quick()
    if found is None:
        return t("flows.start.unreadable")
    if found.last_verified is None or not is_stale(found.last_verified):
        return None
    return t("flows.start.stale", date=found.last_verified.isoformat(), months=STALE_MONTHS)


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
