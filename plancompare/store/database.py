"""The cache database: one SQLite file (WAL mode) of entries, each a JSON value with any number of
named arrays stored as raw little-endian bytes (see codec). Nothing in it is ever unpickled.

- entries(key, kind, value JSON, bytes, used): ``used`` is when a run last read or wrote it.
- arrays(entry, name, dtype, shape, data): an entry's arrays, deleted with it.
- sets(key, used) and set_entries(set, entry): which entries each set of inputs (the plan files'
  and the taxonomy's bytes, with plancompare's code) has used. Pruning keeps the entries of the
  last KEEP_SETS sets used and then, least recently used first, whatever brings the file under
  the size cap.

Every write is one transaction, so a run killed in the middle of one (SIGTERM, SIGHUP, a power cut)
leaves the database as it was before it: no partial entry and no temporary file. Concurrent runs
take turns at writing (a busy timeout) and read without waiting. A file that is not a plancompare
cache, or is corrupt, is moved aside and a new one started, with one warning line; a database that
cannot be opened or written at all is skipped, and the run goes without a cache.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from plancompare.store import location

#: Identifies plancompare's cache ("plnc") and its layout; anything else is moved aside.
APPLICATION_ID = 0x706C6E63
SCHEMA_VERSION = 1
KEEP_SETS = 2
SIZE_CAP = 1_000_000_000
BUSY_TIMEOUT_MS = 60_000
#: How long to wait before looking again at a database that looked unusable.
AGAIN_AFTER_SECONDS = 0.25
PAGE_SIZE = 65_536

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, bytes INTEGER NOT NULL, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS arrays (
    entry TEXT NOT NULL REFERENCES entries(key) ON DELETE CASCADE, name TEXT NOT NULL,
    dtype TEXT NOT NULL, shape TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (entry, name));
CREATE TABLE IF NOT EXISTS sets (key TEXT PRIMARY KEY, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS set_entries (
    set_key TEXT NOT NULL REFERENCES sets(key) ON DELETE CASCADE, entry TEXT NOT NULL,
    PRIMARY KEY (set_key, entry)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_use ON entries(used);
"""

_warned: set[str] = set()


