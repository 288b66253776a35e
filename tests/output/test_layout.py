"""The layout rule: pure functions, and every command read at 80, 100 and 120 columns as a person would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from plancompare.cli.main import cli
from plancompare.output import render
from plancompare.output.layout import abbreviations, longest_word, plan_layout
from plancompare.output.render import render_text
from plancompare.output.table import Column, Table
from support import REPO

WIDTHS = (80, 100, 120)
COMMANDS = [
    ["list"],
    ["show", "stoke"],
    ["show", "cov", "--priority", "finance"],
    ["themes"],
    ["themes", "stoke", "coventry", "--theme", "housing"],
    ["diff", "stoke", "coventry"],
    ["search", "affordable homes"],
    ["neighbours", "wolverhampton"],
    ["indicators"],
    ["indicators", "stoke", "--theme", "health"],
    ["items"],
    ["items", "--council", "stoke"],
]


def test_longest_word() -> None:
    assert longest_word("Stoke-on-Trent and Coventry") == len("Stoke-on-Trent")
    assert longest_word("") == 0


def test_abbreviations_are_unique_short_and_stable() -> None:
    names = ["Stoke-on-Trent", "Wolverhampton", "Coventry", "Sandwell", "Southmoor"]
    forms = abbreviations(names, 5)
    assert forms["Stoke-on-Trent"] == "Stoke"
    assert len(set(forms.values())) == len(names)
    assert forms == abbreviations(list(reversed(names)), 5)
    assert abbreviations(["Ab", "Abc"], 5) == {"Ab": "Ab", "Abc": "Abc"}
    clashing = abbreviations(["Council 1", "Council 2", "Council 10"], 4)
    assert len(set(clashing.values())) == 3


def _table(*columns: Column, rows) -> Table:
    return Table(title="T", columns=columns, rows=tuple(rows))


def test_prose_takes_the_width_and_short_columns_keep_their_words() -> None:
    prose = "word " * 60
    columns = (Column("council", "Council"), Column("kind", "Kind"), Column("text", "Text", prose=True))
    layout = plan_layout(columns, [["stoke-on-trent", "commitment", prose]], 80)
    assert layout is not None
    assert layout.widths[:2] == (len("stoke-on-trent"), len("commitment"))
    assert sum(layout.widths) + layout.gap * 2 == 80


def test_nothing_fits_gives_none_and_the_renderer_says_so_in_one_line() -> None:
    columns = tuple(Column(f"c{n}", f"Column{n}", numeric=True) for n in range(12))
    assert plan_layout(columns, [[str(10**8)] * 12], 40) is None
    text = render_text(_table(*columns, rows=[tuple(10**8 for _ in range(12))]), width=40)
    assert "needs more than the terminal's 40 columns" in " ".join(text.split())
    assert "--format" in text and str(10**8) not in text


def test_council_headers_are_shortened_with_a_key_before_giving_up() -> None:
    names = ["Stoke-on-Trent", "Wolverhampton", "Coventry", "Sandwell"]
    columns = (Column("theme", "Theme"),) + tuple(Column(n, n, numeric=True, abbreviate=True) for n in names)
    text = render_text(_table(*columns, rows=[("Housing", 1, 2, 3, 4)]), width=40)
    assert "Key:" in text and "Stoke = Stoke-on-Trent" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 40


def test_the_alternative_shape_is_used_when_the_columns_do_not_fit() -> None:
    wide = _table(*(Column(f"c{n}", f"Long header {n}", numeric=True) for n in range(10)), rows=[tuple(range(10))])
    narrow = Table(title="turned", columns=(Column("n", "N"),), rows=(("fits",),))
    from dataclasses import replace

    assert "fits" in render_text(replace(wide, alternative=narrow), width=40)


# -- every command, read as a person would ----------------------------------------------------------


def _shown_words(table: Table) -> tuple[set[str], list[str]]:
    """The words of the non-prose cells the terminal shows, and the shown headers."""
    group_index = table.keys().index(table.group_by) if table.group_by else None
    shown = [i for i, c in enumerate(table.columns) if i != group_index and not c.export_only]
    lines, _ = render._terminal_rows(table, group_index, shown)
    words = set()
    for kind, cells in lines:
        if kind == "section":
            continue
        for index, text in zip(shown, cells):
            if not table.columns[index].prose:
                words.update(text.split())
    return words, [table.columns[i].header for i in shown]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_reads_at_each_width(args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[Table] = []
    real = render.print_table

    def capture(table, fmt, console):
        printed.append(table)
        return real(table, fmt, console)

    monkeypatch.setattr(render, "print_table", capture)
    result = CliRunner().invoke(cli, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= width
    assert "needs more than the terminal" not in text
    (table,) = printed
    if table.group_by is not None and table.layout == "tree":
        return  # a tree has no columns: each row is one wrapped line
    group_index = table.keys().index(table.group_by) if table.group_by else None
    shown = [table.columns[i] for i in range(len(table.columns)) if i != group_index and not table.columns[i].export_only]
    if plan_layout(shown, [cells for _, cells in render._terminal_rows(table, group_index, [table.columns.index(c) for c in shown])[0]], width) is None:
        table = table.alternative
    words, headers = _shown_words(table)
    tokens = set(text.split())
    broken = sorted(word for word in words if word not in tokens)
    assert not broken, f"short-column words broken or missing at {width} columns: {broken[:10]}"
    flat = " ".join(text.split())
    for header in headers:
        # Every shown column is there: its header, whole or shortened with an entry in the key.
        assert all(word in tokens for word in header.split()) or f"= {header}" in flat, header
    assert "more rows" not in "".join(line for line in text.splitlines() if line.startswith(("stoke", "coventry")))


@pytest.fixture(scope="module")
def synthetic_plans(tmp_path_factory):
    plans = tmp_path_factory.mktemp("synthetic") / "plans"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "45", str(plans)], check=True,
                   capture_output=True)
    return plans


def test_forty_five_councils_turn_the_themes_matrix_round(synthetic_plans) -> None:
    plans = synthetic_plans
    result = CliRunner().invoke(cli, ["--plans-dir", str(plans), "themes"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].split()[:3] == ["Council", "1", "2"]  # councils as rows, numbered themes as columns
    flat = " ".join(result.stdout.split())
    assert "Showing the first 40 of 45 rows" in flat and "1 = Health and wellbeing" in flat
    rule = next(n for n, line in enumerate(lines) if line.startswith("───"))
    assert sum(1 for line in lines[rule + 1:] if len(line.split()) >= 18 and line.split()[-1].isdigit()) == 40


def test_many_neighbours_are_listed_within_the_width(synthetic_plans) -> None:
    # neighbours lists councils as rows (rank, likeness, reasons), so more councils make the table
    # longer, never wider.
    args = ["--plans-dir", str(synthetic_plans), "neighbours", "synthetic-000", "--limit", "44"]
    for width in (80, 120):
        result = CliRunner().invoke(cli, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
        lines = result.stdout.splitlines()
        assert result.exit_code == 0 and max(len(line) for line in lines) <= width
        assert "needs more than the terminal" not in " ".join(result.stdout.split())
        ranks = [line.split()[0] for line in lines if line.lstrip()[:1].isdigit() and line[:3].strip().isdigit()]
        assert ranks == [str(n) for n in range(1, 45)]
        assert "and 39 more" in " ".join(" ".join(lines[:3]).split())  # the title names five, not all 44


def test_four_hundred_councils_in_a_matrix_stay_within_80_columns() -> None:
    from plancompare.output.table import transposed

    councils = [f"Council {n}" for n in range(400)]
    columns = (Column("theme", "Theme"),) + tuple(
        Column(name, name, numeric=True, heat=True, percent=True, decimals=1, abbreviate=True) for name in councils)
    matrix = Table(title="M", columns=columns, rows=tuple((f"Theme {t}", *(0.01 * t for _ in councils)) for t in range(17)))
    from dataclasses import replace

    matrix = replace(matrix, alternative=transposed(matrix, [(name, name) for name in councils], "Council", "hint"))
    text = render_text(matrix, width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    rule = next(n for n, line in enumerate(lines) if line.startswith("───"))
    assert sum(1 for line in lines[rule + 1:] if line.startswith("Council ")) == 40
    assert "Showing the first 40 of 400 rows (hint)." in " ".join(text.split())
