"""A drafted plan's title and period, from the document's own title or its opening lines."""

from __future__ import annotations

import re

from plancompare.plans.draft_headings import LONGEST_HEADING
from plancompare.plans.draft_furniture import is_caption, is_skip_link
from plancompare.plans.draft_layout import is_contents_line

_PLAN_WORD = re.compile(r"\b(plan|strategy|priorities|ambitions?|vision)\b", re.IGNORECASE)
_YEARS = re.compile(r"\b(20\d\d)\s*(?:[-–/]|to)\s*(20\d\d|\d\d)\b")


def plan_title_of(given: str | None, cleaned: list[str], furniture: set[str]) -> tuple[str, str]:
    """The plan's title and the mark that goes with it: the document's own title if it has one, else
    the first of its opening lines that names a plan or a period, else its first line that is not
    furniture."""
    if given and given.strip():
        return " ".join(given.split()), "the document's own title: shorten it to the plan's title"
    # Not a web address or a note such as "# source: …" left at the top of a saved page.
    opening = [line for line in cleaned[:80] if line and len(line) <= LONGEST_HEADING and not is_contents_line(line) and not is_skip_link(line)
               and len(line.split()) <= 15 and "://" not in line and not line.lstrip("# ").split(" ", 1)[0].endswith(":")][:30]
    for line in opening:
        bare = line.lstrip("# ").strip()
        if bare and (_YEARS.search(bare) or _PLAN_WORD.search(bare)) and not bare.endswith((".", ":")):
            return bare, "the first opening line naming a plan or a period: check it is the title"
    for line in opening + [line for line in cleaned if line][:1]:
        if line not in furniture and not is_caption(line) or line not in opening:
            return line.lstrip("# ").strip() or line, "the document's first line: check it is the title"
    return "Untitled plan", "no title found: give the plan's title"


def plan_period(text: str, title: str = "") -> tuple[tuple[int, int | None] | None, str | None]:
    """The plan's period and, when it is a guess, the mark saying why. The years in the plan's title
    come first, then a span on an opening line that names a plan ("Council Plan 2022-2026"); else the
    first span in the opening text, which may be a span mentioned in passing ("during the 2018-2022
    administration"), so it is marked."""
    for match in _YEARS.finditer(title):
        return _span(match), None
    opening = text[:3000]
    for line in opening.splitlines():
        if _PLAN_WORD.search(line):
            for match in _YEARS.finditer(line):
                return _span(match), None
    match = _YEARS.search(opening)
    if not match:
        return None, None
    return _span(match), "years found in passing, not beside the plan's name: check the plan's period"


def _span(match: re.Match[str]) -> tuple[int, int | None]:
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return (start, end_year) if end_year >= start else (start, None)
