"""neighbours end to end: likeness on a 0-100 scale set by the set's pairs, raw values in exports,
and reasons that never name one theme on both sides."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from plancompare.cli.main import cli
from plancompare.matching.fit import build_index
from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.output.neighbours import neighbours_table
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_neighbours_spread_over_the_whole_scale() -> None:
    documents = {council: json.loads(invoke("neighbours", council, "--format", "json"))
                 for council in ("coventry", "sandwell", "stoke", "wolverhampton")}
    values = [n["likeness"] for d in documents.values() for n in d["neighbours"]]
    assert min(values) == 0.0 and max(values) == 100.0
    for document in documents.values():
        raws = [n["raw"] for n in document["neighbours"]]
        assert raws == sorted(raws, reverse=True)
        for neighbour in document["neighbours"]:
            alike = {t["theme"] for t in neighbour["alike_on"]}
            differing = {t["theme"] for t in neighbour["differs_on"]}
            assert len(alike) == len(differing) == 3 and not alike & differing
            assert neighbour["matched"] and all(m["score"] >= DEFAULT_CONFIG.threshold for m in neighbour["matched"])


def test_the_terminal_shows_the_scale_and_the_reasons() -> None:
    terminal = " ".join(invoke("neighbours", "wolverhampton").split())
    assert "Most alike on" in terminal and "Differs most on" in terminal
    # The least alike pair is 0 on the scale: the title and caption say that the scale is relative,
    # and each row says in plain shares what the two plans have in common.
    assert "(likeness 0-100 within this set)" in terminal
    assert 'Likeness is relative: 0 is the least alike pair of councils in this set' in terminal
    assert 'not "nothing in common"' in terminal and "Items matched (here / there)" in terminal
    document = json.loads(invoke("neighbours", "wolverhampton", "--format", "json"))
    for neighbour in document["neighbours"]:
        counts = json.loads(invoke("diff", "wolverhampton", neighbour["council"], "--format", "json"))["counts"]
        here, there = counts["wolverhampton"], counts[neighbour["council"]]
        assert neighbour["matched_here"] == round(here["matched"] / here["items"], 4)
        assert neighbour["matched_there"] == round(there["matched"] / there["items"], 4)
        assert f"{neighbour['matched_here']:.0%} / {neighbour['matched_there']:.0%}" in terminal
    assert min(n["likeness"] for n in document["neighbours"]) == 0 < min(n["matched_here"] for n in document["neighbours"])
    markdown = invoke("neighbours", "wolverhampton", "--format", "markdown")
    assert "Strongest matched commitments" in markdown and "~" in markdown
    rows = list(csv.DictReader(io.StringIO(invoke("neighbours", "wolverhampton", "--format", "csv"))))
    assert [row["rank"] for row in rows] == ["1", "2", "3"]
    assert all(0 < float(row["raw"]) < 1 and row["matched"] for row in rows)


def test_neighbours_table_limit() -> None:
    index = build_index(load_plans([default_plans_dir()]), load_themes())
    table = neighbours_table(index, index.plan("coventry"), limit=2)
    assert len(table.rows) == 2 and "The 2 most alike of 3 councils" in table.caption
