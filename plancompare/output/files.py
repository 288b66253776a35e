"""Writing output files so that a failed or interrupted run never leaves half a file behind, and
never replaces what it should not: a device, a link, a file shared by hard links, or an input.

- A regular file (or a new one) is written to a temporary file beside it and renamed into place,
  keeping the old file's mode and owner; a symbolic link is followed, and its target written so.
- A file with more than one hard link is rewritten in place once the new text is ready, so that the
  links stay one file (a rename would split them).
- A device or FIFO (``/dev/stdout``, ``/dev/full``, a named pipe) is written straight through.
- A path that is one of the command's inputs (the same file by device and inode, whatever the path
  says) is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from plancompare.errors import PlancompareError


class OutputError(PlancompareError):
    """The output file could not be written."""


class UnsafeOutput(OutputError):
    """The output file is one that must not be overwritten: an input, or a file kept without --force."""

    exit_code = 2


def _mode_for(path: Path) -> int:
    """The permissions the file should have: an existing file's own, else the usual 0666 less the
    umask (mkstemp makes its files 0600, which would hide a report from everyone else)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def refuse_inputs(path: Path, inputs: Iterable[Path]) -> None:
    """Raise UnsafeOutput when ``path`` is one of ``inputs``: the same resolved path, or the same file
    by device and inode (a hard link or symbolic link to an input is caught too)."""
    target, identity = os.path.realpath(path), _identity(path)
    for source in inputs:
        if os.path.realpath(source) == target or (identity is not None and _identity(source) == identity):
            raise UnsafeOutput(f"refusing to write {path}: it is one of this command's inputs ({source}); "
                               "choose another output file")


def write_atomically(path: Path, content: str, inputs: Iterable[Path] = ()) -> None:
    """Write ``content`` to ``path`` whole or not at all (see the module's docstring for links,
    devices and inputs). Raises OutputError with one line naming the file."""
    refuse_inputs(path, inputs)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        status = target.stat()
    except (FileNotFoundError, NotADirectoryError):
        status = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write {path}: it is a directory (give a file name)")
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(path, target, content)
        return
    directory = target.parent if str(target.parent) else Path(".")
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise OutputError(f"cannot write {path}: '{directory}' is a file, not a directory")
    if not os.path.isdir(directory):
        raise OutputError(f"cannot write {path}: directory '{directory}' does not exist (create it first)")
    if status is not None and not os.access(target, os.W_OK):
        raise OutputError(f"cannot write {path}: permission denied (the file is read-only to you)")
    if status is not None and status.st_nlink > 1:
        _write_in_place(path, target, content)
        return
    _replace(path, target, content, status)


def _write_through(path: Path, target: Path, content: str) -> None:
    """A device or FIFO: written as it is, never replaced."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def _write_in_place(path: Path, target: Path, content: str) -> None:
    """A file with other hard links: the text is encoded first, then written over the file's own bytes."""
    data = content.encode("utf-8")
    try:
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def _replace(path: Path, target: Path, content: str, status: os.stat_result | None) -> None:
    """A regular or new file: a complete temporary file renamed over it, with its mode and owner."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                             prefix=f".{target.name[:200]}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        if status is not None and os.geteuid() == 0:
            # As root the new file would belong to root; keep the old file's owner and group.
            os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
