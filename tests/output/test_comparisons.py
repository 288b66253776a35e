"""The comparison commands end to end: the JSON contracts, and every command in every format."""

from __future__ import annotations

import re

import csv
import io
import json

import pytest
from click.testing import CliRunner

from support import VALID_PLANS
from plancompare.cli.main import cli

COMMANDS = [
    ["themes"],
    ["themes", "stoke", "coventry", "--theme", "housing"],
    ["diff", "stoke", "coventry"],
    ["diff", "sandwell", "wolverhampton", "--theme", "transport", "--threshold", "0.2"],
    ["search", "affordable homes", "--limit", "5"],
    ["neighbours", "wolverhampton"],
    ["indicators"],
    ["indicators", "stoke", "--theme", "health"],
    ["items", "--council", "sandwell", "--theme", "digital"],
]


def invoke(runner: CliRunner, *args: str):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_comparison_in_every_format(runner: CliRunner, args: list[str], fmt: str) -> None:
    result = invoke(runner, *args, "--format", fmt)
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        assert all(len(row) == len(rows[0]) for row in rows)
    elif fmt == "markdown":
        from support import markdown_cells

        cells = markdown_cells(result.stdout)
        assert all(len(row) == len(cells[0]) for row in cells)


def test_items_json_contract(runner: CliRunner) -> None:
    wrapper = json.loads(invoke(runner, "items", "--format", "json").stdout)
    assert wrapper["schema_version"] == 2
    document = wrapper["rows"]
    assert isinstance(document, list) and len(document) > 1000
    for record in document:
        assert {"council", "id", "kind", "text", "priority", "themes"} <= set(record)
        scores = [theme["score"] for theme in record["themes"]]
        assert scores == sorted(scores, reverse=True)
        assert all(set(theme) == {"theme", "score"} and 0 < theme["score"] <= 1 for theme in record["themes"])
    first = document[0]
    assert (first["council"], first["id"], first["priority"]) == ("coventry", "coventry.vision.1", "Vision")


def test_diff_json_contract(runner: CliRunner) -> None:
    document = json.loads(invoke(runner, "diff", "stoke", "cov", "--format", "json").stdout)
    assert (document["a"], document["b"]) == ("stoke-on-trent", "coventry")
    pairs = document["pairs"]
    stoke_ids = [p["from"]["id"] for p in pairs if p["from"]["council"] == "stoke-on-trent"]
    coventry_ids = [p["from"]["id"] for p in pairs if p["from"]["council"] == "coventry"]
    from plancompare.paths import default_plans_dir
    from plancompare.plans.loader import load_plans

    from plancompare.matching.coverage import distinct

    plans = {plan.council.id: plan for plan in load_plans([default_plans_dir()])}
    # Every distinct item once: a text the plan repeats is compared once.
    assert stoke_ids == [item.id for item in distinct(plans["stoke-on-trent"].items()).items]
    assert len(stoke_ids) < len(plans["stoke-on-trent"].items())
    assert coventry_ids == [item.id for item in distinct(plans["coventry"].items()).items]
    for pair in pairs:
        assert set(pair) >= {"from", "to", "score", "theme", "terms", "verdict"}
        assert set(pair["from"]) == set(pair["to"]) == {"council", "id", "text"}
        assert pair["from"]["council"] != pair["to"]["council"]
        assert 0 <= pair["score"] <= 1
    threshold = document["threshold"]
    floor = document["partly_floor"]
    assert set(document["only_a"]) == {p["from"]["id"] for p in pairs if p["from"]["council"] == "stoke-on-trent" and p["score"] < floor}
    assert set(document["only_b"]) == {p["from"]["id"] for p in pairs if p["from"]["council"] == "coventry" and p["score"] < floor}
    assert set(document["partly_a"]) == {p["from"]["id"] for p in pairs if p["from"]["council"] == "stoke-on-trent" and floor <= p["score"] < threshold}
    for pair in pairs:
        expected = "matched" if pair["score"] >= threshold else "partly covered" if pair["score"] >= floor else "only in"
        assert pair["verdict"] == expected


def test_diff_threshold_moves_items_between_matched_and_only(runner: CliRunner) -> None:
    loose = json.loads(invoke(runner, "diff", "stoke", "cov", "--threshold", "0.1", "--format", "json").stdout)
    strict = json.loads(invoke(runner, "diff", "stoke", "cov", "--threshold", "0.6", "--format", "json").stdout)
    assert len(loose["only_a"]) < len(strict["only_a"])
    from plancompare.matching.config import DEFAULT_CONFIG

    assert loose["partly_floor"] == 0.1 and strict["partly_floor"] == DEFAULT_CONFIG.partly_floor

    def without_verdicts(document: dict) -> list[dict]:
        # nearest_for counts the matched and partly covered rows, so it follows the verdicts too.
        return [{key: value for key, value in pair.items() if key not in ("verdict", "nearest_for")}
                for pair in document["pairs"]]

    # The nearest counterparts do not depend on the threshold; only the verdicts do.
    assert without_verdicts(loose) == without_verdicts(strict)
    assert {p["verdict"] for p in strict["pairs"]} == {"matched", "partly covered", "only in"}


