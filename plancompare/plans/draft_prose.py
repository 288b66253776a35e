"""Sentences of a plan's prose that are not items of their own.

**Not an item** (``describes_document``): a paragraph sentence about the document itself rather
than what the council will do: its subject is the plan, strategy or document ("This Plan sets out
how we will…", "The Council Plan identifies…", "It also provides an overview…", "Our plan is
structured around 6 priorities") with a verb that describes (sets out, describes, outlines,
identifies, explains, summarises, provides, demonstrates, shows, is structured, brings together, forms, builds on,
details, presents, highlights; "has been developed / written / produced", "is designed / intended":
how the document came about), or it points at
the page ("These are the things we will…", "Under each priority is a list…"), or it says where
something "has been captured / reported / set out" in a report or "is contained / described / detailed in"
the plan. A plan that "sets out how we will
work with…" promises that work, so it stays an item; one that "sets out how we will achieve our
aims" (or deliver its priorities, vision, outcomes) only points at them, so it does not. A sentence where the
plan "will be reviewed/reported" is governance, which curators keep, so "will" forms never count.

**One item, not two** (``continues_previous``): in a paragraph, a sentence that opens by pointing
back at the one before to detail it ("To do this…", "In particular…", "These include…", "Where this
isn't possible…", "As part of this…", "For example…") finishes that sentence's item rather than
starting its own. A sentence that goes on with a further promise ("We will do this by…", "This will
include…", "This means…", "Alongside this we will…") stays an item of its own: curators keep those
apart as often as together.

**Strength, not challenge** (``tells_strength``): a sentence of a plan's account of its context that
praises (its assets, what it is proud of) without naming a problem. **Looking ahead**
(``looks_ahead``): a sentence saying what will or should be, rather than what is. **Reporting the
past** (``reports_past``): a context sentence dated in the past at its start, or saying what the
council has done ("We have also launched…", "The strategy was finalised…"), naming no problem: the
council's progress, not a challenge.
"""

from __future__ import annotations

import re

from plancompare.plans.draft_kinds import fold, names_problem


# The document as a subject, then within a few words a verb that describes what it holds.
_DOCUMENT_SUBJECT = re.compile(r"\b(plan|strategy|document|framework|it|this)\b")
_DESCRIBING_VERB = re.compile(r"\b(sets out|set out|describes|outlines|identifies|explains|summari[sz]es|provides|demonstrates|shows|"
                              r"is structured|are structured|brings together|forms?|is the overarching|lists|builds on|details|presents|"
                              r"highlights|(has|have) (also )?been (developed|written|produced|prepared|shaped)|"
                              r"(is|was) (developed|designed|intended|written|produced))\b")
# "… sets out how we will work with partners to…": what follows is the council's promise; but not
# "… how we will achieve our aims", which only points at the plan's own parts.
_HOW_WE_WILL = re.compile(r" how (we will|we'll|we are going to|the council will)\b")
_OWN_PARTS = re.compile(r" (?:work to |help to |help |continue to )?(achieve|deliver|meet|realise|realize|fulfil) (our|these|this|the|its) ([a-z]+ )?"
                        r"(aims?|priorities|ambitions?|vision|outcomes|objectives|goals|plan|strategy)\b")
# "Progress … has been captured in the Council Priority report": where something is to be read.
_REPORTED = re.compile(r"\b(has been|have been) (captured|reported|recorded|summari[sz]ed|published|set out|shown) in\b|"
                       r"\b(is|are) (contained|described|detailed) in (our|the|this)\b")
_POINTS_AT_PAGE = re.compile(r"^(these are the (things|actions|outcomes|measures|ways)|under each|below (is|are)|"
                             r"this is [a-z'’ ]{0,40}\b(plan|strategy)\b|the following (pages|sections))")
_POINTS_BACK = re.compile(r"^(to do this|in particular|these include|where this is(n't| not)|"
                          r"as part of this|for example|for instance|such as)\b")


def describes_document(sentence: str) -> bool:
    """Whether a sentence describes the document rather than promising, aiming or measuring (the
    rule is in this module's docstring)."""
    folded = fold(sentence.strip())[:300]
    if _POINTS_AT_PAGE.match(folded) or _REPORTED.search(folded):
        return True
    verb = _DESCRIBING_VERB.search(folded)
    if verb is None:
        return False
    subject = folded[:verb.start()]
    words = subject.split()
    how = _HOW_WE_WILL.match(folded, verb.end())
    if how and not _OWN_PARTS.match(folded, how.end()):
        return False
    return len(words) <= 12 and "we" not in words and _DOCUMENT_SUBJECT.search(subject) is not None


def continues_previous(sentence: str) -> bool:
    """Whether a paragraph's sentence points back at the one before and so belongs to its item."""
    return _POINTS_BACK.match(fold(sentence.strip())[:60]) is not None


# Words that praise: a place's assets and past successes, which a plan's account of its context sets
# beside its problems (curators keep the problems as challenges, not the strengths).
_STRENGTH = re.compile(r"\b(great|rich|vibrant|strong|proud|award[- ]winning|world[- ](class|famous|leading)|excellent|thriving|"
                       r"successful|success|solid|powerful|beautiful|fantastic|amazing|unrivalled|renowned|pioneering|"
                       r"innovative|outstanding|strengths?|home to|offers?|enjoy|celebrated?|best|good|doing (relatively |very )?well|"
                       r"improving|(growing|increasing|rising) faster)\b")


def tells_strength(sentence: str) -> bool:
    """Whether a sentence of a plan's context praises (its assets, what it is proud of) without
    naming a problem: not a challenge, though it sits among them."""
    return _STRENGTH.search(fold(sentence)) is not None and not names_problem(sentence)


_LOOKS_AHEAD = re.compile(r" (will|should) ")


def looks_ahead(sentence: str) -> bool:
    """Whether a sentence says what will or should be, rather than what is: a state of things in a
    paragraph is an outcome only then."""
    return _LOOKS_AHEAD.search(sentence) is not None


# A sentence dated in the past at its start: "Since the full inspection in October 2022, …", "In July
# 2024, the Family Hubs programme officially opened…".
_DATED_PAST = re.compile(r"^(since|in|during|by|from|between|last|earlier)\b[^.]{0,40}?\b(19|20)\d\d\b")


# What the council or its work has done: "We have also launched…", "The strategy was finalised…",
# "The final visit … focused on…".
_DONE = re.compile(r"\b(?:we|the council|it|they) (?:have|has) (?:also |now |already |recently )?(?:[a-z]+ed|been|made|built|set|won|begun|grown)\b"
                   r"|\b(?:was|were) (?:[a-z]+ed|made|built|set up|awarded|won)\b")


def reports_past(sentence: str) -> bool:
    """Whether a sentence of a plan's context reports what has happened (a date gone by at its start,
    or what the council has done), naming no problem: the council's progress, not a challenge it faces."""
    folded = fold(sentence.strip())
    return (_DATED_PAST.match(folded) is not None or _DONE.search(folded) is not None) and not looks_ahead(sentence) \
        and not names_problem(sentence)
