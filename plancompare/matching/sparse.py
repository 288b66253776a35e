"""Sparse rows (compressed sparse row arrays) with just what comparing two councils needs, in numpy.

The matcher's vectors are cached as these plain arrays, one block per council, so that a repeat
`diff` loads two councils' rows and multiplies them without importing scipy (whose import alone
took most of a repeat run's time budget). Building the vectors, and products over every council,
still use scipy: ``from_scipy`` and ``to_scipy`` convert without copying the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix: row r's columns are indices[indptr[r]:indptr[r+1]], sorted, with
    their values in data at the same places."""

    indptr: Any  # numpy int64, len rows + 1, starting at 0
    indices: Any  # numpy int32/int64
    data: Any  # numpy float
    width: int

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    @classmethod
    def from_scipy(cls, matrix: Any) -> SparseRows:
        """The rows of a scipy sparse matrix (made canonical: sorted, no duplicate columns)."""
        import numpy as np

        matrix = matrix.tocsr()
        matrix.sum_duplicates()
        matrix.sort_indices()
        return cls(np.asarray(matrix.indptr, dtype=np.int64), matrix.indices, matrix.data, matrix.shape[1])

    def to_scipy(self) -> Any:
        """The same rows as a scipy CSR matrix."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self.data, self.indices, self.indptr), shape=(self.rows, self.width))

    def slice(self, start: int, stop: int) -> SparseRows:
        """Rows start..stop-1, sharing this block's arrays."""
        begin, end = int(self.indptr[start]), int(self.indptr[stop])
        return SparseRows(self.indptr[start:stop + 1] - begin, self.indices[begin:end], self.data[begin:end], self.width)

    def take(self, rows: Sequence[int]) -> SparseRows:
        """The given rows, in the given order (repeats allowed)."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        ends = np.cumsum(lengths)
        positions = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)
        return SparseRows(np.concatenate([[0], ends]).astype(np.int64), self.indices[positions], self.data[positions], self.width)

    def row(self, row: int) -> tuple[Any, Any]:
        """One row's columns and values."""
        begin, end = self.indptr[row], self.indptr[row + 1]
        return self.indices[begin:end], self.data[begin:end]

    def dense(self, columns: Any) -> Any:
        """The rows as a dense array over ``columns`` (sorted, distinct); other columns are ignored."""
        import numpy as np

        out = np.zeros((self.rows, len(columns)), dtype=np.float64)
        if not len(columns) or not len(self.indices):
            return out
        where = np.searchsorted(columns, self.indices)
        found = where < len(columns)
        found[found] = columns[where[found]] == self.indices[found]
        row_of = np.repeat(np.arange(self.rows), np.diff(self.indptr))
        out[row_of[found], where[found]] = self.data[found]
        return out


def row_ranges(sizes: Sequence[int], most: int) -> list[tuple[int, int]]:
    """(start, stop) row ranges covering councils of ``sizes`` rows in turn, each of at most ``most``
    rows, cut between councils where it can be: so a council's align rows are sliced from one block
    rather than copied out of all of them joined (a council of more than ``most`` rows is cut)."""
    slices: list[tuple[int, int]] = []
    start = stop = 0
    for size in sizes:
        if stop > start and stop - start + size > most:
            slices.append((start, stop))
            start = stop
        stop += size
        while stop - start > most:
            slices.append((start, start + most))
            start += most
    if stop > start:
        slices.append((start, stop))
    return slices


def concat(blocks: Sequence[SparseRows]) -> SparseRows:
    """Blocks of rows (all as wide) one after another."""
    import numpy as np

    if len(blocks) == 1:
        return blocks[0]
    offsets = np.cumsum([0] + [int(block.indptr[-1]) for block in blocks[:-1]])
    indptr = np.concatenate([[0]] + [block.indptr[1:] + offset for block, offset in zip(blocks, offsets)])
    return SparseRows(
        indptr.astype(np.int64),
        np.concatenate([block.indices for block in blocks]),
        np.concatenate([block.data for block in blocks]),
        blocks[0].width,
    )


def products(left: SparseRows, right: SparseRows) -> Any:
    """left × rightᵀ as a dense array: every row of ``left`` dotted with every row of ``right``.

    Only the columns both sides use can contribute, so each side is made dense over those alone.
    """
    import numpy as np

    # A mask over the columns rather than np.intersect1d, which imports numpy.ma (16 ms) on first use.
    used = np.zeros(left.width, dtype=bool)
    used[left.indices] = True
    shared = np.zeros(left.width, dtype=bool)
    shared[right.indices] = True
    shared &= used
    columns = np.flatnonzero(shared)
    return left.dense(columns) @ right.dense(columns).T
