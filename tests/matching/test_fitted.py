"""The fitted weights and rows: common concepts, stop words, and a fit weighting part of itself."""

from __future__ import annotations

import numpy as np

from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.matching.fitted import Fit, common_concepts, stop_words
from plancompare.matching.frozen import FrozenTerms
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

PLANS = tuple(load_plans([default_plans_dir()]))
THEMES = load_themes()


def test_a_concept_most_items_mention_is_common() -> None:
    found = [(1, 2)] * 30 + [(2,)] * 10 + [()] * 60
    assert common_concepts(found, 0.25) == frozenset({1, 2})
    assert common_concepts(found, 0.35) == frozenset({2})
    assert common_concepts(found, 0.5) == frozenset()
    assert common_concepts([(1,)] * 9, 0.1) == frozenset()  # (ten or fewer items never make a concept common)


def test_stop_words_hold_the_councils_names() -> None:
    words = set(stop_words(PLANS))
    assert {"coventry", "sandwell", "wolverhampton", "stoke", "the", "and"} <= words


def test_a_fit_frozen_on_its_own_terms_gives_its_own_rows() -> None:
    whole = Fit(PLANS, THEMES, DEFAULT_CONFIG)
    frozen = FrozenTerms(whole.word_counts.features, whole.word_weights, whole.chars.features, whole.char_weights,
                         tuple(whole.stop_words), whole.dropped)
    council = Fit(PLANS[:1], THEMES, DEFAULT_CONFIG, frozen=frozen)
    rows = len(PLANS[0].items())
    assert np.array_equal(council.own_text.toarray(), whole.own_text[:rows].toarray())
    assert np.array_equal(council.theme_scores(), whole.theme_scores()[:rows])
