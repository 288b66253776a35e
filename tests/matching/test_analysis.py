"""The analyser counts exactly what scikit-learn's CountVectorizer counts, features in the same order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from plancompare.matching.analysis import CHAR_MIN_DF, CHAR_NGRAMS, TOKEN_PATTERN, analyse, word_counts
from plancompare.matching.fit import stop_words
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.matching.index import item_text

STOP_WORDS = stop_words(load_plans([default_plans_dir()]))
TRICKY = [
    "Health & care: the NHS, GP's and A&E",
    "a",
    "ab cd",
    "café naïve résumé",
    "   leading and trailing\tspaces\n\nnew lines  ",
    "self-care / well-being; 5G, 24/7 and co-op's",
    "",
    "x" * 3 + " " + "y" * 4 + " " + "z" * 5,
]


def _reference(texts: list[str]):
    words = CountVectorizer(stop_words=STOP_WORDS, ngram_range=(1, 2), token_pattern=TOKEN_PATTERN, dtype=np.float64)
    characters = CountVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=CHAR_MIN_DF, dtype=np.float64)
    return (words.fit_transform(texts), words.get_feature_names_out(),
            characters.fit_transform(texts), characters.get_feature_names_out())


def _assert_same(texts: list[str]) -> None:
    mine_words, mine_chars = analyse(texts, STOP_WORDS)
    words, word_features, chars, char_features = _reference(texts)
    assert list(mine_words.features) == list(word_features)
    assert (mine_words.matrix != words).nnz == 0
    assert list(mine_chars.features) == list(char_features)
    assert (mine_chars.matrix != chars).nnz == 0
    assert (mine_chars.by_column().tocsr() != chars).nnz == 0


def test_counts_equal_scikit_learns_on_the_bundled_plans() -> None:
    texts = [item_text(item) for plan in load_plans([default_plans_dir()]) for item in plan.items()]
    _assert_same(texts + TRICKY)


def _reference_block(vectorizer, texts: list[str]):
    """scikit-learn's counts and features, or None when it refuses the texts for having no terms
    (every word a stop word or too short; no character n-gram in two texts)."""
    try:
        return vectorizer.fit_transform(texts), list(vectorizer.get_feature_names_out())
    except ValueError as error:
        assert "no terms remain" in str(error) or "empty vocabulary" in str(error), error
        return None


def _assert_block_matches(mine_matrix, mine_features, reference, rows: int) -> None:
    if reference is None:  # scikit-learn found no terms: neither may the analyser
        assert list(mine_features) == [] and mine_matrix.shape == (rows, 0)
    else:
        assert list(mine_features) == reference[1]
        assert mine_matrix.shape == reference[0].shape and (mine_matrix != reference[0]).nnz == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abcé -'/&5\n"), max_size=30), min_size=2, max_size=8))
def test_counts_equal_scikit_learns_on_arbitrary_texts(texts: list[str]) -> None:
    # Every example is checked: where scikit-learn refuses a vocabulary with no terms, the analyser
    # must find no terms either (and the other block is still compared).
    mine_words, mine_chars = analyse(texts, STOP_WORDS)
    words = _reference_block(
        CountVectorizer(stop_words=STOP_WORDS, ngram_range=(1, 2), token_pattern=TOKEN_PATTERN, dtype=np.float64), texts)
    chars = _reference_block(
        CountVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=CHAR_MIN_DF, dtype=np.float64), texts)
    event(f"scikit-learn found word terms: {words is not None}, character terms: {chars is not None}")
    _assert_block_matches(mine_words.matrix, mine_words.features, words, len(texts))
    _assert_block_matches(mine_chars.matrix, mine_chars.features, chars, len(texts))


def test_rows_of_the_factored_counts_are_rows_of_the_product() -> None:
    _, chars = analyse(TRICKY * 3, STOP_WORDS)
    full = chars.matrix.toarray()
    assert np.array_equal(chars.rows(2, 9).toarray(), full[2:9])
    assert chars.shape == full.shape


def test_word_counts_of_a_query() -> None:
    counts = word_counts(["Affordable homes, more affordable homes"], STOP_WORDS)
    assert dict(zip(counts.features, counts.matrix.toarray()[0])) == {
        "affordable": 2, "homes": 2, "affordable homes": 2, "homes affordable": 1,
    }


@pytest.mark.parametrize("text", ["", "   ", "the and of"])
def test_texts_with_no_terms_give_empty_rows(text: str) -> None:
    counts = word_counts(["green spaces", text], STOP_WORDS)
    assert counts.matrix[1].nnz == 0


def test_stemmed_counts_merge_word_forms_and_show_the_commonest_form() -> None:
    from plancompare.matching.stemming import stem

    texts = ["Apprenticeships for all", "more apprenticeships", "an apprentice scheme", "cycling and cycle routes"]
    counts = word_counts(texts, STOP_WORDS, stem)
    features = list(counts.features)
    shown = dict(zip(features, counts.display))
    column = features.index(stem("apprenticeships"))
    assert counts.matrix[:, column].toarray().ravel().tolist() == [1, 1, 1, 0]
    assert shown[stem("apprentice")] == "apprenticeships"
    assert counts.matrix[3, features.index(stem("cycling"))] == 2
    assert word_counts(texts, STOP_WORDS).display is None
