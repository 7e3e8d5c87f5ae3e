"""Shared test isolation: a private config folder, Japanese as the starting language, UTF-8 output."""

from __future__ import annotations

import pytest

from wizard.i18n import set_lang


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUEI_CONFIG_DIR", str(tmp_path / "rouei-config"))
    monkeypatch.delenv("ROUEI_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    set_lang("ja")
    from wizard.cli import console

    console.out.cache_clear()
    console.err.cache_clear()
    yield
    set_lang("ja")
