"""The catalogues: both languages complete, no clashes between area files, every key used exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from wizard.i18n import LANGS, catalogue

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "wizard" / "locale"


def test_both_languages_have_the_same_keys():
    ja, en = catalogue("ja"), catalogue("en")
    assert sorted(set(ja) - set(en)) == []
    assert sorted(set(en) - set(ja)) == []


def test_no_empty_texts():
    for lang in LANGS:
        assert [k for k, v in catalogue(lang).items() if isinstance(v, str) and not v.strip()] == []


def test_area_files_do_not_share_top_level_tables():
    for lang in LANGS:
        seen: dict[str, str] = {}
        for path in sorted((LOCALE / lang).glob("*.toml")):
            for table in tomllib.loads(path.read_text(encoding="utf-8")):
                assert table not in seen, f"{lang}: [{table}] in both {seen.get(table)} and {path.name}"
                seen[table] = path.name


def test_every_literal_key_used_in_code_exists():
    used = set()
    pattern = re.compile(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*)["']""")
    for path in (ROOT / "wizard").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if not k.endswith(".") and k not in catalogue("ja"))
    assert missing == []


def test_english_catalogue_has_no_japanese_left_in_it():
    kana = re.compile(r"[\u3040-\u30ff]")
    leaks = [k for k, v in catalogue("en").items() if isinstance(v, str) and kana.search(v)
             and not k.startswith(("calendar.", "cli.epilog"))]
    assert leaks == []
