"""The README's example output and counts are what the commands really print today."""

from __future__ import annotations

import importlib.util

import pytest

from support import REPO


def test_readme_examples_are_fresh(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    spec = importlib.util.spec_from_file_location("readme_examples", REPO / "scripts" / "readme_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.updated(current) == current, "README.md is stale: run python scripts/readme_examples.py"


def test_readme_quick_start_is_exactly_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick_start.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert commands == ["make test"]


def test_code_map_names_every_module_once() -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code_map = readme.split("### Code map", 1)[1]
    listed = re.findall(r"^\| `([^`]+\.py)` \|", code_map, flags=re.M)
    modules = sorted(p.relative_to(REPO / "plancompare").as_posix() for p in (REPO / "plancompare").rglob("*.py")
                     if p.name != "__init__.py")
    assert sorted(listed) == modules


def _readme_commands() -> list[str]:
    """Every plancompare command the README shows: the `$ plancompare …` lines of its console blocks
    and the inline `plancompare …` commands (not the synopses, whose placeholders are in capitals)."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"^\$ (?:COLUMNS=\d+ )?(plancompare .*)$", readme, flags=re.M)
    for span in re.findall(r"`(plancompare [^`]*)`", readme):
        if not re.search(r"[\[\]…|]|\b[A-Z]{2,}\b", span):
            shown.append(span)
    return list(dict.fromkeys(shown))


def test_the_readme_shows_commands() -> None:
    commands = _readme_commands()
    assert "plancompare search 'affordable homes' --limit 5" in commands
    assert len(commands) >= 15


@pytest.mark.parametrize("command", _readme_commands())
def test_every_readme_command_runs_exactly_as_written(command: str, tmp_path, monkeypatch) -> None:
    import shlex

    from click.testing import CliRunner

    from plancompare.cli.main import cli

    # In a scratch directory, so that `-o report.md` writes nowhere in the repository; the fixtures
    # the README names are reached through a link.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests").symlink_to(REPO / "tests")
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "100"})
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    if "tests/fixtures/invalid/" in command:
        assert result.exit_code == 1 and "unknown key" in result.stderr  # the README shows this failing
    else:
        assert result.exit_code == 0, result.output
