"""The cache: repeat runs read results back; any change to the inputs, a corrupt entry or
--no-cache means the work is done afresh; `cache clear` empties it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancompare import cache
from plancompare.cli import cli


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "plancompare"


def _themes(runner: CliRunner, plans: Path, *extra: str) -> str:
    result = runner.invoke(cli, ["--plans-dir", str(plans), *extra, "themes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_repeat_run_reads_the_cache_and_gives_the_same_output(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    first = _themes(runner, plan_copy)
    written = sorted(path.name for path in cache_home.glob("*.cache"))
    assert [name.split("-")[0] for name in written] == ["index", "index", "plans"]
    second = _themes(runner, plan_copy)
    assert second == first
    assert sorted(path.name for path in cache_home.glob("*.cache")) == written


def test_a_changed_plan_file_is_never_served_from_the_cache(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _themes(runner, plan_copy)
    plan_file = plan_copy / "southmoor.yaml"
    plan_file.write_text(plan_file.read_text().replace("More residents in good jobs", "More residents in good homes"))
    items = json.loads(runner.invoke(cli, ["--plans-dir", str(plan_copy), "items", "--format", "json"]).stdout)
    assert "More residents in good homes" in {record["text"] for record in items}


def test_a_corrupt_entry_is_rebuilt(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    first = _themes(runner, plan_copy)
    for entry in cache_home.glob("*.cache"):
        data = bytearray(entry.read_bytes())
        data[-5] ^= 0xFF
        entry.write_bytes(bytes(data))
    assert _themes(runner, plan_copy) == first
    for entry in cache_home.glob("*.cache"):
        assert cache.read(entry.stem) is not None  # rewritten soundly


def test_truncated_and_foreign_entries_are_ignored(cache_home: Path) -> None:
    cache.write("probe", {"a": 1})
    assert cache.read("probe") == {"a": 1}
    path = cache_home / "probe.cache"
    path.write_bytes(path.read_bytes()[:30])
    assert cache.read("probe") is None
    path.write_bytes(b"not a cache file at all")
    assert cache.read("probe") is None
    assert cache.read("missing") is None


def test_no_cache_neither_reads_nor_writes(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _themes(runner, plan_copy, "--no-cache")
    assert not list(cache_home.glob("*.cache"))


def test_vectors_are_loaded_lazily_from_the_cache(plan_copy: Path, cache_home: Path) -> None:
    from plancompare.workspace import load_index, load_plan_set, plan_files, plans_key

    files = plan_files(plan_copy)
    key = plans_key(files)
    built = load_index(load_plan_set(files, key), key, None)
    again = load_index(load_plan_set(files, key), key, None)
    assert callable(again._vectors) and again.item_themes == built.item_themes
    from plancompare.matcher import closest_counterparts

    left, right = again.plans[0].items(), again.plans[1].items()
    assert [m.target.id for m in closest_counterparts(again, left, right)] == [
        m.target.id for m in closest_counterparts(built, left, right)
    ]
    assert again.vectors().vectoriser is None  # not cached; search refits it
    from plancompare.matcher import search

    assert search(again, "trees")[0][0].id == "southmoor.climate.commitment.1"


def test_cache_info_and_clear(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _themes(runner, plan_copy)
    info = runner.invoke(cli, ["cache", "info"])
    assert info.exit_code == 0 and info.stdout.startswith(f"{cache_home}: 3 entries, ")
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.stdout.startswith("Removed 3 entries (")
    assert not list(cache_home.glob("*.cache"))


def test_unwritable_cache_is_skipped(runner: CliRunner, plan_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _themes(runner, plan_copy)
