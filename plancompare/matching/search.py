"""Searching the items of a set of plans for a query, by its words weighted as the items' are."""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.matching.index import Index, Vocabulary
from plancompare.plans.model import Item


def search(index: Index, query: str, candidates: Sequence[Item] | None = None) -> list[tuple[Item, float]]:
    """Items ranked by similarity to ``query`` (text with its priority as context); zero scores
    dropped. A query naming a concept of the lexicon also looks for the concept's other phrasings,
    at the weight items give theirs (MatcherConfig.expansion_weight)."""
    import numpy as np

    pool = list(index.items if candidates is None else candidates)
    if not pool:
        return []
    vocabulary = index.vocabulary()
    columns, weights = _query_terms(vocabulary, query)
    own_columns, query_concepts = columns, []
    if index.config.search_expansion and vocabulary.concept_phrases:
        from plancompare.matching.concepts import ConceptFinder
        from plancompare.plans.model import Concept

        finder = ConceptFinder([Concept(label, label, (), phrases) for label, phrases in zip(vocabulary.concepts, vocabulary.concept_phrases)])
        query_concepts = list(finder.find(query))
        extra_columns, extra_weights = _query_terms(vocabulary, finder.expansion(query_concepts))
        if len(extra_columns):
            dense = np.zeros(len(vocabulary.features))
            dense[columns] += weights
            dense[extra_columns] += index.config.expansion_weight * extra_weights
            columns = np.flatnonzero(dense)
            weights = dense[columns]
    if not len(columns) or not weights.any():
        return []
    weights = weights / np.linalg.norm(weights)
    rows = index.rows("search", pool)
    scores = rows.dense(columns) @ weights
    # An item is found by the query's own words, or by mentioning one of the query's concepts; a
    # stray word of some other phrasing of the concept alone does not find it.
    found = rows.dense(own_columns).any(axis=1) if len(own_columns) else np.zeros(len(pool), dtype=bool)
    if query_concepts:
        concept_columns = np.array(sorted(len(vocabulary.features) + number for number in query_concepts), dtype=np.int64)
        found |= index.rows("text", pool).dense(concept_columns).any(axis=1)
    scores = np.where(found, scores, 0.0)
    ranked = sorted(((item, index.config.round(score)) for item, score in zip(pool, scores) if score > 0), key=lambda p: (-p[1], p[0].id))
    return ranked


def _query_terms(vocabulary: Vocabulary, text: str):
    """The columns of ``text``'s terms that the plans use, and their weights as the items' words
    are weighted (sublinear TF x IDF), unit length."""
    import numpy as np

    from plancompare.matching.analysis import word_counts
    from plancompare.matching.stemming import stem

    counts = word_counts([text], vocabulary.stop_words, stem if vocabulary.stemmed else None)
    where = np.searchsorted(vocabulary.features, counts.features)
    known = where < len(vocabulary.features)
    known[known] = vocabulary.features[where[known]] == counts.features[known]
    term_counts = counts.matrix.toarray()[0] if counts.matrix.shape[1] else np.zeros(0)
    columns = where[known]
    weights = (1 + np.log(term_counts[known])) * vocabulary.idf[columns]
    norm = np.linalg.norm(weights)
    return columns, (weights / norm if norm else weights)
