"""Refitting from a recent index after an edit: the edited council alone is weighted again when that
is exact, every other council's entries are shared with the earlier index and kept while it is in
use, and every command says exactly what it says without the cache."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import run_json
from plancompare.store import database as db

COMMANDS = [["themes"], ["diff", "northdale", "southmoor"], ["diff", "southmoor", "northdale"], ["search", "trees"],
            ["search", "revised2"], ["items"], ["indicators"], ["neighbours", "northdale"]]


def _run(runner: CliRunner, plans: Path, *args: str) -> str:
    return run_json(runner, plans, *args)


def _latest_origins(cache_home: Path) -> tuple[str, list[str]]:
    """The key of the index used last and its councils' origins."""
    connection = sqlite3.connect(cache_home / "plancompare.db")
    try:
        key, value = connection.execute("SELECT key, value FROM entries WHERE kind = 'index' ORDER BY used DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    return key.split(":", 1)[1], json.loads(value)["origins"]


def _prefix(path: Path, prefix: str) -> None:
    """Put ``prefix`` before the text of the plan's first item."""
    text = path.read_text(encoding="utf-8")
    head, mark, rest = text.partition("text: ")
    path.write_text(head + mark + prefix + rest, encoding="utf-8")


def _same_as_without_cache(runner: CliRunner, plans: Path) -> None:
    for command in COMMANDS:
        assert _run(runner, plans, *command) == _run(runner, plans, "--no-cache", *command), command


def test_an_edit_adding_words_no_other_text_holds_weights_that_council_alone(runner: CliRunner, plan_copy: Path,
                                                                             cache_home: Path) -> None:
    southmoor = plan_copy / "southmoor.yaml"
    _prefix(southmoor, "Revised1 ")
    _run(runner, plan_copy, "themes")
    first, _ = _latest_origins(cache_home)
    # The item holds "Revised1" already: "Revised2" brings only n-grams no other text has.
    _prefix(southmoor, "Revised2 ")
    _run(runner, plan_copy, "themes")
    key, origins = _latest_origins(cache_home)
    assert key != first and origins == [first, key]  # northdale's entries are the first index's
    _same_as_without_cache(runner, plan_copy)
    # And again, from the index that was itself refitted: its column maps are composed.
    _prefix(southmoor, "Revised3 ")
    _run(runner, plan_copy, "themes")
    third, origins = _latest_origins(cache_home)
    assert origins == [first, third]
    _same_as_without_cache(runner, plan_copy)


def test_an_edit_that_moves_other_councils_weights_fits_everything(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    _run(runner, plan_copy, "themes")
    southmoor = plan_copy / "southmoor.yaml"
    southmoor.write_text(southmoor.read_text(encoding="utf-8").replace("plant 20,000 trees", "plant 20,000 trees and build homes", 1),
                         encoding="utf-8")
    _run(runner, plan_copy, "themes")
    key, origins = _latest_origins(cache_home)
    assert origins == [key, key]
    _same_as_without_cache(runner, plan_copy)


def test_edits_of_two_councils_in_turn_share_the_rest(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    for name in ("southmoor", "northdale"):
        _prefix(plan_copy / f"{name}.yaml", "Revised1 ")
    _run(runner, plan_copy, "themes")
    first, _ = _latest_origins(cache_home)
    _prefix(plan_copy / "southmoor.yaml", "Revised2 ")
    _run(runner, plan_copy, "themes")
    second, _ = _latest_origins(cache_home)
    # ("Revised2" is southmoor's now: northdale's new word is another.)
    _prefix(plan_copy / "northdale.yaml", "Revised3 ")
    _run(runner, plan_copy, "themes")
    third, origins = _latest_origins(cache_home)
    assert origins == [third, second]
    _same_as_without_cache(runner, plan_copy)


def test_shared_entries_outlive_the_index_that_wrote_them(runner: CliRunner, plan_copy: Path, cache_home: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    southmoor = plan_copy / "southmoor.yaml"
    _prefix(southmoor, "Revised1 ")
    _run(runner, plan_copy, "themes")
    first, _ = _latest_origins(cache_home)
    for edit in range(2, 2 + db.KEEP_SETS + 2):
        _prefix(southmoor, f"Revised{edit} ")
        _run(runner, plan_copy, "themes")
    # The first index is long pruned, but northdale's entries it wrote are still in use.
    connection = sqlite3.connect(cache_home / "plancompare.db")
    try:
        assert connection.execute("SELECT count(*) FROM entries WHERE key = ?", (f"index:{first}",)).fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM entries WHERE key = ?", (f"themes:{first}:northdale",)).fetchone() == (1,)
    finally:
        connection.close()
    from plancompare.matching import fit

    monkeypatch.setattr(fit, "fitted_index", lambda *args, **kwargs: pytest.fail("fitted again"))
    for command in COMMANDS:
        _run(runner, plan_copy, *command)


def test_a_damaged_column_map_is_noticed_and_everything_fitted_again(runner: CliRunner, plan_copy: Path, cache_home: Path) -> None:
    southmoor = plan_copy / "southmoor.yaml"
    _prefix(southmoor, "Revised1 ")
    _run(runner, plan_copy, "themes")
    _prefix(southmoor, "Revised2 ")
    _run(runner, plan_copy, "themes")
    connection = sqlite3.connect(cache_home / "plancompare.db")
    try:
        with connection:
            # Every column moved past the end of the words: a block read through it would point nowhere.
            changed = connection.execute("UPDATE arrays SET data = ? WHERE entry LIKE 'colmap:%' AND name = 'words'",
                                         (b"\xff\xff\xff\x7f" * 4096,)).rowcount
    finally:
        connection.close()
    assert changed == 1
    _same_as_without_cache(runner, plan_copy)
