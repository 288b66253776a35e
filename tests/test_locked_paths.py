"""Paths under a directory the user cannot search get one line naming the path, never a traceback.

The tests may run as root, whom permissions do not stop, so the fixture makes every look-up of a
path beneath the directory fail the way the system would for another user.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import REPO, VALID_PLANS
from plancompare.cli.main import cli
from plancompare.paths import display_path


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory holding plans, a themes file and a source text, none of which can be reached."""
    directory = tmp_path / "locked"
    shutil.copytree(VALID_PLANS, directory / "plans")
    shutil.copyfile(REPO / "data" / "themes.yaml", directory / "themes.yaml")
    (directory / "plan.txt").write_text("A plan\n")
    prefix = str(directory) + os.sep

    def guard(function):
        def guarded(path, *args, **kwargs):
            if not isinstance(path, int) and os.path.abspath(os.fsdecode(path)).startswith(prefix):
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return function(path, *args, **kwargs)
        return guarded

    for name in ("stat", "lstat", "open", "scandir", "listdir", "access"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))
    return directory


CASES = {
    "plans directory": (["--plans-dir", "{locked}/plans", "list"], "{locked}/plans: cannot read it: Permission denied"),
    "plan file": (["validate", "{locked}/plans/northdale.yaml"], "{locked}/plans/northdale.yaml: cannot read it: Permission denied"),
    "themes file": (["--plans-dir", str(VALID_PLANS), "--themes", "{locked}/themes.yaml", "themes"],
                    "{locked}/themes.yaml: cannot read the file: Permission denied"),
    "draft source": (["draft", "{locked}/plan.txt", "--council-id", "x", "--name", "X"],
                     "{locked}/plan.txt: cannot read the file: Permission denied"),
    "output file": (["--plans-dir", str(VALID_PLANS), "list", "-o", "{locked}/list.md"],
                    "Error: cannot write {locked}/list.md: Permission denied"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_paths_under_a_directory_that_cannot_be_searched(runner: CliRunner, locked: Path, name: str) -> None:
    arguments, message = CASES[name]
    shown = display_path(locked)
    result = runner.invoke(cli, [argument.replace("{locked}", shown) for argument in arguments])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message.replace("{locked}", shown) + "\n")
