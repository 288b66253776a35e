"""The one rendering layer: a Table as a rich terminal table (or tree), Markdown, CSV or JSON.

Plan text is data. Every cell passes through ``clean_cell`` (terminal control characters and escape
sequences removed) before any format sees it; the terminal renderer builds rich ``Text`` objects, so
``[bold]`` in a plan prints literally; the Markdown renderer escapes everything Markdown would read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

from plancompare.output.heat import TERMINAL_PALETTE, heat_level, heat_range, step_starts
from plancompare.output.table import Cell, Column, Table
from plancompare.plans.textnorm import strip_control

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

FORMATS = ("table", "markdown", "csv", "csv-excel", "json")
#: The version of the JSON outputs' shape, in every JSON document: raised when a field changes
#: meaning or goes (2: shares as fractions, list outputs wrapped in an object).
SCHEMA_VERSION = 2


def clean_cell(value: Cell) -> Cell:
    """A cell fit to print: text without control characters; numbers as they are."""
    if isinstance(value, str):
        return strip_control(value)
    return value


def cell_text(value: Cell, decimals: int | None = None) -> str:
    """A cell as display text: cleaned, blank for None, floats to ``decimals`` places when given."""
    value = clean_cell(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    return str(value)


# -- Markdown ---------------------------------------------------------------------------------------

# Characters that start emphasis, code, links, HTML or strikethrough, the cell separator, the
# backslash itself, and '&' where it would begin an entity such as &amp; or &#36;.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# What else starts a block when it begins a line (a paragraph, a list item's text): an ATX heading,
# a bullet list item, a thematic break of hyphens (alone, or after a list item's "- "), an ordered
# list item. Quotes, fences, HTML, breaks of * or _, link definitions and tables begin with
# characters escaped everywhere; setext underlines and indented code need a line of their own, or
# leading spaces, which escaped text never has.
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|-(?=[- \t]*$))")
_ORDERED_START = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")
# The closing sequence of an ATX heading: a run of # at the end, after a space (or alone).
_CLOSING_HASHES = re.compile(r"(?<![^ \t])(#*)#$")


def markdown_escape(text: str) -> str:
    """Escape text for a GitHub-flavoured Markdown table cell, paragraph or list item: one line,
    without leading or trailing spaces, nothing interpreted, inline or block."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text).strip())
    text = _BLOCK_START.sub(lambda match: "\\" + match.group(0), text, count=1)
    return _ORDERED_START.sub(r"\1\\\2", text, count=1)


def markdown_heading(level: int, text: str) -> str:
    """An ATX heading of ``text``, escaped, with a trailing run of # kept as text (unescaped, it
    would be read as the heading's closing sequence and dropped)."""
    return "#" * level + " " + _CLOSING_HASHES.sub(r"\1\\#", markdown_escape(text))


def _markdown_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(table: Table) -> str:
    """The table as a GitHub-flavoured Markdown table under a heading."""
    lines = [markdown_heading(2, cell_text(table.title)), "", markdown_table(table)]
    if table.caption:
        lines += ["", markdown_escape(cell_text(table.caption))]
    return "\n".join(lines) + "\n"


def markdown_table(table: Table) -> str:
    """Just the table's rows as a GitHub-flavoured Markdown table (no heading, no caption)."""
    kept = [index for index, column in enumerate(table.columns) if not column.terminal_only]
    columns = [table.columns[index] for index in kept]
    lines = [_markdown_line([markdown_escape(c.header) for c in columns])]
    lines.append(_markdown_line(["---:" if c.numeric else "---" for c in columns]))
    for row in table.rows:
        cells = [display_text(table.columns[index], row[index]) for index in kept]
        lines.append(_markdown_line([markdown_escape(cell) for cell in cells]))
    return "\n".join(lines)


# -- CSV and JSON -----------------------------------------------------------------------------------


