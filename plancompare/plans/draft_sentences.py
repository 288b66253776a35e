"""A paragraph's sentences as items: the kind each sentence's wording gives it, and what the heading
above it changes.

Each sentence goes by its own words (draft_kinds.wording_kind, read as prose), and then by where it
sits:
- under an aims heading or lead-in, an infinitive aim ("To recreate a council that's proactive…")
  is an objective;
- under a differences heading, a short sentence is a difference whatever its wording;
- under a pictured year ("In 2032..."), the present tense states the outcomes wanted;
- under a heading that names the plan's context or challenges, a sentence with no kind of its own,
  or one stating the present, is a challenge, unless it tells a strength or reports past progress;
  what the council goes on doing there ("We continue to work with…") is its action.
Sentences that describe the document, questions, and outcomes that do not look ahead are no items;
a sentence that opens by pointing back ("To do this…") finishes the item before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from plancompare.plans.draft_collect import sentences
from plancompare.plans.draft_kinds import states_aim, wording_kind
from plancompare.plans.draft_prose import continues_previous, describes_document, looks_ahead, reports_past, tells_strength
from plancompare.plans.draft_write import DraftItem

# The council going on with an action: "We continue to…", "We are continuing to…".
_GOES_ON = re.compile(r"^(we|the council) (continue|continues|are continuing|is continuing|will continue) to\b", re.IGNORECASE)

_CHECKS = {"challenge": "a sentence naming a problem: keep it if the plan sets it out as a challenge",
           "indicator": "a sentence starting with a figure: keep it if it is a measure the plan reports",
           "outcome": "kind guessed from 'will be/have': outcome or objective?"}


@dataclass(frozen=True)
class ProseContext:
    """Where a paragraph sits: the kind its heading or lead-in names (``listed``), its heading, and
    whether that heading pictures a year ahead or names the plan's context or challenges."""

    listed: str | None
    heading: str | None
    pictures: bool = False
    challenges: bool = False


def sentence_kind(sentence: str, context: ProseContext) -> str | None:
    """The kind of item a paragraph's sentence is where it sits, or None: not an item."""
    found = wording_kind(sentence, in_prose=True)
    listed = context.listed
    if found is None and listed == "objective" and states_aim(sentence):
        found = "objective"
    if listed == "difference" and found in (None, "outcome") and len(sentence.split()) <= 25:
        found = "difference"
    if context.pictures and found in (None, "outcome") and not sentence.endswith("?"):
        found = "outcome"
    elif context.challenges and not tells_strength(sentence) and not reports_past(sentence) \
            and (found is None or (found == "outcome" and not looks_ahead(sentence))):
        found = "commitment" if _GOES_ON.match(sentence) else "challenge"
    if found is None or (found == "outcome" and not looks_ahead(sentence) and not context.pictures) \
            or describes_document(sentence) or sentence.endswith("?"):
        return None
    return "difference" if listed == "difference" else found


def add_paragraph(segment: str, context: ProseContext, add: Callable[[DraftItem], bool]) -> None:
    """Add the items of a paragraph ``segment`` through ``add`` (which says whether it kept the item)."""
    previous: DraftItem | None = None  # the item the paragraph's last sentence became
    for sentence in sentences(segment):
        if previous is not None and continues_previous(sentence):
            previous.text = f"{previous.text} {sentence}"  # ("We will… . To do this we will…": one item)
            continue
        previous = None
        found = sentence_kind(sentence, context)
        if found is None:
            continue
        item = DraftItem(found, sentence, context.heading, check=_CHECKS.get(found))
        previous = item if add(item) else None
