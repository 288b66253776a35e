"""What a lead-in line ending in ":" says about the list after it: the kind of its items
(``lead_in_kind``, the rule stated in draft_kinds' docstring), and whether it says how the council will
go about its vision (``sets_out_approach``)."""

from __future__ import annotations

import re

from plancompare.plans.draft_kinds import fold, heading_kind, wording_kind

# A word of a folded (lower-case) line.
_WORD = re.compile(r"[a-z]+")

# The words a plan names its own parts by, in a lead-in to the list of them.
_PLAN_PARTS = re.compile(r"\b(priorit(y|ies)|pillars?|themes?|ambitions|outcomes|principles|values|goals|objectives|missions|"
                         r"following|these are|as follows)\b")

# A lead-in naming what the plan will focus on ("Our areas of focus for the next 2 years will be on:",
# "Our focus areas are:"): its list is of aims.
_AREAS_OF_FOCUS = ("area of focus", "areas of focus", "focus area")
# A lead-in naming its list's kind: "…the following principles:", "Our priorities … are:" (the subject
# ends at its first preposition, relative or verb).
_THE_FOLLOWING = re.compile(r"\bthe following ([a-z]+(?: [a-z]+)?)$")
# "…there are five target outcomes", "…there are three key challenges": a lead-in counting its list.
_THERE_ARE = re.compile(r"\bthere (?:are|is) (?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a few|several|some|our|these|its) )?([a-z]+(?: [a-z]+)?)$")
_SUBJECT_ENDS = re.compile(r" (?:to|for|of|in|that|which|we|are|include|identified|as follows|listed|set out) ")


def lead_in_kind(lead_in: str) -> str | None:
    """The kind a lead-in sentence ending in ":" gives the list after it (the rule is in this
    module's docstring): what the list finishes. A subject naming a kind names the list ("The
    outcomes we will focus on", "The challenges we face are:"). "…these steps will:" or "This plan will:" (a
    subject other than "we") lists results, so outcomes; "…we will focus on:" or "Our priorities
    are:" lists aims, so objectives; otherwise the lead-in's own wording or the kind it names, or None."""
    folded = fold(lead_in.strip()).rstrip(": ")
    if folded.endswith((" are to", " is to", " will be to")):
        folded = folded[:-3]  # ("Our priorities are to: - prevent poverty…": the list is what the subject names, as after "…are:")
    subject = _SUBJECT_ENDS.split(folded, maxsplit=1)[0]
    # (A short subject only: "The strategy is supported by our … Performance Framework:" names no list.)
    named_first = heading_kind(subject) if len(subject.split()) <= 4 else None
    if named_first in ("outcome", "challenge", "indicator", "target"):
        return named_first  # ("The outcomes we will focus on": the list is what its subject names)
    if folded.endswith((" focus on", " focus is on", " focus will be on", " focus on the following", " priorities are")) \
            or (folded.endswith((" on", " are", " include", " will be")) and any(words in folded for words in _AREAS_OF_FOCUS)):
        return "objective"  # what a plan focuses on are its aims ("…we'll focus on: - improving health…")
    if folded.endswith((" where", " where the", " in which", " where all", " where every", " where everyone")):
        return "outcome"  # ("We need a thriving city where: - communities feel safe and well"): the states wanted
    if folded.endswith(" will"):
        subject = _WORD.findall(folded[:-5])
        if subject and subject[-1] not in ("we", "council", "i") and "we" not in subject[-3:]:
            return "outcome"
    following = _THE_FOLLOWING.search(folded) or _THERE_ARE.search(folded)
    if following and heading_kind(following.group(1)):
        # ("Everything we do will be built on the following principles:", "For this priority there are
        # five target outcomes:")
        return heading_kind(following.group(1))
    if folded.endswith((" are", " include", " identified as", " as follows", " listed below", " set out below")):
        # ("Our priorities to tackle these challenges are:", "…the key challenges in the district
        # identified as:"): the list is what the lead-in's subject, or else its last words, name.
        subject = _SUBJECT_ENDS.split(folded, maxsplit=1)[0]
        tail = " ".join(folded.split()[-8:])
        named = heading_kind(subject) or heading_kind(tail) if folded.endswith((" are", " include")) else heading_kind(tail)
        if named in ("challenge", "objective", "outcome", "indicator", "target", "difference"):
            return named
    own = wording_kind(lead_in)
    if own == "outcome" and folded.endswith((" are", " is", " include", " includes")):
        # ("Our ambitions for the city are:"): the verb introduces the list, it states nothing; what
        # the lead-in names is the list's kind.
        return heading_kind(lead_in)
    if own == "outcome":
        # A lead-in that states the result wanted ("To have enough good homes:", "Have a growing
        # economy:") is the aim the list works towards; the list's entries are the means, and say
        # what they are in their own words ("Delivering 36,000 new homes", "Ensure housing is…").
        return None
    return own or heading_kind(lead_in)


def sets_out_approach(lead_in: str) -> bool:
    """Whether a lead-in says how the council will go about its vision ("We will work with the people
    of the county and use our resources wisely to:", "To make our vision a reality we must:") rather
    than introducing the plan's parts ("Our plan is structured around six priorities:", "These are:")."""
    folded = fold(lead_in.strip())
    if _PLAN_PARTS.search(folded):
        return False
    return "vision" in folded or wording_kind(lead_in) in ("commitment", "objective")


# A promise whole before the examples it lists ("…, including:", "…such as:").
_WITH_EXAMPLES = re.compile(r",? (including|such as|for example|for instance):$")


def promises_with_examples(lead_in: str) -> bool:
    """Whether a lead-in is a whole promise before its examples ("We will invest in housing suitable
    for all the city's residents, including:"): an item itself, not only its list's lead-in."""
    folded = fold(lead_in.strip())
    return _WITH_EXAMPLES.search(folded[-30:]) is not None and wording_kind(_WITH_EXAMPLES.sub("", folded)) == "commitment"
