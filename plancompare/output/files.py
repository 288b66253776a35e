"""Writing output files so that a failed or interrupted run never leaves half a file behind, and so
that what is at the path keeps being what it was.

A regular file is written to a temporary file beside it and renamed over it only when complete,
keeping its permissions (and, as root, its owner and group). Renaming would turn anything else
into a regular file, so devices and FIFOs are written straight through, a symbolic link is
followed (its target is written, atomically when that is a regular file), and a file that has other
hard links, that belongs to another user, or that the user could not write anyway is refused, as
is any path that is one of the command's inputs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from plancompare.errors import PlancompareError

#: The signals that end a run as Ctrl-C does while an output file is being written.
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
#: What the temporary file's name adds to the output's: "." before, ".XXXXXXXX.tmp" after.
_TEMPORARY_NAME_ROOM = 255 - len(".") - len(".XXXXXXXX.tmp")


class OutputError(PlancompareError):
    """The output file could not be written."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived while an output file was being written.

    A KeyboardInterrupt, so that the clean-up Ctrl-C gets (and the CLI's handling of it) runs for
    these signals too; ``signal_number`` gives the exit status, 128 + the signal's number.
    """

    def __init__(self, signal_number: int):
        super().__init__(signal_number)
        self.signal_number = signal_number


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise Terminated instead of ending the process on
    the spot, so that ``finally`` clauses remove temporary files. Signals the process ignores (as
    under nohup) stay ignored; the previous handlers are put back afterwards. Outside the main
    thread, where handlers cannot be set, this does nothing."""

    def interrupt(number: int, frame: object) -> None:
        raise Terminated(number)

    previous: dict[int, object] = {}
    try:
        for number in _SIGNALS:
            if signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, interrupt)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP for a step that must not be split from the bookkeeping
    after it (creating the temporary file and noting its name); they arrive once the block ends."""
    held = {signal.SIGINT, *_SIGNALS}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_output(path: Path, content: str | bytes, *, inputs: Iterable[Path] = (), overwrite: bool = True) -> None:
    """Write ``content`` (text as UTF-8, or bytes as they are) to ``path``, raising OutputError with one line when it cannot.

    ``inputs`` are the files the command read: none of them is ever written, whatever the path
    that names it (a symbolic or hard link included). With ``overwrite`` false an existing regular
    file is refused (the message names --force). A regular file is replaced only once the new one is
    complete; devices and FIFOs are written straight through.
    """
    with signals_interrupt():
        try:
            _write(path, content, list(inputs), overwrite)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def check_writable(path: Path, *, inputs: Iterable[Path] = (), overwrite: bool = True) -> None:
    """Raise the OutputError write_output would for ``path`` being one of ``inputs`` or, without
    ``overwrite``, an existing regular file: for a command writing two files, checked before it
    writes either."""
    try:
        info: os.stat_result | None = os.stat(path)
    except OSError:
        info = None  # (missing, or unreachable: writing it says why)
    _refuse_input(path, info, list(inputs))
    if info is not None and stat.S_ISREG(info.st_mode) and not overwrite:
        raise OutputError(f"cannot write {path}: it already exists (add --force to replace it)")


def _write(path: Path, content: str | bytes, inputs: list[Path], overwrite: bool) -> None:
    try:
        info: os.stat_result | None = os.stat(path)  # through symbolic links: what would be written
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise OutputError(f"cannot write {path}: {_not_a_directory(path)}") from None
    _refuse_input(path, info, inputs)
    if info is None:
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        _check_directory(path, target.parent)
        _replace(target, content, None)
    elif stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a directory (give a file name)")
    elif stat.S_ISREG(info.st_mode):
        _check_replaceable(path, info, overwrite)
        _replace(Path(os.path.realpath(path)), content, info)
    elif stat.S_ISSOCK(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a socket (give a file name)")
    else:
        # A device or a FIFO: renaming a file over it would destroy it, so write to it as a shell's
        # ">" would (a FIFO waits for its reader).
        with open(path, "wb") as stream:
            stream.write(_bytes(content))


def _refuse_input(path: Path, info: os.stat_result | None, inputs: list[Path]) -> None:
    """Raise OutputError when ``path`` (stat ``info``) is one of the command's inputs."""
    source = _input_named(path, info, inputs)
    if source is not None:
        from plancompare.paths import display_path

        raise OutputError(f"cannot write {path}: it is one of this command's inputs, {display_path(source)} "
                          "(write to another file)")


