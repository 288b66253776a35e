"""How much the cache holds: file sizes, entries and sets, read without writing to it."""

from __future__ import annotations

from pathlib import Path

from plancompare.store import database as db
from plancompare.store.usage import statistics


def test_an_absent_cache_holds_nothing(tmp_path: Path) -> None:
    assert statistics(tmp_path / "plancompare.db") == {"bytes": 0, "entries": 0, "sets": 0}


def test_entries_and_sets_are_counted_and_the_file_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "plancompare.db"
    database = db.Database(path)
    database.use_set("one")
    database.put_many([(f"entry:{n}", "test", {"n": n}, {}) for n in range(3)])
    database.close()
    before = path.read_bytes()
    counts = statistics(path)
    assert counts["entries"] == 3 and counts["sets"] == 1 and counts["bytes"] >= len(before)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_cache_counts_only_its_size(tmp_path: Path) -> None:
    path = tmp_path / "plancompare.db"
    path.write_bytes(b"not a database at all" * 100)
    assert statistics(path) == {"bytes": 2100, "entries": 0, "sets": 0}
