"""Shared fixtures: the tiny fixture plans and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from support import FIXTURES, VALID_PLANS


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the tests' cache entries out of the user's cache directory."""
    import os

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CliRunner with a fixed 80-column terminal and no environment overrides."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("PLANCOMPARE_PLANS_DIR", raising=False)
    monkeypatch.delenv("PLANCOMPARE_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def plans_dir() -> Path:
    return VALID_PLANS


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture plans and their sources, for tests that edit files."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target / "plans"
