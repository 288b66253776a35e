"""The one shape every command's output takes: a titled table of columns and rows.

Commands build a Table from the model; plancompare.output.render turns it into a terminal table, Markdown,
CSV or JSON. Keeping commands to this shape is what lets one renderer serve them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    """A column: ``key`` names it in CSV and JSON, ``header`` in the terminal and Markdown."""

    key: str
    header: str
    numeric: bool = False
    #: A hint to the terminal renderer (a rich style name); the exports ignore it.
    style: str = ""
    #: The narrowest the terminal may squeeze this column.
    min_width: int | None = None
    #: Keep the column's cells on one line in the terminal (ids, counts).
    no_wrap: bool = False
    #: Shade the column's numbers as a heat map in the terminal (higher is darker).
    heat: bool = False
    #: The column holds prose (a plan's text): it wraps and takes the width the other columns leave.
    #: Every other column is kept at least as wide as its longest word (output.layout).
    prose: bool = False
    #: The header names a council and may be shortened, with a key, when the columns do not fit.
    abbreviate: bool = False
    #: The cells are fractions (0.054) shown as percentages (5.4) in the terminal and Markdown;
    #: CSV and JSON keep the fraction.
    percent: bool = False
    #: Leave the column out of the terminal view (it is in every export): for ids and details that
    #: would squeeze the text columns too narrow to read.
    export_only: bool = False
    #: Leave the column out of CSV and the generic JSON: a readable form (a theme's label) of
    #: another column that the exports already hold (its id).
    terminal_only: bool = False
    #: Show numbers with this many decimals in the terminal and Markdown (CSV and JSON keep all).
    decimals: int | None = None


@dataclass(frozen=True)
class Table:
    """Rows of cells under columns, with a title; optionally grouped by one column for display."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: In the terminal, show the rows under each distinct value of this column: as a tree, or as
    #: sections of one table (``layout="sections"``).
    group_by: str | None = None
    layout: str = "tree"
    #: In the terminal's sections layout, show at most this many rows per group and say how many
    #: more there are; every export keeps all rows.
    terminal_group_limit: int | None = None
    #: In the terminal, show at most this many rows in all and say how many more there are (a
    #: table printed row by row costs about a millisecond a row); every export keeps all rows.
    terminal_row_limit: int | None = None
    #: A short note shown under the table in the terminal and in Markdown.
    caption: str | None = None
    #: The JSON document for this output when it has a richer shape than rows of cells
    #: (plain data: dicts, lists, strings, numbers); None for the generic table shape.
    document: Any = None
    #: The same data in another shape (a matrix transposed) for the terminal to show when this
    #: table's columns do not fit its width; the exports always use this table.
    alternative: Table | None = None
    #: What a darker heat-map cell means ("a larger share of that council's plan"), said under the
    #: table only where cells are really shaded.
    heat_meaning: str = "a larger value"
    #: How to see what the terminal left out, said in the caption when rows are left out.
    more_hint: str = "--format csv, markdown or json lists them all"
    #: What to do when the table cannot fit the terminal at all, said in the one line printed instead.
    narrow_hint: str = "narrow it with a filter (fewer councils, --theme), or use --format markdown, csv or json"

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"row {row!r} has {len(row)} cells for {width} columns")
        if self.group_by is not None and self.group_by not in self.keys():
            raise ValueError(f"group_by {self.group_by!r} is not a column")

    def keys(self) -> tuple[str, ...]:
        """The column keys, in order."""
        return tuple(column.key for column in self.columns)

    def records(self) -> list[dict[str, Cell]]:
        """The rows as mappings from column key to cell."""
        keys = self.keys()
        return [dict(zip(keys, row)) for row in self.rows]


#: A transposed matrix shows at most this many rows in the terminal.
TRANSPOSED_ROWS = 40


def transposed(table: Table, sources: list[tuple[str, str]], header: str, hint: str) -> Table:
    """``table`` (a matrix whose first column labels its rows) turned round for the terminal: one row
    per (column key, label) in ``sources``, one numbered column per original row, and a key to the
    numbers in the caption. At most TRANSPOSED_ROWS rows are shown, with ``hint`` saying how to see
    the rest."""
    positions = [table.keys().index(key) for key, _ in sources]
    model = table.columns[positions[0]] if positions else Column("value", "")
    columns = [Column("row", header, style="bold")]
    for number, _ in enumerate(table.rows, start=1):
        columns.append(Column(f"c{number}", str(number), numeric=True, heat=model.heat, percent=model.percent,
                              decimals=0 if model.percent else model.decimals))
    rows = tuple((label, *(row[position] for row in table.rows)) for (_, label), position in zip(sources, positions))
    key = "; ".join(f"{number} = {row[0]}" for number, row in enumerate(table.rows, start=1))
    caption = " ".join(part for part in (table.caption, f"Columns: {key}.") if part)
    return Table(title=table.title, columns=tuple(columns), rows=rows, caption=caption,
                 terminal_row_limit=TRANSPOSED_ROWS, heat_meaning=table.heat_meaning, more_hint=hint,
                 narrow_hint=table.narrow_hint)