def _input_named(path: Path, info: os.stat_result | None, inputs: list[Path]) -> Path | None:
    """The input that ``path`` is, by resolved path or by device and inode (so hard links count)."""
    real = os.path.realpath(path)
    for candidate in inputs:
        try:
            same_file = info is not None and os.path.samestat(info, os.stat(candidate))
        except OSError:
            same_file = False
        if same_file or os.path.realpath(candidate) == real:
            return candidate
    return None


def _not_a_directory(path: Path) -> str:
    """Why a path under a regular file cannot be written, naming that file."""
    for ancestor in reversed(path.parents):
        with contextlib.suppress(OSError):
            if not stat.S_ISDIR(os.stat(ancestor).st_mode):
                return f"'{ancestor}' is a file, not a directory"
    return f"'{path.parent}' is not a directory"


def _check_directory(path: Path, directory: Path) -> None:
    """The directory a new file goes in must exist and be one."""
    try:
        info = os.stat(directory)
    except FileNotFoundError:
        raise OutputError(f"cannot write {path}: directory '{directory}' does not exist (create it first)") from None
    except NotADirectoryError:
        raise OutputError(f"cannot write {path}: {_not_a_directory(directory / path.name)}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {path}: '{directory}' is a file, not a directory")


def _check_replaceable(path: Path, info: os.stat_result, overwrite: bool) -> None:
    """Refuse to replace a regular file when the user did not ask to, could not write it in place,
    or when replacing it would change what it is: its other hard links or its owner."""
    if not overwrite:
        raise OutputError(f"cannot write {path}: it already exists (add --force to replace it)")
    effective = {"effective_ids": True} if os.access in os.supports_effective_ids else {}
    if not os.access(path, os.W_OK, **effective):
        raise OutputError(f"cannot write {path}: Permission denied")
    if info.st_nlink > 1:
        raise OutputError(f"cannot write {path}: it has {info.st_nlink} hard links, and replacing it would "
                          "separate them (write to another file)")
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    if euid not in (None, 0) and info.st_uid != euid:
        raise OutputError(f"cannot write {path}: it belongs to another user, and replacing it would make it yours "
                          "(write to another file)")


def _temporary_prefix(name: str) -> str:
    """The temporary file's name prefix: the output's name, shortened so that the whole name stays
    within the usual 255-byte limit however long (or multi-byte) the output's name is."""
    while len(os.fsencode(name)) > _TEMPORARY_NAME_ROOM:
        name = name[:-1]
    return f".{name}."


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _replace(target: Path, content: str | bytes, existing: os.stat_result | None) -> None:
    """Write a temporary file beside ``target`` and rename it over ``target`` once complete, with the
    existing file's mode (and, as root, owner and group) or the usual 0666 less the umask."""
    temporary: str | None = None
    try:
        with _signals_held():
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_temporary_prefix(target.name), suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(_bytes(content))
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            _keep_owner(temporary, existing)
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode())
        with _signals_held():
            os.replace(temporary, target)
            temporary = None
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _keep_owner(temporary: str, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group: root can; others keep the group when they
    belong to it (the owner is theirs already: _check_replaceable saw to that)."""
    if not hasattr(os, "chown"):
        return
    if os.geteuid() == 0:
        os.chown(temporary, existing.st_uid, existing.st_gid)
    else:
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, existing.st_gid)


def _new_file_mode() -> int:
    """The usual 0666 less the umask (mkstemp makes its files 0600, which would hide a report from
    everyone else)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
