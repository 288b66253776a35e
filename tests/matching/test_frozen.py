"""A fit's frozen terms put a smaller analysis's counts in the fit's columns."""

from __future__ import annotations

import numpy as np
import pytest

from plancompare.matching.analysis import analyse
from plancompare.matching.frozen import FrozenTerms, feature_columns
from plancompare.matching.weights import IdfWeights

TEXTS = ["Build more affordable homes", "Plant trees in every park", "Affordable homes for key workers"]


def _frozen(texts):
    words, chars = analyse(texts, ["in", "for", "more", "every"])
    return FrozenTerms(words.features, IdfWeights.fit(words.matrix), chars.features, IdfWeights.fit(chars.matrix), ("in", "for", "more", "every"),
                       frozenset()), words, chars


def test_feature_columns_finds_each_term_or_minus_one() -> None:
    features = np.array(["a", "c", "e"], dtype=object)
    assert feature_columns(np.array(["a", "b", "e", "z"], dtype=object), features).tolist() == [0, -1, 2, -1]
    assert feature_columns(np.array([], dtype=object), features).tolist() == []


def test_counts_of_some_texts_land_in_the_fits_columns() -> None:
    frozen, words, chars = _frozen(TEXTS)
    part_words, part_chars = analyse(TEXTS[2:], frozen.stop_words, char_min_df=1)
    moved = frozen.words_of(part_words)
    assert moved.matrix.shape == (1, len(words.features))
    assert np.array_equal(moved.matrix.toarray()[0], words.matrix.toarray()[2])
    moved_chars = frozen.chars_of(part_chars)
    # (n-grams the fit dropped as too rare are dropped here too; the rest land where the fit has them)
    assert np.array_equal(moved_chars.matrix.toarray()[0], chars.matrix.toarray()[2])


def test_a_word_the_fit_never_saw_is_refused() -> None:
    frozen, _, _ = _frozen(TEXTS)
    with pytest.raises(ValueError, match="does not have"):
        frozen.words_of(analyse(["Zorblax"], frozen.stop_words)[0])
