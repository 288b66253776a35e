"""A cache of parsed plans and computed themes and vectors, so that repeat runs skip the slow work.

Entries live in the user cache directory ($XDG_CACHE_HOME/plancompare, by default
~/.cache/plancompare), named by a SHA-256 of everything they depend on: the plancompare version, a
digest of its source files, and the bytes of every plan file (and of the theme taxonomy, for
computed results). Changing any input changes the name, so a stale entry is never found; old ones
are left for `plancompare cache clear`.

Each file starts with a header holding the SHA-256 of its body, checked before the body is read: a
truncated or corrupt entry is ignored and rebuilt, never trusted. Entries are written to a temporary
file and renamed into place, so concurrent runs cannot leave half an entry behind. The bodies are
pickles, which only this user's own cache directory can supply.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from plancompare import __version__

#: Changed whenever what an entry holds changes shape, so that older entries are never read.
MAGIC = b"plancompare-cache-2\n"
DIGEST_BYTES = 64


def cache_dir() -> Path:
    """Where entries are kept: $XDG_CACHE_HOME/plancompare, or ~/.cache/plancompare."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "plancompare"


@functools.lru_cache(maxsize=2)
def code_digest(package: Path | None = None) -> bytes:
    """A digest of plancompare's own source files (every module of every subpackage, named by its
    path inside ``package``, by default plancompare's): an entry made by other code (an edited
    checkout, say, where the version number has not changed) is never found."""
    digest = hashlib.sha256()
    package = package or Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def content_key(kind: str, paths: Iterable[Path], parts: Iterable[str] = ()) -> str:
    """A name for an entry computed from the files ``paths`` (their full paths and bytes, in order)
    and any further ``parts``, such as the key of an entry it is derived from, with the version and
    code of plancompare. Raises OSError when a file cannot be read or is not a regular file within
    the plan-file limit (a FIFO, a device, a huge file): the run then goes without the cache, and the
    file's reader reports the problem."""
    from plancompare.errors import InvalidInput
    from plancompare.plans.inputfile import MAX_FILE_BYTES, read_limited

    digest = hashlib.sha256(f"{kind}\0{__version__}\0".encode() + MAGIC + code_digest())
    for part in parts:
        digest.update(part.encode() + b"\0")
    for path in paths:
        digest.update(os.path.realpath(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            data = read_limited(path, str(path), MAX_FILE_BYTES)
        except InvalidInput as error:
            raise OSError(str(error)) from None
        digest.update(hashlib.sha256(data).digest())
    return f"{kind}-{digest.hexdigest()[:32]}"


def read(name: str) -> Any | None:
    """The entry called ``name``, or None when it is missing, truncated, corrupt or unreadable."""
    try:
        data = (cache_dir() / f"{name}.cache").read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + DIGEST_BYTES + 1
    if len(data) < header or not data.startswith(MAGIC):
        return None
    expected, body = data[len(MAGIC):header - 1], data[header:]
    if hashlib.sha256(body).hexdigest().encode() != expected:
        return None
    try:
        return pickle.loads(body)
    except Exception:  # an entry from an incompatible build: rebuild it
        return None


def write(name: str, value: Any) -> None:
    """Store ``value`` as ``name``; a cache that cannot be written is skipped, not an error."""
    try:
        import tempfile  # only writers need it

        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(temporary, directory / f"{name}.cache")
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, pickle.PicklingError):
        pass


def cached(name: str, build: Callable[[], Any], enabled: bool = True) -> Any:
    """The entry ``name`` if it is sound, else ``build()``, stored for next time."""
    if enabled:
        value = read(name)
        if value is not None:
            return value
    value = build()
    if enabled:
        write(name, value)
    return value


def entries() -> list[Path]:
    """The cache's entry files."""
    directory = cache_dir()
    return sorted(directory.glob("*.cache")) if directory.is_dir() else []


def clear() -> tuple[int, int]:
    """Remove every entry (and any leftover temporary file); returns (files, bytes) removed."""
    directory = cache_dir()
    removed = size = 0
    if not directory.is_dir():
        return 0, 0
    for path in list(directory.glob("*.cache")) + list(directory.glob(".*.tmp")):
        try:
            size += path.stat().st_size
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
    return removed, size