def warn(message: str) -> None:
    """One warning line on standard error, at most once per run for each message."""
    if message in _warned:
        return
    _warned.add(message)
    try:
        sys.stderr.write(f"Warning: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class Database:
    """An open cache database, or a closed one (``connection`` None) that stores nothing."""

    def __init__(self, path: Path | None):
        self.path = path
        self.connection: Any = None
        self._used: set[str] = set()
        self._set: str | None = None
        if path is not None:
            self.connection = _open(path)

    @property
    def open(self) -> bool:
        return self.connection is not None

    def use_set(self, key: str) -> None:
        """Name the set of inputs this run works on; what it reads and writes is counted as used by it."""
        self._set = key

    def get(self, key: str, arrays: Iterable[str] = (), use: bool = True) -> tuple[Any, dict[str, tuple[str, str, bytes]]] | None:
        """The entry ``key``: (its JSON value, {name: (dtype, shape, bytes)} for the arrays named),
        or None when it is missing, incomplete or unreadable. Unless ``use`` is False (a look at an
        earlier set's entry), it counts as used by this run's set."""
        if self.connection is None:
            return None
        try:
            row = self.connection.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            names = list(arrays)
            found: dict[str, tuple[str, str, bytes]] = {}
            if names:
                marks = ",".join("?" * len(names))
                for name, dtype, shape, data in self.connection.execute(
                        f"SELECT name, dtype, shape, data FROM arrays WHERE entry = ? AND name IN ({marks})", (key, *names)):
                    found[name] = (dtype, shape, data)
                if len(found) != len(set(names)):
                    return None
            value = json.loads(row[0])
        except self._errors() as error:
            self._failed(error)
            return None
        except (ValueError, RecursionError):
            return None
        if use:
            self._used.add(key)
        return value, found

    def recent(self, kind: str, limit: int) -> list[str]:
        """The keys of the ``limit`` entries of ``kind`` used last, latest first (none when closed or unreadable)."""
        if self.connection is None:
            return []
        try:
            return [key for (key,) in self.connection.execute(
                "SELECT key FROM entries WHERE kind = ? ORDER BY used DESC LIMIT ?", (kind, limit))]
        except self._errors() as error:
            self._failed(error)
            return []

    def keep(self, keys: Iterable[str]) -> None:
        """Count entries as used by this run without reading them (what a set shares with an earlier
        one), so that pruning keeps them while this set is kept."""
        self._used.update(keys)

    def put_many(self, records: Iterable[tuple[str, str, Any, dict[str, tuple[str, str, bytes]]]]) -> None:
        """Store entries (key, kind, JSON value, {name: (dtype, shape, bytes)}), all in one
        transaction; a cache that cannot be written is skipped, not an error."""
        if self.connection is None:
            return
        now = time.time()
        try:
            with self._transaction() as connection:
                for key, kind, value, arrays in records:
                    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
                    size = len(text) + sum(len(data) for _, _, data in arrays.values())
                    connection.execute("DELETE FROM entries WHERE key = ?", (key,))
                    connection.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", (key, kind, text, size, now))
                    connection.executemany("INSERT INTO arrays VALUES (?, ?, ?, ?, ?)",
                                           [(key, name, *record) for name, record in arrays.items()])
                    self._link(connection, [key], now)
        except self._errors() as error:
            self._failed(error)

    def finish(self) -> None:
        """Record what this run used, prune what no recent set uses, and close."""
        if self.connection is None:
            return
        try:
            with self._transaction() as connection:
                self._link(connection, sorted(self._used), time.time())
            if self._set is not None:
                prune(self.connection)
        except self._errors():
            pass
        finally:
            self.close()

    def _failed(self, error: Exception) -> None:
        """After an error: a damaged file is moved aside and a new database opened; anything else
        (a full disk, a lock held too long) only skips this read or write."""
        if self.path is not None and _looks_corrupt(error):
            self.close()
            if _move_aside(self.path, f"is damaged ({error})"):
                self.connection = _open(self.path)

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except self._errors():
                pass
            self.connection = None

    def _link(self, connection, keys: list[str], now: float) -> None:
        if keys:
            connection.executemany("UPDATE entries SET used = ? WHERE key = ?", [(now, key) for key in keys])
        if self._set is not None:
            connection.execute("INSERT INTO sets VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET used = excluded.used",
                               (self._set, now))
            connection.executemany("INSERT OR IGNORE INTO set_entries VALUES (?, ?)", [(self._set, key) for key in keys])

    def _transaction(self):
        import contextlib

        @contextlib.contextmanager
        def transaction():
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                self.connection.rollback()
                raise
            self.connection.commit()

        return transaction()

    @staticmethod
    def _errors():
        import sqlite3

        return sqlite3.Error


def prune(connection, keep_sets: int = KEEP_SETS, size_cap: int = SIZE_CAP) -> tuple[int, int]:
    """Delete the entries no recent set uses (keeping the last ``keep_sets``), then the least
    recently used ones while the entries hold more than ``size_cap`` bytes; returns (entries,
    bytes) removed. Freed pages go back to the file system."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("DELETE FROM sets WHERE key NOT IN (SELECT key FROM sets ORDER BY used DESC LIMIT ?)", (keep_sets,))
        doomed = connection.execute(
            "SELECT key, bytes FROM entries WHERE key NOT IN (SELECT entry FROM set_entries)").fetchall()
        total = connection.execute("SELECT COALESCE(SUM(bytes), 0) FROM entries").fetchone()[0] - sum(size for _, size in doomed)
        if total > size_cap:
            gone = {key for key, _ in doomed}
            for key, size in connection.execute("SELECT key, bytes FROM entries ORDER BY used"):
                if total <= size_cap:
                    break
                if key not in gone:
                    doomed.append((key, size))
                    total -= size
        connection.executemany("DELETE FROM entries WHERE key = ?", [(key,) for key, _ in doomed])
        connection.executemany("DELETE FROM set_entries WHERE entry = ?", [(key,) for key, _ in doomed])
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    if doomed:
        # executescript steps the pragma to its end (execute frees one page per call).
        connection.executescript("PRAGMA incremental_vacuum;")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(doomed), sum(size for _, size in doomed)


def _open(path: Path):
    """A connection to the cache database at ``path``, made and checked; None when it cannot be
    used. A corrupt or foreign file is moved aside (once, if it still looks so a moment later) and a
    new database made in its place."""
    import sqlite3

    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            warn(f"cannot make the cache directory {path.parent} ({error.strerror or error}); running without a cache")
            return None
        connection = None
        try:
            connection = _connect(path)
            if _prepare(connection):
                return connection
            reason = "is not a plancompare cache"
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and not _looks_corrupt(error):
                if connection is not None:
                    connection.close()
                # Unwritable, locked for too long, out of space: go without a cache.
                warn(f"cannot use the cache {path} ({error}); running without a cache")
                return None
            reason = f"is damaged ({error})"
        if connection is not None:
            connection.close()
        if attempt:
            return None
        if not _still_unusable(path):
            continue  # another run has just finished making it: open it as it now is
        if not _move_aside(path, reason):
            return None
    return None


def _still_unusable(path: Path) -> bool:
    """Whether the database at ``path`` is still unusable a moment later. Another run may be making
    it at this very instant (eight runs started together on an empty cache), and a file caught
    half-made must not be moved aside from under it; a damaged or foreign file stays as it is."""
    import sqlite3

    time.sleep(AGAIN_AFTER_SECONDS)
    connection = None
    try:
        connection = _connect(path)
        usable = _stamp(connection) == (APPLICATION_ID, SCHEMA_VERSION)
    except sqlite3.Error:
        usable = False
    finally:
        if connection is not None:
            connection.close()
    return not usable


def _connect(path: Path):
    """A connection to ``path`` that waits for other runs' locks (autocommit: transactions are explicit)."""
    import sqlite3

    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _stamp(connection) -> tuple[int, int]:
    """The database's application id and schema version (0, 0 for a new, empty file)."""
    return (connection.execute("PRAGMA application_id").fetchone()[0],
            connection.execute("PRAGMA user_version").fetchone()[0])


def _looks_corrupt(error: Exception) -> bool:
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _prepare(connection) -> bool:
    """Make a new database's tables, or check an existing one is ours; False when it is not."""
    application, version = _stamp(connection)
    if application == APPLICATION_ID and version == SCHEMA_VERSION:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
        # Builds of SQLite made with SECURE_DELETE (Python's own, here) overwrite every page an
        # entry leaves with zeros: pruning a set of 400 councils' vectors wrote half a gigabyte of
        # them, for a cache of what the plan files already say. Freed pages are reused or vacuumed.
        connection.execute("PRAGMA secure_delete = OFF")
        # Damage found later, by a read or a write, moves the file aside then (Database._failed):
        # checking the whole file here would cost a full read on every run.
        connection.execute("SELECT count(*) FROM sets").fetchone()
        return True
    if application == 0 and version == 0:
        # Both only take effect on a database with no tables yet, outside a transaction, the page
        # size first. Large pages: most of the bytes are vector blocks of hundreds of kilobytes,
        # whose chains of overflow pages are walked page by page when written, deleted, vacuumed.
        # Incremental vacuum: pruned entries give their pages back to the file system instead of
        # leaving a high-water mark.
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another run may have made it while this one waited for the lock.
            if connection.execute("PRAGMA application_id").fetchone()[0] == 0:
                if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    connection.rollback()
                    return False
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        return _prepare(connection)
    return False


def _move_aside(path: Path, reason: str) -> bool:
    """Rename a database that cannot be used, so that a new one can be made; False if it cannot be."""
    aside = path.with_name(f"{path.name}.unusable-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return True  # another run moved it already
    except OSError:
        warn(f"the cache {path} {reason}; running without a cache (remove the file to start a new one)")
        return False
    for suffix in ("-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
    warn(f"the cache {path} {reason}; moved it to {aside.name} and started a new one")
    return True


def open_database(enabled: bool = True) -> Database:
    """The user's cache database (a closed one when ``enabled`` is False or there is nowhere to
    keep it, which is said once)."""
    if not enabled:
        return Database(None)
    path = location.database_path()
    if path is None:
        warn("no usable cache directory (no home directory, and no absolute XDG_CACHE_HOME); running without a cache")
        return Database(None)
    return Database(path)
