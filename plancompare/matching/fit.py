"""Fitting the matcher to a set of plans: TF-IDF weights, every item's themes, and its vectors.

How an item is themed (see plancompare.matching.align for how items are compared):
1. Every item and every theme profile is weighted with one TF-IDF vocabulary fitted on all plan
   items together with the profiles: word unigrams and bigrams of stemmed words (stemming.stem),
   sublinear term frequency, English and plan-boilerplate stop words removed; and, as a second
   block, character 4- and 5-grams within words.
2. The concept lexicon's phrases found in an item (concepts.ConceptFinder) add the concepts' other
   phrasings to it, weighted apart and joined at MatcherConfig.expansion_weight, so that items (and
   profiles) that say the same thing in different words meet. Concepts too common to say what an
   item is about are left out.
3. An item's vector is its text plus its priority's title, at a weight that falls as the item says
   more for itself, so that a terse "Implement the strategy" under "A Greener City" still leans
   green while a long item is themed by its own words. Audience words (children, families,
   residents) weigh less towards its themes.
4. Its theme scores are the cosine similarities to the theme profiles, blended with the mean scores
   of the other items in its section (items a plan groups together tend to share themes). This is
   linear in the number of items, unlike comparing every item with every other.
5. Themes scoring below a floor are dropped; an item left with none is "unclassified".

Memory stays bounded for hundreds of plans: the character block, much the largest, is weighted a
slice of rows at a time (fitted.Fit), and the vectors for comparing items are only built when first
asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from plancompare.matching.config import DEFAULT_CONFIG, MatcherConfig
from plancompare.matching.fitted import Fit, stop_words  # noqa: F401  (stop_words: part of this module's API)
from plancompare.matching.frozen import FrozenTerms
from plancompare.matching.index import CouncilThemes, CouncilVectors, Index, Vocabulary
from plancompare.matching.ranking import blend_with_section, ranked_themes
from plancompare.plans.model import Concept, Plan, Theme


@functools.lru_cache(maxsize=4)
def cached_index(plans: tuple[Plan, ...], themes: tuple[Theme, ...], config: MatcherConfig = DEFAULT_CONFIG,
                 concepts: tuple[Concept, ...] = ()) -> Index:
    """build_index, remembered for equal plans, themes, config and lexicon (all frozen, so equal
    means same)."""
    return build_index(plans, themes, config, concepts)


def build_index(plans: Sequence[Plan], themes: Sequence[Theme], config: MatcherConfig = DEFAULT_CONFIG,
                concepts: Sequence[Concept] = (), found: Sequence[Sequence[tuple[int, ...]]] | None = None,
                vectors_next: bool = False) -> Index:
    """Weight every item of ``plans`` and give each its themes; the vectors follow on first use.
    ``concepts`` is the lexicon (plancompare.plans.concepts.load_concepts); none: no expansion.
    ``found``: for each plan, what matching.concepts.concepts_found gives (kept from an earlier run); None: found now.
    ``vectors_next``: the vectors will be asked for at once (the character rows are then kept for
    them rather than weighted twice; otherwise they are let go, as a `themes` alone needs none)."""
    return fitted_index(plans, themes, config, concepts, found, vectors_next)[0]


def fitted_index(plans: Sequence[Plan], themes: Sequence[Theme], config: MatcherConfig = DEFAULT_CONFIG,
                 concepts: Sequence[Concept] = (), found: Sequence[Sequence[tuple[int, ...]]] | None = None,
                 vectors_next: bool = False) -> tuple[Index, Fit]:
    """build_index, and the fit it was built from (what incremental.fit_state keeps of it)."""
    plans, themes = tuple(plans), tuple(themes)
    fit = Fit(plans, themes, config, concepts, found)
    fit.keep_char_text = vectors_next
    scores, by_council, item_themes = _themed(fit, plans, config)
    vectors: dict[str, CouncilVectors] = {}

    def council_vectors(council_id: str) -> CouncilVectors:
        if not vectors:
            text, align, search = fit.vectors(scores)
            for other, (a, b) in by_council.items():
                vectors[other] = CouncilVectors(text.slice(a, b), fit.align_rows(align, a, b), search.slice(a, b))
        return vectors[council_id]

    from plancompare.matching.concepts import broader_numbers

    vocabulary = Vocabulary(fit.word_counts.features, fit.word_weights.idf_, tuple(fit.stop_words),
                            fit.word_counts.display, tuple(concept.label for concept in fit.concepts), config.stem_words,
                            tuple(concept.phrases for concept in fit.concepts), broader_numbers(fit.concepts))
    plans_by_id = {plan.council.id: plan for plan in plans}
    return Index(themes, tuple(plans_by_id), plans_by_id.__getitem__, item_themes.__getitem__, council_vectors,
                 lambda: vocabulary, config), fit


def build_council(plan: Plan, themes: Sequence[Theme], config: MatcherConfig, concepts: Sequence[Concept],
                  found: Sequence[tuple[int, ...]], frozen: FrozenTerms) -> tuple[CouncilThemes, CouncilVectors]:
    """One council's item themes and vectors, weighted with the frozen terms of a fit of a set of
    plans it is one of (incremental.refit): what that fit gives it, without fitting."""
    fit = Fit((plan,), tuple(themes), config, concepts, [tuple(found)], frozen)
    fit.keep_char_text = True
    scores, _, item_themes = _themed(fit, (plan,), config)
    text, align, search = fit.vectors(scores)
    rows = len(plan.items())
    return item_themes[plan.council.id], CouncilVectors(text, fit.align_rows(align, 0, rows), search)


def _themed(fit: Fit, plans: Sequence[Plan], config: MatcherConfig) -> tuple:
    """The fit's theme scores (blended with each item's section), each council's rows and item themes."""
    import numpy as np

    scores = np.clip(blend_with_section(fit.theme_scores(), fit.items, config.section_weight), 0.0, 1.0)
    ranked = ranked_themes(scores, config)
    by_council, start = {}, 0
    for plan in plans:
        stop = start + len(plan.items())
        by_council[plan.council.id] = (start, stop)
        start = stop
    item_themes = {council_id: CouncilThemes.from_numpy(*(part[a:b] for part in ranked)) for council_id, (a, b) in by_council.items()}
    _note_repeats(item_themes, plans)
    return scores, by_council, item_themes


def _note_repeats(item_themes: dict[str, CouncilThemes], plans: Sequence[Plan]) -> None:
    """Record in each council's item themes where its plan repeats a text, so that the theme counts
    can count each text once without loading the plan (the themes command over many councils)."""
    import dataclasses
    import array

    from plancompare.matching.coverage import repeated_positions

    for plan in plans:
        repeats = repeated_positions(plan.items())
        if repeats:
            item_themes[plan.council.id] = dataclasses.replace(item_themes[plan.council.id],
                                                               repeats=array.array("i", repeats))


