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

from plancompare.output.table import Cell, Table
from plancompare.plans.textnorm import strip_control

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

FORMATS = ("table", "markdown", "csv", "json")


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
    lines = [_markdown_line([markdown_escape(c.header) for c in table.columns])]
    lines.append(_markdown_line(["---:" if c.numeric else "---" for c in table.columns]))
    for row in table.rows:
        cells = [cell_text(cell, column.decimals) for column, cell in zip(table.columns, row)]
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


def to_csv(table: Table) -> str:
    """The table as CSV with a header row of column keys (RFC 4180 quoting); formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.keys())
    for row in table.rows:
        writer.writerow(["" if cell is None else csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _clean_document(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _clean_document(element) for key, element in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_document(element) for element in value]
    return clean_cell(value)


def to_json(table: Table) -> str:
    """The table as JSON: its own document when it has one, otherwise an object with the title,
    columns (key and header) and rows as objects keyed by column."""
    if table.document is not None:
        return json.dumps(_clean_document(table.document), indent=2, ensure_ascii=False) + "\n"
    document = {
        "title": table.title,
        "columns": [{"key": c.key, "header": c.header} for c in table.columns],
        "rows": [{key: clean_cell(cell) for key, cell in record.items()} for record in table.records()],
    }
    if table.caption:
        document["caption"] = table.caption
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -- the terminal -----------------------------------------------------------------------------------


def to_rich(table: Table) -> RenderableType:
    """The table as a rich renderable: a Table, or a Tree when the table is grouped as one."""
    if table.group_by is not None and table.layout == "tree":
        return _rich_tree(table)
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    rich_table = RichTable(
        title=Text(cell_text(table.title), style="bold"),
        caption=_caption_with_legend(table),
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
        header_style="bold",
        show_lines=False,
    )
    group_index = table.keys().index(table.group_by) if table.group_by else None
    shown = [i for i, column in enumerate(table.columns) if i != group_index and not column.export_only]
    peak = heat_peak(table)
    for column in (table.columns[index] for index in shown):
        rich_table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            style=column.style or None,
            min_width=column.min_width,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    current_group: object = object()
    shown_in_group = hidden_in_group = 0

    def close_group() -> None:
        if hidden_in_group:
            note = f"… and {hidden_in_group} more (--format csv lists all)"
            rich_table.add_row(Text(note, style="dim italic"), *([""] * (len(shown) - 1)))

    limit = table.terminal_row_limit
    rows = table.rows if limit is None else table.rows[:limit]
    for row in rows:
        if group_index is not None and row[group_index] != current_group:
            close_group()
            current_group, shown_in_group, hidden_in_group = row[group_index], 0, 0
            if rich_table.rows:
                rich_table.add_section()
            rich_table.add_row(Text(cell_text(current_group), style="bold cyan"), *([""] * (len(shown) - 1)))
        if group_index is not None and table.terminal_group_limit is not None and shown_in_group >= table.terminal_group_limit:
            hidden_in_group += 1
            continue
        shown_in_group += 1
        cells = []
        for index in shown:
            column, cell = table.columns[index], row[index]
            style = _heat_style(cell, peak) if column.heat else ""
            cells.append(Text(cell_text(cell, column.decimals), style=style))
        rich_table.add_row(*cells)
    close_group()
    if len(rows) < len(table.rows):
        note = f"… and {len(table.rows) - len(rows)} more rows (--format csv, markdown or json lists all)"
        rich_table.add_row(Text(note, style="dim italic"), *([""] * (len(shown) - 1)))
    return rich_table


def _caption_with_legend(table: Table):
    """The caption, followed by the heat map's scale when the table has heat columns."""
    from rich.text import Text

    caption = Text(cell_text(table.caption)) if table.caption else Text()
    peak = heat_peak(table)
    if peak is not None:
        if caption:
            caption.append("  ")
        caption.append("Scale: ")
        for level in range(1, len(_HEAT_SHADES)):
            low = peak * (level - 1) / (len(_HEAT_SHADES) - 1)
            caption.append(f" {low:.3g}+ ", style=_HEAT_SHADES[level])
    return caption or None


# Background shades from light to dark for the heat map; text stays readable on each.
_HEAT_SHADES = ("", "on grey15", "on dark_green", "on green4", "on green3")


def heat_peak(table: Table) -> float | None:
    """The largest value of all heat columns together, so one scale serves the whole map (the
    terminal and the HTML report shade on it alike); None when the table has no heat columns."""
    heat_columns = [index for index, column in enumerate(table.columns) if column.heat]
    if not heat_columns:
        return None
    values = [row[i] for row in table.rows for i in heat_columns if isinstance(row[i], (int, float))]
    return float(max(values, default=0) or 1)


def _heat_style(cell: Cell, peak: float | None) -> str:
    if not isinstance(cell, (int, float)) or not peak or cell <= 0:
        return ""
    level = min(len(_HEAT_SHADES) - 1, 1 + int((len(_HEAT_SHADES) - 1) * cell / peak * 0.999))
    return _HEAT_SHADES[level] + (" bold" if level == len(_HEAT_SHADES) - 1 else "")


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
    console.print(to_rich(table))
    return buffer.getvalue()


def render(table: Table, fmt: str) -> str:
    """The table as text in one of the export formats (or plain terminal text for 'table')."""
    if fmt == "markdown":
        return to_markdown(table)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    if fmt == "table":
        return render_text(table)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def print_table(table: Table, fmt: str, console: Console) -> None:
    """Print the table to the console: rich rendering for 'table', the export text otherwise."""
    if fmt == "table":
        console.print(to_rich(table))
    else:
        console.file.write(render(table, fmt))
