"""Where the cache database lives: one file, plancompare.db, in the platform's user cache directory.

On Linux and other XDG systems that is $XDG_CACHE_HOME/plancompare, or ~/.cache/plancompare. The XDG
base-directory rules say a relative $XDG_CACHE_HOME is invalid and must be ignored, and a home
directory that does not exist is no place to create one, so both are refused here rather than
honoured (platformdirs, used on macOS and Windows, follows neither rule). With no usable directory
the run goes without a cache.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATABASE_NAME = "plancompare.db"


def cache_dir() -> Path | None:
    """The directory of the cache, or None when there is no usable one (no home directory)."""
    if sys.platform in ("darwin", "win32"):
        import platformdirs

        return Path(platformdirs.user_cache_dir("plancompare", appauthor=False))
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "plancompare"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no entry in the password database
        return None
    if not home.is_absolute() or not home.is_dir():
        return None
    return home / ".cache" / "plancompare"


def database_path() -> Path | None:
    """The cache database's file, or None when there is no usable cache directory."""
    directory = cache_dir()
    return directory / DATABASE_NAME if directory is not None else None