# A spreadsheet opening the CSV runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), -2+3+cmd|...): OWASP's list, plus the line feed that clean_cell makes of a
# carriage return, since a spreadsheet skips a leading line break as it skips a tab.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# ... but text that is just a number ("-7", "-0.25") reads as that number and runs nothing.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def csv_cell(value: Cell) -> Cell:
    """A cell fit for a CSV file: cleaned, and text that a spreadsheet would run as a formula
    neutralised with a leading single quote (OWASP's rule); numbers, and text that is only a
    number, are left as they are."""
    value = clean_cell(value)
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(table: Table, line_end: str = "\n") -> str:
    """The table as CSV with a header row of column keys (RFC 4180 quoting); formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    kept = [index for index, column in enumerate(table.columns) if not column.terminal_only]
    writer.writerow([table.columns[index].key for index in kept])
    for row in table.rows:
        writer.writerow(["" if row[index] is None else csv_cell(row[index]) for index in kept])
    return buffer.getvalue()


def _clean_document(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _clean_document(element) for key, element in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_document(element) for element in value]
    return clean_cell(value)


def to_csv_excel(table: Table) -> str:
    """The CSV for Excel: a UTF-8 byte order mark (without it Excel reads the file as the system's
    code page, and "£" becomes "Â£") and CRLF line ends."""
    return "\ufeff" + to_csv(table, line_end="\r\n")


def to_json(table: Table) -> str:
    """The table as JSON, always an object with ``schema_version`` first: the table's own document
    when it has one (a list of records goes under ``rows``), otherwise the title, columns (key and
    header) and rows as objects keyed by column."""
    if isinstance(table.document, dict):
        document = {"schema_version": SCHEMA_VERSION, **_clean_document(table.document)}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if table.document is not None:
        document = {"schema_version": SCHEMA_VERSION, "title": table.title, "rows": _clean_document(table.document)}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": table.title,
        "columns": [{"key": c.key, "header": c.header} for c in table.columns if not c.terminal_only],
        "rows": [{c.key: clean_cell(cell) for c, cell in zip(table.columns, row) if not c.terminal_only}
                 for row in table.rows],
    }
    if table.caption:
        document["caption"] = table.caption
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -- the terminal -----------------------------------------------------------------------------------


def display_text(column: Column, value: Cell) -> str:
    """A cell as the terminal and Markdown show it: percentages for fractions, fixed decimals."""
    if column.percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = 100 * value
    return cell_text(value, column.decimals)


def to_rich(table: Table, width: int = 100, shaded: bool = False) -> RenderableType:
    """The table as a rich renderable laid out for ``width`` columns under the layout rule
    (output.layout): a Table (or Tree, when grouped as one), its caption, and the heat map's scale
    when ``shaded``; the table's alternative shape when its columns do not fit; one line saying so
    when nothing fits."""
    if table.group_by is not None and table.layout == "tree":
        return _rich_tree(table)
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    from plancompare.output.layout import plan_layout, too_narrow_message

    group_index = table.keys().index(table.group_by) if table.group_by else None
    shown = [i for i, column in enumerate(table.columns) if i != group_index and not column.export_only]
    columns = [table.columns[i] for i in shown]
    if not shown:
        return Text(cell_text(table.title), style="bold")
    lines, notes = _terminal_rows(table, group_index, shown)
    layout = plan_layout(columns, [cells for _, cells in lines], width)
    if layout is None:
        if table.alternative is not None:
            return to_rich(table.alternative, width, shaded)
        return Group(Text(cell_text(table.title), style="bold"), Text(too_narrow_message(table, width)))
    scale = heat_range(table) if shaded else None
    caption = " ".join(part for part in [cell_text(table.caption), *notes] if part)
    if layout.key:
        caption += (" " if caption else "") + "Key: " + "; ".join(layout.key) + "."
    rich_table = RichTable(
        title=Text(cell_text(table.title), style="bold"),
        box=box.SIMPLE_HEAD,
        padding=(0, 1 if layout.gap > 1 else 0),
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
        header_style="bold",
        show_lines=False,
    )
    for column, header, column_width in zip(columns, layout.headers, layout.widths):
        rich_table.add_column(Text(header), justify="right" if column.numeric else "left", style=column.style or None,
                              width=column_width, no_wrap=False, overflow="fold")
    for kind, cells in lines:
        if kind == "section":
            if rich_table.rows:
                rich_table.add_section()
            rich_table.add_row(Text(cells[0], style="bold cyan"), *cells[1:])
            continue
        rich_table.add_row(*(Text(text, style=_heat_style(row_value, scale) if column.heat else "")
                             for column, text, row_value in zip(columns, cells, kind)))
    # The caption goes under the table at the console's width (rich would wrap it to the table's).
    parts = [rich_table] + ([Text(caption)] if caption else [])
    if scale is not None:
        parts.append(_heat_legend(table, columns, scale))
    return parts[0] if len(parts) == 1 else Group(*parts)


def _terminal_rows(table: Table, group_index: int | None, shown: list[int]):
    """The rows the terminal shows, as (kind, texts) where kind is "section" for a group's heading
    row or the row's raw cells; and the notes saying what was left out."""
    lines: list = []
    notes: list[str] = []
    limit = table.terminal_row_limit
    rows = table.rows if limit is None else table.rows[:limit]
    current: object = object()
    shown_in_group = hidden = 0
    for row in rows:
        if group_index is not None and row[group_index] != current:
            current, shown_in_group = row[group_index], 0
            lines.append(("section", [cell_text(current)] + [""] * (len(shown) - 1)))
        if group_index is not None and table.terminal_group_limit is not None and shown_in_group >= table.terminal_group_limit:
            hidden += 1
            continue
        shown_in_group += 1
        lines.append((tuple(row[i] for i in shown), [display_text(table.columns[i], row[i]) for i in shown]))
    if hidden:
        notes.append(f"Each section shows its first {table.terminal_group_limit} rows; {hidden} more are left out "
                     f"here ({table.more_hint}).")
    if len(rows) < len(table.rows):
        notes.append(f"Showing the first {len(rows)} of {len(table.rows)} rows ({table.more_hint}).")
    return lines, notes


