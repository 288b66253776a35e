"""Standard output as the process finds it: closed, a pipe whose reader has gone, a full device, an
encoding that cannot show every character. Every command's output goes through write()."""

from __future__ import annotations

import codecs
import io
import os
import select
import sys

import click

# plancompare.output.files (OutputError) is imported only when something fails: main() imports
# this module before every command, --help included.

#: The status a shell reports for a process ended by SIGPIPE (128 + 13), as `yes | head -1` gives.
EXIT_BROKEN_PIPE = 141
CLOSED = "cannot write to standard output: it is closed (redirect it, or write to a file with -o)"
_REPLACE = "plancompare.replace"
#: Error handlers under which an unencodable character raises; write() substitutes its own.
_FAILING_HANDLERS = (None, "strict", "surrogateescape")
_replaced = [0]


class ClosedStandardOutput(io.TextIOBase):
    """Stands in for a standard output that was closed before the run (`plancompare list >&-`):
    writing any text to it is an OutputError, so the run fails instead of printing nowhere."""

    encoding = "utf-8"
    errors = "strict"

    def writable(self) -> bool:
        """Writable, so that click and rich write to it (and so fail) rather than skip it."""
        return True

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    def write(self, text: str) -> int:
        """Refuse any text: the run's output would be lost."""
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")  # as a text stream says (click checks)
        if text:
            from plancompare.output.files import OutputError

            raise OutputError(CLOSED)
        return 0


class Rendering(io.StringIO):
    """A text buffer that answers as standard output would (is it a terminal, which encoding,
    which descriptor), so that rich sizes, colours and draws a table for standard output while
    the text goes here, to reach standard output through write()."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """Standard output's encoding: rich draws ASCII boxes for one that is not UTF-8."""
        return getattr(sys.stdout, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        """Whether standard output is a terminal: rich colours and sizes only for one."""
        return bool(getattr(sys.stdout, "isatty", lambda: False)())

    def fileno(self) -> int:
        """Standard output's descriptor, for rich's terminal checks."""
        return sys.stdout.fileno()


def prepare() -> None:
    """Called once by the entry point, before any command runs. A standard output (or error) that
    was closed gets /dev/null on its descriptor, so that no file the run opens lands on descriptor
    1 or 2 and is written to as if it were the output; a closed standard output is then replaced
    by a stand-in whose writes are an error."""
    for descriptor, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is None:
            _hold(descriptor)
    if sys.stdout is None:
        sys.stdout = ClosedStandardOutput()


def _hold(descriptor: int) -> None:
    try:
        os.fstat(descriptor)
        return  # open after all (Python found it unusable for another reason)
    except OSError:
        pass
    placeholder = os.open(os.devnull, os.O_WRONLY)
    if placeholder != descriptor:
        os.dup2(placeholder, descriptor)
        os.close(placeholder)


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    _replaced[0] += error.end - error.start
    return "?" * (error.end - error.start), error.end


def write(text: str) -> None:
    """Write ``text`` to standard output, whole, and flush it.

    A closed or full standard output raises OutputError; a reader that has gone raises
    BrokenPipeError (the CLI then exits quietly with EXIT_BROKEN_PIPE). Characters the output's
    encoding cannot show (PYTHONIOENCODING=ascii) are written as '?', with one warning on standard
    error, rather than failing half-way through a table.
    """
    stream = sys.stdout
    buffer, encoding = getattr(stream, "buffer", None), getattr(stream, "encoding", None)
    try:
        if buffer is None or not encoding:
            stream.write(text)
            stream.flush()
            return
        errors = getattr(stream, "errors", None)
        if errors in _FAILING_HANDLERS:
            codecs.register_error(_REPLACE, _count_and_replace)
            errors = _REPLACE
        before = _replaced[0]
        data = memoryview(text.encode(encoding, errors))
        stream.flush()
        # An unbuffered stream (PYTHONUNBUFFERED) may take part of the data and report it taken;
        # writing on until all is taken is what turns a reader that has gone into EPIPE.
        while data:
            taken = buffer.write(data)
            if taken is None:  # a non-blocking descriptor that is full: wait until it takes more
                select.select([], [buffer], [])
            data = data[taken or 0:]
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from plancompare.output.files import OutputError

        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None
    replaced = _replaced[0] - before
    if replaced:
        click.echo(f"Warning: standard output's encoding ({encoding}) cannot show {replaced} "
                   f"character{'s' if replaced != 1 else ''}; they were written as '?' "
                   "(set PYTHONIOENCODING=utf-8, or write to a file with -o)", err=True)


def quiet_broken_pipe() -> None:
    """After the reader of standard output has gone (`plancompare items | head -1`): point the
    output's descriptor at /dev/null, so that flushing what is still buffered when Python exits
    neither fails nor prints a traceback."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real descriptor (a test runner's stream): nothing left to fail
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
