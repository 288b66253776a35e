"""Every bad input gets a clear one-line error and the right exit code; nothing crashes or leaks.

The cases are table-driven: each names the input, the command, the exit code and the exact message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import INVALID, VALID_PLANS, subprocess_env
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.paths import display_path
from plancompare.plans.loader import load_plan
from support import INVALID_CASES
from support import markdown_cells


def _plans_dir_with(tmp_path: Path, fixture: str) -> tuple[Path, Path]:
    directory = tmp_path / "plans"
    directory.mkdir()
    target = directory / f"{fixture}.yaml"
    shutil.copyfile(INVALID / f"{fixture}.yaml", target)
    return directory, target


@pytest.mark.parametrize("fixture", sorted(INVALID_CASES))
@pytest.mark.parametrize("command", [["list"], ["themes"], ["validate"]], ids=" ".join)
def test_each_bad_plan_file_through_each_command(runner: CliRunner, tmp_path: Path, fixture: str, command: list[str]) -> None:
    directory, target = _plans_dir_with(tmp_path, fixture)
    result = runner.invoke(cli, ["--plans-dir", str(directory), *command])
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = [f"{display_path(target)}:{line}" for line in INVALID_CASES[fixture]]
    assert result.stderr.splitlines() == expected


CASES = {
    # name: (arguments, exit code, exact standard error; {tmp} is the temporary directory)
    "unknown council": (["show", "covnetry"], 2,
                        "Error: Unknown council 'covnetry'. Did you mean 'coventry'? Known councils: coventry, sandwell, stoke-on-trent, wolverhampton.\n"),
    "ambiguous council": (["diff", "s", "coventry"], 2,
                          "Error: Council 's' is ambiguous: it could be 'sandwell' or 'stoke-on-trent'.\n"),
    "unknown priority": (["show", "cov", "-p", "parks"], 2,
                         "Error: No priority 'parks' in coventry. Priorities: context, city-vision, economy, inequalities, climate, finance, partnership, delivery.\n"),
    "unknown theme": (["items", "--theme", "parks"], 2,
                      "Error: Unknown theme 'parks'. Themes: health, social-care, children-families, education-skills, jobs-economy, "
                      "housing, climate-environment, transport, community-safety, clean-streets, poverty, equality-inclusion, "
                      "culture-places, digital, council-finance, communities-partnership.\n"),
    "threshold out of range": (["diff", "stoke", "coventry", "--threshold", "2"], 2,
                               "Error: Invalid value for '--threshold': 2.0 is not in the range 0.0<=x<=1.0. (see 'plancompare diff --help')\n"),
    "limit of zero": (["search", "homes", "--limit", "0"], 2,
                      "Error: Invalid value for '-n' / '--limit': 0 is not in the range x>=1. (see 'plancompare search --help')\n"),
    "unknown format": (["list", "--format", "xml"], 2,
                       "Error: Invalid value for '--format': 'xml' is not one of 'table', 'markdown', 'csv', 'csv-excel', 'json'. (see 'plancompare list --help')\n"),
    "empty query": (["search", "  "], 2, "Error: QUERY is empty; give some words to search for. (see 'plancompare search --help')\n"),
    "unknown command": (["compare"], 2, "Error: No such command 'compare'. (see 'plancompare --help')\n"),
    "missing argument": (["show"], 2, "Error: Missing argument 'COUNCIL'. (see 'plancompare show --help')\n"),
    "missing plans directory": (["--plans-dir", "{tmp}/nowhere", "list"], 1, "{tmp}/nowhere: no such file or directory\n"),
    "empty plans directory": (["--plans-dir", "{tmp}", "list"], 1,
                              "{tmp}: no plan files (*.yaml) in this directory (point --plans-dir at a directory of plan files)\n"),
    "missing themes file": (["--themes", "{tmp}/themes.yaml", "themes"], 1, "{tmp}/themes.yaml: no such file\n"),
    "themes file is a directory": (["--themes", "{tmp}", "themes"], 1, "{tmp}: is a directory, not a YAML file\n"),
    "missing concepts file": (["--concepts", "{tmp}/concepts.yaml", "--no-cache", "themes"], 1, "{tmp}/concepts.yaml: no such file\n"),
    "concepts file is a directory": (["--concepts", "{tmp}", "--no-cache", "themes"], 1, "{tmp}: is a directory, not a YAML file\n"),
    "output in a missing directory": (["list", "-o", "{tmp}/no/list.md"], 1,
                                      "Error: cannot write {tmp}/no/list.md: directory '{tmp}/no' does not exist (create it first)\n"),
    "output is a directory": (["list", "-o", "{tmp}"], 2,
                              "Error: Invalid value for '-o' / '--output': File '{tmp}' is a directory. (see 'plancompare list --help')\n"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_arguments(runner: CliRunner, tmp_path: Path, name: str) -> None:
    arguments, code, message = CASES[name]
    tmp = display_path(tmp_path)
    result = runner.invoke(cli, [a.replace("{tmp}", tmp) for a in arguments])
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.output
    assert result.stderr == message.replace("{tmp}", tmp)
    assert result.stdout == ""


def test_unreadable_plan_file(runner: CliRunner, plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "southmoor.yaml":
            raise PermissionError(13, "Permission denied")
        return original(self)

    def refuse_open(file, *args, **kwargs):
        if Path(file).name == "southmoor.yaml":
            raise PermissionError(13, "Permission denied")
        return open(file, *args, **kwargs)

    from plancompare import workspace
    from plancompare.plans import inputfile

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(inputfile, "open", refuse_open, raising=False)
    monkeypatch.setattr(workspace, "open", refuse_open, raising=False)  # where the cache reads the inputs
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "list"])
    assert result.exit_code == 1
    assert result.stderr == f"{display_path(plan_copy / 'southmoor.yaml')}: cannot read the file: Permission denied\n"


def test_interrupt_while_writing_leaves_no_file(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import plancompare.output.files

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plancompare.output.files.os, "fsync", interrupted)
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "list", "-o", str(tmp_path / "list.md")])
    assert (result.exit_code, result.stderr) == (130, "Interrupted.\n")
    assert list(tmp_path.iterdir()) == []


def test_debug_environment_variable_shows_the_traceback(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "nowhere"], env={"PLANCOMPARE_DEBUG": "1"})
    assert result.exit_code == 1
    assert result.exc_info is not None and result.exc_info[0].__name__ == "UnknownName"


def test_alias_bomb_is_refused_with_little_memory(tmp_path: Path) -> None:
    levels = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for depth in range(1, 12):
        previous, name = chr(ord("a") + depth - 1), chr(ord("a") + depth)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(levels) + "\n")  # 9**12 strings if expanded
    tracemalloc.start()
    with pytest.raises(InvalidInput, match="anchors and aliases are not allowed"):
        load_plan(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_output_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    """Each seed runs in a bare environment with a cache of its own, empty at the start, so both runs
    parse and fit everything (neither can read the other's results) and store what they computed."""
    outputs = []
    for seed in ("1", "2"):
        private = tmp_path / f"cache-seed-{seed}"
        result = subprocess.run(
            [sys.executable, "-m", "plancompare", "--plans-dir", str(VALID_PLANS), "diff", "northdale", "southmoor", "--format", "json"],
            capture_output=True, text=True, check=True,
            env=subprocess_env({"PATH": "/usr/bin:/bin"}, PYTHONHASHSEED=seed, XDG_CACHE_HOME=str(private)),
        )
        # The run computed the index itself: its fresh cache now holds the vectors it built.
        import sqlite3

        stored = sqlite3.connect(private / "plancompare" / "plancompare.db")
        assert stored.execute("SELECT count(*) FROM entries WHERE key LIKE 'vectors:%:northdale:%'").fetchone() == (3,), seed
        stored.close()
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and json.loads(outputs[0])["a"] == "northdale"


# -- property-based: arbitrary input never escapes as anything but the project's own error -----------

yaml_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_values)
def test_arbitrary_yaml_documents_load_or_raise_our_error(tmp_path: Path, document) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        load_plan(target)
    except InvalidInput as error:
        assert error.problems and all(str(problem).startswith(display_path(target)) for problem in error.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_arbitrary_bytes_load_or_raise_our_error(tmp_path: Path, data: bytes) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(data)
    with pytest.raises(InvalidInput):
        load_plan(target)


def _plan_with_text(text: str) -> str:
    """The southmoor fixture with one item's text replaced by ``text``, written as a YAML
    double-quoted scalar with every unprintable or non-ASCII character escaped (JSON's escapes would
    not do: YAML refuses the surrogate pairs JSON writes for characters outside the BMP)."""
    source = (VALID_PLANS / "southmoor.yaml").read_text(encoding="utf-8")
    scalar = yaml.safe_dump(text, default_style='"', allow_unicode=False, width=10**9).rstrip("\n")
    assert scalar.startswith('"') and scalar.endswith('"') and "\n" not in scalar
    return source.replace("We will plant 20,000 trees across the district.", scalar)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(str.strip))
