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


@pytest.mark.parametrize("depth", [150, 490, 999, 5000])
def test_deep_nesting_is_one_line(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("a: " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(InvalidInput) as caught:
        read_yaml(path, "plan.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 1 and ("nested more than 100 levels deep" in problem.message or "nesting depth" in problem.message)


def test_a_nul_byte_is_one_line_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: ok\nb: \"x\x00y\"\n")
    with pytest.raises(InvalidInput) as caught:
        read_yaml(path, "plan.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "plan.yaml:2:6: character U+0000 is not allowed in YAML (control characters are refused) (remove it)"]


def _taxonomy(themes: list[tuple[str, str]]) -> str:
    return "schema_version: 1\nthemes:\n" + "".join(
        f"  - {{id: {theme_id}, label: {label}, description: d}}\n" for theme_id, label in themes)


def test_a_taxonomy_over_the_limit_is_refused_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(_taxonomy([(f"t{n}", f"Theme {n}") for n in range(501)]))
    with pytest.raises(InvalidInput, match=r"themes.yaml:2:1: the taxonomy has 501 themes; at most 500 are allowed \(merge"):
        load_themes(path)
    path.write_text(_taxonomy([(f"t{n}", f"Theme {n}") for n in range(500)]))
    assert len(load_themes(path)) == 500


def test_duplicate_theme_labels_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(_taxonomy([("homes", "Housing"), ("houses", "'housing  '")]))
    with pytest.raises(InvalidInput) as caught:
        load_themes(path)
    (problem,) = caught.value.problems
    assert str(problem).endswith("themes.yaml:4:18: theme label 'housing  ' is also the label of homes "
                                 "(give each theme its own label)")
