"""Lines a capture repeats page after page: a website's banners and menus, told apart from a plan's
own headings and lead-ins repeated on each of its pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from plancompare.plans.draft_headings import pictures_year
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