def test_arbitrary_item_text_round_trips_through_every_export(tmp_path: Path, text: str) -> None:
    import csv
    import io

    from plancompare.output.render import clean_cell, csv_cell, to_csv, to_json, to_markdown
    from plancompare.output.views import plan_table

    target = tmp_path / "southmoor.yaml"
    target.write_text(_plan_with_text(text), encoding="utf-8")
    plan = load_plan(target)  # any non-blank text is a valid item text, so every example is checked
    table = plan_table(plan)
    expected = clean_cell(text)
    row = next(r for r in table.records() if r["id"] == "southmoor.climate.commitment.1")
    assert row["text"] == text
    csv_rows = list(csv.DictReader(io.StringIO(to_csv(table), newline="")))
    assert next(r for r in csv_rows if r["id"] == row["id"])["text"] == csv_cell(text)
    json_rows = json.loads(to_json(table))["rows"]
    assert next(r for r in json_rows if r["id"] == row["id"])["text"] == expected
    cells = markdown_cells(to_markdown(table))
    markdown_row = next(r for r in cells if r[-1] == row["id"])
    assert " ".join(markdown_row[4].split()) == " ".join(expected.split())


# A child that stalls inside the write of its output file, so that it can be signalled there. Only
# the test slows the write (by replacing os.fsync in the child); plancompare has no hook for it.
_STALLED_WRITER = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it, as by `&`
def stalled(fd):
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    time.sleep(30)
os.fsync = stalled
from plancompare.cli.main import main
sys.argv = ["plancompare", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(("name", "message"), [("SIGTERM", "Terminated."), ("SIGHUP", "Hung up."), ("SIGINT", "Interrupted.")])
def test_a_signal_while_writing_the_output_leaves_nothing(tmp_path: Path, name: str, message: str) -> None:
    import signal

    number = getattr(signal, name)
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED_WRITER, "--plans-dir", str(VALID_PLANS), "list", "-o", str(out / "list.md")],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stderr.readline() == "writing\n"
        assert [p.name for p in out.iterdir()][0].startswith(".list.md.")  # the temporary file
        child.send_signal(number)
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert (child.returncode, err) == (128 + number, message + "\n")
    assert list(out.iterdir()) == []
