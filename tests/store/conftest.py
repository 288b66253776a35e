"""Fixtures of the cache's tests: a private cache directory for each test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own cache directory (XDG_CACHE_HOME), where plancompare.db is made."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "plancompare"
