"""Shared fixtures: the tiny fixture plans and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import FIXTURES, VALID_PLANS


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the tests' cache entries out of the user's cache directory: HOME and XDG_CACHE_HOME
    point at temporary directories for the whole session, and any cache a test (or a subprocess it
    starts) would use outside the session's temporary directory fails that test at once."""
    import subprocess

    from support import cache_dir_for
    from plancompare.store import location

    base = tmp_path_factory.getbasetemp().resolve()

    def check(directory: Path, what: str) -> None:
        if not directory.resolve().is_relative_to(base):
            raise AssertionError(f"{what} would use the cache {directory}, outside the test session's "
                                 f"temporary directory {base}: pass env=support.subprocess_env(...)")

    real_cache_dir, real_popen_init = location.cache_dir, subprocess.Popen.__init__

    def guarded_cache_dir() -> Path | None:
        directory = real_cache_dir()
        if directory is not None:
            check(directory, "the cache")
        return directory

    def guarded_popen_init(self, args, *rest, **kwargs):
        env = kwargs.get("env", rest[9] if len(rest) > 9 else None)
        directory = cache_dir_for(os.environ if env is None else env)
        if directory is not None:
            check(directory, f"the subprocess {args!r}")
        real_popen_init(self, args, *rest, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.setattr(location, "cache_dir", guarded_cache_dir)
        patch.setattr(subprocess.Popen, "__init__", guarded_popen_init)
        yield


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
