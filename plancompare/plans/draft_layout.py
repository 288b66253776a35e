"""The layout of a plan's text, line by line: table cells and bullets within a line, contents-page
lines, sentences broken across lines by a page break, and what follows each line.

Every scan here is linear in the line's length (tests/plans/test_draft.py times them on 1 MB lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# [^<>]* rather than [^>]*, so that a scan stops at the next '<' ("<li<li<li…" was quadratic).
_LIST_TAG = re.compile(r"<li[^<>]*>|</li>|<br\s*/?>")
_NON_SPACE = re.compile(r"\S")
BULLET_MARKS = "-•*▪●◦‣"
_BULLET = re.compile(rf"^\s*(?:[{BULLET_MARKS}]|\d+[.)])\s+")


def clean(text: str) -> str:
    """A line without tags, bold marks and runs of spaces."""
    return " ".join(_TAG.sub(" ", text).replace("**", "").split())


def is_bulleted(raw: str) -> bool:
    """Whether the line starts with a bullet mark or a list number."""
    return bool(_BULLET.match(raw)) or raw.lstrip()[:1] == "•"


def without_bullet(line: str) -> str:
    """A line without its bullet mark or list number."""
    return _BULLET.sub("", line).lstrip("• ")


def segments(line: str) -> list[tuple[str, bool]]:
    """A line split into the units a reader would see: table cells, then bullets within them. Each
    comes with whether it is a whole unbulleted table cell (which may run several items together)."""
    return [(piece, whole) for piece, whole, _ in cell_segments(line)]


def cell_segments(line: str) -> list[tuple[str, bool, int]]:
    """``segments``, each with the number of the table column (from 0) its cell is in."""
    parts: list[tuple[str, bool, int]] = []
    cells = line.split("\t")
    for column, cell in enumerate(cells):
        if "<" in cell:  # (the tests on "<" and "•" save time on a line of thousands of cells)
            cell = _TAG.sub(" ", _LIST_TAG.sub(" • ", cell))
        pieces = [piece for piece in (_split_bullets(cell) if "•" in cell else [cell]) if piece.strip()]
        whole = len(cells) > 1 and len(pieces) == 1
        for piece in pieces:
            if piece.lstrip()[:1] in BULLET_MARKS or piece.lstrip()[:1].isdecimal():
                piece = _BULLET.sub("", piece)
            piece = " ".join(piece.replace("**", "").split())
            if piece:
                parts.append((piece, whole, column))
    return parts


def _split_bullets(cell: str) -> list[str]:
    """The cell split at each bullet between spaces, the spaces with it: what splitting on the
    pattern \\s+•\\s+|^\\s*•\\s+ gave, by scanning, since that pattern tried every space of a long run
    of spaces. Each scan back over spaces stops where the last split or failed bullet was."""
    def after_spaces(at: int) -> int:
        found = _NON_SPACE.search(cell, at)
        return found.start() if found else len(cell)

    pieces, start, position = [], 0, 0
    lead = after_spaces(0)
    if cell[lead:lead + 1] == "•" and cell[lead + 1:lead + 2].isspace():
        pieces.append("")
        start = position = after_spaces(lead + 1)
    while (bullet := cell.find("•", position)) >= 0:
        before = bullet
        while before > position and cell[before - 1].isspace():
            before -= 1
        if before == bullet or not cell[bullet + 1:bullet + 2].isspace():
            position = bullet + 1
            continue
        pieces.append(cell[start:before])
        start = position = after_spaces(bullet + 1)
    pieces.append(cell[start:])
    return pieces


def is_contents_line(text: str) -> bool:
    """A contents-page line: dot leaders or a tab, then a page number, at the end. Done with string
    methods, since the pattern (\\.{3,}|\\t)\\s*\\d+\\s*$ took quadratic time on a line of dots."""
    rest = text.rstrip()
    end = len(rest)
    while end and rest[end - 1].isdecimal():  # what \d matches
        end -= 1
    if end == len(rest):
        return False
    before = rest[:end].rstrip()
    return before.endswith("...") or "\t" in rest[len(before):end]


def next_lines(lines: list[str], passed_over: Callable[[str], bool]) -> list[str]:
    """For each line, the next non-blank line after it ('' at the end), passing over the cleaned lines
    ``passed_over`` picks out (the drafter gives it the website's notices about itself, which stand
    between a plan's lines where a page ends)."""
    following, upcoming = [""] * len(lines), ""
    for position in range(len(lines) - 1, -1, -1):
        following[position] = upcoming
        if lines[position].strip() and not passed_over(cleaned := clean(lines[position])):
            upcoming = cleaned
    return following


def pipe_tables_as_cells(lines: list[str]) -> list[str]:
    """Markdown-style tables (a header row "Activity | Milestone | Lead |" over a "---|---|---|" row,
    then rows of cells between pipes) as rows of tab-separated cells, which is how the drafter reads
    a table; the separator row becomes a blank line, so every line keeps its number."""
    out = list(lines)
    position, header = 0, None  # (header: the last line that was not blank)
    while position < len(lines):
        line = lines[position]
        if header is not None and "|" in lines[header] and _is_pipe_separator(line):
            edged = lines[header].lstrip().startswith("|")  # (an opening pipe is the header's style)
            out[header], out[position] = _pipe_cells(lines[header], edged), ""
            position += 1
            # The rows, blank lines between them allowed (a page or a PDF may set each apart); where
            # the header opens with a pipe, so does every row.
            while position < len(lines) and (_is_pipe_row(lines[position], edged) or not lines[position].strip()) \
                    and not _is_pipe_separator(lines[position]):
                if lines[position].strip():
                    out[position] = _pipe_cells(lines[position], edged)
                position += 1
            header = None
            continue
        if line.strip():
            header = position
        position += 1
    return out


def _is_pipe_row(line: str, edged: bool) -> bool:
    return line.lstrip().startswith("|") if edged else "|" in line


def _is_pipe_separator(line: str) -> bool:
    """Whether a line is a Markdown table's separator row ("---|---", "| :--- | ---: |")."""
    stripped = line.strip()
    return "|" in stripped and "---" in stripped and not stripped.strip("|-: ")


def _pipe_cells(line: str, edged: bool) -> str:
    """A pipe table's row as tab-separated cells. Its closing pipe ends the last cell; an opening pipe
    is dropped only where the header opens with one too (otherwise it marks an empty first cell, as
    where a cell's text runs on to the next line: "| By 31 December")."""
    stripped = line.strip()
    if edged and stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return "\t".join(cell.strip() for cell in stripped.split("|"))


def join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin sentences that a page break split: a line with no closing punctuation followed (after
    blank lines) by one starting in lower case."""
    # Each line as its pieces, joined at the end: joining as we went copied the growing line once
    # per piece, quadratic in a long run of lower-case lines.
    out: list[list[str]] = []
    for line in lines:
        stripped = line.strip()
        if stripped and out and stripped[0].islower() and "\t" not in stripped:
            previous = len(out) - 1
            while previous >= 0 and len(out[previous]) == 1 and not out[previous][0].strip():
                previous -= 1
            # Only a line's first piece can hold a tab: one that does takes no joins.
            # (Not after a line in capitals: a heading or a banner, "KEEP LEFT", never half a sentence.)
            if previous >= 0 and not out[previous][-1].rstrip().endswith((".", ":", "!", "?")) and "\t" not in out[previous][0] \
                    and not _in_capitals(out[previous][-1]):
                if len(out[previous]) == 1:
                    out[previous][0] = out[previous][0].rstrip()
                out[previous].append(stripped)
                del out[previous + 1:]
                continue
        out.append([line])
    return [" ".join(pieces) for pieces in out]


def _in_capitals(line: str) -> bool:
    letters = [c for c in line[:200] if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def without_source_note(text: str) -> str:
    """An indicator without the note of its data's source at its end ("… (data source: ONS).")."""
    bare = text.rstrip(" .")
    if bare.endswith(")"):
        at = bare.rfind("(")
        if at > 0 and bare[at + 1:].lower().lstrip().startswith(("data source", "source:", "sources:")):
            return bare[:at].rstrip(" ,;:-–")
    return text


# The first figure of a measure's value: "75.3%", "£141.6m", "8.9", "+25.2%", "55.9 years".
_VALUE = re.compile(r"[£$€]?[+-]?\d[\d,]*(?:\.\d+)?(?: ?%| ?per cent|[mbk]\b)?")
_COMPARED = re.compile(r" (?:compared (?:to|with)|against) ")


def indicator_parts(text: str) -> tuple[str, str | None, str | None]:
    """An indicator's name and, when the line prints them, its figure and the figure it is compared
    with, as the plan format keeps them (text: the indicator's name; local; comparator):
    "Education attainment 75.3%" and "Housing affordability: 8.9 in 2021/2" are a name and a figure;
    "…men live to 80 years old compared to 79 years old nationally" names a comparator. A line that
    starts with its figure ("62% of respondents…") is a name as it stands."""
    text = without_source_note(text)
    if text[:1].isdecimal() or len(text) > 300:
        return text, None, None
    head, colon, rest = text.partition(": ")
    if colon and head and not head[:1].isdecimal() and len(head.split()) <= 15:
        value = _VALUE.match(rest.strip())
        if value:
            return head.strip(), value.group(), None
    words = text.rstrip(" .").rsplit(" ", 1)
    # (Not "… per 100,000" or "… aged 16": a figure a preposition takes is part of the name.)
    if len(words) == 2 and not any(c.isdecimal() for c in words[0]) and _VALUE.fullmatch(words[1]) and len(words[0].split()) <= 15 \
            and words[0].rsplit(" ", 1)[-1].lower() not in ("per", "of", "in", "by", "to", "aged", "over", "under", "from"):
        return words[0], words[1], None
    compared = _COMPARED.search(text)
    if compared and any(c.isdecimal() for c in text[:compared.start()]):
        rest = text[compared.end():].rstrip(" .")
        if _VALUE.search(rest) and len(rest.split()) <= 8:
            return text[:compared.start()].rstrip(" ,"), None, rest
    return text, None, None


class CutWords:
    """Words cut off where a page or an excerpt of it ends ("…first time’ ap", "We will w", "Embed
    pre"): a last word of one or two letters (three, in an item of four words or fewer) that the
    document writes at most twice and that begins a longer word it does write."""

    def __init__(self, lines: list[str]) -> None:
        from collections import Counter

        self.counts = Counter(word for line in lines for word in _WORDS.findall(line.lower()))
        self.words = sorted(self.counts)

    def fragment(self, text: str) -> bool:
        """Whether an item is a fragment: under ten words, no closing stop, its last word cut off."""
        if text.endswith((".", "!", "?", ")", ";", ":", ",")) or len(text.split()) >= 10:
            return False
        last = _WORDS.findall(text.lower()[-40:])
        # (Only short ones: a whole rare word, "reoffend", often begins a longer one, "reoffending".)
        # (Three letters in an item of four words or fewer, "Embed pre": too little is left to be an item.)
        # (A single word is never an item: "suppo", where the excerpt ends, is cut however long it is.)
        longest = 40 if len(text.split()) == 1 else 3 if len(text.split()) <= 4 else 2
        if not last or len(last[-1]) > longest or self.counts[last[-1]] > 2:
            return False
        import bisect

        at = bisect.bisect_right(self.words, last[-1])
        return at < len(self.words) and self.words[at].startswith(last[-1])


_WORDS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")


def without_repeated_headings(sections: list) -> None:
    """Drop, in place, items that only repeat a section's heading: the plan's own list of its
    priorities ("Our plan is structured around 6 priorities: - Strong families…"), whether the list
    comes before the sections or after them, is a summary, not a priority's items. The opening
    section, named after the plan's title, is not one of them: a title may be a plan's only line."""
    titles = {_heading_key(section.title) for section in sections[1:]}
    for section in sections:
        section.items = [item for item in section.items if _heading_key(item.text) not in titles]


def repeats_item(entry: str, items: list) -> bool:
    """Whether a short line says again, word for word, an item its section already has."""
    from plancompare.plans.textnorm import normalise

    if not entry or len(entry.split()) > 25:
        return False
    key = normalise(entry).casefold()
    return any(normalise(item.text).casefold() == key for item in items)


def _heading_key(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").strip(" .,;:").split())


def is_label(text: str) -> bool:
    """A name rather than a statement: at most five words, each one longer than three letters
    capitalised ("Low Emission Development", "Resilient Development"), or a short question ("Share
    this page?"), as lists of sub-headings and page tools are set."""
    words = text.split()
    if not 0 < len(words) <= 5:
        return False
    if text.endswith("?"):
        return True
    long_words = [word for word in words if len(word.strip("&,;:.()")) > 3]
    return bool(long_words) and all(word[:1].isupper() for word in long_words) and len(words) > 1


#: Items up to this many words may be summary copies: the lists that summarise a plan are of short lines.
_SUMMARY_WORDS = 25
#: A section this share of whose items are set out again in other sections is an overview.
_OVERVIEW_SHARE = 0.6


def without_summary_copies(sections: list) -> None:
    """Drop, in place, an overview's copies of items the plan sets out in full elsewhere. Plans list
    their outcomes or actions in an overview ("Our outcomes: 1 Strong families - Children have the
    best start…") and again in each priority's own section. Two short items of different sections
    are copies when they are equal, nearly so (rapidfuzz ratio >= 90, the rule a curator's duplicate
    check uses), or one is the other with at most three words added at its end ("Access to a secure
    home" and "… for all"), with the same figures in both. A section most of whose items (60%, two
    or more) have copies in later sections is an overview, and those copies are dropped. A plan that names one measure under two priorities is
    not summarising: those sections hold other items too, and both copies stay."""
    located = [(section_at, item) for section_at, section in enumerate(sections) for item in section.items]
    copied: dict[int, list[int]] = {}  # item -> the items of other sections that copy it
    groups: dict[str, list[int]] = {}
    for at, (section_at, item) in enumerate(located):
        words = _heading_key(item.text).split()
        if not 3 <= len(words) <= _SUMMARY_WORDS:
            continue
        key = " ".join(words)
        group = groups.setdefault(" ".join(words[:3]), [])
        for earlier in group[-40:]:  # (a bound on the work for a text of thousands of like items)
            other_section, other = located[earlier]
            if other_section != section_at and _copies(_heading_key(other.text), key):
                copied.setdefault(at, []).append(earlier)
                copied.setdefault(earlier, []).append(at)
        group.append(at)
    if not copied:
        return
    counts: dict[int, int] = {}
    for at in copied:
        counts[located[at][0]] = counts.get(located[at][0], 0) + 1
    # (Counting the copies already moved to their numbered place, "1.2 High quality education…".)
    overviews = {section_at for section_at, count in counts.items() if count + sections[section_at].moved >= 2
                 and count + sections[section_at].moved >= _OVERVIEW_SHARE * (len(sections[section_at].items) + sections[section_at].moved)}
    dropped = set()
    for at, others in copied.items():
        if located[at][0] in overviews and any(o not in dropped and o > at for o in others):
            dropped.add(at)
    keep = {id(item) for at, (_, item) in enumerate(located) if at not in dropped}
    for section in sections:
        section.items = [item for item in section.items if id(item) in keep]


def _copies(first: str, second: str) -> bool:
    from rapidfuzz import fuzz

    if first == second:
        return True
    if _DIGITS.findall(first) != _DIGITS.findall(second):
        return False  # ("… in ward 12" and "… in ward 13" are two items, however alike)
    if fuzz.ratio(first, second) >= 90:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter.split()) >= 4 and longer.startswith(shorter + " ") and len(longer.split()) - len(shorter.split()) <= 3


_NAME_DASH = re.compile(r" [–—-] ")
_NAME_COLON = re.compile(r": (?=[A-Z])")
# Words a description does not open with when it only goes on with the name ("…vulnerable – including
# people who…", "…travel options - walking, cycling…").
_RUNS_ON = frozenset("including such e.g. i.e. for and or as from like".split())


def named_entry(text: str) -> tuple[str, str] | None:
    """An entry set out as a name, a dash, then what it is ("Sustainability – a green thread runs
    through all our policies…", "Helping people to help themselves – we work closely with…"): the
    name, of five words at most, with no punctuation and no verb that states, and the description,
    a clause of eight words or more of its own. The description is the item; the name its heading."""
    dash = _NAME_DASH.search(text[:80]) or _NAME_COLON.search(text[:80])
    if dash is None:
        return None
    name, description = text[:dash.start()].strip(), text[dash.end():].strip()
    words, said = name.split(), description.split()
    # (A name before a colon may list its parts: "Health, care and wellbeing: Tackle…".)
    marks = ".;:!?()" if dash.group().strip() == ":" else ".,;:!?()"
    if not 0 < len(words) <= 5 or not name[:1].isupper() or any(mark in name for mark in marks):
        return None
    if any(word.lower() in ("is", "are", "was", "were", "will", "has", "have") for word in words) or len(said) < 8:
        return None
    first = said[0].lower().strip(",")
    if first in _RUNS_ON or first.endswith("ing"):
        return None
    return name, description
