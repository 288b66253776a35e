"""The terms and weights of a fit, frozen, to weight some of its plans again without fitting.

A council's rows depend on the rest of the fit only through its vocabulary (which terms there are,
and so which column each has), its IDF weights, its stop words and the concepts too common to count.
Given those, analysing the council's own texts and putting each count in the fit's column for its
term gives the rows the whole fit gives it (tests/matching/test_incremental.py checks it, value for
value). An incremental refit (incremental.py) uses this to weight an edited council alone.

Pure functions; numpy and scipy are imported inside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FrozenTerms:
    """A fit's terms (sorted, as its columns), weights, stop words and common concepts."""

    word_features: Any  # numpy object array of str, sorted
    word_weights: Any  # weights.IdfWeights
    char_features: Any  # numpy object array of str, sorted
    char_weights: Any  # weights.IdfWeights
    stop_words: tuple[str, ...]
    dropped: frozenset[int]

    def words_of(self, counts: Any) -> Any:
        """Word counts (analysis.Counts) in this fit's columns. Every term must be one of its
        features (the texts are among those it was fitted on); a term it lacks raises ValueError."""
        from plancompare.matching.analysis import Counts

        columns = feature_columns(counts.features, self.word_features)
        if len(columns) and columns.min() < 0:
            raise ValueError("a word the frozen fit does not have")
        return Counts(_with_columns(counts.matrix, columns, len(self.word_features)), self.word_features, None)

    def chars_of(self, counts: Any) -> Any:
        """Character counts (analysis.FactoredCounts) in this fit's columns; n-grams it dropped (too
        rare over all its texts) are dropped here too."""
        from plancompare.matching.analysis import FactoredCounts

        columns = feature_columns(counts.features, self.char_features)
        return FactoredCounts(counts.by_text, _with_columns(counts.by_chunk, columns, len(self.char_features)), self.char_features)


def feature_columns(local: Any, features: Any) -> Any:
    """For each term of ``local`` (sorted), its column among ``features`` (sorted), or -1."""
    import numpy as np

    if not len(local):
        return np.zeros(0, dtype=np.int64)
    positions = np.searchsorted(features, local)
    found = positions < len(features)
    found[found] = features[positions[found]] == local[found]
    return np.where(found, positions, -1).astype(np.int64)


def _with_columns(matrix: Any, columns: Any, width: int) -> Any:
    """A CSR matrix's entries moved to ``columns[c]`` for each column c, in the order they were in
    (the weighting puts each row's columns in order), those of columns mapped to -1 left out;
    ``width`` columns."""
    import numpy as np
    from scipy.sparse import csr_matrix

    matrix = matrix.tocsr()
    new = columns[matrix.indices] if len(matrix.indices) else np.zeros(0, dtype=np.int64)
    kept = new >= 0
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[kept]
    pointers = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=matrix.shape[0]))])
    index_type = np.int32 if width < 2 ** 31 else np.int64
    return csr_matrix((matrix.data[kept], new[kept].astype(index_type), pointers), shape=(matrix.shape[0], width))