def _heat_style(cell: Cell, scale: tuple[float, float] | None) -> str:
    level = heat_level(cell, scale, len(TERMINAL_PALETTE))
    if level is None:
        return ""
    background, text = TERMINAL_PALETTE[level]
    return f"{text} on {background}"


def _heat_legend(table: Table, columns: list[Column], scale: tuple[float, float]):
    """One line under a shaded table: what darker means, and where each step starts."""
    from rich.text import Text

    column = next(c for c in columns if c.heat)
    # Two lines, so that the scale's steps never wrap apart from the words that explain them.
    legend = Text(f"Darker cells: {table.heat_meaning}.\nScale:")
    for start, (background, text) in zip(step_starts(scale, len(TERMINAL_PALETTE)), TERMINAL_PALETTE):
        legend.append(" ")
        legend.append(f" {display_text(column, start)}+ ", style=f"{text} on {background}")
    return legend


def _rich_tree(table: Table) -> RenderableType:
    from rich.text import Text
    from rich.tree import Tree

    group_index = table.keys().index(table.group_by or "")
    tree = Tree(Text(cell_text(table.title), style="bold"))
    branches: dict[str, Tree] = {}
    for row in table.rows:
        group = cell_text(row[group_index])
        if group not in branches:
            branches[group] = tree.add(Text(group, style="bold cyan"))
        label = Text()
        for column, cell in zip(table.columns, row):
            value = cell_text(cell)
            if column.key == table.group_by or column.export_only or not value:
                continue
            if label:
                label.append("  ")
            label.append(value, style=column.style or "")
        branches[group].add(label)
    if table.caption:
        from rich.console import Group

        return Group(tree, Text(cell_text(table.caption), style="dim"))
    return tree


def render_text(table: Table, width: int = 100) -> str:
    """The terminal rendering as plain text, without colour, for writing to a file."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, emoji=False, highlight=False)
    console.print(to_rich(table, width))
    return buffer.getvalue()


def render(table: Table, fmt: str) -> str:
    """The table as text in one of the export formats (or plain terminal text for 'table')."""
    if fmt == "markdown":
        return to_markdown(table)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "csv-excel":
        return to_csv_excel(table)
    if fmt == "json":
        return to_json(table)
    if fmt == "table":
        return render_text(table)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def print_table(table: Table, fmt: str, console: Console) -> None:
    """Print the table to the console: rich rendering for 'table', the export text otherwise."""
    if fmt == "table":
        shaded = console.color_system is not None and not console.no_color
        console.print(to_rich(table, console.width, shaded))
    else:
        console.file.write(render(table, fmt))
