"""A drafted plan's title and period, from the document's own title or its opening lines."""

from __future__ import annotations

import re

from plancompare.plans.draft_headings import LONGEST_HEADING
from plancompare.plans.draft_furniture import is_caption, is_download, is_skip_link
from plancompare.plans.draft_layout import is_contents_line

_PLAN_WORD = re.compile(r"\b(plan|strategy|priorities|ambitions?|vision)\b", re.IGNORECASE)
_PLAN_NAME = re.compile(r"\b(plan|strategy)\b", re.IGNORECASE)
_YEARS = re.compile(r"\b(20\d\d)\s*(?:[-–/]|to)\s*(20\d\d|\d\d)\b")
# A download card's file size and label, and a part's number, around the plan's name.
_FILE_SIZE = re.compile(r"\s*[(\[][^()\[\]]*\d[^()\[\]]*[km]b[)\]]\s*$", re.IGNORECASE)
_DOWNLOAD_LABEL = re.compile(r"^(download|read|view)( this| the)?( document| file| plan| strategy)?: ", re.IGNORECASE)
_NAMED_AS_PLAN = re.compile(r" (?:is|sets out) (?:our|the)\b[^.]{0,60}?\b(?:plan|strategy)\b")
_PART_LABEL = re.compile(r"^(part|section|chapter) [0-9a-z]{1,4}[:.] (?=\S)", re.IGNORECASE)
# Opening lines that are never a title: a bullet, a lead-in, a question ("How do we achieve our vision?").
_NOT_A_TITLE = re.compile(r"^[-•*▪●◦‣]|[.:;?!,]$|^(what|how|why|who|when|where)\b", re.IGNORECASE)


def plan_title_of(given: str | None, cleaned: list[str], furniture: set[str]) -> tuple[str, str]:
    """The plan's title and the mark that goes with it: the document's own title if it has one; else,
    of its opening lines, the first one the text names as its plan, then the first naming a plan, a
    strategy or a period, then priorities or a vision; else the first that could be a title, and
    failing all, the first line (so that the title is always traced to the source)."""
    if given and given.strip():
        return " ".join(given.split()), "the document's own title: shorten it to the plan's title"
    # Not a web address or a note such as "# source: …" left at the top of a saved page.
    opening = [line.lstrip("# ").strip() for line in cleaned[:80] if line and len(line) <= LONGEST_HEADING and not is_contents_line(line)
               and not is_skip_link(line) and len(line.split()) <= 15 and "://" not in line
               and not line.lstrip("# ").split(" ", 1)[0].endswith(":")][:30]
    # (A download card names the plan too, once its label and file size go: "Download this
    # document: Council Plan 2023-2027 (PDF: 1.8 MB)".)
    opening = [_PART_LABEL.sub("", _DOWNLOAD_LABEL.sub("", _FILE_SIZE.sub("", line)) if is_download(line) else line) for line in opening]
    # (A title the pages repeat is furniture to the drafter, but still the title.)
    candidates = [line for line in opening if line and not _NOT_A_TITLE.search(line) and not is_caption(line)]
    # A heading the text goes on to name as the plan ("Framing Kent's Future" / "Framing Kent's
    # Future is our top-level council strategy…"): the plan's own name, whatever its words.
    text = " ".join(line for line in cleaned[:80] if line)[:20000]
    before_names = [text[max(0, match.start() - LONGEST_HEADING):match.start()] for match in _NAMED_AS_PLAN.finditer(text)]
    for line in candidates:
        if len(line.split()) >= 2 and any(before.endswith(line) for before in before_names):
            return line, "the heading the text names as its plan: check it is the title"
    for names in (lambda line: _PLAN_NAME.search(line) or _YEARS.search(line), _PLAN_WORD.search):
        for line in candidates:
            if names(line):
                return line, "the first opening line naming a plan or a period: check it is the title"
    # (Else some line of the source, so that the draft's title is still traced to it.)
    fallback = next(iter([line for line in candidates if line not in furniture] + candidates + [line for line in cleaned if line]), None)
    if fallback is not None:
        return fallback, "the document's first line that could be a title: check it is the title"
    return "Untitled plan", "no title found: give the plan's title"


def plan_period(text: str, title: str = "") -> tuple[tuple[int, int | None] | None, str | None]:
    """The plan's period and, when it is a guess, the mark saying why. The years in the plan's title
    come first, then a span on an opening line that names a plan ("Council Plan 2022-2026"); else the
    first span in the opening text, which may be a span mentioned in passing ("during the 2018-2022
    administration"), so it is marked."""
    opening = text[:3000]
    for line in [title] + [line for line in opening.splitlines() if _PLAN_WORD.search(line)]:
        match = _YEARS.search(line)
        if match:
            return _span(match), None
    match = _YEARS.search(opening)
    if not match:
        return None, None
    return _span(match), "years found in passing, not beside the plan's name: check the plan's period"


def _span(match: re.Match[str]) -> tuple[int, int | None]:
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return (start, end_year) if end_year >= start else (start, None)
