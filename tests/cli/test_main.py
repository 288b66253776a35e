"""The CLI group's handling of signals that arrive in the middle of a run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import VALID_PLANS, subprocess_env

# A run that is sent a signal just as it starts writing the cache: the clean-up that Ctrl-C gets
# must run for SIGTERM and SIGHUP too, at any point of a run (not only while -o is written).
_SIGNALLED_MID_WRITE = """
import os, signal, sys
from plancompare.store.database import Database

real_put_many = Database.put_many

def put_many(self, entries):
    os.kill(os.getpid(), signal.{name})
    return real_put_many(self, entries)

Database.put_many = put_many
from plancompare.cli.main import main
sys.argv = ["plancompare", "--plans-dir", sys.argv[1], "themes"]
main()
"""


@pytest.mark.parametrize(("name", "number", "message"), [("SIGTERM", 15, "Terminated."), ("SIGHUP", 1, "Hung up.")])
def test_a_signal_during_a_cache_write_ends_the_run_cleanly(tmp_path, name: str, number: int, message: str) -> None:
    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", _SIGNALLED_MID_WRITE.replace("{name}", name), str(VALID_PLANS)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (128 + number, "", message + "\n")
    # The cache is whole afterwards: the next run works and leaves no temporary file behind.
    again = subprocess.run([sys.executable, "-m", "plancompare", "--plans-dir", str(VALID_PLANS), "themes"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 0 and again.stderr == "" and "Health" in again.stdout
    assert [path.name for path in (tmp_path / "cache").rglob("*.tmp")] == []
