"""Reading YAML: aliases are refused soundly, in every style, before anything is expanded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from plancompare.errors import InvalidInput
from plancompare.plans.taxonomy import load_themes
from plancompare.plans.yamlfile import read_yaml


def _bomb(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs" document in flow style with no space after ':' (once missed by a text scan)."""
    parts = ['"l0":&a0 [' + ",".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        parts.append(f'"l{level}":&a{level} [' + ",".join([f"*a{level - 1}"] * width) + "]")
    return "{" + ",".join(parts) + "}\n"


@pytest.mark.parametrize(
    "text",
    [
        _bomb(),
        "a: &x [1, 2]\nb: *x\n",
        "a: &x\n  - 1\nb: *x\n",
        "{\"a\":&x 1, \"b\":*x}\n",
        "[&x one, *x]\n",
        "? &k key\n: 1\nother: {*k : 2}\n",
    ],
    ids=["flow-bomb", "block-flow", "block", "flow-no-space", "sequence", "key"],
)
def test_aliases_are_refused_in_every_style(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as caught:
        read_yaml(path, "plan.yaml")
    assert time.perf_counter() - started < 1.0
    (problem,) = caught.value.problems
    assert "YAML anchors and aliases are not allowed" in problem.message and problem.line is not None


def test_an_alias_bomb_in_a_taxonomy_is_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("schema_version: 1\nthemes: " + _bomb())
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="anchors and aliases are not allowed"):
        load_themes(path)
    assert time.perf_counter() - started < 1.0


def test_ampersands_in_text_are_not_anchors(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text('a: R&D and Health & Care\nb: "&quoted"\nc: [x&y, "&z"]\n')
    value, _ = read_yaml(path, "plan.yaml")
    assert value == {"a": "R&D and Health & Care", "b": "&quoted", "c": ["x&y", "&z"]}


@pytest.mark.parametrize(
    ("written", "value"),
    [("1:30", "1:30"), ("012", "012"), ("0b11", "0b11"), ("1_000", "1_000"), ("12", 12), ("-3", -3), ("0", 0),
     ("1.5", 1.5), ("1.0e+3", 1000.0)],
)
def test_numbers_are_read_as_people_write_them(tmp_path: Path, written: str, value: object) -> None:
    """YAML 1.1 reads 1:30 as 90 (base 60) and 012 as 10 (octal); such forms stay the text written."""
    path = tmp_path / "plan.yaml"
    path.write_text(f"a: {written}\n")
    assert read_yaml(path, "plan.yaml")[0] == {"a": value}


def test_a_number_too_long_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("a: " + "9" * 5001 + "\n")
    with pytest.raises(InvalidInput, match=r"^plan.yaml:1:4: a number of 5,001 digits is too long \(write at most 100 digits\)$"):
        read_yaml(path, "plan.yaml")


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan"])
def test_figures_must_be_finite(runner, plan_copy: Path, written: str) -> None:
    from plancompare.cli.main import cli

    plan = plan_copy / "northdale.yaml"
    text = plan.read_text()
    assert "local_value: 21.5" in text
    plan.write_text(text.replace("local_value: 21.5", f"local_value: {written}"))
    result = runner.invoke(cli, ["--no-cache", "--plans-dir", str(plan_copy), "list"])
    assert result.exit_code == 1
    assert "local_value should be a finite number, not " in result.stderr and "(write the figure itself)" in result.stderr
