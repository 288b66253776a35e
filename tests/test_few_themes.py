"""Taxonomies of one and two themes give correct answers in every command that uses themes, end to end.

(The theme matrix once used the bundled maximum of three themes per item as a fixed row stride, so a
one-theme taxonomy lost two thirds of each council's items and `search` raised IndexError.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import VALID_PLANS
from plancompare.cli.main import cli

FEW_THEMES = {
    1: "  - {id: health, label: Health, description: health wellbeing smoking leisure}\n",
    2: "  - {id: health, label: Health, description: health wellbeing smoking leisure}\n"
       "  - {id: homes, label: Homes, description: housing affordable homes, keywords: [homes, trees, jobs]}\n",
}
COMMANDS = [
    ["themes"], ["themes", "--theme", "health"], ["items"], ["items", "--theme", "health"], ["search", "homes"],
    ["diff", "northdale", "southmoor"], ["diff", "northdale", "southmoor", "--theme", "health"],
    ["neighbours", "northdale"], ["indicators"], ["indicators", "--theme", "health"],
]
#: Items in each fixture plan, counted from tests/fixtures/valid/plans/*.yaml.
ITEMS = {"northdale": 7, "southmoor": 5}


@pytest.fixture(params=sorted(FEW_THEMES), ids=lambda n: f"{n} theme{'s' if n > 1 else ''}")
def few_themes(request, tmp_path_factory) -> tuple[int, Path]:
    path = tmp_path_factory.mktemp("themes") / "themes.yaml"
    path.write_text("schema_version: 1\nthemes:\n" + FEW_THEMES[request.param])
    return request.param, path


def _invoke(runner: CliRunner, themes: Path, *args: str):
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "--themes", str(themes), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_theme_command_runs_with_one_or_two_themes(runner: CliRunner, few_themes, args: list[str], fmt: str) -> None:
    _, path = few_themes
    result = _invoke(runner, path, *args, "--format", fmt)
    assert result.stdout.strip() and result.stderr == ""
    if fmt == "json":
        json.loads(result.stdout)


def test_theme_counts_cover_every_item(runner: CliRunner, few_themes) -> None:
    count, path = few_themes
    document = json.loads(_invoke(runner, path, "themes", "--format", "json").stdout)
    assert list(document["themes"]) == ["health", "homes"][:count] + ["unclassified"]
    totals = {council: sum(document["themes"][theme][council]["items"] for theme in document["themes"]) for council in ITEMS}
    assert totals == ITEMS


def test_items_are_ranked_over_the_themes_there_are(runner: CliRunner, few_themes) -> None:
    count, path = few_themes
    document = json.loads(_invoke(runner, path, "items", "--format", "json").stdout)["rows"]
    assert len(document) == sum(ITEMS.values())
    assert {entry["theme"] for row in document for entry in row["themes"]} <= {"health", "homes"}
    top = {row["id"]: row["themes"][0]["theme"] if row["themes"] else None for row in document}
    assert top["northdale.healthier.commitment.2"] == "health"  # stop smoking
    if count == 2:
        assert top["northdale.homes.commitment.1"] == "homes"  # affordable homes
    for row in document:
        scores = [entry["score"] for entry in row["themes"]]
        assert scores == sorted(scores, reverse=True) and len(scores) <= count


def test_search_finds_items_beyond_the_first_rows(runner: CliRunner, few_themes) -> None:
    _, path = few_themes
    rows = json.loads(_invoke(runner, path, "search", "homes", "--format", "json").stdout)["rows"]
    assert "northdale.homes.commitment.1" in {row["id"] for row in rows}
    named = {part.rsplit(" ", 1)[0] for row in rows for part in row["themes"].split(", ") if part}
    assert named <= {"health", "homes", "unclassified"}


def test_neighbours_names_only_themes_there_are(runner: CliRunner, few_themes) -> None:
    _, path = few_themes
    document = json.loads(_invoke(runner, path, "neighbours", "northdale", "--format", "json").stdout)
    (neighbour,) = document["neighbours"]
    named = {entry["theme"] for entry in neighbour["alike_on"] + neighbour["differs_on"]}
    assert neighbour["council"] == "southmoor" and named and named <= {"health", "homes", "unclassified"}


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_with_one_or_two_themes(runner: CliRunner, few_themes, tmp_path: Path, suffix: str) -> None:
    count, path = few_themes
    target = tmp_path / f"report{suffix}"
    _invoke(runner, path, "report", "-o", str(target))
    text = target.read_text()
    assert "Health" in text and ("Homes" in text) == (count == 2)
