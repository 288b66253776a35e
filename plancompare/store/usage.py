"""How much the cache database holds: the size of its files, its entries and its sets of inputs
(``plancompare cache info``), read without opening it for writing."""

from __future__ import annotations

import os
from pathlib import Path

from plancompare.store.database import APPLICATION_ID, BUSY_TIMEOUT_MS


def statistics(path: Path) -> dict[str, int]:
    """The size of the database's files, and how many entries and sets it holds."""
    import sqlite3

    size = sum(os.path.getsize(f"{path}{suffix}") for suffix in ("", "-wal") if os.path.isfile(f"{path}{suffix}"))
    counts = {"bytes": size, "entries": 0, "sets": 0}
    if not path.is_file():
        return counts
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            if connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                counts["entries"] = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
                counts["sets"] = connection.execute("SELECT count(*) FROM sets").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        pass
    return counts
