"""Tables whose cells a capture ran together: each row's cells on one line, joined by single spaces.

A web page's table copied as text, or a PDF's columns read across, gives lines such as

    Local renewable energy Carbon-neutral, social, and affordable housing Local Outbreak Management Plan
    High-skill economy Energy efficient homes Statutory health and care services

where nothing but a capital letter marks where one cell ends and the next begins. A cell starts at a
word opening with a capital after a word ending in a small letter, a digit or a closing bracket that
is not itself capitalised ("Management Plan" goes on) nor a word a phrase cannot end with ("in Bath",
"the Local Plan"); a run of two or more spaces always separates cells. Lines are read as such a table
only where at least three lines in a row (blank lines between them allowed) split into the same number
of cells, two or more, none of them ending a sentence, so that prose, headings and ordinary lists stay
as they are. The table's rows become tab-separated cells, which is how the drafter reads any table.
"""

from __future__ import annotations

import re

from plancompare.plans.draft_headings import measure_row

#: Words a table cell does not end with: it goes on into the next word, however that word is written.
_GOES_ON = frozenset("""
a an the in of to for and or at by on with from into onto our your their its his her as via per than nor but
""".split())
_GAP = re.compile(r"\s{2,}")
_OPENS_CELL = re.compile(r"^[‘'\"“(]?[A-Z]")
#: Rows of a table: at least this many lines in a row with the same number of cells.
_LEAST_ROWS = 3
_MOST_CELL_WORDS = 25


def cells_of(line: str) -> list[str]:
    """A line's cells where they were run together (one cell: the line as it is)."""
    cells: list[str] = []
    for part in _GAP.split(line.strip()):
        words = part.split(" ")
        start = 0
        for at in range(1, len(words)):
            before, word = words[at - 1], words[at]
            ends = before[-1:].islower() or before[-1:].isdigit() or before.endswith(")")
            if _OPENS_CELL.match(word) and ends and not before[:1].isupper() and before.lower().strip("()") not in _GOES_ON:
                cells.append(" ".join(words[start:at]))
                start = at
        cells.append(" ".join(words[start:]))
    return [cell for cell in cells if cell]


def _row_cells(line: str) -> list[str] | None:
    """A line's cells if it could be a row of such a table: not a bullet, a table already, a
    heading mark, a sentence or a line ending mid-phrase, and every cell short."""
    stripped = line.strip()
    if not stripped or "\t" in line or "|" in line or stripped.startswith(("#", "-", "•", "*", "–")) \
            or stripped.endswith((".", ":", "?", "!", ";", ",")) or measure_row(stripped):
        return None  # (a coded measure's row is read as one, draft_headings.measure_row)
    if stripped.split(" ")[-1].lower() in _GOES_ON:
        return None  # (a line ending "…built on fairness and" is a paragraph wrapped, not a table's row)
    cells = cells_of(stripped)
    return cells if len(cells) >= 2 and all(len(cell.split()) <= _MOST_CELL_WORDS for cell in cells) else None


def run_together_rows(lines: list[str]) -> dict[int, list[str]]:
    """The rows of the run-together tables among ``lines``: each row's position and its cells."""
    rows = [_row_cells(line) for line in lines]
    found: dict[int, list[str]] = {}
    position = 0
    while position < len(lines):
        if rows[position] is None:
            position += 1
            continue
        width = len(rows[position])
        run, at = [], position
        while at < len(lines) and (not lines[at].strip() or (rows[at] is not None and len(rows[at]) == width)):
            if lines[at].strip():
                run.append(at)
            at += 1
        if len(run) >= _LEAST_ROWS:
            found.update((row, rows[row]) for row in run)
        position = max(at, position + 1)
    return found


def run_together_tables_as_cells(lines: list[str]) -> list[str]:
    """``lines`` with the rows of each run-together table as tab-separated cells; every other line,
    and the number of lines, as they were."""
    out = list(lines)
    for row, cells in run_together_rows(lines).items():
        indent = lines[row][:len(lines[row]) - len(lines[row].lstrip())]
        out[row] = indent + "\t".join(cells)
    return out
