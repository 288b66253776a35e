"""Searching the items of a set of plans for a query, by its words weighted as the items' are."""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.matching.index import Index
from plancompare.plans.model import Item


def search(index: Index, query: str, candidates: Sequence[Item] | None = None) -> list[tuple[Item, float]]:
    """Items ranked by similarity to ``query`` (text with its priority as context); zero scores dropped."""
    import numpy as np

    from plancompare.matching.analysis import word_counts
    from plancompare.matching.stemming import stem

    pool = list(index.items if candidates is None else candidates)
    if not pool:
        return []
    vocabulary = index.vocabulary()
    counts = word_counts([query], vocabulary.stop_words, stem if vocabulary.stemmed else None)
    # The query's terms that the plans use, weighted as the items' words are (sublinear TF x IDF).
    where = np.searchsorted(vocabulary.features, counts.features)
    known = where < len(vocabulary.features)
    known[known] = vocabulary.features[where[known]] == counts.features[known]
    term_counts = counts.matrix.toarray()[0]
    columns = where[known]
    weights = (1 + np.log(term_counts[known])) * vocabulary.idf[columns]
    if not len(columns) or not weights.any():
        return []
    weights /= np.linalg.norm(weights)
    scores = index.rows("search", pool).dense(columns) @ weights
    ranked = sorted(((item, index.config.round(score)) for item, score in zip(pool, scores) if score > 0), key=lambda p: (-p[1], p[0].id))
    return ranked
