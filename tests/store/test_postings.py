"""The search index in the cache (plancompare.store.postings): the first `search` stores it, a
repeat search reads only it and the plans of its results (no vector block, no numpy), and its
results are exactly those of an uncached search, whatever is missing, damaged or planted."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import run_json
from plancompare.store import postings

SEARCHES = [
    ["search", "jobs"], ["search", "homes"], ["search", "trees", "--limit", "1"], ["search", "good jobs and homes"],
    ["search", "residents", "--council", "southmoor"], ["search", "jobs", "--theme", "jobs-economy"],
    ["search", "zzzz qqqq"],
]


def _run(runner: CliRunner, plans: Path, *args: str) -> str:
    return run_json(runner, plans, *args)


def _execute(cache_home: Path, *statements: tuple) -> list:
    connection = sqlite3.connect(cache_home / "plancompare.db")
    connection.execute("PRAGMA foreign_keys = ON")
    try:
        with connection:
            return [connection.execute(*statement).fetchall() for statement in statements]
    finally:
        connection.close()


def test_cached_searches_give_exactly_the_uncached_results(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    expected = {tuple(command): _run(runner, plan_copy, "--no-cache", *command) for command in SEARCHES}
    assert any(json.loads(output)["rows"] for output in expected.values())
    first = {tuple(command): _run(runner, plan_copy, *command) for command in SEARCHES}  # the first builds and stores
    (kinds,) = _execute(cache_home, ("SELECT kind, count(*) FROM entries GROUP BY kind",))
    assert dict(kinds)["search"] == 1 and dict(kinds)["postings"] >= 1
    again = {tuple(command): _run(runner, plan_copy, *command) for command in SEARCHES}  # read back
    assert first == expected and again == expected


def test_buckets_are_small_and_cover_every_column() -> None:
    # Column postings counts: a huge column fills a bucket alone; words and concepts never share one.
    counts = [1] * 5000 + [postings.BUCKET_POSTINGS * 3] + [2] * 100 + [1] * 10
    indptr = [0]
    for count in counts:
        indptr.append(indptr[-1] + count)
    width = 5101
    starts = postings.bucket_starts(indptr, width)
    assert starts[0] == 0 and starts[-1] == len(counts) and width in starts
    for first, stop in zip(starts, starts[1:]):
        assert 0 < stop - first <= postings.BUCKET_COLUMNS
        assert indptr[stop] - indptr[first] <= postings.BUCKET_POSTINGS or stop - first == 1
        assert not first < width < stop
    assert postings.bucket_starts([0], 0) == [0, 0]


def test_a_repeat_search_reads_no_vectors_and_imports_no_numpy(plan_copy: Path, tmp_path: Path) -> None:
    from support import HEAVY_MODULES, run_probed, subprocess_env

    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "xdg"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    setup = (
        "from plancompare.store import database\n"
        "read = []\n"
        "real = database.Database.get\n"
        "database.Database.get = lambda self, key, arrays=(), use=True: (read.append(key.split(':')[0]), real(self, key, arrays, use))[1]\n"
    )
    report = (
        "import json\n"
        f"modules = sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules)\n"
        "print(json.dumps([sorted(set(read)), modules, read.count('plan')]), file=sys.stderr)\n"
    )
    first = run_probed(["search", "jobs", "--format", "json"], env, setup, report)
    again = run_probed(["search", "jobs", "--format", "json"], env, setup, report)
    assert again.stdout == first.stdout and json.loads(again.stdout)["rows"]
    kinds, modules, plans_read = json.loads(again.stderr.strip().splitlines()[-1])
    assert modules == []
    assert "vectors" not in kinds and {"search", "postings"} <= set(kinds)
    councils = {row["council"] for row in json.loads(again.stdout)["rows"]}
    assert plans_read == len(councils)  # the plans of the results, and only theirs


@pytest.mark.parametrize("damage", ["bucket-missing", "bucket-rows-out-of-range", "index-missing", "index-shape",
                                    "planted-values", "planted-arrays"])
def test_a_damaged_or_planted_search_index_gives_the_uncached_results(runner: CliRunner, plan_copy: Path,
                                                                     cache_home: Path, tmp_path: Path, damage: str) -> None:
    import pickle

    marker = tmp_path / "pwned"

    class Runs:
        def __reduce__(self):
            return (Path.touch, (marker,))

    payload = pickle.dumps(Runs())
    expected = {tuple(command): _run(runner, plan_copy, "--no-cache", *command) for command in SEARCHES}
    for command in SEARCHES:
        _run(runner, plan_copy, *command)
    statements = {
        "bucket-missing": ("DELETE FROM entries WHERE kind = 'postings'",),
        "bucket-rows-out-of-range": (
            "UPDATE arrays SET data = ?, shape = '[1]' WHERE name = 'rows' AND entry IN (SELECT key FROM entries WHERE kind = 'postings')",
            ((10 ** 6).to_bytes(4, "little"),)),
        "index-missing": ("DELETE FROM entries WHERE kind = 'search'",),
        "index-shape": ("UPDATE arrays SET data = x'', shape = '[0]' WHERE name = 'order'",),
        "planted-values": ("UPDATE entries SET value = ? WHERE kind IN ('search', 'postings')", (payload,)),
        "planted-arrays": (
            "UPDATE arrays SET data = ?, shape = ? WHERE entry IN (SELECT key FROM entries WHERE kind IN ('search', 'postings'))",
            (payload[:len(payload) // 8 * 8], f"[{len(payload) // 8}]")),
    }
    _execute(cache_home, statements[damage])
    for command in SEARCHES:
        assert _run(runner, plan_copy, *command) == expected[tuple(command)], command
    assert not marker.exists()


def test_parallel_first_searches_agree(plan_copy: Path, tmp_path: Path) -> None:
    """Several searches that all find no search index build and store it at once: each gives the
    uncached results, and so does the run after them."""
    import subprocess
    import sys

    from support import subprocess_env

    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "shared"), PLANCOMPARE_PLANS_DIR=str(plan_copy))
    subprocess.run([sys.executable, "-m", "plancompare", "themes"], env=env, capture_output=True, check=True)
    command = [sys.executable, "-m", "plancompare", "search", "good jobs and homes", "--format", "json"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(run.communicate(timeout=110), run.returncode) for run in runs]
    expected = subprocess.run([*command[:3], "--no-cache", *command[3:]], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(expected)["rows"]
    assert [code for _, code in results] == [0] * 4
    assert [stderr for (_, stderr), _ in results] == [""] * 4
    assert {stdout for (stdout, _), _ in results} == {expected}
    assert subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout == expected
