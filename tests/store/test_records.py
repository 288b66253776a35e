"""Cache entries read back as they were stored, and refused when they do not fit what they claim."""

from __future__ import annotations

import numpy as np
import pytest

from plancompare.matching.sparse import SparseRows
from plancompare.store import codec, records


def test_keys_follow_the_bytes_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    assert records.file_digest(b"a") == records.file_digest(b"a") != records.file_digest(b"b")
    before = records.file_digest(b"a")
    monkeypatch.setattr(records, "code_digest", lambda: b"edited")
    assert records.file_digest(b"a") != before


def test_code_digest_covers_modules_in_subpackages(tmp_path) -> None:
    package = tmp_path / "pkg"
    (package / "matching").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    deep = package / "matching" / "align.py"
    deep.write_text("WEIGHT = 1\n")
    before = records.code_digest(package)
    records.code_digest.cache_clear()
    deep.write_text("WEIGHT = 2\n")
    assert records.code_digest(package) != before
    records.code_digest.cache_clear()


def _block(rows: SparseRows):
    value, arrays = records.block_record(rows)
    return value, arrays


def test_a_vector_block_round_trips_and_a_bad_one_is_refused() -> None:
    rows = SparseRows(np.array([0, 2, 3], dtype=np.int64), np.array([0, 4, 1], dtype=np.int32), np.array([0.5, 0.5, 1.0]), 5)
    value, arrays = _block(rows)
    back = records.block_from(value, arrays, 2)
    assert back.indptr.tolist() == [0, 2, 3] and back.indices.tolist() == [0, 4, 1] and back.width == 5
    with pytest.raises(codec.Unsound):
        records.block_from(value, arrays, 3)  # another number of rows
    with pytest.raises(codec.Unsound):
        records.block_from({"width": 4}, arrays, 2)  # a column outside the width
    for indptr in (np.array([0, 3, 2], dtype=np.int64), np.array([0.0, 2.0, 3.0])):
        bad = dict(arrays, indptr=codec.array_record(indptr))
        with pytest.raises(codec.Unsound):
            records.block_from(value, bad, 2)


def test_item_themes_out_of_range_are_refused() -> None:
    from plancompare.matching.index import CouncilThemes

    themes = CouncilThemes.from_numpy(np.array([[0, 1], [2, -1]]), np.array([[0.5, 0.2], [0.3, 0.0]]))
    value, arrays = records.themes_record(themes)
    assert records.themes_from(value, arrays, 3).rows() == themes.rows()
    with pytest.raises(codec.Unsound):
        records.themes_from(value, arrays, 2)


def test_item_themes_keep_where_the_plan_repeats_a_text() -> None:
    import array

    from plancompare.matching.index import CouncilThemes

    themes = CouncilThemes.from_numpy(np.array([[0], [1], [0], [1]]), np.array([[0.5], [0.4], [0.5], [0.3]]), [2, 3])
    value, arrays = records.themes_record(themes)
    back = records.themes_from(value, arrays, 2)
    assert list(back.repeats) == [2, 3] and back.distinct_top() == [0, 1]
    for bad in ([0], [5], [3, 2], [2, 2]):  # the first item is never a copy; in range; ascending
        unsound = dict(arrays, repeats=codec.array_record(array.array("i", bad)))
        with pytest.raises(codec.Unsound):
            records.themes_from(value, unsound, 2)
    with pytest.raises(codec.Unsound):  # of the wrong type
        records.themes_from(value, dict(arrays, repeats=codec.array_record(array.array("d", [2.0]))), 2)


def test_concepts_found_round_trip_and_bad_ones_are_refused() -> None:
    from plancompare.plans.model import Concept

    found = ((), (2, 0), (1,), ())
    value, arrays = records.concepts_record(found)
    assert records.concepts_from(value, arrays, 4, 3) == found
    with pytest.raises(codec.Unsound):
        records.concepts_from(value, arrays, 5, 3)  # another plan's items
    with pytest.raises(codec.Unsound):
        records.concepts_from(value, arrays, 4, 2)  # a concept the lexicon does not have
    for pointers in (np.array([0, 0, 2, 1, 3], dtype=np.int64), np.array([0, 0, 2, 3, 4], dtype=np.int64),
                     np.array([0.0, 0.0, 2.0, 3.0, 3.0])):
        with pytest.raises(codec.Unsound):
            records.concepts_from(value, dict(arrays, pointers=codec.array_record(pointers)), 4, 3)
    lexicon = [Concept("a", "A", ("x",), ("one", "two"))]
    assert records.lexicon_digest(lexicon) != records.lexicon_digest([Concept("a", "A", ("x",), ("one", "three"))])
    # Only what the finder reads counts: the label and themes are not part of the key.
    assert records.lexicon_digest(lexicon) == records.lexicon_digest([Concept("b", "B", ("y",), ("one", "two"))])
