"""TF-IDF weights and unit-length rows, computed with numpy and scipy alone.

The matcher's weighting is scikit-learn's: ``TfidfTransformer(sublinear_tf=True)`` (smoothed IDF,
1 + log of each count, rows scaled to unit length) and ``sklearn.preprocessing.normalize``. It is
computed here because importing scikit-learn takes about 0.7 s (it pulls in scipy.stats), half of a
first ``themes`` over the bundled plans, for two formulas of a few lines; tests/matching/
test_weights.py checks every result against scikit-learn's own, which stays a dependency.

Pure functions; numpy and scipy are imported inside them.
"""

from __future__ import annotations

from typing import Any


class IdfWeights:
    """Inverse document frequencies fitted on a count matrix, as TfidfTransformer(sublinear_tf=True)
    fits them: idf(t) = ln((1 + n) / (1 + df(t))) + 1, for n rows of which df(t) have the term."""

    def __init__(self, idf: Any):
        self.idf_ = idf

    @classmethod
    def from_frequencies(cls, document_frequency: Any, rows: int, dtype: Any = None) -> IdfWeights:
        """The weights of ``rows`` documents whose terms have ``document_frequency`` (float64
        unless ``dtype`` names float32, the dtype scikit-learn keeps for float32 counts)."""
        import numpy as np

        dtype = np.dtype(dtype) if dtype is not None and np.dtype(dtype) in (np.float32, np.float64) else np.dtype(np.float64)
        frequency = np.asarray(document_frequency).astype(dtype, copy=True)
        frequency += 1.0
        idf = np.full_like(frequency, fill_value=rows + 1, dtype=dtype)
        idf /= frequency
        np.log(idf, out=idf)
        idf += 1.0
        return cls(idf)

    @classmethod
    def fit(cls, counts: Any) -> IdfWeights:
        """The weights of a scipy sparse count matrix (a stored entry counts as present)."""
        import numpy as np

        counts = counts.tocsr() if counts.format != "csr" else counts
        return cls.from_frequencies(np.bincount(counts.indices, minlength=counts.shape[1]), counts.shape[0], counts.dtype)

    def transform(self, counts: Any, copy: bool = True) -> Any:
        """TF-IDF rows of a CSR count matrix of float64 or float32 (in place unless ``copy``):
        each count c becomes (1 + ln c) × idf, and each row is scaled to unit length."""
        rows = counts.copy() if copy else counts
        if rows.format != "csr":
            rows = rows.tocsr()
        import numpy as np

        np.log(rows.data, out=rows.data)
        rows.data += 1.0
        rows.data *= self.idf_[rows.indices]
        return unit_rows(rows, copy=False)


def unit_rows(rows: Any, copy: bool = True) -> Any:
    """A scipy sparse matrix's rows scaled to unit (Euclidean) length, all-zero rows left as they
    are (sklearn.preprocessing.normalize with norm="l2"), as a CSR matrix; in place when ``copy`` is
    False and ``rows`` is CSR already."""
    import numpy as np
    from scipy.sparse import csr_matrix, issparse

    if not issparse(rows):
        rows = csr_matrix(rows)
    elif rows.format != "csr":
        rows = rows.tocsr()
    elif copy:
        rows = rows.copy()
    if not isinstance(rows, csr_matrix):
        rows = csr_matrix(rows)
    if rows.data.dtype.kind != "f":
        rows = rows.astype(np.float64)
    lengths = np.diff(rows.indptr)
    if not len(rows.data):
        return rows
    filled = np.flatnonzero(lengths)
    squares = np.add.reduceat(rows.data * rows.data, rows.indptr[filled])
    norms = np.ones(rows.shape[0], dtype=rows.data.dtype)
    norms[filled] = np.sqrt(squares)
    norms[norms == 0] = 1.0
    rows.data /= np.repeat(norms, lengths)
    return rows
