"""Drafting a plan file from a plan's plain-text extraction.

The draft is a starting point for a curator, not a finished encoding. It reads the text the way a
person skims a plan: headings open sections, cue lines ("Key challenges:", "We will do this by:",
"Performance indicators", "Supporting data:" …) say what kind of items follow, bullets, table cells
and "We will…" sentences become items, and the same fragment repeated by the extraction is kept
once. Text stays verbatim apart from tags and bullet marks. Anything the drafter guessed at is marked
with a ``# check:`` comment in the YAML so the curator knows where to look.
"""

from __future__ import annotations

import re
from collections import Counter

# The CLI reads a source and writes the draft through this module; those jobs are draft_source's
# (reading and refusing sources) and draft_write's (the plan file, checked before it is emitted).
from plancompare.plans.draft_source import read_source_text  # noqa: F401
from plancompare.plans.draft_write import Draft, DraftItem, DraftSection, draft_yaml  # noqa: F401
from plancompare.plans.textnorm import normalise

# Cue lines: (pattern at the start of a line, kind of the items that follow).
CUES: tuple[tuple[str, str], ...] = (
    (r"key challenges?", "challenge"),
    (r"(the )?key challenge\b", "challenge"),
    (r"supporting data", "indicator"),
    (r"(key )?performance indicators?", "indicator"),
    (r"key (system|council) indicators", "indicator"),
    (r"measuring (performance|success|progress)", "indicator"),
    (r"if we are successful", "difference"),
    (r".*difference you can expect", "difference"),
    (r"we want our (residents|partners|communities).*help us", "ask"),
    (r".*help us deliver this plan by", "ask"),
    (r"our ask\b", "ask"),
    (r"we will do this by", "commitment"),
    (r"to achieve these outcomes", "commitment"),
    (r"actions?\b", "commitment"),
    (r"we will:?$", "commitment"),
    (r"target outcomes?", "outcome"),
    (r"outcomes?\b", "outcome"),
    (r"objectives?\b", "objective"),
)
_CUE_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in CUES]
# Every pattern is compiled here, where tests/plans/test_draft.py finds them all and times each on
# adversarial lines: each must run in linear time (a 1 MB line well under a second).
_LEAD_IN = re.compile(r"we will\b", re.IGNORECASE)
_HEADING_TAG = re.compile(r"<h[1-3]\b", re.IGNORECASE)
_SUBHEADING_TAG = re.compile(r"<h3\b", re.IGNORECASE)
# [^<>]* rather than [^>]*, so that a scan stops at the next '<' ("<li<li<li…" was quadratic).
_LIST_TAG = re.compile(r"<li[^<>]*>|</li>|<br\s*/?>")
_NON_SPACE = re.compile(r"\S")
_PROMISE = re.compile(
    r"\b(we will|we'll|we are going to|we are committed to|we aim to|we plan to|we must|we need to|"
    r"the (city )?council will|we intend to|we want|we're|we are working|our aim is|our vision is)\b",
    re.IGNORECASE,
)
_PROBLEM = re.compile(
    r"\b(challenges?|problems?|lags? behind|lower than|worse than|too many|too few|significant gaps?|"
    r"inequalit(y|ies)|deprivation|disproportionately)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BULLET_MARKS = "-•*▪●◦‣"
_BULLET = re.compile(rf"^\s*(?:[{_BULLET_MARKS}]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])")
_PRIORITY_LINE = re.compile(r"^priority\s+(\d+)\s*[-–—:]\s*(.+)$", re.IGNORECASE)
_REF = re.compile(r"^(\d+(?:\.\d+)+)\s+(.+)$")
_YEARS = re.compile(r"\b(20\d\d)\s*[-–/]\s*(20\d\d|\d\d)\b")


# -- reading the text ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).replace("**", "").split())


def _segments(line: str) -> list[tuple[str, bool]]:
    """A line split into the units a reader would see: table cells, then bullets within them. Each
    comes with whether it is a whole unbulleted table cell (which may run several items together)."""
    parts: list[tuple[str, bool]] = []
    cells = line.split("\t")
    for cell in cells:
        if "<" in cell:  # (the tests on "<" and "•" save time on a line of thousands of cells)
            cell = _TAG.sub(" ", _LIST_TAG.sub(" • ", cell))
        pieces = [piece for piece in (_split_bullets(cell) if "•" in cell else [cell]) if piece.strip()]
        whole = len(cells) > 1 and len(pieces) == 1
        for piece in pieces:
            if piece.lstrip()[:1] in _BULLET_MARKS or piece.lstrip()[:1].isdecimal():
                piece = _BULLET.sub("", piece)
            piece = " ".join(piece.replace("**", "").split())
            if piece:
                parts.append((piece, whole))
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


def _is_contents_line(text: str) -> bool:
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


def _sentences(text: str) -> list[str]:
    if "." not in text and "!" not in text and "?" not in text:  # (quicker, for thousands of cells)
        return [text.strip()] if text.strip() else []
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _cue(text: str) -> str | None:
    stripped = text.strip().rstrip(":").strip()
    if len(stripped.split()) > 14:
        return None
    if text.strip().endswith(":") and _LEAD_IN.match(stripped) and len(stripped.split()) <= 8:
        return "commitment"  # a lead-in such as "We will create:"
    for pattern, kind in _CUE_PATTERNS:
        if pattern.match(stripped):
            return kind
    return None


def _header_cues(raw: str) -> list[str] | None:
    """The kinds of a table's header row, every cell of which is a cue; None for any other line."""
    kinds = []
    for cell in raw.split("\t"):
        cell = _clean(cell)
        if cell:
            kind = _cue(cell)
            if kind is None:
                return None  # at the first cell that is not a cue, not after every cell of the line
            kinds.append(kind)
    return kinds if len(kinds) > 1 else None


def _is_heading(text: str, raw: str) -> bool:
    if _HEADING_TAG.search(raw):
        return True
    words = text.split()
    if not words or len(words) > 12 or text.endswith((".", ",", ";")) or _PROMISE.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3


def _next_lines(lines: list[str]) -> list[str]:
    """For each line, the next non-blank line after it ('' at the end)."""
    following, upcoming = [""] * len(lines), ""
    for position in range(len(lines) - 1, -1, -1):
        following[position] = upcoming
        if lines[position].strip():
            upcoming = _clean(lines[position])
    return following


def _is_title_line(text: str, raw: str, next_line: str) -> bool:
    """A short unpunctuated line standing alone before a paragraph or a cue: a section title."""
    words = text.split()
    if not words or len(words) > 12 or "\t" in raw.strip() or _BULLET.match(raw) or "•" in raw:
        return False
    if text.endswith((".", ",", ";", ":", "?", "!")) or not text[0].isupper() or _PROMISE.search(text):
        return False
    return len(next_line.split()) > 15 or _cue(next_line) is not None


def _join_broken_lines(lines: list[str]) -> list[str]:
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
            if previous >= 0 and not out[previous][-1].rstrip().endswith((".", ":", "!", "?")) and "\t" not in out[previous][0]:
                if len(out[previous]) == 1:
                    out[previous][0] = out[previous][0].rstrip()
                out[previous].append(stripped)
                del out[previous + 1:]
                continue
        out.append([line])
    return [" ".join(pieces) for pieces in out]


def draft_plan(text: str) -> Draft:
    """Read a plan's text and draft its sections and items."""
    raw_lines = _join_broken_lines(text.splitlines())
    counts = Counter(_clean(line) for line in raw_lines if _clean(line))
    furniture = {line for line, count in counts.items() if count >= 3 and len(line.split()) <= 14}
    title = next((_clean(line) for line in raw_lines if _clean(line) and not _is_contents_line(line)), "Untitled plan")
    period = _period(text)

    sections: list[DraftSection] = []
    current = DraftSection(title=title, role="cross-cutting", check="opening section: rename or merge it")
    sections.append(current)
    # Sections by folded title, so that a heading seen again reopens its section (a dictionary: a
    # text of many thousands of headings looked each one up in a list).
    by_title = {normalise(title).casefold(): current}
    kind: str | None = None
    heading: str | None = None
    labels: tuple[str, str] | None = None
    seen: set[tuple[str, str]] = set()
    in_contents = False

    def add(item: DraftItem) -> None:
        if len(item.text) < 3:
            return
        key = (item.kind, normalise(item.text).casefold())
        if key in seen:
            return
        seen.add(key)
        current.items.append(item)

    following = _next_lines(raw_lines)
    for position, raw in enumerate(raw_lines):
        line = _clean(raw)
        if not line:
            continue
        if line.lower().rstrip(":") in ("contents", "table of contents"):
            in_contents = True
            continue
        if _is_contents_line(raw) or (in_contents and line.rstrip()[-1:].isdecimal()):
            continue
        in_contents = False

        priority = _PRIORITY_LINE.match(line)
        if priority:
            current = _section(sections, by_title, priority.group(2).strip(), int(priority.group(1)))
            kind, heading, labels = None, None, None
            continue
        cue = _cue(line) if "\t" not in raw.strip() else None
        if cue:
            kind, heading = cue, line.rstrip(":").strip()
            continue
        header_cues = _header_cues(raw)
        if header_cues:
            # A table's header row ("Outcomes  Objectives"): its cells take the last column's kind,
            # bar any numbered outcome in the first column.
            kind, heading = header_cues[-1], None
            continue
        if line in furniture:
            continue
        if "\t" in raw and raw.lower().startswith("indicator\t"):
            cells = [c.strip() for c in raw.split("\t")]
            labels = (cells[1] if len(cells) > 1 else "Local", cells[2] if len(cells) > 2 else "Comparator")
            kind = "indicator"
            continue
        if _is_heading(line, raw) or _is_title_line(line, raw, following[position]):
            if _SUBHEADING_TAG.search(raw):
                heading = line
                continue
            current = _section(sections, by_title, line, None)
            kind, heading, labels = None, None, None
            continue

        cells = [c for c in raw.split("\t") if _clean(c)] if kind == "indicator" and labels else []
        if len(cells) >= 2:
            add(DraftItem("indicator", _clean(cells[0]), heading, local=_clean(cells[1]),
                          comparator=_clean(cells[2]) if len(cells) > 2 else None,
                          comparator_label=labels[1] if len(cells) > 2 else None))
            continue
        for segment, whole_cell in _segments(raw):
            ref_match = _REF.match(segment) if segment[:1].isdecimal() else None
            if ref_match and len(segment.split()) <= 25:
                add(DraftItem("outcome", ref_match.group(2), heading, ref=ref_match.group(1)))
                continue
            if kind is not None and (len(segment.split()) <= 80 or whole_cell):
                # A bullet or paragraph under a cue is one item; an unbulleted table cell is split
                # into its sentences, since plans run several items together there.
                for sentence in (_sentences(segment) if whole_cell and kind != "indicator" else [segment]):
                    add(DraftItem(kind, sentence, heading))
                continue
            for sentence in _sentences(segment):
                if _PROMISE.search(sentence):
                    add(DraftItem("commitment", sentence, heading, check="a 'we will' sentence from a paragraph"))
                elif _PROBLEM.search(sentence):
                    add(DraftItem("challenge", sentence, heading, check="a sentence naming a problem: keep it only if it is a challenge the plan sets out"))
    return Draft(title=title, period=period, sections=[s for s in sections if s.items], source=text)


def _section(sections: list[DraftSection], by_title: dict[str, DraftSection], title: str, number: int | None) -> DraftSection:
    folded = normalise(title).casefold()
    if folded in by_title:
        return by_title[folded]
    check = None if number is not None else "heading taken as a priority: confirm, or set role: cross-cutting"
    section = by_title[folded] = DraftSection(title=title, number=number, check=check)
    sections.append(section)
    return section


def _period(text: str) -> tuple[int, int | None] | None:
    match = _YEARS.search(text[:3000])
    if not match:
        return None
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return (start, end_year) if end_year >= start else (start, None)
