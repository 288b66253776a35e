"""The cache database: repeat runs read results back; any change to the inputs, a damaged or planted
entry or --no-cache means the work is done afresh; nothing stored is ever unpickled or run; the
cache stays bounded; concurrent runs agree; `cache info|prune|clear` (plancompare.cli.cache)."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancompare.cli.main import cli
from support import run_json
from plancompare.store import database as db

COMMANDS = [["themes"], ["diff", "northdale", "southmoor"], ["search", "jobs"], ["list"], ["items"], ["indicators"],
            ["neighbours", "northdale"]]


def _run(runner: CliRunner, plans: Path, *args: str) -> str:
    return run_json(runner, plans, *args)


def _rows(cache_home: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(cache_home / "plancompare.db")
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _kinds(cache_home: Path) -> dict[str, int]:
    return dict(_rows(cache_home, "SELECT kind, count(*) FROM entries GROUP BY kind"))


def test_a_first_run_stores_everything_once_and_a_repeat_gives_the_same_output(runner: CliRunner, plan_copy: Path,
                                                                               cache_home: Path) -> None:
    first = _run(runner, plan_copy, "themes")
    # Themes, vocabulary and the vectors' three blocks per council, fitted in one pass, with what an
    # incremental refit needs of the fit; the concepts found in each plan file.
    assert _kinds(cache_home) == {"plan": 2, "plans": 1, "concepts": 2, "index": 1, "themes": 2, "vocabulary": 1,
                                  "vectors": 6, "fitstate": 1}
    stored = _rows(cache_home, "SELECT key, bytes FROM entries ORDER BY key")
    assert _rows(cache_home, "PRAGMA page_size") == [(db.PAGE_SIZE,)]
    assert _run(runner, plan_copy, "themes") == first
    for command in COMMANDS:
        assert _run(runner, plan_copy, *command) == _run(runner, plan_copy, "--no-cache", *command), command
    # Nothing was fitted again: the first diff after themes read the stored vectors. (The first
    # search adds the search index beside them: store/postings.py, tests/store/test_postings.py.)
    assert _rows(cache_home, "SELECT key, bytes FROM entries WHERE kind NOT IN ('search', 'postings') ORDER BY key") == stored
    assert set(_kinds(cache_home)) - {"search", "postings"} == {"plan", "plans", "concepts", "index", "themes", "vocabulary", "vectors",
                                                               "fitstate"}


def test_the_first_diff_after_themes_never_fits(runner: CliRunner, plan_copy: Path, cache_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from plancompare.matching import fit

    _run(runner, plan_copy, "themes")
    fit.cached_index.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("fitted again")

    monkeypatch.setattr(fit, "build_index", refuse)
    _run(runner, plan_copy, "diff", "northdale", "southmoor")
    _run(runner, plan_copy, "search", "trees")


def test_commands_read_only_the_vector_blocks_they_need(plan_copy: Path, cache_home: Path) -> None:
    from plancompare.matching.search import search
    from plancompare.workspace import Workspace

    Workspace(plan_copy).index()  # builds and stores
    workspace = Workspace(plan_copy)
    index = workspace.index()
    read: list[str] = []
    real_get = workspace._database.get
    workspace._database.get = lambda key, arrays=(), use=True: (read.append(key), real_get(key, arrays, use))[1]
    assert search(index, "trees")
    # The search block, and the text block's concept columns when the query names a concept
    # ("trees" does); never the align block, the largest.
    assert {key.rsplit(":", 1)[-1] for key in read if key.startswith("vectors:")} == {"search", "text"}
    assert not any(key.startswith("plan:") for key in read if "northdale" in key)
    workspace.close()


def test_a_changed_plan_file_is_never_served_from_the_cache(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _run(runner, plan_copy, "themes")
    plan_file = plan_copy / "southmoor.yaml"
    plan_file.write_text(plan_file.read_text().replace("More residents in good jobs", "More residents in good homes"))
    items = json.loads(_run(runner, plan_copy, "items"))["rows"]
    assert "More residents in good homes" in {record["text"] for record in items}


def test_an_edit_during_a_run_leaves_no_stale_entry(runner: CliRunner, plan_copy: Path, cache_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan is keyed by the bytes that were parsed: edited between the read and the parse, the
    run stores what it parsed under that content's key, and the next run sees the edit."""
    from plancompare.plans import loader

    plan_file = plan_copy / "southmoor.yaml"
    original = plan_file.read_text()
    edited = original.replace("More residents in good jobs", "More residents in good homes")
    real_load_plan = loader.load_plan

    def edit_then_load(path, content=None):
        if path == plan_file:
            plan_file.write_text(edited)
        return real_load_plan(path, content)

    monkeypatch.setattr(loader, "load_plan", edit_then_load)
    texts = {record["text"] for record in json.loads(_run(runner, plan_copy, "items"))["rows"]}
    assert "More residents in good jobs" in texts  # what was read when the run began
    monkeypatch.setattr(loader, "load_plan", real_load_plan)
    texts = {record["text"] for record in json.loads(_run(runner, plan_copy, "items"))["rows"]}
    assert "More residents in good homes" in texts and "More residents in good jobs" not in texts
    plan_file.write_text(original)  # restored: served as it is now, not as it was edited
    texts = {record["text"] for record in json.loads(_run(runner, plan_copy, "items"))["rows"]}
    assert "More residents in good jobs" in texts and "More residents in good homes" not in texts


