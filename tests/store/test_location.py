"""Where the cache lives: XDG rules followed, nothing made under a home that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancompare.store import location


def test_xdg_cache_home_when_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert location.database_path() == tmp_path / "plancompare" / "plancompare.db"


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert location.cache_dir() == tmp_path / ".cache" / "plancompare"


def test_no_cache_under_a_home_that_does_not_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert location.cache_dir() is None and location.database_path() is None


def test_a_run_without_a_home_goes_without_a_cache_and_says_so_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from plancompare.cli.main import cli
    from plancompare.store import database
    from support import VALID_PLANS

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    database._warned.clear()
    result = CliRunner().invoke(cli, ["--plans-dir", str(VALID_PLANS), "diff", "northdale", "southmoor"])
    assert result.exit_code == 0
    assert result.stderr == "Warning: no usable cache directory (no home directory, and no absolute XDG_CACHE_HOME); running without a cache\n"
    assert not (tmp_path / "nonexistent").exists()
