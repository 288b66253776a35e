"""The export database: every table filled from the index, linked by foreign keys, described, searchable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from plancompare.matching.align import similarity
from plancompare.output.export import TABLES, write_database
from plancompare.workspace import Workspace
from support import VALID_PLANS


def _export(tmp_path: Path, threshold: float = 0.3) -> tuple[sqlite3.Connection, object]:
    workspace = Workspace(VALID_PLANS, use_cache=False)
    index = workspace.index()
    write_database(tmp_path / "out.db", index, workspace.plans(), threshold)
    return sqlite3.connect(tmp_path / "out.db"), index


def test_every_item_with_its_themes_indicators_and_trace(tmp_path: Path) -> None:
    connection, index = _export(tmp_path)
    items = {row[0]: row for row in connection.execute("SELECT id, kind, text, source_file, plan_file FROM items")}
    assert set(items) == {item.id for item in index.items}
    for item in index.items:
        assert items[item.id][1:3] == (item.kind, item.text)
        ranked = connection.execute("SELECT theme_id, score FROM item_themes WHERE item_id = ? ORDER BY rank", (item.id,)).fetchall()
        assert ranked == [(score.theme, score.score) for score in index.themes_of(item)]
    assert {row[3] for row in items.values()} == {plan.source.file for plan in index.plans}
    indicators = connection.execute("SELECT item_id, local_value, comparator_value, unit, year FROM indicators").fetchall()
    expected = [(i.id, i.local_value, i.comparator_value, i.unit, i.year) for i in index.items if i.kind == "indicator"]
    assert sorted(indicators) == sorted(expected) and expected
    assert any(isinstance(value, float) for _, value, *_ in indicators)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_matches_are_every_pair_at_or_above_the_threshold(tmp_path: Path) -> None:
    connection, index = _export(tmp_path, threshold=0.15)
    a, b = index.plans
    scores = similarity(index, a.items(), b.items())
    expected = {(left.id, right.id) for r, left in enumerate(a.items()) for c, right in enumerate(b.items())
                if index.config.is_match(float(scores[r, c]), 0.15)}
    rows = connection.execute("SELECT item_id, other_item_id, score, shared_terms FROM matches WHERE council_id = ?",
                              (a.council.id,)).fetchall()
    assert expected and {(x, y) for x, y, _, _ in rows} == expected
    assert all(score >= 0.15 and isinstance(json.loads(terms), list) for _, _, score, terms in rows)
    # Both ways round.
    assert connection.execute("SELECT count(*) FROM matches").fetchone() == (2 * len(expected),)
    connection.close()


def test_full_text_search_and_column_descriptions(tmp_path: Path) -> None:
    import sqlite_utils

    connection, _ = _export(tmp_path)
    found = connection.execute("SELECT items.id FROM items_fts JOIN items ON items.rowid = items_fts.rowid "
                               "WHERE items_fts MATCH 'tree'").fetchall()
    assert found and all("trees" in text.lower() or "tree" in text.lower() for (text,) in
                         connection.execute("SELECT text FROM items WHERE id IN (%s)" % ",".join("?" * len(found)), [f for (f,) in found]))
    described = set(connection.execute("SELECT [table], [column] FROM _columns WHERE [column] != ''").fetchall())
    assert described == {(table, column) for table, columns in TABLES.items() for column, _, _ in columns}
    connection.close()
    database = sqlite_utils.Database(tmp_path / "out.db")
    assert database["items"].detect_fts() == "items_fts"
    assert {fk.other_table for fk in database["item_themes"].foreign_keys} == {"items", "themes"}
    assert list(database["items"].search("trees", limit=1))