def test_no_cache_neither_reads_nor_writes(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _run(runner, plan_copy, "--no-cache", "themes")
    assert not cache_home.exists()


def _pickle_that_runs(marker: Path) -> bytes:
    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    return pickle.dumps(Exploit())


@pytest.mark.parametrize("plant", ["values", "array-bytes", "object-dtype", "json-shapes", "whole-file", "old-entries"])
def test_a_planted_entry_never_runs_code(runner: CliRunner, plan_copy: Path, cache_home: Path, tmp_path: Path,
                                         plant: str) -> None:
    marker = tmp_path / "pwned"
    payload = _pickle_that_runs(marker)
    pickle.loads(payload)  # the payload is real: unpickled, it runs
    assert marker.exists()
    marker.unlink()
    # Every kind of entry, those of an incremental refit too (fit states, column maps, entries shared
    # between indexes): an edit fitted whole, then one that weights the edited council alone.
    southmoor = plan_copy / "southmoor.yaml"
    for prefix in ("Revised1 ", "Revised2 "):
        head, mark, rest = southmoor.read_text(encoding="utf-8").partition("text: ")
        southmoor.write_text(head + mark + prefix + rest, encoding="utf-8")
        _run(runner, plan_copy, "themes")
    assert {"colmap", "fitstate"} <= set(_kinds(cache_home))
    expected = {tuple(command): _run(runner, plan_copy, "--no-cache", *command) for command in COMMANDS}
    database = cache_home / "plancompare.db"
    connection = sqlite3.connect(database)
    with connection:
        if plant == "values":
            connection.execute("UPDATE entries SET value = ?", (payload,))
        elif plant == "array-bytes":
            # Whole numbers of elements, so that only what the bytes mean can give them away.
            connection.execute("UPDATE arrays SET data = ?, shape = ?", (payload[:len(payload) // 8 * 8], f"[{len(payload) // 8}]"))
        elif plant == "object-dtype":
            connection.execute("UPDATE arrays SET data = ?, dtype = '|O', shape = ?", (payload, f"[{len(payload)}]"))
        elif plant == "json-shapes":
            connection.execute("""UPDATE entries SET value = '{"py/reduce": [{"py/function": "os.system"}, ["touch x"]]}'""")
        elif plant == "old-entries":
            # The pickle files of earlier versions, named as they were: never read.
            for name in ("plans-0123456789abcdef0123456789abcdef", "index-0123456789abcdef0123456789abcdef-vocabulary"):
                (cache_home / f"{name}.cache").write_bytes(b"plancompare-cache-2\n" + b"0" * 64 + b"\n" + payload)
    connection.close()
    if plant == "whole-file":
        database.write_bytes(payload)
    for command in COMMANDS:
        result = runner.invoke(cli, ["--plans-dir", str(plan_copy), *command, "--format", "json"])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected[tuple(command)], command
        assert not marker.exists()
    if plant == "whole-file":
        assert list(cache_home.glob("plancompare.db.unusable-*"))


def test_a_damaged_or_foreign_database_is_moved_aside_with_one_warning(runner: CliRunner, plan_copy: Path,
                                                                      cache_home: Path) -> None:
    expected = _run(runner, plan_copy, "themes")
    database = cache_home / "plancompare.db"
    database.write_bytes(database.read_bytes()[:4096] + b"\xff" * 8192)
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
    assert result.exit_code == 0 and result.stdout == expected
    db._warned.clear()
    # A database of something else entirely.
    for path in cache_home.glob("plancompare.db*"):
        path.unlink()
    other = sqlite3.connect(database)
    other.execute("CREATE TABLE photos (name TEXT)")
    other.commit()
    other.close()
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
    assert result.exit_code == 0 and result.stdout == expected
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"Warning: the cache {database} is not a plancompare cache; moved it to plancompare.db.unusable-")
    aside = sorted(cache_home.glob("plancompare.db.unusable-*"))[-1]
    assert sqlite3.connect(aside).execute("SELECT name FROM sqlite_master").fetchall() == [("photos",)]
    db._warned.clear()
    again = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
    assert again.stderr == "" and again.stdout == expected


def test_a_database_caught_half_made_by_another_run_is_not_moved_aside(runner: CliRunner, plan_copy: Path,
                                                                      cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs started together on an empty cache: one may look at the file in the instant another is
    # making it. Looking again a moment later finds it made, and it is used, not moved aside.
    expected = _run(runner, plan_copy, "themes")
    real_prepare, calls = db._prepare, []

    def first_sight_half_made(connection):
        calls.append(1)
        return False if len(calls) == 1 else real_prepare(connection)

    monkeypatch.setattr(db, "_prepare", first_sight_half_made)
    db._warned.clear()
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == expected
    assert len(calls) >= 2 and not list(cache_home.glob("plancompare.db.unusable-*"))


def test_the_cache_stays_bounded_over_repeated_edits(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    plan_file = plan_copy / "southmoor.yaml"
    original = plan_file.read_text()
    sizes = []
    for edit in range(7):
        plan_file.write_text(original.replace("More residents in good jobs", f"More residents in good jobs ({edit})"))
        _run(runner, plan_copy, "themes")
        _run(runner, plan_copy, "diff", "northdale", "southmoor")
        sizes.append((cache_home / "plancompare.db").stat().st_size)
        assert _rows(cache_home, "SELECT count(*) FROM sets") == [(min(edit + 1, db.KEEP_SETS),)]
    assert sizes[6] <= 1.1 * sizes[2], sizes
    # Two sets: the unchanged plan is stored once, shared by both, and so are its item themes and
    # vectors, weighted once by the first fit (each edit after it was refitted incrementally: the
    # edited council alone, its columns mapped), with each set's fit state and column map.
    assert _kinds(cache_home) == {"plan": 3, "plans": 2, "concepts": 3, "index": 2, "themes": 3, "vocabulary": 2,
                                  "vectors": 9, "fitstate": 2, "colmap": 2}


def test_the_size_cap_removes_the_least_recently_used_first(cache_home: Path) -> None:
    database = db.open_database()
    database.use_set("one")
    # Entries of several pages each, as vector blocks are.
    database.put_many([(f"entry:{n}", "test", {"n": n}, {"a": ("<f8", "[25000]", bytes(200_000))}) for n in range(5)])
    database.connection.execute("UPDATE entries SET used = CAST(substr(key, 7) AS REAL)")
    removed, size = db.prune(database.connection, keep_sets=2, size_cap=3 * 200_010)
    assert removed == 2 and size > 400_000
    assert [key for (key,) in database.connection.execute("SELECT key FROM entries ORDER BY key")] == ["entry:2", "entry:3", "entry:4"]
    assert database.connection.execute("SELECT count(*) FROM arrays").fetchone() == (3,)
    # The pages of what was removed go back to the file system.
    assert database.connection.execute("PRAGMA auto_vacuum").fetchone() == (2,)
    # Freed pages are not overwritten with zeros first (half a gigabyte per set at 400 councils).
    assert database.connection.execute("PRAGMA secure_delete").fetchone() == (0,)
    before = (cache_home / "plancompare.db").stat().st_size
    db.prune(database.connection, keep_sets=0)
    assert database.connection.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert (cache_home / "plancompare.db").stat().st_size < before
    database.close()


def test_a_database_that_cannot_be_written_is_skipped(runner: CliRunner, plan_copy: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    db._warned.clear()
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes"])
    assert result.exit_code == 0
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"Warning: cannot make the cache directory {blocker / 'plancompare'}")


def test_eight_parallel_runs_on_an_empty_cache_agree(plan_copy: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from support import subprocess_env

    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "shared"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    command = [sys.executable, "-m", "plancompare", "themes", "--format", "json"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    results = [(run.communicate(timeout=110), run.returncode) for run in runs]
    expected = subprocess.run([*command[:3], "--no-cache", *command[3:]], env=env, capture_output=True, text=True, check=True).stdout
    assert [code for _, code in results] == [0] * 8
    assert [stderr for (_, stderr), _ in results] == [""] * 8
    assert {stdout for (stdout, _), _ in results} == {expected}
    again = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert again.stdout == expected


def test_cache_info_prune_and_clear(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _run(runner, plan_copy, "themes")
    (entries,), = _rows(cache_home, "SELECT count(*) FROM entries")
    info = runner.invoke(cli, ["cache", "info"])
    assert info.exit_code == 0 and info.stdout.startswith(f"{cache_home / 'plancompare.db'}: {entries} entries from 1 set of inputs, ")
    pruned = runner.invoke(cli, ["cache", "prune", "--keep", "0"])
    assert pruned.exit_code == 0 and pruned.stdout.startswith(f"Removed {entries} entries (")
    _run(runner, plan_copy, "themes")
    # Odd things in the cache directory are left alone.
    (cache_home / "notes.cache").mkdir()
    (cache_home / "dangling.cache").symlink_to(cache_home / "nowhere")
    assert runner.invoke(cli, ["cache", "info"]).exit_code == 0
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0 and cleared.stdout.startswith(f"Removed {entries} entries (")
    assert sorted(path.name for path in cache_home.iterdir()) == ["dangling.cache", "notes.cache"]
    assert runner.invoke(cli, ["cache", "info"]).stdout.startswith(f"{cache_home / 'plancompare.db'}: 0 entries")
    assert runner.invoke(cli, ["cache", "prune"]).exit_code == 0


def test_cache_commands_without_a_home(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    for command in ("info", "clear", "prune"):
        result = runner.invoke(cli, ["cache", command])
        assert result.exit_code == 1
        assert result.stderr == "Error: no usable cache directory (no home directory, and no absolute XDG_CACHE_HOME)\n"
    assert not (tmp_path / "nonexistent").exists() and not Path("relative").exists()


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_a_read_only_cache_directory(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    expected = _run(runner, plan_copy, "themes")
    cache_home.chmod(0o500)
    try:
        assert _run(runner, plan_copy, "themes") == expected
        assert runner.invoke(cli, ["cache", "info"]).exit_code == 0
        cleared = runner.invoke(cli, ["cache", "clear"])
        assert cleared.exit_code == 1 and "Permission denied" in cleared.stderr
    finally:
        cache_home.chmod(0o700)


def test_a_repeat_themes_reads_no_yaml_and_imports_no_numpy(plan_copy: Path, tmp_path: Path) -> None:
    from support import run_probed, subprocess_env

    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "xdg"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    first = run_probed(["themes"], env)
    assert {"numpy", "scipy", "yaml"} <= set(eval(first.stderr.strip().splitlines()[-1]))  # (the first run fits; it needs no scikit-learn)
    assert "sklearn" not in eval(first.stderr.strip().splitlines()[-1])
    again = run_probed(["themes"], env)
    assert again.stderr.strip().splitlines()[-1] == "[]"
    assert again.stdout == first.stdout


def test_a_repeat_diff_multiplies_in_numpy_alone(plan_copy: Path, tmp_path: Path) -> None:
    """A repeat `diff` (its rows, verdicts and likeness) reads two councils' vectors and needs only
    numpy: scipy's import alone would cost it a third of its time budget."""
    from support import run_probed, subprocess_env

    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "xdg"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    first = run_probed(["diff", "northdale", "southmoor", "--format", "json"], env)
    again = run_probed(["diff", "northdale", "southmoor", "--format", "json"], env)
    assert again.stderr.strip().splitlines()[-1] == "['numpy']"
    assert again.stdout == first.stdout and '"likeness"' in again.stdout


def test_a_run_killed_while_writing_leaves_no_temporary_file_and_no_partial_entry(tmp_path: Path) -> None:
    """Each write is one SQLite transaction: SIGTERM in the middle of one leaves the database as it
    was before it, and nothing beside it but SQLite's own files."""
    import signal
    import subprocess
    import sys
    import time

    from support import subprocess_env

    writer = (
        "import sys\n"
        "from plancompare.store import database\n"
        "db = database.open_database()\n"
        "db.use_set('s')\n"
        "n = 0\n"
        "while True:\n"
        "    db.put_many((f'e:{n}:{k}', 'test', {'k': k}, {'a': ('<f8', '[100000]', bytes(800000)), 'b': ('<i4', '[1]', bytes(4))})\n"
        "                for k in range(20))\n"
        "    n += 1\n"
        "    if n == 2:\n"
        "        print('writing', flush=True)\n"
    )
    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path))
    process = subprocess.Popen([sys.executable, "-c", writer], env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "writing\n"
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGTERM
    directory = tmp_path / "plancompare"
    assert {path.name for path in directory.iterdir()} <= {"plancompare.db", "plancompare.db-wal", "plancompare.db-shm"}
    connection = sqlite3.connect(directory / "plancompare.db")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    entries = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert entries >= 40 and entries % 20 == 0  # whole transactions only
    assert connection.execute("SELECT count(*) FROM arrays").fetchone()[0] == 2 * entries
    connection.close()
