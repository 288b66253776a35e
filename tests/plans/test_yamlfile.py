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
