"""The CLI group's handling of signals that arrive in the middle of a run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import VALID_PLANS, cache_dir_for, subprocess_env

# A run that is sent SIGTERM at the moment a cache entry's temporary file is about to be renamed
# into place: the worst moment, when the temporary file holds the whole entry.
_TERMINATED_MID_WRITE = """
import os, signal, sys
from plancompare.store import cache

real_replace = os.replace

def replace(source, target):
    if str(source).endswith(".tmp"):
        os.kill(os.getpid(), signal.{name})
    return real_replace(source, target)

cache.os.replace = replace
from plancompare.cli.main import main
sys.argv = ["plancompare", "--plans-dir", sys.argv[1], "themes"]
main()
"""


@pytest.mark.parametrize(("name", "number", "message"), [("SIGTERM", 15, "Terminated."), ("SIGHUP", 1, "Hung up.")])
def test_a_signal_during_a_cache_write_leaves_no_temporary_file(tmp_path, name: str, number: int, message: str) -> None:
    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", _TERMINATED_MID_WRITE.replace("{name}", name), str(VALID_PLANS)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (128 + number, "", message + "\n")
    directory = cache_dir_for(env)
    assert directory.is_dir()  # the run got as far as writing
    assert [path.name for path in directory.iterdir() if path.name.endswith(".tmp")] == []
