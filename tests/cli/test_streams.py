"""Standard output as a real process finds it: an encoding that cannot show every character, closed,
a pipe whose reader has gone, a full device. These need real file descriptors, so each runs
plancompare in a subprocess, bounded by a timeout."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from support import FIXTURES

TIMEOUT = 60
TEXT = "We will plant 20,000 trees across the district."


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """The fixture plans, one text holding characters neither ASCII nor Latin-1 can encode."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    plan = target / "plans" / "southmoor.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(TEXT, "We will plant trees \u2014 20,000 \u2713"),
                    encoding="utf-8")
    return target / "plans"


def _environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)  # keeps the suite's private XDG_CACHE_HOME
    for name in ("PYTHONIOENCODING", "PLANCOMPARE_PLANS_DIR", "PLANCOMPARE_DEBUG", "COLUMNS"):
        env.pop(name, None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _command(plans: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "plancompare", "--plans-dir", str(plans), *args]


COMMANDS = {
    "show": ["show", "southmoor"],
    "items": ["items"],
    "search": ["search", "trees"],
    "diff": ["diff", "southmoor", "northdale"],
    "report": ["report"],
}
WARNING = re.compile(r"Warning: standard output's encoding \((ascii|iso8859-1)\) cannot show \d+ characters?; they were "
                     r"written as '\?' \(set PYTHONIOENCODING=utf-8, or write to a file with -o\)\n")


def test_an_encoding_that_cannot_show_the_text_degrades_with_a_warning(plans: Path) -> None:
    # One run first fills the (suite's private) cache, so that the ten below only read it.
    subprocess.run(_command(plans, "report"), capture_output=True, timeout=TIMEOUT, env=_environment(), check=True)
    running = {
        (encoding, name): subprocess.Popen(_command(plans, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           env=_environment(PYTHONIOENCODING=encoding, COLUMNS="200"))
        for encoding in ("ascii", "latin-1") for name, args in COMMANDS.items()
    }
    for (encoding, name), process in running.items():
        out, err = process.communicate(timeout=TIMEOUT)
        stderr = err.decode("ascii", "backslashreplace")
        assert process.returncode == 0, (encoding, name, stderr)
        assert "Traceback" not in stderr
        assert WARNING.fullmatch(stderr), (encoding, name, stderr)
        assert b"plant trees ? 20,000 ?" in out, (encoding, name)


def test_utf8_output_has_no_warning(plans: Path) -> None:
    result = subprocess.run(_command(plans, "show", "southmoor"), capture_output=True, timeout=TIMEOUT,
                            env=_environment(PYTHONIOENCODING="utf-8"), check=False)
    assert (result.returncode, result.stderr) == (0, b"")
    assert "plant trees \u2014 20,000 \u2713".encode() in result.stdout


def _shell(plans: Path, redirection: str, *args: str) -> subprocess.CompletedProcess:
    """plancompare run by sh with ``redirection`` applied, as a user would type it."""
    command = " ".join(f"'{part}'" for part in _command(plans, *args))
    return subprocess.run(["sh", "-c", f"exec {command} {redirection}"], capture_output=True, text=True,
                          timeout=TIMEOUT, env=_environment(), check=False)


@pytest.mark.parametrize("args", [["list"], ["list", "--format", "csv"], ["validate"], ["cache", "info"], ["--help"]],
                         ids=" ".join)
def test_closed_standard_output_is_an_error(args: list[str]) -> None:
    result = _shell(FIXTURES / "valid" / "plans", ">&-", *args)
    assert (result.returncode, result.stderr) == (
        1, "Error: cannot write to standard output: it is closed (redirect it, or write to a file with -o)\n")


def test_closed_standard_output_is_no_matter_with_an_output_file(plans: Path, tmp_path: Path) -> None:
    target = tmp_path / "list.csv"
    result = _shell(plans, ">&-", "list", "--format", "csv", "-o", str(target))
    assert (result.returncode, result.stderr) == (0, f"Wrote {target}\n")
    assert target.read_text().startswith("council,plan")


def test_a_full_standard_output_is_an_error(plans: Path, tmp_path: Path) -> None:
    device = Path("/dev/full")
    if os.geteuid() == 0:  # a private copy: nothing here may touch the real device as root
        device = tmp_path / "full"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        except OSError as error:
            pytest.skip(f"cannot make a device node here: {error}")
    result = _shell(plans, f"> '{device}'", "list")
    assert (result.returncode, result.stderr) == (1, "Error: cannot write to standard output: No space left on device\n")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [["items", "--format", "csv"], ["items"], ["list"]], ids=" ".join)
def test_a_reader_gone_before_the_output_exits_quietly(plans: Path, args: list[str], unbuffered: bool) -> None:
    """`plancompare items | head -1`: no traceback, and the status of a process ended by SIGPIPE."""
    process = subprocess.Popen(_command(plans, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=_environment(PYTHONUNBUFFERED="1" if unbuffered else None))
    process.stdout.close()
    _, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err) == (141, b"")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_a_reader_gone_midway_is_noticed(plans: Path, unbuffered: bool) -> None:
    """The reader takes the first bytes of a long output, then goes: the rest must not be reported
    as written (exit 0), however the stream is buffered."""
    plan = plans / "southmoor.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("We will plant trees", "We will plant " + "trees " * 60_000),
                    encoding="utf-8")
    process = subprocess.Popen(_command(plans, "show", "southmoor", "--format", "csv"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=_environment(PYTHONUNBUFFERED="1" if unbuffered else None))
    assert process.stdout.read(100)
    process.stdout.close()
    _, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err) == (141, b"")
