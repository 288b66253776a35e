"""The cache: repeat runs read results back; any change to the inputs, a corrupt entry or
--no-cache means the work is done afresh; `cache clear` empties it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancompare.store import cache
from plancompare.cli.main import cli


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "plancompare"


def _themes(runner: CliRunner, plans: Path, *extra: str) -> str:
    result = runner.invoke(cli, ["--plans-dir", str(plans), *extra, "themes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _entry_kinds(cache_home: Path) -> list[str]:
    """Entry names with their hashes taken out: 'plans', 'plans-northdale', 'index-vectors-northdale'…"""
    return sorted("-".join(part for part in path.stem.split("-") if len(part) != 32) for path in cache_home.glob("*.cache"))


def test_repeat_run_reads_the_cache_and_gives_the_same_output(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    first = _themes(runner, plan_copy)
    written = sorted(path.name for path in cache_home.glob("*.cache"))
    councils = sorted(path.stem for path in plan_copy.glob("*.yaml"))
    # `themes` needs no vectors, so none are stored yet.
    assert _entry_kinds(cache_home) == sorted(
        ["plans", "index", "index-vocabulary"] + [f"plans-{c}" for c in councils] + [f"index-themes-{c}" for c in councils]
    )
    second = _themes(runner, plan_copy)
    assert second == first
    assert sorted(path.name for path in cache_home.glob("*.cache")) == written
    runner.invoke(cli, ["--plans-dir", str(plan_copy), "diff", *councils])
    assert [kind for kind in _entry_kinds(cache_home) if "vectors" in kind] == [f"index-vectors-{c}" for c in councils]


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


def test_cached_index_loads_only_what_a_comparison_needs(plan_copy: Path, cache_home: Path) -> None:
    from plancompare.matching.align import closest_counterparts
    from plancompare.matching.search import search
    from plancompare.workspace import PlanStore, load_index, plan_files, plans_key

    third = (plan_copy / "southmoor.yaml").read_text().replace("southmoor", "eastbrook").replace("Southmoor", "Eastbrook")
    (plan_copy / "eastbrook.yaml").write_text(third)
    files = plan_files(plan_copy)
    built = load_index(PlanStore(files, plans_key(files)), None)
    first, second = "northdale", "southmoor"
    left, right = built.plan(first).items(), built.plan(second).items()
    expected = [(m.target.id, m.score, m.terms) for m in closest_counterparts(built, left, right)]  # stores vectors
    store = PlanStore(files, plans_key(files))
    again = load_index(store, None)
    assert not again._loaded and store._all is None  # nothing read yet but the lists
    assert again.councils == ("eastbrook", "northdale", "southmoor")
    assert [(m.target.id, m.score, m.terms) for m in closest_counterparts(again, left, right)] == expected
    assert {key for key in again._loaded if key[0] in ("plan", "vectors")} == {
        (kind, council) for kind in ("plan", "vectors") for council in (first, second)
    }
    assert not any(council == "eastbrook" for _, council in again._loaded)
    assert store._all is None and "eastbrook" not in store._plans  # the third plan was never read
    assert again.item_themes == built.item_themes
    assert search(again, "trees") == search(built, "trees")
    assert [item.id for item, _ in search(again, "trees")[:2]] == ["eastbrook.climate.commitment.1", "southmoor.climate.commitment.1"]


def test_a_missing_council_entry_rebuilds_and_rewrites_the_index(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    first = runner.invoke(cli, ["--plans-dir", str(plan_copy), "diff", "northdale", "southmoor", "--format", "json"]).stdout
    (vectors,) = [path for path in cache_home.glob("index-*-vectors-northdale.cache")]
    vectors.unlink()
    again = runner.invoke(cli, ["--plans-dir", str(plan_copy), "diff", "northdale", "southmoor", "--format", "json"])
    assert again.exit_code == 0 and again.stdout == first
    assert vectors.exists()


def test_cache_info_and_clear(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _themes(runner, plan_copy)
    info = runner.invoke(cli, ["cache", "info"])
    entries = len(list(cache_home.glob("*.cache")))
    assert info.exit_code == 0 and info.stdout.startswith(f"{cache_home}: {entries} entries, ")
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.stdout.startswith(f"Removed {entries} entries (")
    assert not list(cache_home.glob("*.cache"))


def test_unwritable_cache_is_skipped(runner: CliRunner, plan_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _themes(runner, plan_copy)


def test_entry_names_change_with_the_code(plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(plan_copy.glob("*.yaml"))
    before = cache.content_key("plans", files)
    assert cache.content_key("plans", files) == before
    monkeypatch.setattr(cache, "code_digest", lambda: b"edited")
    assert cache.content_key("plans", files) != before


def test_a_repeat_themes_reads_no_yaml_and_imports_no_numpy(plan_copy: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    probe = (
        "import sys\n"
        "from plancompare.cli.main import cli\n"
        "try:\n    cli.main(['themes'], prog_name='plancompare')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn', 'yaml') if m in sys.modules), file=sys.stderr)\n"
    )
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert first.stderr.strip().splitlines()[-1] == "['numpy', 'scipy', 'sklearn', 'yaml']"
    again = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert again.stderr.strip().splitlines()[-1] == "[]"
    assert again.stdout == first.stdout


def test_code_digest_covers_modules_in_subpackages(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "matching").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    deep = package / "matching" / "align.py"
    deep.write_text("WEIGHT = 1\n")
    before = cache.code_digest(package)
    cache.code_digest.cache_clear()
    deep.write_text("WEIGHT = 2\n")
    edited = cache.code_digest(package)
    assert edited != before
    cache.code_digest.cache_clear()
    # Moving a module between subpackages changes the digest too, though no byte changed.
    (package / "output").mkdir()
    deep.rename(package / "output" / "align.py")
    assert cache.code_digest(package) != edited
    cache.code_digest.cache_clear()


def test_the_suite_keeps_out_of_the_real_user_cache(runner: CliRunner, plan_copy: Path, tmp_path: Path) -> None:
    """conftest.py gives the session a private HOME and XDG_CACHE_HOME: a CLI run, in process or as a
    subprocess started the way the suite starts them, stores its entries there and never in the real
    user's cache; and a subprocess given a bare environment (which would find the real home in the
    password database) is refused before it starts."""
    import shutil
    import subprocess
    import sys

    from support import REAL_USER_CACHES, subprocess_env
    from plancompare.paths import default_themes_path
    from plancompare.workspace import Workspace, plans_key

    private = cache.cache_dir().resolve()
    assert REAL_USER_CACHES and not any(private.is_relative_to(real.resolve()) for real in REAL_USER_CACHES)
    assert not any(real.resolve().is_relative_to(Path.home().resolve()) for real in REAL_USER_CACHES)

    # Two copies of the fixture plans, at paths no earlier run has seen, so their entry names are new.
    second = tmp_path / "second"
    shutil.copytree(plan_copy, second)
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    subprocess.run([sys.executable, "-m", "plancompare", "--plans-dir", str(second), "themes", "--format", "json"],
                   env=subprocess_env(), capture_output=True, text=True, check=True)
    names = []
    for plans in (plan_copy, second):
        key = plans_key(Workspace(plans).files())
        names += [key, cache.content_key("index", [default_themes_path()], parts=[key])]
    for name in names:
        assert (private / f"{name}.cache").is_file(), name  # the run stored it, privately
        for real in REAL_USER_CACHES:
            assert not list(real.glob(f"{name}*")), f"{name} was written to the real cache {real}"

    with pytest.raises(AssertionError, match="outside the test session's temporary directory"):
        subprocess.run([sys.executable, "-c", "pass"], env={"PATH": "/usr/bin:/bin"}, check=True)
