"""Collecting a draft's items and sections as the drafter reads them.

The drafter's reading loop decides what each line is; this module keeps what it found: each item once
(the first copy, or the numbered copy where the plan sets an item out in full), the plan-level
statements apart from the priorities' items, indicators split into their measure and figures, and the
sections by folded title so that a heading seen again reopens its section.
"""

from __future__ import annotations

import re
from collections import Counter

from plancompare.plans.draft_kinds import wording_kind
from plancompare.plans.draft_furniture import addresses_reader
from plancompare.plans.draft_layout import CutWords, indicator_parts
from plancompare.plans.draft_write import DraftItem, DraftSection
from plancompare.plans.model import STATEMENT_KINDS
from plancompare.plans.textnorm import normalise

# A heading marked by the HTML or PDF reader: '#' to '######', a space, the heading.
MARKDOWN_HEADING = re.compile(r"^(#{1,6}) (\S.*)$")
# (Not after "e.g." or "i.e.", which run on into the same sentence.)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!e\.g\.)(?<!i\.e\.)\s+(?=[A-Z\"'‘“(])")
_POINTS_ON = re.compile(r"\b(the following|as follows|below)\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, in order."""
    if "." not in text and "!" not in text and "?" not in text:  # (quicker, for thousands of cells)
        return [text.strip()] if text.strip() else []
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


# Words no item ends on: where a short item stops on one, the capture cut it ("Children, adults, and").
_UNFINISHED = frozenset("and or but nor the a an of to for with in on at by from some whilst while that which our their its".split())


def cut_before_object(text: str) -> bool:
    """Whether an item was cut before it said anything: short with no closing stop, three words or
    fewer opening with "We" ("We will start", "We are improving") or five or fewer ending on a word
    no sentence ends on ("Children, adults, and", "Whilst some"); or opening on a verb in lower case
    whose subject the capture lost ("is a key priority…"). (A value may be as short, "We listen":
    statements are not asked.)"""
    words = text.split()
    if words and words[0] in ("is", "are", "was", "were"):
        return True  # ("is a key priority within our Workforce Strategy.": the rest of a sentence whose subject the capture lost)
    if text.endswith((".", "!", "?")) or not words:
        return False
    return (len(words) <= 3 and words[0].lower() == "we") or (len(words) <= 5 and words[-1].lower() in _UNFINISHED)


class ItemCollector:
    """The items found so far: each kept once, statements apart from the priorities' items."""

    def __init__(self, cut: CutWords) -> None:
        self.cut = cut
        self.statements: list[DraftItem] = []  # the plan's vision, values and principles
        self._seen: dict[tuple[str, str], tuple[DraftItem, DraftSection]] = {}  # each item's first copy, and its section

    def add(self, item: DraftItem, current: DraftSection) -> bool:
        """Add ``item`` to ``current`` (or to the statements); False when it is not an item or is
        already there."""
        if item.kind == "indicator" and item.local is None:
            # A measure's first sentence is the measure; the sentences after it comment on it ("This
            # remains a top concern"), unless they are measures themselves.
            first, *after = sentences(item.text) or [item.text]
            if after and any(c.isdecimal() for c in first) and wording_kind(first) != "target":
                item.text = first
                measures = [DraftItem("indicator", sentence, item.heading) for sentence in after if wording_kind(sentence) == "indicator"]
                return self.add(item, current) | any([self.add(measure, current) for measure in measures])
            item.text, item.local, comparator = indicator_parts(item.text)
            item.comparator = item.comparator or comparator
        if len(item.text) < 3 or self.cut.fragment(item.text) or (item.text.endswith(":") and _POINTS_ON.search(item.text)) \
                or addresses_reader(item.text) or (item.kind not in STATEMENT_KINDS and cut_before_object(item.text)):
            # (A few words cut off where an excerpt ends are not an item; nor is a line that points on
            # to a list, "…in the following key indicators:", even as a bullet: it is unfinished; nor
            # the page telling its reader where to look next.)
            return False
        key = (item.kind, normalise(item.text).casefold())
        if key in self._seen:
            earlier, holder = self._seen[key]
            if item.ref is None or earlier.ref is not None or holder is current:
                return False
            holder.items.remove(earlier)  # the numbered copy ("1.2 High quality…") where the plan sets it out, not its overview's
            holder.moved += 1
        if item.kind in STATEMENT_KINDS:
            self.statements.append(item)
        else:
            current.items.append(item)
            self._seen[key] = (item, current)
        return True


class Sections:
    """The draft's sections in order, found again by folded title."""

    def __init__(self, opening: DraftSection) -> None:
        self.all = [opening]
        # (A dictionary: a text of many thousands of headings looked each one up in a list.)
        self._by_title = {normalise(opening.title).casefold(): opening}

    def __len__(self) -> int:
        return len(self.all)

    def titled(self, title: str) -> bool:
        """Whether a section has this title (folded)."""
        return normalise(title).casefold() in self._by_title

    def open(self, title: str, number: int | None, check: str | None) -> DraftSection:
        """The section titled ``title``: the one already open under that title, or a new one."""
        folded = normalise(title).casefold()
        if folded in self._by_title:
            return self._by_title[folded]
        section = self._by_title[folded] = DraftSection(title=title, number=number, check=check)
        self.all.append(section)
        return section


def section_level(lines: list[str]) -> int:
    """The '#' level that opens sections in a page or PDF's text: the shallowest level used more than
    once (a page's single h1 is its title), or 2 if none is."""
    levels = Counter(len(match.group(1)) for line in lines if (match := MARKDOWN_HEADING.match(line)))
    repeated = [level for level, count in levels.items() if count > 1]
    return min(repeated) if repeated else 2


def blank(lines: list[str], position: int) -> bool:
    """Whether line ``position`` is blank or outside the text."""
    return position < 0 or position >= len(lines) or not lines[position].strip()
