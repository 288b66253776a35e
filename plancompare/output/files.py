"""Writing output files so that a failed or interrupted run never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from plancompare.errors import PlancompareError


class OutputError(PlancompareError):
    """The output file could not be written."""


def _mode_for(path: Path) -> int:
    """The permissions the file should have: an existing file's own, else the usual 0666 less the
    umask (mkstemp makes its files 0600, which would hide a report from everyone else)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to a temporary file beside ``path``, then rename it over ``path``.

    An existing file is replaced only once the new one is complete.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory (give a file name)")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: directory '{directory}' does not exist (create it first)")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
