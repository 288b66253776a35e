"""SparseRows agree with scipy's CSR matrices on every operation the matcher uses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import random as sparse_random

from plancompare.matching.sparse import SparseRows, concat, products


def _matrix(rows: int, width: int, seed: int):
    return sparse_random(rows, width, density=0.3, format="csr", random_state=seed)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 30), st.integers(0, 10_000))
def test_products_equal_scipys(left_rows: int, right_rows: int, width: int, seed: int) -> None:
    left, right = _matrix(left_rows, width, seed), _matrix(right_rows, width, seed + 1)
    expected = (left @ right.T).toarray()
    assert np.allclose(products(SparseRows.from_scipy(left), SparseRows.from_scipy(right)), expected)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 12), st.integers(1, 20), st.integers(0, 10_000), st.data())
def test_take_slice_concat_and_dense(rows: int, width: int, seed: int, data) -> None:
    matrix = _matrix(rows, width, seed)
    block = SparseRows.from_scipy(matrix)
    full = matrix.toarray()
    picked = data.draw(st.lists(st.integers(0, rows - 1), max_size=8))
    assert np.array_equal(block.take(picked).to_scipy().toarray(), full[picked].reshape(len(picked), width))
    start = data.draw(st.integers(0, rows))
    stop = data.draw(st.integers(start, rows))
    assert np.array_equal(block.slice(start, stop).to_scipy().toarray(), full[start:stop])
    assert np.array_equal(concat([block.slice(0, start), block.slice(start, rows)]).to_scipy().toarray(), full)
    columns = np.array(sorted(set(data.draw(st.lists(st.integers(0, width - 1), max_size=width)))), dtype=np.int64)
    assert np.array_equal(block.dense(columns), full[:, columns])


@pytest.mark.parametrize(
    ("sizes", "most", "expected"),
    [
        ([3, 4, 2], 8, [(0, 7), (7, 9)]),  # cut between councils, never inside one that fits
        ([3, 20, 2], 8, [(0, 3), (3, 11), (11, 19), (19, 25)]),  # a council larger than a slice is cut
        ([0, 5, 0], 8, [(0, 5)]),
        ([], 8, []),
    ],
)
def test_slices_fall_between_councils_and_hold_at_most_a_slice(sizes, most, expected) -> None:
    from plancompare.matching.sparse import row_ranges

    assert row_ranges(sizes, most) == expected

