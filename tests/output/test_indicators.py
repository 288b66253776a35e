"""indicators end to end: "Similar in" names the counterpart indicator in every format, measures
are matched with measures, and an indicator the plan repeats is listed once."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from plancompare.cli.main import cli


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_similar_in_names_the_counterpart_in_every_format() -> None:
    document = json.loads(invoke("indicators", "stoke", "--theme", "health", "--format", "json"))["rows"]
    from plancompare.matching.config import DEFAULT_CONFIG

    entry = next(row for row in document if any(s["council"] == "wolverhampton" for s in row["similar"]))
    (similar,) = [s for s in entry["similar"] if s["council"] == "wolverhampton"]
    assert similar["id"].startswith("wolverhampton.") and similar["kind"] == "indicator"
    assert similar["score"] >= DEFAULT_CONFIG.threshold
    rows = list(csv.DictReader(io.StringIO(invoke("indicators", "stoke", "--theme", "health", "--format", "csv"))))
    row = next(row for row in rows if row["indicator"] == entry["text"])
    assert similar["id"] in row["similar_ids"].split("; ")
    assert f"Wolverhampton: {similar['text']} ({similar['score']:.2f})" in row["similar"]
    terminal = " ".join(invoke("indicators", "stoke", "--theme", "health").split())
    assert f"Wolverhampton: {similar['text']}" in terminal


def test_measures_match_measures_unless_the_council_has_none() -> None:
    document = json.loads(invoke("indicators", "stoke", "--format", "json"))["rows"]
    kinds = {(s["council"], s["kind"] == "indicator") for row in document for s in row["similar"]}
    assert ("wolverhampton", True) in kinds and ("wolverhampton", False) not in kinds
    # Coventry's plan has no indicators: its other items stand in.
    assert ("coventry", False) in kinds and ("coventry", True) not in kinds


def test_a_repeated_indicator_is_listed_once_with_its_other_sections() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("indicators", "--theme", "transport", "--format", "csv"))))
    bus = [row for row in rows if row["indicator"].startswith("Number of bus passenger journeys")]
    assert len(bus) == 1 and bus[0]["also_under"].startswith("also under: ")
    walk = [row for row in rows if row["indicator"].startswith("Adults who walk or cycle")]
    assert len(walk) == 1 and walk[0]["local"]  # the copy that gives figures is the one shown
