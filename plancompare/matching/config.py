"""Every weight, floor and threshold of the matcher in one place, and the one definition of a match.

Fitting, alignment, search and the report's method text all read a MatcherConfig; nothing else in
plancompare holds a tuning constant. Importing this module costs nothing (no numpy), so the command
line can show the default threshold in --help.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Words that every plan uses and that say nothing about what a promise is about. The names of the
#: councils in use are added to these (see plan_stop_words), so no council's name is hard-coded.
BOILERPLATE_WORDS = tuple(
    """
    will ensure continue continued including include includes deliver delivering delivery make making
    city council borough councils people residents local
    need needs work working use using develop developing provide providing help helping
    improve improving improved increase increasing new plan strategy strategies approach ways way
    able opportunities opportunity right key good best better high quality level levels number numbers
    percentage rate per year years
    """.split()
)

#: Words that say who an item is for (children, families, carers, communities), which a theme
#: should follow less than the words saying what it does for them, unless nothing else is said.
AUDIENCE_WORDS = tuple(
    """
    children child young families family parents communities community carers carer residents resident
    """.split()
)

#: The analyser's words: the same pattern scikit-learn's vectorisers use (two or more word characters).
_NAME_WORD = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class MatcherConfig:
    """The matcher's tuning: how items are weighted, themed and compared.

    Scores are cosine similarities in [0, 1]. Changing any field changes the answers, and with them
    the measured accuracy in the README; the code digest in the cache key covers the defaults.
    """

    #: Weight of an item's priority (section) title beside its own text, before normalising.
    context_weight: float = 0.35
    #: The title's weight falls as the item says more for itself: it is context_weight times
    #: context_evidence / (context_evidence + the item's distinct words); None keeps it constant.
    context_evidence: float | None = 4.0
    #: Words counted as their stem (stemming.stem), so a word's inflections meet in search and matching.
    stem_words: bool = True
    #: Weight of an item's concept phrasings (the lexicon's expansion) beside its own words.
    expansion_weight: float = 0.5
    #: Concepts mentioned by more than this share of the items are too common to count (see fit).
    concept_max_share: float = 0.05
    #: Weight of the themes of an item's concepts beside its similarity to the theme profiles.
    concept_theme_weight: float = 0.0
    #: A concept's vote for the themes it is also filed under, beside 1 for its main theme.
    concept_other_themes: float = 0.5
    #: Whether a theme's profile also holds the phrasings of the lexicon's concepts filed under it.
    concept_profiles: bool = False
    #: Whether search also finds items through the phrasings of the concepts they mention.
    search_expansion: bool = True
    #: The share of a search score that comes from mentioning the concepts the query names (1 for a
    #: concept named, broader_mention per step for one below it in the lexicon's hierarchy; the
    #: rest is the cosine of the words), so that a search for "public transport" also finds the
    #: items about buses, after those that say it.
    search_concept_weight: float = 0.4
    #: How much a mention of a narrower concept counts as one of the concept above it, per step.
    broader_mention: float = 0.5
    #: Weight, in theme scoring, of words naming who an item is for rather than what it is about.
    audience_weight: float = 0.5
    #: Those audience words (matched after stemming when stem_words is on).
    audience_words: tuple[str, ...] = AUDIENCE_WORDS
    #: Weight of the character n-gram block beside the word block when scoring themes.
    char_weight: float = 1.0
    #: Weight of the character n-gram block in the vectors that compare items.
    align_char_weight: float = 1.0
    #: Weight of the theme scores in the vectors that compare items.
    align_theme_weight: float = 0.6
    #: Share of the similarity kept by a pair across kind groups (a measure and a promise).
    kind_mismatch: float = 0.85
    #: Share of an item's theme scores taken from the mean of its section's items.
    section_weight: float = 0.3
    #: Themes an item scores below this are not given to it.
    theme_floor: float = 0.03
    #: At most this many themes are kept for an item.
    max_themes: int = 3
    #: Similarity at or above which two items count as the same commitment. Chosen for matcher v2
    #: on the tuning half of the labelled pairs as the lowest score (0.01 steps) that at most one in
    #: ten of its labelled negatives (pairs sharing salient words, not the same promise) reach.
    threshold: float = 0.42
    #: The bottom of the "partly covered" band: an item whose closest counterpart scores from here up
    #: to the threshold is partly covered, below it only in its own plan. Chosen on the tuning half
    #: of the labelled pairs as the highest floor (0.01 steps) that calls at most 5% of
    #: same-commitment pairs "only in" (README, "How often is a 'only in' claim false?").
    partly_floor: float = 0.26
    #: Council likeness counts matches as if each plan had this many items (see matching/likeness.py),
    #: so that a longer plan does not look more alike only because it offers more candidates.
    reference_items: int = 50
    #: Weight of what is promised (matched share both ways) beside emphasis (alike theme shares) in
    #: council likeness.
    promise_weight: float = 0.5
    #: Scores are shown, compared and cached to this many decimal places.
    score_digits: int = 4
    #: Score cells computed in one sparse product when comparing a plan with many councils.
    batch_cells: int = 4_000_000
    #: Rows of the character block weighted at once (bounds the temporary matrices to a few MB).
    row_slice: int = 8192
    #: Generic words dropped as stop words, besides English ones and the councils' names.
    boilerplate_words: tuple[str, ...] = BOILERPLATE_WORDS

    def round(self, score: float) -> float:
        """A score as it is shown and compared: rounded to ``score_digits`` places."""
        return round(float(score), self.score_digits)

    def is_match(self, score: float, threshold: float | None = None) -> bool:
        """Whether two items scoring ``score`` count as the same commitment (see is_match)."""
        return is_match(score, self.threshold if threshold is None else threshold, self.score_digits)


    def verdict(self, score: float | None, threshold: float | None = None) -> str:
        """matched, partly covered or only in (see verdict)."""
        return verdict(score, self, threshold)


DEFAULT_CONFIG = MatcherConfig()

MATCHED = "matched"
PARTLY = "partly covered"
ONLY = "only in"
#: The verdicts, strongest first.
VERDICTS = (MATCHED, PARTLY, ONLY)


def is_match(score: float | None, threshold: float, digits: int = DEFAULT_CONFIG.score_digits) -> bool:
    """The one definition of a match: the score, rounded as it is shown, reaches the threshold.

    Rounding first means that what a table shows and what it claims agree: a pair shown as 0.3000
    against a threshold of 0.30 is a match wherever it is shown (diff, report, neighbours,
    indicators), and a pair shown as 0.2999 is not.
    """
    return score is not None and round(float(score), digits) >= threshold


def verdict(score: float | None, config: MatcherConfig = DEFAULT_CONFIG, threshold: float | None = None) -> str:
    """What an item's closest counterpart score says about it: MATCHED when it is a match
    (is_match); PARTLY covered when it falls in the band from the config's partly_floor up to the
    threshold; ONLY in its own plan below that (or with no counterpart at all). A threshold at or
    under the floor leaves no band. Rounded as shown, like is_match."""
    threshold = config.threshold if threshold is None else threshold
    if is_match(score, threshold, config.score_digits):
        return MATCHED
    if is_match(score, min(config.partly_floor, threshold), config.score_digits):
        return PARTLY
    return ONLY


def plan_stop_words(names: Iterable[str], config: MatcherConfig = DEFAULT_CONFIG) -> frozenset[str]:
    """The plan stop words for a set of councils: the generic boilerplate words and every word of
    the councils' names, short names and aliases (a council's own name says nothing about what it
    promises, and would make its items look alike only because they name it)."""
    words = set(config.boilerplate_words)
    for name in names:
        words.update(_NAME_WORD.findall(name.lower()))
    return frozenset(words)
