"""Each test starts from the bundled rules (the loader caches the rules in use) and the real clock."""

from __future__ import annotations

import pytest

from wizard import clock
from wizard.domain.flows import bundled


@pytest.fixture(autouse=True)
def fresh_rules():
    bundled.cache_clear()
    yield
    bundled.cache_clear()
    clock.use_clock(None)
