"""Reading an input file's bytes without ever blocking, or reading more than a limit.

Light on purpose (no YAML): the cache names its entries from these same bytes on runs that parse
nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from plancompare.errors import InvalidInput, Problem

#: Plan files larger than this are refused before parsing (the largest bundled plan is ~100 KB).
MAX_FILE_BYTES = 5 * 1024 * 1024

#: What a link that cannot be followed is called, whether it is broken or part of a loop.
DEAD_LINK = "a symbolic link that leads nowhere (broken, or a loop)"


def describe_os_error(path: Path, error: OSError, cannot: str, missing: str = "no such file") -> str:
    """One line for an OSError met while opening ``path``: a dead link (broken, or a loop: ELOOP)
    is said so wherever it is met; otherwise ``missing``, or "<cannot>: <reason>"."""
    import errno

    if isinstance(error, FileNotFoundError):
        return DEAD_LINK if os.path.islink(path) else missing
    if error.errno == errno.ELOOP:
        return DEAD_LINK
    return f"{cannot}: {error.strerror or error}"


def read_limited(path: Path, name: str, limit: int, what: str = "plan files", size_hint: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises InvalidInput with one line
    otherwise (``size_hint`` is the fix offered for a file that is too big). The file's type is
    checked before it is opened (a FIFO would block, a device never end) and at most ``limit`` + 1
    bytes are read, so neither a sparse file nor one that grows while it is read is taken in whole."""
    import stat

    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InvalidInput([Problem(name, "is a directory, not a YAML file")])
        if not stat.S_ISREG(status.st_mode):
            raise InvalidInput([Problem(name, "is not a regular file (a pipe, socket or device)", hint="give the path of a file")])
        if status.st_size > limit:
            raise InvalidInput([Problem(name, f"file is {status.st_size:,} bytes, over the {limit:,}-byte limit for {what}", hint=size_hint)])
        with open(path, "rb") as stream:
            # Read what the size says (a buffer of the limit would be allocated in full), and
            # beyond it only if the file grew since, never more than the limit allows.
            data = stream.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += stream.read(limit + 1 - len(data))
    except OSError as error:
        raise InvalidInput([Problem(name, describe_os_error(path, error, "cannot read the file"))]) from None
    if len(data) > limit:
        raise InvalidInput([Problem(name, f"file is over the {limit:,}-byte limit for {what}", hint=size_hint)])
    return data
