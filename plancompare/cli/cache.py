"""plancompare cache info|clear|prune: looking after the database of parsed plans and computed results."""

from __future__ import annotations

import click


@click.group("cache")
def cache_group() -> None:
    """Look after the cache of parsed plans, themes and vectors (one SQLite file, plancompare.db, in
    $XDG_CACHE_HOME/plancompare or ~/.cache/plancompare).

    \b
    Examples:
      plancompare cache info
      plancompare cache prune
      plancompare cache clear
    """


def _database_path():
    from plancompare.store import location

    path = location.database_path()
    if path is None:
        raise click.ClickException("no usable cache directory (no home directory, and no absolute XDG_CACHE_HOME)")
    return path


@cache_group.command("info")
def cache_info() -> None:
    """Show where the cache is, its size, and how many entries and sets of inputs it holds.

    \b
    Example:
      plancompare cache info
    """
    from plancompare.cli import streams
    from plancompare.store.usage import statistics

    path = _database_path()
    counts = statistics(path)
    entries, sets = counts["entries"], counts["sets"]
    streams.write(f"{path}: {entries} {'entry' if entries == 1 else 'entries'} from {sets} "
                  f"{'set' if sets == 1 else 'sets'} of inputs, {counts['bytes'] / 1e6:.1f} MB\n")


@cache_group.command("prune")
@click.option("--keep", type=click.IntRange(min=0), default=2, show_default=True,
              help="How many of the most recently used sets of inputs to keep.")
def cache_prune(keep: int) -> None:
    """Remove the entries no recent run used (every run prunes too, keeping the last 2 sets of
    inputs and at most 1 GB).

    \b
    Example:
      plancompare cache prune --keep 1
    """
    from plancompare.cli import streams
    from plancompare.store.database import Database, prune

    path = _database_path()
    database = Database(path) if path.is_file() else Database(None)
    if not database.open:
        streams.write(f"{path}: nothing to prune\n")
        return
    try:
        removed, size = prune(database.connection, keep_sets=keep)
    except Exception as error:  # sqlite3.Error: locked for a minute, read-only, full
        raise click.ClickException(f"cannot prune the cache {path}: {error}") from None
    finally:
        database.close()
    streams.write(f"Removed {removed} entries ({size / 1e6:.1f} MB) from {path}\n")


@cache_group.command("clear")
def cache_clear() -> None:
    """Remove the cache database (and any damaged one moved aside); the next run rebuilds what it needs.

    \b
    Example:
      plancompare cache clear
    """
    import os

    from plancompare.cli import streams
    from plancompare.store.usage import statistics

    path = _database_path()
    counts = statistics(path)
    size = 0
    targets = [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]
    if path.parent.is_dir():
        targets += sorted(path.parent.glob(f"{path.name}.unusable-*"))
    for target in targets:
        if not os.path.lexists(target):
            continue
        if target.is_dir() and not target.is_symlink():
            raise click.ClickException(f"{target} is a directory, not the cache database (move it away)")
        try:
            size += target.lstat().st_size
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise click.ClickException(f"cannot remove {target}: {error.strerror or error}") from None
    streams.write(f"Removed {counts['entries']} entries ({size / 1e6:.1f} MB) from {path}\n")
