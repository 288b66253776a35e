"""Lines a capture repeats page after page: a website's banners and menus, told apart from a plan's
own headings and lead-ins repeated on each of its pages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from plancompare.plans.draft_headings import LONGEST_HEADING, cue, pictures_year
from plancompare.plans.draft_kinds import heading_kind
from plancompare.plans.draft_lead_ins import lead_in_kind
from plancompare.plans.draft_layout import cell_segments, is_bulleted, is_contents_line


def repeated_furniture(cleaned: Sequence[str], raw_lines: Sequence[str], ahead: Sequence[str]) -> set[str]:
    """The cleaned lines that are furniture by repetition: a short line the captures repeat on page
    after page (banners, menus), unless it is a heading that names a kind of item ("Key statistics"
    on each priority's page), a lead-in that does ("We want:" over each priority's aims) or a year
    pictured ("In 2032..." on each): a banner introduces nothing. A plan's heading repeated (in its
    contents, its list of priorities, bold and plain) is still a heading where a paragraph follows
    it; a banner is not one the plan lists. ``ahead``: each raw line's next line (draft_layout.next_lines)."""
    counts = Counter(line for line in cleaned if line)
    furniture = {line for line, count in counts.items() if count >= 3 and len(line.split()) <= 14 and not heading_kind(line)
                 and not (line.endswith(":") and lead_in_kind(line)) and not pictures_year(line)}
    listed_lines = {listed_entry(raw) for raw in raw_lines if is_bulleted(raw) or is_contents_line(raw)}
    return furniture - {line for line, after in zip(cleaned, ahead) if line in furniture and line in listed_lines and len(after.split()) > 15}


def listed_entry(raw: str) -> str:
    """A bullet's or a contents line's text, without its mark or its page number."""
    pieces = cell_segments(raw.rstrip().rstrip("0123456789").rstrip(" .\t"))
    return pieces[0][0] if pieces else ""


# The separators a web page's title sets its site's or document's name apart with ("The H&F Plan -
# 2023 to 2026 - A safer borough", "Our priorities | Anytown Council").
_TITLE_SEPARATOR = re.compile(r" [-–—|] ")


def page_titles(cleaned: Sequence[str], raw_lines: Sequence[str]) -> dict[int, str]:
    """The page titles of a capture of several web pages, by position, each without the part every
    title shares: a line ending or starting with the same name (the plan's, the site's) and a
    separator on three lines or more, each with a different rest, is a page's title, and its rest
    the page's own heading ("The H&F Plan - 2023 to 2026 - A safer borough for everyone" → "A safer
    borough for everyone"). A part that names a kind of item is a cue set before each item
    ("Outcome - Fewer people sleeping rough"), not a name; a table row keeps its cells."""
    # Each line's ways of splitting into a shared part, (side, part), and the rest.
    shapes: dict[int, list[tuple[tuple[str, str], str]]] = {}
    for position, (line, raw) in enumerate(zip(cleaned, raw_lines)):
        if not line or len(line) > LONGEST_HEADING or "\t" in raw.strip() or is_bulleted(raw) or line.endswith((".", ":", ";", ",")):
            continue
        separators = list(_TITLE_SEPARATOR.finditer(line))
        shapes[position] = [(("prefix", line[:match.start()]), line[match.end():]) for match in separators] \
            + [(("suffix", line[match.end():]), line[:match.start()]) for match in separators]
    rests: dict[tuple[str, str], set[str]] = {}
    for found in shapes.values():
        for shared, rest in found:
            rests.setdefault(shared, set()).add(rest)
    titles = {}
    for position, found in shapes.items():
        # (The longest part the titles share: "The H&F Plan - 2023 to 2026", not "The H&F Plan".)
        named = [(len(part), rest) for (side, part), rest in found
                 if len(rests[(side, part)]) >= 3 and rest.strip() and _names_no_kind(part)]
        if named:
            titles[position] = min(named, key=lambda pair: (-pair[0], len(pair[1])))[1].strip()
    return titles


def _names_no_kind(part: str) -> bool:
    return len(part.split()) >= 2 and cue(part) is None and not heading_kind(part)
