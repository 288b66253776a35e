"""plancompare cache info|clear: looking after the store of parsed plans and computed results."""

from __future__ import annotations

import click


@click.group("cache")
def cache_group() -> None:
    """Look after the cache of parsed plans and computed themes ($XDG_CACHE_HOME/plancompare).

    \b
    Examples:
      plancompare cache info
      plancompare cache clear
    """


@cache_group.command("info")
def cache_info() -> None:
    """Show where the cache is and how much it holds.

    \b
    Example:
      plancompare cache info
    """
    from plancompare.cli import streams
    from plancompare.store import cache

    files = cache.entries()
    size = sum(path.stat().st_size for path in files)
    streams.write(f"{cache.cache_dir()}: {len(files)} entries, {size / 1e6:.1f} MB\n")


@cache_group.command("clear")
def cache_clear() -> None:
    """Remove every cache entry; the next run rebuilds what it needs.

    \b
    Example:
      plancompare cache clear
    """
    from plancompare.cli import streams
    from plancompare.store import cache

    removed, size = cache.clear()
    streams.write(f"Removed {removed} entries ({size / 1e6:.1f} MB) from {cache.cache_dir()}\n")
