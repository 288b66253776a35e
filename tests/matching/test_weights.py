"""The matcher's TF-IDF weights and unit rows are scikit-learn's, computed without importing it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix, random as sparse_random
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from plancompare.matching.weights import IdfWeights, unit_rows


def _counts(seed: int, rows: int, columns: int, density: float, dtype=np.float64) -> csr_matrix:
    """A count matrix of small whole numbers, with empty rows and columns among the others."""
    matrix = sparse_random(rows, columns, density=density, format="csr", random_state=seed, dtype=np.float64)
    matrix.data = np.ceil(matrix.data * 7)
    return matrix.astype(dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", range(5))
def test_idf_and_transform_match_tfidf_transformer(seed: int, dtype) -> None:
    counts = _counts(seed, 60, 40, 0.15, dtype)
    reference = TfidfTransformer(sublinear_tf=True).fit(counts)
    own = IdfWeights.fit(counts)
    assert own.idf_.dtype == reference.idf_.dtype
    np.testing.assert_allclose(own.idf_, reference.idf_, rtol=0, atol=1e-12 if dtype == np.float64 else 1e-6)
    rows = counts.astype(np.float64)
    expected = reference.transform(rows.copy())
    found = own.transform(rows.copy())
    assert found.shape == expected.shape and isinstance(found, csr_matrix)
    np.testing.assert_allclose(found.toarray(), expected.toarray(), rtol=0, atol=1e-12)


def test_idf_from_document_frequencies_is_the_fitted_idf() -> None:
    counts = _counts(7, 80, 30, 0.2)
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    assert np.array_equal(IdfWeights.from_frequencies(frequency, counts.shape[0]).idf_, IdfWeights.fit(counts).idf_)


def test_transform_works_in_place_only_when_asked() -> None:
    counts = _counts(3, 10, 8, 0.4)
    before = counts.copy()
    weights = IdfWeights.fit(counts)
    weights.transform(counts)
    assert np.array_equal(counts.data, before.data)
    weighted = weights.transform(counts, copy=False)
    assert weighted.data is counts.data or np.shares_memory(weighted.data, counts.data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=6, max_size=6), min_size=1, max_size=12))
def test_unit_rows_are_sklearn_normalize(values: list[list[float]]) -> None:
    dense = np.array(values)
    dense[np.abs(dense) < 1] = 0.0  # (sparse rows, some of them empty)
    matrix = csr_matrix(dense)
    np.testing.assert_allclose(unit_rows(matrix).toarray(), normalize(matrix).toarray(), rtol=1e-12, atol=1e-15)
    norms = np.linalg.norm(unit_rows(matrix).toarray(), axis=1)
    assert np.allclose(norms[np.abs(dense).sum(axis=1) > 0], 1.0)
    assert np.array_equal(matrix.toarray(), dense)  # (a copy unless asked otherwise)


def test_unit_rows_of_other_formats_and_of_nothing() -> None:
    dense = np.array([[3.0, 4.0], [0.0, 0.0], [0.0, 2.0]])
    for matrix in (csr_matrix(dense).tocsc(), csr_matrix(dense).tocoo(), dense):
        assert np.allclose(unit_rows(matrix).toarray(), [[0.6, 0.8], [0.0, 0.0], [0.0, 1.0]])
    assert unit_rows(csr_matrix((0, 5))).shape == (0, 5)
    assert unit_rows(csr_matrix((3, 5))).nnz == 0


def test_fitting_the_matcher_does_not_import_scikit_learn() -> None:
    code = ("import sys\nfrom plancompare.workspace import Workspace\nWorkspace(use_cache=False).index().council_vectors('coventry')\n"
            "print('sklearn' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
