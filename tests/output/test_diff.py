"""diff end to end and its table: verdicts with their evidence, repeated texts once, theme captions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from plancompare.cli.main import cli
from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.matching.fit import build_index
from plancompare.output.diff import also_under, diff_table
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes



def invoke(*args: str, columns: str = "120") -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_near_miss_is_partly_covered_with_its_counterpart_in_every_format() -> None:
    # The near miss is found from the JSON, so that the test follows the matcher's scores; every
    # other format must show the same row with its counterpart.
    args = ("diff", "sandwell", "coventry", "--theme", "digital")
    document = json.loads(invoke(*args, "--format", "json"))
    pair = next(p for p in document["pairs"] if p["verdict"] == "partly covered" and p["from"]["council"] == "sandwell")
    assert document["partly_floor"] <= pair["score"] < document["threshold"]
    near, counterpart = pair["from"]["text"], pair["to"]["text"]
    terminal = " ".join(invoke(*args, columns="1000").split())
    section = terminal.index("Partly covered: Sandwell's items")
    assert " ".join(near.split()) in terminal[section:] and " ".join(counterpart.split()) in terminal[section:]
    markdown = invoke(*args, "--format", "markdown")
    line = next(line for line in markdown.splitlines() if near in line)
    assert counterpart in line and f"{pair['score']:.4f}" in line  # in full, never rounded up to the threshold
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv"))))
    # nearest_for only when some counterpart is the nearest for several items (the digital rows have one).
    assert list(rows[0]) == ["section", "a_id", "a_text", "score", "b_id", "b_text", "shared_terms", "verdict",
                             "nearest_for"]
    row = next(row for row in rows if row["a_id"] == pair["from"]["id"])
    assert (row["verdict"], float(row["score"]), row["b_id"]) == ("partly covered", pair["score"], pair["to"]["id"])


def test_only_in_rows_still_carry_their_nearest_counterpart_in_exports() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("diff", "sandwell", "coventry", "--format", "csv"))))
    only = [row for row in rows if row["verdict"].startswith("only in")]
    floor = DEFAULT_CONFIG.partly_floor
    assert only and all(row["a_text"] and row["b_text"] and float(row["score"]) < floor for row in only)
    assert {row["verdict"] for row in only} == {"only in sandwell", "only in coventry"}
    # Least covered first within each section.
    sandwell = [float(row["score"]) for row in only if row["verdict"] == "only in sandwell"]
    assert sandwell == sorted(sandwell)


def test_the_theme_caption_speaks_of_the_theme_and_the_whole_caption_of_the_plans() -> None:
    on_theme = " ".join(invoke("diff", "sandwell", "coventry", "--theme", "digital").split())
    assert "On Digital: Sandwell: 7 items" in on_theme and "Whole plans" not in on_theme
    whole = " ".join(invoke("diff", "sandwell", "coventry").split())
    assert "Whole plans: Sandwell: 148 items" in whole and "Emphasis differs most on" in whole


def test_a_repeated_text_is_one_row_with_the_other_sections_named() -> None:
    document = json.loads(invoke("diff", "stoke", "coventry", "--format", "json"))
    texts = [pair["from"]["text"].rstrip(".").lower() for pair in document["pairs"] if pair["from"]["council"] == "stoke-on-trent"]
    assert len(texts) == len(set(texts))
    rows = list(csv.DictReader(io.StringIO(invoke("diff", "stoke", "coventry", "--format", "csv"))))
    noted = [row for row in rows if row["also_under"]]
    assert noted and all(row["also_under"].startswith("also under: ") for row in noted)
    counts = document["counts"]["stoke-on-trent"]
    assert counts["items"] == len(texts) == counts["matched"] + counts["partly_covered"] + counts["only_in"]


@pytest.fixture(scope="module")
def index():
    return build_index(load_plans([default_plans_dir()]), load_themes())


def test_diff_table_rows_agree_with_their_verdicts(index) -> None:
    a, b = index.plan("stoke-on-trent"), index.plan("wolverhampton")
    threshold, floor = DEFAULT_CONFIG.threshold, DEFAULT_CONFIG.partly_floor
    table = diff_table(index, a, b, threshold)
    verdicts = set()
    for record in table.records():
        verdicts.add(record["verdict"])
        if record["verdict"] == "matched":
            assert record["score"] >= threshold
        elif record["verdict"] == "partly covered":
            assert floor <= record["score"] < threshold
        else:
            assert record["score"] < floor and record["verdict"] in ("only in stoke-on-trent", "only in wolverhampton")
    assert {"matched", "partly covered"} < verdicts  # every kind of row was checked
    assert table.document["partly_floor"] == floor


def test_also_under_names_the_sections_of_the_copies(index) -> None:
    from plancompare.matching.coverage import distinct

    plan = index.plan("stoke-on-trent")
    items = distinct(plan.items())
    repeated = next(item for item in items.items if items.also(item))
    note = also_under(plan, items, repeated)
    assert note.startswith("also under: ") and plan.priority(items.also(repeated)[0].priority_id).title in note
    single = next(item for item in items.items if not items.also(item))
    assert also_under(plan, items, single) is None


def test_nearest_counts_count_one_counterpart_shared_by_several_items() -> None:
    from plancompare.matching.coverage import Covered
    from plancompare.output.diff import nearest_counts
    from plancompare.plans.model import Item

    def item(item_id: str) -> Item:
        return Item(id=item_id, kind="commitment", text=item_id, council_id=item_id[0], priority_id=None)

    short = item("b1")
    rows = [Covered(item("a1"), short, 0.5, (), "matched"), Covered(item("a2"), short, 0.3, (), "partly covered"),
            Covered(item("a3"), short, 0.1, (), "only in"), Covered(item("a4"), item("b2"), 0.3, (), "partly covered"),
            Covered(item("a5"), None, None, (), "only in")]
    assert nearest_counts(rows) == {"b1": 2, "b2": 1}  # an only-in row's nearest is no evidence: not counted


def test_diff_flags_a_counterpart_that_is_the_nearest_for_several_items() -> None:
    document = json.loads(invoke("diff", "sandwell", "coventry", "--format", "json"))
    pairs = document["pairs"]
    for council in ("sandwell", "coventry"):
        mine = [p for p in pairs if p["from"]["council"] == council]
        for pair in mine:
            if pair["verdict"] == "only in":
                assert pair["nearest_for"] is None
            else:
                same = [p for p in mine if p["verdict"] != "only in" and p["to"]["id"] == pair["to"]["id"]]
                assert pair["nearest_for"] == len(same)
    shared = [p for p in pairs if (p["nearest_for"] or 0) > 1]
    assert shared  # these two plans have many-to-one counterparts
    rows = list(csv.DictReader(io.StringIO(invoke("diff", "sandwell", "coventry", "--format", "csv"))))
    assert "nearest_for" in rows[0]
    # A row of Coventry's items is in its own partly covered section; every other row is Sandwell's.
    flagged = {(row["section"] == "Partly covered: Coventry's items", row["a_id"], row["b_id"]): int(row["nearest_for"])
               for row in rows if row["nearest_for"]}
    shown = [pair for pair in shared if pair["from"]["council"] == "sandwell" or pair["verdict"] == "partly covered"]
    assert shown
    for pair in shown:
        backward = pair["from"]["council"] == "coventry"
        ids = (pair["to"]["id"], pair["from"]["id"]) if backward else (pair["from"]["id"], pair["to"]["id"])
        assert flagged[(backward, *ids)] == pair["nearest_for"]
    assert all(value > 1 for value in flagged.values())
    assert len(flagged) == len(shown)
    terminal = " ".join(invoke("diff", "sandwell", "coventry", columns="1000").split())
    assert '"The nearest for N" (Nearest for, in the exports): that counterpart is the nearest for N' in terminal
    # On one theme every row is on the screen: the shared counterpart carries the note under its text.
    digital = json.loads(invoke("diff", "sandwell", "coventry", "--theme", "digital", "--format", "json"))["pairs"]
    pair = max((p for p in digital if p["from"]["council"] == "sandwell"), key=lambda p: p["nearest_for"] or 0)
    assert pair["nearest_for"] > 1
    counterpart = " ".join(pair["to"]["text"].split())
    on_theme = " ".join(invoke("diff", "sandwell", "coventry", "--theme", "digital", columns="1000").split())
    assert counterpart in on_theme and f"(the nearest for {pair['nearest_for']} of Sandwell's items)" in on_theme
    markdown = invoke("diff", "sandwell", "coventry", "--format", "markdown")
    assert "| Nearest for |" in markdown and "(the nearest for" not in markdown  # the texts stay as written
