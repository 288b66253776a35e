"""The English stop words are scikit-learn's own list."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from plancompare.matching.stop_words import ENGLISH_STOP_WORDS as OWN_STOP_WORDS


def test_the_stop_words_are_scikit_learns() -> None:
    assert OWN_STOP_WORDS == ENGLISH_STOP_WORDS
    assert all(word == word.lower().strip() and word.isalpha() for word in OWN_STOP_WORDS)