def test_themes_json_contract(runner: CliRunner) -> None:
    document = json.loads(invoke(runner, "themes", "--format", "json").stdout)
    assert document["councils"] == ["coventry", "sandwell", "stoke-on-trent", "wolverhampton"]
    assert len(document["themes"]) == 17  # 16 themes and the unclassified
    for council in document["councils"]:
        assert sum(document["themes"][t][council]["items"] for t in document["themes"]) > 100
        assert sum(document["themes"][t][council]["share"] for t in document["themes"]) == pytest.approx(1, abs=0.01)


def test_output_is_byte_identical_across_runs(runner: CliRunner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two independent computations: before each run the in-process index cache is emptied and the
    on-disk cache is a fresh directory, bypassed with --no-cache, so each run parses the plans and
    fits the matcher itself (counted), rather than reading the other's results back."""
    from plancompare.matching import fit

    fits = []
    real_build_index = fit.build_index

    def counted_build_index(*args, **kwargs):
        fits.append(True)
        return real_build_index(*args, **kwargs)

    monkeypatch.setattr(fit, "build_index", counted_build_index)
    outputs = []
    for run in ("first", "second"):
        fit.cached_index.cache_clear()
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / run))
        outputs.append(invoke(runner, "--no-cache", "diff", "stoke", "coventry", "--format", "json").stdout)
        assert len(fits) == len(outputs) and not (tmp_path / run).exists(), run
    fit.cached_index.cache_clear()  # no later test is served the counted index
    assert outputs[0] == outputs[1]


def test_diff_reads_in_a_100_column_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lines = invoke(runner, "diff", "stoke", "coventry").stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 100
    assert lines[1].split() == ["Stoke-on-Trent", "Score", "Coventry", "Shared", "terms", "Also", "under"]
    text = " ".join(" ".join(lines).split())
    for section in ("Partly covered: Stoke-on-Trent's items", "Partly covered: Coventry's items",
                    "Only in Stoke-on-Trent (nearest shown)", "Only in Coventry (nearest shown)"):
        assert section in text, section


def test_unknown_theme_exits_2_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["themes", "--theme", "housng"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Unknown theme 'housng'. Did you mean 'housing'? Themes: health, ")


def test_diff_of_a_council_with_itself_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "stoke", "stoke-on-trent"])
    assert result.exit_code == 2 and "name two different councils" in result.stderr


def test_search_on_fixture_plans_exact(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "search", "trees", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == ["rank", "score", "council", "kind", "text", "themes", "id"]
    assert rows[1][2:5] == ["southmoor", "commitment", "We will plant 20,000 trees across the district."]
    assert len(rows) == 2


def test_search_says_how_many_items_it_found_and_when_it_found_none(runner: CliRunner) -> None:
    found = runner.invoke(cli, ["search", "public transport", "--limit", "3"])
    assert found.exit_code == 0, found.stderr
    assert re.search(r"The best 3 of \d+ items the query finds \(--limit N shows more\)\.", " ".join(found.stdout.split()))
    none = runner.invoke(cli, ["search", "zzzz qqqq"])
    assert none.exit_code == 0 and "No item shares a word or a concept with the query." in " ".join(none.stdout.split())


def test_custom_themes_file(runner: CliRunner, tmp_path) -> None:
    themes = tmp_path / "themes.yaml"
    themes.write_text(
        "schema_version: 1\nthemes:\n"
        "  - {id: green, label: Green, description: trees and nature, keywords: [trees, plant, net zero]}\n"
        "  - {id: homes, label: Homes, description: housing, keywords: [homes, affordable homes]}\n"
    )
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "--themes", str(themes), "themes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document["themes"]) == {"green", "homes", "unclassified"}
    assert document["themes"]["green"]["southmoor"]["items"] >= 1


def test_invalid_themes_file(runner: CliRunner, tmp_path) -> None:
    themes = tmp_path / "themes.yaml"
    themes.write_text("schema_version: 1\nthemes:\n  - {id: green, label: Green}\n")
    result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "--themes", str(themes), "themes"])
    assert result.exit_code == 1
    assert result.stderr.endswith("themes.yaml:3:5: themes[0] is missing required key 'description'\n")


def test_neighbours_limit_keeps_the_most_alike(runner: CliRunner) -> None:
    everyone = json.loads(invoke(runner, "neighbours", "wolverhampton", "--format", "json").stdout)["neighbours"]
    top = json.loads(invoke(runner, "neighbours", "wolverhampton", "-n", "2", "--format", "json").stdout)["neighbours"]
    assert len(everyone) == 3 and top == everyone[:2]
    table = invoke(runner, "neighbours", "wolverhampton", "-n", "1").stdout
    assert "The 1 most alike of 3 councils (--limit N shows more)." in " ".join(table.split())


