"""`plancompare export FILE.db` end to end: written whole, never over an input or the cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from plancompare.cli.main import cli
from support import VALID_PLANS


def test_export_writes_a_database_sqlite_opens(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plans.db"
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "export", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {target}\n"
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT id FROM councils ORDER BY id").fetchall() == [("northdale",), ("southmoor",)]
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    assert [path.name for path in tmp_path.iterdir()] == ["plans.db"]  # no temporary file left
    again = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "export", "--council", "northdale", str(target)])
    assert again.exit_code == 0
    assert sqlite3.connect(target).execute("SELECT id FROM councils").fetchall() == [("northdale",)]


def test_export_refuses_to_write_over_an_input(runner: CliRunner, plan_copy: Path) -> None:
    plan = plan_copy / "northdale.yaml"
    before = plan.read_bytes()
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "export", str(plan)])
    assert result.exit_code == 1
    assert "it is one of this command's inputs" in result.stderr
    assert plan.read_bytes() == before


def test_export_refuses_to_write_over_the_cache(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "themes"])
    database = tmp_path / "plancompare" / "plancompare.db"
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "export", str(database)])
    assert result.exit_code == 1 and "inputs" in result.stderr
