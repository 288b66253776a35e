"""Reading a PDF as the text the drafter reads, with pypdf.

pypdf gives each run of text with its position and font size. Runs are put into lines by their
baseline, and a run of three or more spaces inside a line separates table cells (written as tabs);
a line set larger than the body text (the size most of the text is set in) becomes a
``#``-marked heading, the largest size ``#``, the next ``##`` and so on; a vertical gap wider than
the usual line spacing becomes a blank line; and a line that runs on from a full line before it (the
previous line at least FULL_LINE of the longest line, no gap, same size, not a bullet or list
number starting it, no colon or table row's closing pipe ending the line before, not opening with a capitalised word that no
sentence capitalises inside it, such as "We" or "The") is joined to it, so
that a paragraph wrapped by the layout is one line again. The title is the document's metadata title
when it looks like one (not a file name), else the first of the largest headings.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from plancompare.errors import InvalidInput, Problem
from plancompare.plans.draft_cells import run_together_rows
from plancompare.plans.draft_headings import NUMBERED_REFERENCE, measure_row

_CELL_GAP = re.compile(r"[ \u00a0]{3,}")
#: A line this share of the longest line's length (in characters) is full: the next one may run on.
FULL_LINE = 0.75
#: A gap this many times the usual line spacing is a paragraph break.
PARAGRAPH_GAP = 1.5


@dataclass
class _Line:
    page: int
    y: float
    size: float
    text: str


def _page_lines(page, number: int) -> list[_Line]:
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        if not text.strip() and "\n" not in text:
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        for piece in text.split("\n"):
            if piece.strip():
                runs.append((round(y, 1), x, round(font_size * scale, 1), piece))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for y, _, size, text in sorted(runs, key=lambda r: (-r[0], r[1])):
        if lines and abs(lines[-1].y - y) < max(size, 1.0) * 0.3:
            lines[-1].text = (lines[-1].text.rstrip() + " " + text.strip()) if not lines[-1].text.endswith(" ") else lines[-1].text + text
            lines[-1].size = max(lines[-1].size, size)
        else:
            lines.append(_Line(number, y, size, text))
    for line in lines:
        # A wide run of spaces inside a line separates a table's cells (as pdftotext -layout sets them).
        cells = [" ".join(cell.split()) for cell in _CELL_GAP.split(line.text)]
        line.text = "\t".join(cell for cell in cells if cell)
    return [line for line in lines if line.text]


def _stands_alone(previous: str, text: str, longest: int) -> bool:
    """Whether a short line with no closing punctuation, after a line that ends a sentence, is a
    heading of its own rather than the end of a wrapped paragraph (which would end a sentence)."""
    return previous.endswith((".", "!", "?")) and not text.endswith((".", "!", "?", ",", ";", ":")) and len(text) < 0.6 * longest


def _starts_item(text: str) -> bool:
    """Whether a line starts a list item (a bullet mark, a number or letter and a stop or bracket, or
    a numbered goal's reference, "1.5.1.") or a measures table's row (its code, "EN02 Proportion of…")."""
    first, rest = text[:1], text.split(" ", 1)[0]
    return first in "-•*▪●◦‣–" or (len(rest) <= 4 and rest[-1:] in ".)" and rest[:-1].isalnum()) \
        or (" " in text and _REFERENCE.match(rest) is not None) or bool(measure_row(text))


# A numbered goal's reference ("1.2", "1.5.1.", "1.B."), which opens a line of its own.
_REFERENCE = re.compile(rf"^{NUMBERED_REFERENCE}\.?$")


#: English words that open sentences but are never capitalised inside one, not even in a name
#: (pronouns, determiners, conjunctions, prepositions): a line opening with one in capitals starts afresh.
_OPENING_WORDS = frozenset("""
we our us you your they their it its this these those there here he she his her the a an and but or so if when where while
although because as what which who how all each every many most some no not
to for in by with from at on into over through across within during after before since until
""".split())


def _new_start(text: str) -> bool:
    """Whether a line opens with a capital that a sentence would not have inside it ("We will…",
    "The…", "Our…"): then the line before ended there, although it has no full stop (a list of
    unpunctuated items), rather than wrapping into this one."""
    first = text.split(" ", 1)[0]
    return first[:1].isupper() and first[1:2].islower() and first.lower().strip(".,;:!?'’\"()") in _OPENING_WORDS


def _looks_like_title(title: str | None) -> bool:
    if not title or not title.strip():
        return False
    lowered = title.strip().lower()
    return not (lowered.endswith((".doc", ".docx", ".pdf", ".indd", ".pptx")) or lowered.startswith(("microsoft word", "untitled"))
                or len(title.split()) > 25)


def pdf_to_text(data: bytes, name: str) -> tuple[str, str | None]:
    """The PDF's text as the drafter reads it, and its title; InvalidInput naming the file when
    pypdf cannot read it or it holds no text (a scan)."""
    import logging

    from pypdf import PdfReader

    # pypdf logs what it repaired in a damaged file (even as errors); what it cannot read raises, and
    # that is reported below in one line, so its log is kept off the user's screen while it reads.
    log = logging.getLogger("pypdf")
    level_before = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInput([Problem(name, "is an encrypted PDF", hint="save an unencrypted copy, or its text")])
        lines = [line for number, page in enumerate(reader.pages) for line in _page_lines(page, number)]
        meta_title = reader.metadata.title if reader.metadata else None
    except InvalidInput:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on a damaged file; each is one line here
        raise InvalidInput([Problem(name, f"could not be read as a PDF ({type(error).__name__})",
                                    hint="is it damaged? save it again, or give its text")]) from None
    finally:
        log.setLevel(level_before)
    if not lines:
        raise InvalidInput([Problem(name, "is a PDF with no text in it (a scan?)", hint="run it through OCR first, or give its text")])
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    larger = sorted({line.size for line in lines if line.size >= body * 1.15}, reverse=True)
    level = {size: min(index + 1, 6) for index, size in enumerate(larger)}
    spacing = Counter(round(a.y - b.y, 1) for a, b in zip(lines, lines[1:]) if a.page == b.page and a.y > b.y)
    # The usual spacing is the tightest one that is common: in a text of short paragraphs the
    # spacing between paragraphs may be the commonest.
    common = [step for step, count in spacing.items() if count >= max(2, sum(spacing.values()) // 20)]
    usual = min(common) if common else body * 1.2
    longest = max(len(line.text) for line in lines if line.size == body) if any(l.size == body for l in lines) else 80
    out: list[str] = []
    previous: _Line | None = None
    # A table whose cells run together along each line: its lines are its rows, never wrapped text.
    table_rows = run_together_rows([line.text for line in lines])
    for number, line in enumerate(lines):
        heading = line.size in level
        gap = previous is not None and previous.page == line.page and previous.y - line.y > usual * PARAGRAPH_GAP
        runs_on = (previous is not None and not heading and not gap and previous.size == line.size
                   and previous.size not in level and len(previous.text) >= FULL_LINE * longest and out and out[-1]
                   and not _starts_item(line.text) and not previous.text.endswith((":", "|")) and "\t" not in line.text + previous.text
                   and not _stands_alone(previous.text, line.text, longest) and not _new_start(line.text)
                   and number not in table_rows)
        if runs_on:
            out[-1] = out[-1] + " " + line.text
        else:
            if out and (gap or heading or (previous is not None and previous.size in level)):
                out.append("")
            out.append(("#" * level[line.size] + " " if heading else "") + line.text)
        previous = line
    title = meta_title.strip() if _looks_like_title(meta_title) else None
    if title is None and larger:
        title = next(line.text for line in lines if line.size == larger[0])
    return "\n".join(out) + "\n", title