def test_a_comparator_without_a_label_is_shown_without_one(runner: CliRunner, plan_copy) -> None:
    plan = plan_copy / "northdale.yaml"
    plan.write_text(plan.read_text().replace("        comparator_label: National average\n", ""))
    result = runner.invoke(cli, ["--no-cache", "--plans-dir", str(plan_copy), "indicators", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "None" not in result.stdout and ",14.5 %," in result.stdout


def _csv_rows(runner: CliRunner, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(invoke(runner, *args, "--format", "csv").stdout)))


def test_items_csv_has_one_meaning_per_column_and_limit_applies_everywhere(runner: CliRunner) -> None:
    rows = _csv_rows(runner, "items", "--council", "stoke", "--limit", "7")
    assert len(rows) == 7
    assert list(rows[0]) == ["council", "id", "kind", "priority", "text", "top_theme", "top_score"]
    document = json.loads(invoke(runner, "items", "--council", "stoke", "--limit", "7", "--format", "json").stdout)
    for row, record in zip(rows, document["rows"]):
        best = record["themes"][0] if record["themes"] else None
        assert row["top_theme"] == (best["theme"] if best else "unclassified")
        assert row["top_score"] == (str(best["score"]) if best else "")


def test_themes_shares_are_fractions_in_csv_and_json_and_percentages_in_the_terminal(runner: CliRunner) -> None:
    rows = _csv_rows(runner, "themes")
    document = json.loads(invoke(runner, "themes", "--format", "json").stdout)
    health = next(row for row in rows if row["theme"] == "Health and wellbeing")
    share = document["themes"]["health"]["stoke-on-trent"]["share"]
    assert float(health["stoke-on-trent.share"]) == share and 0 < share < 1
    terminal = invoke(runner, "themes").stdout
    assert f"{100 * share:.1f}" in next(line for line in terminal.splitlines() if line.startswith("Health and"))


def test_themes_side_by_side_csv_carries_each_items_id(runner: CliRunner) -> None:
    rows = _csv_rows(runner, "themes", "stoke", "coventry", "--theme", "housing")
    assert list(rows[0]) == ["stoke-on-trent.id", "stoke-on-trent.text", "coventry.id", "coventry.text"]
    assert all(row["stoke-on-trent.id"].startswith("stoke-on-trent.") for row in rows if row["stoke-on-trent.text"])
    assert all(not row["coventry.id"] for row in rows if not row["coventry.text"])  # empty is empty


def test_indicators_csv_has_numeric_value_columns(runner: CliRunner) -> None:
    rows = _csv_rows(runner, "indicators")
    assert {"local_value", "comparator_value", "unit"} <= set(rows[0])
    valued = [row for row in rows if row["local_value"]]
    assert valued and all(float(row["local_value"]) == float(row["local_value"]) for row in valued)
    assert "—" not in "".join(value for row in rows for value in row.values())


def test_csv_excel_has_a_byte_order_mark_and_crlf(runner: CliRunner, tmp_path) -> None:
    target = tmp_path / "items.csv"
    result = runner.invoke(cli, ["items", "--limit", "3", "--format", "csv-excel", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcouncil,id,") and data.count(b"\r\n") == 4
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == invoke(runner, "items", "--limit", "3", "--format", "csv").stdout


@pytest.mark.parametrize("args", [["list"], ["themes"], ["items", "--limit", "1"], ["indicators"], ["search", "homes"],
                                  ["neighbours", "stoke"], ["diff", "stoke", "coventry"], ["show", "stoke"]])
def test_every_json_output_has_a_schema_version(runner: CliRunner, args: list[str]) -> None:
    assert json.loads(invoke(runner, *args, "--format", "json").stdout)["schema_version"] == 2


def test_search_lists_a_repeated_text_once(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "search", "bus passenger journeys", "--council", "stoke",
                                                  "--format", "csv").stdout)))
    texts = [row["text"].rstrip(".").lower() for row in rows]
    assert "number of bus passenger journeys" in texts
    assert len(texts) == len(set(texts))


def test_theme_matrix_counts_a_repeated_text_once_given_plans_or_council_records() -> None:
    from collections import Counter

    from plancompare.matching.coverage import distinct
    from plancompare.matching.fit import build_index
    from plancompare.output.comparisons import theme_matrix
    from plancompare.paths import default_plans_dir
    from plancompare.plans.loader import load_plans
    from plancompare.plans.taxonomy import load_themes

    plans = load_plans([default_plans_dir()])
    index = build_index(plans, load_themes())
    stoke = index.plan("stoke-on-trent")
    kept = distinct(stoke.items()).items
    assert len(kept) < len(stoke.items())  # Stoke repeats texts, so counting once is tested
    expected = Counter(index.top_theme(item) or "unclassified" for item in kept)
    for given in ([stoke], [stoke.council]):  # the report gives plans, the themes command records
        table = theme_matrix(index, given)
        counts = {theme: cell["stoke-on-trent"]["items"] for theme, cell in table.document["themes"].items()}
        assert {theme: count for theme, count in counts.items() if count} == dict(expected)
        shares = {theme: cell["stoke-on-trent"]["share"] for theme, cell in table.document["themes"].items()}
        assert shares["health"] == round(expected["health"] / len(kept), 4)
        assert "repeated text once" in table.caption
