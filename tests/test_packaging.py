"""The wheel carries the bundled plans, their schema and sources, and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import REPO, subprocess_env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("plancompare-*.whl")
    return built


def test_wheel_contains_plans_schema_and_sources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for plan in (REPO / "data" / "plans").glob("*.yaml"):
        assert f"plancompare/_data/plans/{plan.name}" in names
    assert "plancompare/_data/plan.schema.json" in names
    assert "plancompare/_data/sources/coventry.txt" in names
    # Every module of every subpackage ships.
    for module in (REPO / "plancompare").rglob("*.py"):
        assert module.relative_to(REPO).as_posix() in names


def test_unpacked_wheel_lists_bundled_plans_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import plancompare.cli.main as c; print(c.__file__); c.main()", "validate"],
        capture_output=True, text=True, cwd=elsewhere, env=subprocess_env({"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, summary = result.stdout.splitlines()
    assert first.startswith(str(site))
    assert summary.startswith("4 plans, ") and summary.endswith(" items: OK")
