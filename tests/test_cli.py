"""The CLI end to end through click's CliRunner, with exact expected output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import INVALID, REPO, VALID_PLANS
from plancompare import __version__
from plancompare.cli.main import cli

PLANS = ["--plans-dir", str(VALID_PLANS)]


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, [*PLANS, *args], catch_exceptions=False)


def test_list_as_a_terminal_table(runner: CliRunner) -> None:
    result = run(runner, "list")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines == [
        "                                 Council plans",
        "Council    Plan           Period     Priorities  Promises  Indicators  All items",
        "─" * 80,
        "northdale  Northdale      2024-2027           2         3           1          7",
        "           Together:",
        "           Council Plan",
        "           2024-2027",
        # Southmoor's promises count its objective beside its three commitments.
        "southmoor  Southmoor      2023-2030           2         4           0          5",
        "           Council Plan",
        "           2023-2030",
    ]
    assert result.stderr == ""


def test_list_as_markdown(runner: CliRunner) -> None:
    result = run(runner, "list", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (
        "## Council plans\n\n"
        "| Council | Plan | Period | Priorities | Promises | Commitments | Indicators | All items |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
        "| northdale | Northdale Together: Council Plan 2024-2027 | 2024-2027 | 2 | 3 | 3 | 1 | 7 |\n"
        "| southmoor | Southmoor Council Plan 2023-2030 | 2023-2030 | 2 | 4 | 3 | 0 | 5 |\n"
    )


def test_list_as_csv(runner: CliRunner) -> None:
    result = run(runner, "list", "--format", "csv")
    assert result.stdout == (
        "council,plan,period,priorities,promises,commitments,indicators,items\n"
        "northdale,Northdale Together: Council Plan 2024-2027,2024-2027,2,3,3,1,7\n"
        "southmoor,Southmoor Council Plan 2023-2030,2023-2030,2,4,3,0,5\n"
    )


def test_list_as_json(runner: CliRunner) -> None:
    result = run(runner, "list", "--format", "json")
    document = json.loads(result.stdout)
    assert [column["key"] for column in document["columns"]] == [
        "council", "plan", "period", "priorities", "promises", "commitments", "indicators", "items",
    ]
    assert document["rows"][0] == {
        "council": "northdale",
        "plan": "Northdale Together: Council Plan 2024-2027",
        "period": "2024-2027",
        "priorities": 2,
        "promises": 3,
        "commitments": 3,
        "indicators": 1,
        "items": 7,
    }


def test_show_as_a_tree(runner: CliRunner) -> None:
    result = run(runner, "show", "south")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Southmoor District Council: Southmoor Council Plan 2023-2030 (2023-2030)",
        "├── Vision, values and principles",
        "│   └── vision  Our ambition is a greener Southmoor.  southmoor.vision.1",
        "├── Climate and Nature",
        "│   ├── commitment  We will plant 20,000 trees across the district.",
        "│   │   southmoor.climate.commitment.1",
        "│   └── commitment  We will make every council building net zero by 2030.",
        "│       southmoor.climate.commitment.2",
        "└── Good Jobs",
        "    ├── commitment  We will support local businesses to grow and hire local",
        "    │   people.  southmoor.jobs.commitment.1",
        "    └── difference  the difference you can expect to see  More residents in good",
        "        jobs  southmoor.jobs.difference.1",
        "Southmoor: district, South West. Source: Southmoor Council Plan 2023-2030,",
        "Southmoor District Council; Open Government Licence v3.0",
    ]


def test_show_one_priority_as_markdown_with_figures(runner: CliRunner) -> None:
    result = run(runner, "show", "NDALE", "--priority", "1", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "## Northdale Borough Council: Northdale Together: Council Plan 2024-2027 (2024-2027)"
    assert lines[2:6] == [
        "| Section | Kind | Ref | Heading | Text | Figures | Id |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| Priority 1: A Healthier Northdale | summary |  |  | Everyone in Northdale should live a long and healthy "
        "life. |  | northdale.healthier |",
        "| Priority 1: A Healthier Northdale | challenge |  | Key challenges | Too many adults are physically "
        "inactive. |  | northdale.healthier.challenge.1 |",
    ]
    assert (
        "| Priority 1: A Healthier Northdale | indicator |  | Supporting data | Adults who smoke regularly "
        "| 21.5 % · National average: 14.5 % | northdale.healthier.indicator.1 |" in lines
    )
    assert not any("Priority 2" in line for line in lines)
    assert lines[-1] == "Northdale: metropolitan borough, North West. Source: Northdale Together: Council Plan 2024-2027, Northdale Borough Council; Open Government Licence v3.0"


def test_unknown_council_exits_2_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "covnetry"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Unknown council 'covnetry'. Did you mean 'coventry'? "
        "Known councils: coventry, sandwell, stoke-on-trent, wolverhampton.\n"
    )


def test_unknown_priority_exits_2(runner: CliRunner) -> None:
    result = run(runner, "show", "northdale", "-p", "parks")
    assert (result.exit_code, result.stderr) == (2, "Error: No priority 'parks' in northdale. Priorities: healthier, homes.\n")


def test_validate_fixture_plans(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(VALID_PLANS)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2 plans, 12 items: OK\n", "")


def test_validate_bundled_plans_by_default(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"4 plans, \d+ items: OK\n", result.stdout)


def test_validate_reports_every_problem_and_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(INVALID / "wrong_types.yaml"), str(INVALID / "bad_kind.yaml")])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert all(re.match(r".*(wrong_types|bad_kind)\.yaml:\d+:\d+: ", line) for line in lines)


def test_validate_traces_text_to_the_source(runner: CliRunner, plan_copy: Path) -> None:
    plan_file = plan_copy / "northdale.yaml"
    plan_file.write_text(plan_file.read_text().replace("two new leisure", "2 new leisure"))
    result = runner.invoke(cli, ["validate", str(plan_copy)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "northdale.yaml: northdale.healthier.commitment.1 text not found in northdale.txt: "
        "'We will open 2 new leisure centres by 2026.' (copy the plan's words exactly)\n"
    )


def test_validate_notes_a_missing_source(runner: CliRunner, plan_copy: Path) -> None:
    (plan_copy.parent / "sources" / "southmoor.txt").unlink()
    result = runner.invoke(cli, ["validate", str(plan_copy)])
    assert result.exit_code == 0
    assert "southmoor.yaml: source text southmoor.txt not found beside the plans, so texts were not traced" in result.stderr
    assert result.stdout == "2 plans, 12 items: OK\n"


def test_plans_dir_from_the_environment(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--format", "csv"], env={"PLANCOMPARE_PLANS_DIR": str(VALID_PLANS)})
    assert result.stdout.splitlines()[1].startswith("northdale,")


def test_plans_dir_with_no_plans(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--plans-dir", str(tmp_path), "list"])
    assert result.exit_code == 1
    assert result.stderr.endswith(": no plan files (*.yaml) in this directory (point --plans-dir at a directory of plan files)\n")
    assert "Traceback" not in result.output


def test_output_file_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plans.md"
    target.write_text("old contents")
    result = run(runner, "list", "--format", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}\n"
    assert target.read_text().startswith("## Council plans\n")
    assert [p.name for p in tmp_path.iterdir()] == ["plans.md"]


def test_output_in_a_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plans.csv"
    result = run(runner, "list", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: directory '{target.parent}' does not exist (create it first)\n"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_output_in_a_read_only_directory(runner: CliRunner, tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = run(runner, "list", "-o", str(tmp_path / "plans.csv"))
    finally:
        tmp_path.chmod(0o700)
    assert result.exit_code == 1
    assert "Permission denied" in result.stderr


def test_table_format_to_a_file_is_plain_text(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plans.txt"
    run(runner, "list", "-o", str(target))
    text = target.read_text()
    assert "northdale" in text and "\x1b" not in text


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.stdout == f"plancompare, version {__version__}\n"


def test_debug_flag_shows_the_traceback(runner: CliRunner) -> None:
    from plancompare.errors import UnknownName

    with pytest.raises(UnknownName):
        runner.invoke(cli, ["--debug", "show", "nowhere"], catch_exceptions=False)


def test_keyboard_interrupt_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import plancompare.output.views

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(plancompare.output.views, "plans_table", interrupted)
    result = run(runner, "list")
    assert (result.exit_code, result.stderr) == (130, "Interrupted.\n")


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "plancompare", "--plans-dir", str(VALID_PLANS), "list", "--format", "csv"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("council,plan,period")


def _commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_an_example(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert cli.commands[name].help and "Example" in result.stdout


@pytest.mark.parametrize("name", _commands())
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"plancompare {name}" in readme


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
@pytest.mark.parametrize("args", [["list"], ["show", "stoke"], ["show", "wolverhampton", "-p", "5"]], ids=" ".join)
def test_bundled_plans_in_every_format(runner: CliRunner, args: list[str], fmt: str) -> None:
    import csv
    import io

    result = runner.invoke(cli, [*args, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        document = json.loads(result.stdout)
        assert document["rows"] and set(document["rows"][0]) == {c["key"] for c in document["columns"]}
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
    elif fmt == "markdown":
        from support import markdown_cells

        cells = markdown_cells(result.stdout)
        assert len(cells) > 1 and all(len(row) == len(cells[0]) for row in cells)
    else:
        assert result.stdout.strip()


def test_plan_text_is_shown_literally(runner: CliRunner, plan_copy: Path) -> None:
    plan_file = plan_copy / "southmoor.yaml"
    hostile = '"[bold red]We will[/] plant \\x1b[2J\\x1b]0;pwned\\x07trees | *now*"'
    plan_file.write_text(plan_file.read_text().replace("We will plant 20,000 trees across the district.", hostile))
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "show", "southmoor"])
    assert result.exit_code == 0, result.stderr
    assert "[bold red]We will[/] plant trees | *now*" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    markdown = runner.invoke(cli, ["--plans-dir", str(plan_copy), "show", "southmoor", "--format", "markdown"]).stdout
    assert "\\[bold red\\]We will\\[/\\] plant trees \\| \\*now\\*" in markdown


def test_bare_command_prints_help_and_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(cli, [])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: plancompare [OPTIONS] COMMAND [ARGS]...")


COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[0-9;]*m")


def test_output_to_a_pipe_has_no_escape_codes(runner: CliRunner) -> None:
    result = run(runner, "themes")
    assert "\x1b" not in result.stdout


def test_colour_is_used_on_a_terminal_unless_switched_off(runner: CliRunner) -> None:
    coloured = runner.invoke(cli, [*PLANS, "themes"], env={"FORCE_COLOR": "1"})
    assert COLOUR_CODE.search(coloured.stdout)
    for args, env in ((["--no-color"], {"FORCE_COLOR": "1"}), ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"})):
        plain = runner.invoke(cli, [*args, *PLANS, "themes"], env=env)
        assert plain.exit_code == 0
        assert not COLOUR_CODE.search(plain.stdout), args


def test_themes_table_shows_a_heat_map_legend_only_where_cells_are_shaded(runner: CliRunner) -> None:
    shaded = runner.invoke(cli, [*PLANS, "themes"], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = COLOUR_CODE.sub("", shaded.stdout)
    assert "Darker cells: a larger share of that council's plan.\nScale:" in plain
    for args, env in (([], {}), ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}), (["--no-color"], {"FORCE_COLOR": "1"}),
                      (["--format", "markdown"], {})):
        result = runner.invoke(cli, [*PLANS, "themes", *args], env=env)
        assert "Scale:" not in result.stdout and "Darker" not in result.stdout, (args, env)


def test_themes_counts_a_repeated_text_once_on_a_first_and_a_cached_run(runner: CliRunner, plan_copy: Path) -> None:
    plan = plan_copy / "northdale.yaml"
    text = plan.read_text(encoding="utf-8")
    homes = "        text: We will build 1,000 affordable homes.\n"
    copy = ("      - id: northdale.healthier.commitment.9\n        kind: commitment\n        heading: Actions\n"
            "        text: we will build 1,000 affordable homes\n")
    anchor = "        text: We will help 500 residents to stop smoking each year.\n"
    assert homes in text and anchor in text
    plan.write_text(text.replace(anchor, anchor + copy), encoding="utf-8")
    listed = json.loads(runner.invoke(cli, ["--plans-dir", str(plan_copy), "items", "--format", "json"]).stdout)["rows"]
    northdale = [row for row in listed if row["council"] == "northdale"]
    assert sum(row["text"].rstrip(".").lower() == "we will build 1,000 affordable homes" for row in northdale) == 2
    for run in ("first", "cached"):
        result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes", "--format", "json"])
        assert result.exit_code == 0, (run, result.stderr)
        cells = json.loads(result.stdout)["themes"]
        counted = sum(cell["northdale"]["items"] for cell in cells.values())
        assert counted == len(northdale) - 1, run  # the copy is counted once, not twice
        homes_share = cells["housing"]["northdale"]
        assert homes_share["share"] == round(homes_share["items"] / counted, 4), run
    assert "Counting each repeated text once." in " ".join(
        runner.invoke(cli, ["--plans-dir", str(plan_copy), "themes"]).stdout.split())


def test_help_does_not_import_scikit_learn() -> None:
    code = "import sys; from plancompare.cli.main import main; sys.argv=['plancompare','--help']\ntry:\n main()\nexcept SystemExit: pass\nprint('sklearn' in sys.modules, 'numpy' in sys.modules, 'scipy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False False False"


# -- -o/--output: what may be written, and what never is ------------------------------------------------

def _refused(target: Path, source: Path) -> str:
    from plancompare.paths import display_path

    return f"Error: cannot write {target}: it is one of this command's inputs, {display_path(source)} (write to another file)\n"


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_output_never_overwrites_a_plan_file_in_use(runner: CliRunner, plan_copy: Path, tmp_path: Path, how: str) -> None:
    source = plan_copy / "northdale.yaml"
    before = source.read_bytes()
    target = {"same path": source, "symlink": tmp_path / "link.yaml", "hard link": tmp_path / "hard.yaml"}[how]
    if how == "symlink":
        target.symlink_to(source)
    elif how == "hard link":
        os.link(source, target)
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "list", "-o", str(target)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", _refused(target, source))
    assert source.read_bytes() == before


def test_output_never_overwrites_the_themes_file(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    themes_file = tmp_path / "themes.yaml"
    shutil.copyfile(REPO / "data" / "themes.yaml", themes_file)
    before = themes_file.read_bytes()
    result = run(runner, "--themes", str(themes_file), "themes", "-o", str(themes_file))
    assert (result.exit_code, result.stderr) == (1, _refused(themes_file, themes_file))
    assert themes_file.read_bytes() == before


def test_report_never_overwrites_a_plan_file(runner: CliRunner, plan_copy: Path) -> None:
    source = plan_copy / "southmoor.yaml"
    before = source.read_bytes()
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "report", "-o", str(source)])
    # Refused for its suffix before anything is read (a report is Markdown or HTML).
    assert result.exit_code == 2 and "not .yaml" in result.stderr
    assert source.read_bytes() == before
    # An input with a report's suffix (a taxonomy file named .md) is refused as an input.
    themes = plan_copy.parent / "themes.md"
    themes.write_bytes((REPO / "data" / "themes.yaml").read_bytes())
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "--themes", str(themes), "report", "-o", str(themes)])
    assert (result.exit_code, result.stderr) == (1, _refused(themes, themes))
    assert themes.read_bytes() == (REPO / "data" / "themes.yaml").read_bytes()


DRAFT_SOURCE = REPO / "tests" / "fixtures" / "draft" / "eastbrook.txt"
DRAFT_ARGS = ["--council-id", "eastbrook", "--name", "Eastbrook Council"]


def test_draft_never_overwrites_its_source(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    source = tmp_path / "eastbrook.txt"
    shutil.copyfile(DRAFT_SOURCE, source)
    for extra in ([], ["--force"]):
        result = runner.invoke(cli, ["draft", str(source), *DRAFT_ARGS, "-o", str(source), *extra])
        assert (result.exit_code, result.stderr) == (1, _refused(source, source))
        assert source.read_bytes() == DRAFT_SOURCE.read_bytes()


def test_draft_keeps_an_existing_file_unless_forced(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "eastbrook.yaml"
    target.write_text("# curated by hand\n")
    kept = runner.invoke(cli, ["draft", str(DRAFT_SOURCE), *DRAFT_ARGS, "-o", str(target)])
    assert (kept.exit_code, kept.stderr) == (1, f"Error: cannot write {target}: it already exists (add --force to replace it)\n")
    assert target.read_text() == "# curated by hand\n"
    forced = runner.invoke(cli, ["draft", str(DRAFT_SOURCE), *DRAFT_ARGS, "-o", str(target), "--force"])
    assert forced.exit_code == 0 and forced.stderr.endswith(f"Wrote {target}\n")
    assert target.read_text().startswith("# yaml-language-server")


def test_draft_saves_a_text_source_where_validate_traces_it(runner: CliRunner, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "plans").mkdir(parents=True)
    shutil.copyfile(DRAFT_SOURCE, tmp_path / "eastbrook.txt")
    args = ["draft", "eastbrook.txt", *DRAFT_ARGS, "-o", "data/plans/eastbrook.yaml"]
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stderr) == (0, "Wrote data/sources/eastbrook.txt\nWrote data/plans/eastbrook.yaml\n")
    assert (tmp_path / "data" / "sources" / "eastbrook.txt").read_bytes() == DRAFT_SOURCE.read_bytes()
    validated = runner.invoke(cli, ["--plans-dir", "data/plans", "validate"])
    assert validated.exit_code == 0 and "not found beside the plans" not in validated.stderr
    # Drafting again from the saved copy, or from a file with the same text, writes only the plan.
    forced = runner.invoke(cli, ["draft", "data/sources/eastbrook.txt", *DRAFT_ARGS, "-o", "data/plans/eastbrook.yaml", "--force"])
    assert (forced.exit_code, forced.stderr) == (0, "Wrote data/plans/eastbrook.yaml\n")
    # A different text of that name is neither replaced nor left half-done: the plan is not written.
    (tmp_path / "eastbrook.txt").write_text("Eastbrook Plan 2025-2029\n\nHomes\n\nWe will build 500 homes.\n")
    (tmp_path / "data" / "plans" / "eastbrook.yaml").unlink()
    refused = runner.invoke(cli, args)
    assert (refused.exit_code, refused.stderr) == (1, "Error: cannot write data/sources/eastbrook.txt: it already exists "
                                                      "(add --force to replace it)\n")
    assert not (tmp_path / "data" / "plans" / "eastbrook.yaml").exists()
    assert (tmp_path / "data" / "sources" / "eastbrook.txt").read_bytes() == DRAFT_SOURCE.read_bytes()


def test_draft_writes_nothing_above_a_directory_that_is_not_a_plans_directory(runner: CliRunner, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # validate looks for the text in ../sources; drafting into an arbitrary directory does not make
    # one above it, and says where the text would go.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(cli, ["draft", str(DRAFT_SOURCE), *DRAFT_ARGS, "-o", "eastbrook.yaml"])
    assert result.exit_code == 0
    assert result.stderr == (f"Note: the document's text was not saved: validate looks for it as {tmp_path / 'sources' / 'eastbrook.txt'}; "
                             f"make the directory {tmp_path / 'sources'}, or draft into a plans/ directory, to save it there.\n"
                             "Wrote eastbrook.yaml\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["work"]


def test_draft_checks_the_plan_file_before_it_saves_the_text(runner: CliRunner, tmp_path: Path) -> None:
    plans = tmp_path / "data" / "plans"
    plans.mkdir(parents=True)
    (plans / "eastbrook.yaml").write_text("# curated by hand\n")
    pdf = DRAFT_SOURCE.with_suffix(".pdf")  # (a PDF's text is saved as the council's id)
    result = runner.invoke(cli, ["draft", str(pdf), *DRAFT_ARGS, "-o", str(plans / "eastbrook.yaml")])
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {plans / 'eastbrook.yaml'}: it already exists "
                                                    "(add --force to replace it)\n")
    assert not (tmp_path / "data" / "sources").exists()  # (nothing saved, no directory made)


@pytest.mark.parametrize("args", [["list", "--format", "csv"], ["report"],
                                  ["draft", str(DRAFT_SOURCE), *DRAFT_ARGS]], ids=lambda args: args[0])
def test_output_dash_is_standard_output(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plain = run(runner, *args)
    dashed = run(runner, *args, "-o", "-")
    assert (dashed.exit_code, dashed.stderr) == (0, "")
    assert dashed.stdout == plain.stdout and plain.stdout
    assert list(tmp_path.iterdir()) == []


def test_output_dot_slash_dash_is_a_file_named_dash(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(runner, "list", "--format", "csv", "-o", "./-")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Wrote -\n")
    assert (tmp_path / "-").read_text().startswith("council,plan")


def test_output_under_a_file_says_it_is_not_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    result = run(runner, "list", "-o", str(afile / "x.md"))
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {afile / 'x.md'}: '{afile}' is a file, not a directory\n")


def test_output_name_too_long_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".md")
    result = run(runner, "list", "-o", str(target))
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {target}: File name too long\n")


def test_output_to_a_device_writes_through_it(runner: CliRunner, tmp_path: Path) -> None:
    import stat

    device = Path("/dev/full")
    if os.geteuid() == 0:  # a private copy: as root a regression would replace the real device
        device = tmp_path / "full"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        except OSError as error:
            pytest.skip(f"cannot make a device node here: {error}")
    result = run(runner, "list", "-o", str(device))
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {device}: No space left on device\n")
    assert stat.S_ISCHR(device.stat().st_mode)


@pytest.mark.parametrize("switch", ["--no-color", "NO_COLOR"])
def test_the_spinner_honours_no_color(monkeypatch: pytest.MonkeyPatch, switch: str) -> None:
    import io
    import time

    import click

    from plancompare.cli.options import NO_COLOR, progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def spin(no_color_flag: bool) -> str:
        stream = Terminal()
        monkeypatch.setattr(sys, "stderr", stream)
        with click.Context(cli) as ctx:
            ctx.meta[NO_COLOR] = no_color_flag
            with progress("Comparing plans…"):
                time.sleep(0.3)
        return stream.getvalue()

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert COLOUR_CODE.search(spin(False))  # the check can fail: the spinner is coloured by default
    if switch == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    output = spin(switch == "--no-color")
    assert "Comparing plans" in output and not COLOUR_CODE.search(output)


def test_show_prints_every_text_field_of_a_plan(runner: CliRunner) -> None:
    from dataclasses import fields

    from plancompare.paths import default_plans_dir
    from plancompare.plans.loader import load_plans

    for plan in load_plans([default_plans_dir()]):
        shown = json.dumps(json.loads(runner.invoke(cli, ["show", plan.council.id, "--format", "json"]).stdout),
                           ensure_ascii=False)
        texts = [plan.title, plan.subtitle, plan.published, plan.council.name, plan.council.type, plan.council.region,
                 plan.source.title, plan.source.publisher, plan.source.licence, plan.source.url]
        for priority in plan.priorities:
            texts += [priority.title, priority.summary]
        for item in plan.items():
            texts += [getattr(item, f.name) for f in fields(item) if f.name in (
                "text", "name", "heading", "ref", "local", "comparator", "comparator_label", "gap", "year")]
        missing = [text for text in texts if text and json.dumps(text, ensure_ascii=False)[1:-1] not in shown]
        assert not missing, (plan.council.id, missing[:5])
    stoke = runner.invoke(cli, ["show", "stoke"], env={"COLUMNS": "200"}).stdout
    assert "Creating Shared Wealth, Reducing Inequality" in stoke


def test_top_level_help_shows_each_commands_whole_first_sentence(runner: CliRunner) -> None:
    from plancompare.cli.main import first_sentence

    text = " ".join(runner.invoke(cli, ["--help"], env={"COLUMNS": "80"}).stdout.split("Commands:")[1].split())
    assert "..." not in text
    for name, command in cli.commands.items():
        assert f"{name} {first_sentence(command.help)}" in text
    assert first_sentence("Do this: a, b. Then that.\n\nMore.") == "Do this: a, b."
