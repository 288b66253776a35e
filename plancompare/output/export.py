"""`plancompare export FILE.db`: every plan, item, theme score, match and indicator as one SQLite
database, for people who analyse rather than read (Datasette, sqlite-utils, any SQL client).

Tables are linked by foreign keys; every column is described in the ``_columns`` table (and in a
comment in its table's CREATE statement, which Datasette shows with the schema); ``items_fts`` is
an FTS5 index over item text (porter stemmer) in the external-content form Datasette and
sqlite-utils recognise, so `datasette FILE.db` offers a search box on ``items``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from plancompare.matching.index import Index
from plancompare.paths import display_path
from plancompare.plans.model import Plan

#: table -> [(column, SQL type and constraints, description)], in order.
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "councils": [
        ("id", "TEXT PRIMARY KEY", "The council's id, as used throughout plancompare"),
        ("name", "TEXT NOT NULL", "Full name"),
        ("short_name", "TEXT NOT NULL", "Short name"),
        ("type", "TEXT NOT NULL", "Kind of authority (unitary, metropolitan borough, …)"),
        ("region", "TEXT NOT NULL", "Region of England"),
        ("aliases", "TEXT NOT NULL", "Other names the council goes by (JSON list)"),
    ],
    "plans": [
        ("council_id", "TEXT PRIMARY KEY REFERENCES councils(id)", "The council whose plan it is"),
        ("title", "TEXT NOT NULL", "The plan's title"),
        ("subtitle", "TEXT", "Subtitle, if any"),
        ("period_start", "INTEGER NOT NULL", "First year the plan covers"),
        ("period_end", "INTEGER", "Last year the plan covers (empty: not stated)"),
        ("published", "TEXT", "When it was published, as the plan says"),
        ("source_title", "TEXT NOT NULL", "Title of the source document"),
        ("source_publisher", "TEXT NOT NULL", "Who published the source document"),
        ("source_licence", "TEXT NOT NULL", "The source's licence"),
        ("source_year", "INTEGER", "Year of the source document"),
        ("source_url", "TEXT", "Where the source document was found"),
        ("source_file", "TEXT NOT NULL", "The plain-text extraction the plan was curated from (data/sources/)"),
        ("plan_file", "TEXT", "The plan file (YAML) the plan was read from"),
    ],
    "priorities": [
        ("id", "TEXT PRIMARY KEY", "The priority's id"),
        ("council_id", "TEXT NOT NULL REFERENCES councils(id)", "The council whose plan it is in"),
        ("position", "INTEGER NOT NULL", "Its place in the plan (0 first)"),
        ("number", "INTEGER", "Its number in the plan, if it has one"),
        ("role", "TEXT NOT NULL", "'priority', or 'cross-cutting' for an enabler or cross-cutting section"),
        ("title", "TEXT NOT NULL", "Title"),
        ("summary", "TEXT", "Summary, if the plan gives one"),
    ],
    "themes": [
        ("id", "TEXT PRIMARY KEY", "The theme's id"),
        ("label", "TEXT NOT NULL", "Label"),
        ("description", "TEXT NOT NULL", "What the theme covers"),
        ("position", "INTEGER NOT NULL", "Its place in the taxonomy"),
    ],
    "items": [
        ("id", "TEXT PRIMARY KEY", "The item's id (council.priority.kind.N)"),
        ("council_id", "TEXT NOT NULL REFERENCES councils(id)", "The council whose plan it is in"),
        ("priority_id", "TEXT REFERENCES priorities(id)", "The priority it is under (empty for vision, values, principles)"),
        ("position", "INTEGER NOT NULL", "Its place in the plan (0 first)"),
        ("kind", "TEXT NOT NULL", "vision, value, principle, outcome, objective, commitment, difference, target, ask, challenge or indicator"),
        ("name", "TEXT", "Its name, if it has one"),
        ("heading", "TEXT", "The heading it appears under in the source"),
        ("ref", "TEXT", "The plan's own reference for it"),
        ("text", "TEXT NOT NULL", "The text, word for word as in the source"),
        ("top_theme_id", "TEXT REFERENCES themes(id)", "Its best theme (empty: unclassified)"),
        ("source_file", "TEXT NOT NULL", "Source trace: the plain-text source the text was curated from"),
        ("plan_file", "TEXT", "Source trace: the plan file it was read from"),
    ],
    "item_themes": [
        ("item_id", "TEXT NOT NULL REFERENCES items(id)", "The item"),
        ("rank", "INTEGER NOT NULL", "1 for the item's best theme, 2 for the next, …"),
        ("theme_id", "TEXT NOT NULL REFERENCES themes(id)", "The theme"),
        ("score", "REAL NOT NULL", "How strongly the item belongs to the theme, 0-1"),
    ],
    "matches": [
        ("item_id", "TEXT NOT NULL REFERENCES items(id)", "An item"),
        ("other_item_id", "TEXT NOT NULL REFERENCES items(id)", "An item of another council that says much the same"),
        ("council_id", "TEXT NOT NULL REFERENCES councils(id)", "item_id's council"),
        ("other_council_id", "TEXT NOT NULL REFERENCES councils(id)", "other_item_id's council"),
        ("score", "REAL NOT NULL", "Similarity, 0-1, as `diff` shows it"),
        ("shared_terms", "TEXT NOT NULL", "The terms that contribute most to the score (JSON list)"),
    ],
    "indicators": [
        ("item_id", "TEXT PRIMARY KEY REFERENCES items(id)", "The indicator (an item of kind indicator)"),
        ("council_id", "TEXT NOT NULL REFERENCES councils(id)", "The council that measures it"),
        ("local", "TEXT", "The local figure as printed"),
        ("local_value", "REAL", "The local figure as a number, where it is one"),
        ("comparator_label", "TEXT", "What it is compared with (national average, …)"),
        ("comparator", "TEXT", "The comparator's figure as printed"),
        ("comparator_value", "REAL", "The comparator's figure as a number, where it is one"),
        ("gap", "TEXT", "The gap as printed"),
        ("unit", "TEXT", "Unit of the figures"),
        ("year", "TEXT", "Year (or period) of the figures"),
    ],
}
PRIMARY_KEYS = {"item_themes": "item_id, rank", "matches": "item_id, other_item_id"}
DESCRIPTIONS = {
    "councils": "The councils whose plans are compared",
    "plans": "Each council's corporate plan and its source",
    "priorities": "The priorities and cross-cutting sections of each plan",
    "themes": "The theme taxonomy items are sorted into",
    "items": "Everything a plan says: vision, values, outcomes, commitments, indicators, …",
    "item_themes": "Each item's ranked themes with their scores",
    "matches": "Every pair of items of different councils scoring at or above the threshold (both ways round)",
    "indicators": "Performance indicators with their local and comparator figures",
}


def _create(table: str) -> str:
    lines = [f"    [{name}] {kind}, -- {text}" for name, kind, text in TABLES[table]]
    if table in PRIMARY_KEYS:
        lines.append(f"    PRIMARY KEY ({PRIMARY_KEYS[table]})")
    else:
        lines[-1] = lines[-1].replace(", --", " --", 1)
    return f"CREATE TABLE [{table}] ( -- {DESCRIPTIONS[table]}\n" + "\n".join(lines) + "\n)"


def _insert(connection, table: str, rows) -> None:
    marks = ", ".join("?" * len(TABLES[table]))
    connection.executemany(f"INSERT INTO [{table}] VALUES ({marks})", rows)


def write_database(path: Path, index: Index, plans: Sequence[Plan], threshold: float) -> None:
    """Write the export of ``plans`` (with ``index``'s themes and matches at ``threshold``) as a new
    SQLite database at ``path``, which must not exist."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        for table in TABLES:
            connection.execute(_create(table))
        connection.execute("CREATE TABLE [_columns] (\n    [table] TEXT NOT NULL, [column] TEXT NOT NULL, "
                           "[description] TEXT NOT NULL,\n    PRIMARY KEY ([table], [column])\n)")
        connection.executemany("INSERT INTO [_columns] VALUES (?, ?, ?)",
                               [(table, "", DESCRIPTIONS[table]) for table in TABLES]
                               + [(table, name, text) for table, columns in TABLES.items() for name, _, text in columns])
        _fill(connection, index, plans, threshold)
        connection.execute("CREATE VIRTUAL TABLE [items_fts] USING fts5([text], content=[items], tokenize='porter')")
        connection.execute("INSERT INTO [items_fts] (rowid, [text]) SELECT rowid, [text] FROM [items]")
        for statement in ("CREATE INDEX items_by_council ON items(council_id)",
                          "CREATE INDEX item_themes_by_theme ON item_themes(theme_id)",
                          "CREATE INDEX matches_by_other ON matches(other_item_id)"):
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _fill(connection, index: Index, plans: Sequence[Plan], threshold: float) -> None:
    _insert(connection, "themes", [(theme.id, theme.label, theme.description, n) for n, theme in enumerate(index.themes)])
    for plan in plans:
        council, source = plan.council, plan.source
        plan_file = display_path(plan.path) if plan.path else None
        _insert(connection, "councils", [(council.id, council.name, council.short_name, council.type, council.region,
                                          json.dumps(list(council.aliases)))])
        _insert(connection, "plans", [(council.id, plan.title, plan.subtitle, plan.period.start, plan.period.end,
                                       plan.published, source.title, source.publisher, source.licence, source.year,
                                       source.url, source.file, plan_file)])
        _insert(connection, "priorities", [(p.id, council.id, n, p.number, p.role, p.title, p.summary)
                                           for n, p in enumerate(plan.priorities)])
        items = plan.items()
        ranked = [index.themes_of(item) for item in items]
        _insert(connection, "items", [
            (item.id, council.id, item.priority_id, n, item.kind, item.name, item.heading, item.ref, item.text,
             themes[0].theme if themes else None, source.file, plan_file)
            for n, (item, themes) in enumerate(zip(items, ranked))])
        _insert(connection, "item_themes", [(item.id, rank, score.theme, score.score) for item, themes in zip(items, ranked)
                                            for rank, score in enumerate(themes, start=1)])
        _insert(connection, "indicators", [
            (item.id, council.id, item.local, item.local_value, item.comparator_label, item.comparator,
             item.comparator_value, item.gap, item.unit, item.year) for item in items if item.kind == "indicator"])
    _insert(connection, "matches", _matches(index, plans, threshold))


def _matches(index: Index, plans: Sequence[Plan], threshold: float):
    """Every pair of items of two councils at or above the threshold, each pair both ways round."""
    import numpy as np

    from plancompare.matching.align import shared_terms, similarity

    for number, plan in enumerate(plans):
        left = plan.items()
        for other in plans[number + 1:]:
            right = other.items()
            if not left or not right:
                continue
            scores = similarity(index, left, right)
            for row, column in zip(*np.nonzero(scores >= threshold - 10 ** -index.config.score_digits)):
                score = float(scores[row, column])
                if not index.config.is_match(score, threshold):
                    continue
                a, b = left[row], right[column]
                terms = json.dumps(list(shared_terms(index, a, b)))
                shown = index.config.round(score)
                yield a.id, b.id, plan.council.id, other.council.id, shown, terms
                yield b.id, a.id, other.council.id, plan.council.id, shown, terms
