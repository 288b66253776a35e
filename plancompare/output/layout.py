"""The terminal layout rule every table obeys, worked out before rich draws anything.

Prose columns (a plan's text) wrap and take whatever width is left; every other column (names,
numbers, kinds, ids) is at least as wide as its longest word, so that no word breaks inside it.
Council headers that do not fit are shortened to a stable, unique short form, with a key. When even
that does not fit, the table says so in one line instead of dropping a column or printing blanks.
Pure functions: no rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plancompare.output.table import Column, Table

_WORD = re.compile(r"\S+")
#: Prose columns are never squeezed below this (unless the column is narrower than it anyway).
PROSE_MIN = 20
#: Shortened headers are never shorter than this.
SHORTEST_ABBREVIATION = 3


@dataclass(frozen=True)
class Layout:
    """Widths for the shown columns, the space between columns, and the headers to print."""

    widths: tuple[int, ...]
    gap: int
    headers: tuple[str, ...]
    #: "Stok = Stoke-on-Trent" lines for the headers that were shortened.
    key: tuple[str, ...] = ()


def longest_word(text: str) -> int:
    """The length of the longest run of non-space characters in ``text``."""
    return max((len(word) for word in _WORD.findall(text)), default=0)


def longest_line(text: str) -> int:
    """The length of the longest line of ``text``."""
    return max((len(line) for line in text.splitlines()), default=0)


def abbreviations(names: Sequence[str], length: int) -> dict[str, str]:
    """A short form of each name, at most ``length`` characters where it can be: its first word
    (split at spaces and hyphens) cut to ``length``; names that would share a form get longer
    prefixes of their full names until they differ. Names already short enough are kept. The same
    names always get the same forms."""
    distinct = list(dict.fromkeys(names))
    forms = {name: name if len(name) <= length else re.split(r"[\s-]+", name.strip())[0][:length] or name[:length]
             for name in distinct}
    size = length
    while size <= max((len(name) for name in distinct), default=0):
        seen: dict[str, list[str]] = {}
        for name in distinct:
            seen.setdefault(forms[name], []).append(name)
        clashing = [name for group in seen.values() if len(group) > 1 for name in group]
        if not clashing:
            break
        size += 1
        for name in clashing:
            forms[name] = name[:size]
    return forms


def plan_layout(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> Layout | None:
    """Column widths that fit ``width`` under the layout rule, or None when nothing fits.

    ``cells`` holds the display text of the shown columns, row by row. Tries the full headers with
    two spaces between columns, then one space, then shortened headers (for columns marked
    ``abbreviate``) at ever shorter lengths.
    """
    headers = [column.header for column in columns]
    # What the cells need does not change with the headers tried: measured once.
    measured = [_measured([row[index] for row in cells]) for index in range(len(columns))]
    for attempt in _header_attempts(columns):
        for gap in (2, 1):
            widths = _fit(columns, measured, attempt, width, gap)
            if widths is not None:
                key = tuple(f"{short} = {full}" for short, full in zip(attempt, headers) if short != full)
                return Layout(tuple(widths), gap, tuple(attempt), tuple(dict.fromkeys(key)))
    return None


def _header_attempts(columns: Sequence[Column]):
    headers = [column.header for column in columns]
    yield headers
    names = [column.header for column in columns if column.abbreviate]
    if not names:
        return
    longest = max(len(name) for name in names)
    for length in range(min(longest - 1, 8), SHORTEST_ABBREVIATION - 1, -1):
        forms = abbreviations(names, length)
        yield [forms[column.header] if column.abbreviate else column.header for column in columns]


def _measured(texts: Sequence[str]) -> tuple[int, int]:
    """A column's cells: (the longest line, the longest word)."""
    return max((longest_line(text) for text in texts), default=0), max((longest_word(text) for text in texts), default=0)


def _fit(columns: Sequence[Column], measured: Sequence[tuple[int, int]], headers: Sequence[str], width: int,
         gap: int) -> list[int] | None:
    natural, least = [], []
    for column, header, (line, longest) in zip(columns, headers, measured):
        full = max(longest_line(header), line)
        word = max(longest_word(header), longest)
        if column.numeric or column.no_wrap:
            # The cells stay whole; a header of several words may still take two lines.
            word = max(longest_word(header), line)
        if column.prose:
            # Prose may fold a very long word (a web address) rather than push a column out; a
            # column of short prose (a plan's title) may say it can go narrower than PROSE_MIN.
            narrowest = min(PROSE_MIN, column.min_width) if column.min_width else PROSE_MIN
            word = min(full, max(narrowest, min(word, 12)))
        natural.append(full)
        least.append(word)
    room = width - gap * (len(columns) - 1)
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(widths)
    # First every header on one line, then prose to its full width, then the rest: each column grows
    # towards its target, in proportion to what it lacks.
    everyone = list(range(len(columns)))
    one_line_headers = [max(least[i], min(natural[i], len(headers[i]))) for i in everyone]
    spare = _grow(widths, one_line_headers, everyone, spare)
    for group in ([i for i, c in enumerate(columns) if c.prose], everyone):
        spare = _grow(widths, natural, group, spare)
    return widths


def _grow(widths: list[int], natural: list[int], group: list[int], spare: int) -> int:
    while spare > 0:
        wanting = [i for i in group if widths[i] < natural[i]]
        if not wanting:
            break
        need = sum(natural[i] - widths[i] for i in wanting)
        given = 0
        for i in wanting:
            share = max(1, (natural[i] - widths[i]) * spare // need) if spare >= len(wanting) else 1
            share = min(share, natural[i] - widths[i], spare - given)
            widths[i] += share
            given += share
            if given >= spare:
                break
        spare -= given
        if given == 0:
            break
    return spare


def too_narrow_message(table: Table, width: int) -> str:
    """The one line printed instead of a table whose columns cannot fit ``width``."""
    return f"This table needs more than the terminal's {width} columns: widen the terminal, or {table.narrow_hint}."
