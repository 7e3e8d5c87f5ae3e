"""The two scenario incidents, built once per test session through the real store."""

from __future__ import annotations

import pytest

from . import scenarios


@pytest.fixture(scope="session")
def incidents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incidents")
    return {name: build(folder) for name, build in scenarios.BUILD.items()}
