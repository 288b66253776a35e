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
    #: Leave the column out of the terminal view (it is in every export): for ids and details that
    #: would squeeze the text columns too narrow to read.
    export_only: bool = False
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
