"""The search index in the cache: an index's items arranged for search (matching.search.Searchable),
stored so that a repeat `search` reads only the columns of its query's terms and the plans of its
results, never every item's vector, and imports no numpy.

Entries, next to the index's own (store.records) and keyed by the same index key:
- ``search:<index>``: the vocabulary (the features as one newline-joined string, their IDF), stop
  words, the lexicon's labels and phrasings, the councils and each council's first row, every row's
  item id (one string), and for each row whether it is the first copy of its text in its plan and
  its top theme; and the first column of each bucket of postings;
- ``postings:<index>:<n>``: bucket n's columns by column (pointers into rows and values), a few
  tens of thousands of postings per bucket, so a query of a few words reads a few buckets.

The search index is built from the index (its stored vectors) the first time a `search` asks for it
and stored then; a `themes` or `diff` run never pays for it. A missing or unsound entry makes it be
built again from the index, which gives the same postings: results never depend on which way they
were read.
"""

from __future__ import annotations

import bisect
from typing import Any

from plancompare.matching.search import Searchable, build_searchable
from plancompare.store import codec
from plancompare.store.database import Database

#: About this many postings are stored per bucket (a column with more fills a bucket alone).
BUCKET_POSTINGS = 1 << 15
_META_ARRAYS = ("idf", "starts", "kept", "top", "buckets")
_BUCKET_ARRAYS = ("pointers", "rows", "values")
_META_KEYS = {"features", "stop_words", "stemmed", "concepts", "concept_phrases", "councils", "ids"}


def load_searchable(database: Database, key: str, index: Any) -> Searchable:
    """The search index of ``index`` (whose entries are keyed ``key``): read from ``database``, or
    built from the index and stored there when it is missing or unsound."""
    found = database.get(f"search:{key}", _META_ARRAYS)
    rebuilt: list[Searchable] = []

    def built() -> Searchable:
        if not rebuilt:
            searchable, matrix = build_searchable(index)
            database.put_many(_records(key, searchable, matrix))
            rebuilt.append(searchable)
        return rebuilt[0]

    try:
        if found is None:
            raise codec.Unsound("not stored")
        return _searchable_from(database, key, *found, theme_count=len(index.themes), fallback=built)
    except codec.Unsound:
        return built()


def _records(key: str, searchable: Searchable, matrix: tuple[Any, Any, Any]):
    """The entries of a search index (nothing when its ids or words could not be joined back)."""
    import numpy as np

    indptr, indices, data = matrix
    if any("\n" in text for text in (*searchable.ids, *searchable.features)):
        return
    columns = len(indptr) - 1
    targets = np.arange(0, int(indptr[-1]), BUCKET_POSTINGS)
    starts = np.unique(np.concatenate([[0], np.searchsorted(indptr, targets, side="right") - 1, [columns]])).astype(np.int64)
    for number, (first, stop) in enumerate(zip(starts[:-1].tolist(), starts[1:].tolist())):
        begin, end = int(indptr[first]), int(indptr[stop])
        yield (f"postings:{key}:{number}", "postings", {"first": first, "count": stop - first}, {
            "pointers": codec.array_record(np.asarray(indptr[first:stop + 1] - begin, dtype=np.int64)),
            "rows": codec.array_record(np.asarray(indices[begin:end], dtype=np.int32)),
            "values": codec.array_record(np.asarray(data[begin:end], dtype=np.float64)),
        })
    value = {
        "features": "\n".join(searchable.features), "stop_words": sorted(searchable.stop_words),
        "stemmed": searchable.stemmed, "concepts": list(searchable.concepts),
        "concept_phrases": [list(phrases) for phrases in searchable.concept_phrases],
        "councils": list(searchable.councils), "ids": "\n".join(searchable.ids),
    }
    # Written last: a run that finds it finds every bucket it names.
    yield (f"search:{key}", "search", value, {
        "idf": codec.array_record(np.asarray(searchable.idf, dtype=np.float64)),
        "starts": codec.array_record(np.asarray(searchable.starts, dtype=np.int64)),
        "kept": codec.array_record(np.asarray(searchable.kept, dtype=np.uint8)),
        "top": codec.array_record(np.asarray(searchable.top, dtype=np.int16)),
        "buckets": codec.array_record(starts),
    })


def _array(arrays: dict, name: str, typecode: str):
    values = codec.stdlib_array(*arrays[name])
    if values.typecode != typecode:
        raise codec.Unsound(f"{name} of the wrong type")
    return values


def _searchable_from(database: Database, key: str, value: Any, arrays: dict, theme_count: int, fallback) -> Searchable:
    """A stored search index, its structure checked so that no row or column points outside its
    arrays; its buckets are read when a query first needs them."""
    if not isinstance(value, dict) or set(value) != _META_KEYS:
        raise codec.Unsound("not a search index")
    for name in ("features", "ids"):
        if not isinstance(value[name], str):
            raise codec.Unsound(f"{name} is not text")
    features = value["features"].split("\n") if value["features"] else []
    ids = value["ids"].split("\n") if value["ids"] else []
    stop_words = codec.from_json(tuple[str, ...], value["stop_words"])
    concepts = codec.from_json(tuple[str, ...], value["concepts"])
    phrases = codec.from_json(tuple[tuple[str, ...], ...], value["concept_phrases"])
    councils = codec.from_json(tuple[str, ...], value["councils"])
    idf, starts, kept, top, buckets = (_array(arrays, name, code) for name, code in zip(_META_ARRAYS, "dqBhq"))
    rows = len(ids)
    columns = len(features) + len(concepts)
    if (not isinstance(value["stemmed"], bool) or (phrases and len(phrases) != len(concepts)) or len(idf) != len(features)
            or len(starts) != len(councils) + 1 or (starts and (starts[0] != 0 or starts[-1] != rows))
            or any(a > b for a, b in zip(starts, starts[1:])) or len(kept) != rows or len(top) != rows
            or (rows and not -1 <= min(top) <= max(top) < theme_count)
            or len(buckets) < 1 or buckets[0] != 0 or buckets[-1] != columns or any(a >= b for a, b in zip(buckets, buckets[1:]))):
        raise codec.Unsound("a search index of the wrong shape")
    loaded: dict[int, tuple[Any, Any, Any, int]] = {}

    def bucket(number: int):
        if number not in loaded:
            found = database.get(f"postings:{key}:{number}", _BUCKET_ARRAYS)
            if found is None:
                raise codec.Unsound("a bucket is missing")
            loaded[number] = _bucket_from(*found, first=buckets[number], count=buckets[number + 1] - buckets[number], rows=rows)
        return loaded[number]

    def postings(column: int):
        if not 0 <= column < columns:
            return [], []
        number = bisect.bisect_right(buckets, column) - 1
        try:
            pointers, found_rows, values, first = bucket(number)
        except codec.Unsound:
            return fallback().postings(column)  # rebuilt from the index: the same postings
        begin, end = pointers[column - first], pointers[column - first + 1]
        return found_rows[begin:end], values[begin:end]

    return Searchable(features, idf, frozenset(stop_words), value["stemmed"], concepts, phrases, councils, starts, ids,
                      kept, top, postings)


def _bucket_from(value: Any, arrays: dict, first: int, count: int, rows: int):
    if not isinstance(value, dict) or value.get("first") != first or value.get("count") != count:
        raise codec.Unsound("not the bucket expected")
    pointers, found_rows, values = (_array(arrays, name, code) for name, code in zip(_BUCKET_ARRAYS, "qid"))
    if (len(pointers) != count + 1 or pointers[0] != 0 or pointers[-1] != len(found_rows) or len(found_rows) != len(values)
            or any(a > b for a, b in zip(pointers, pointers[1:])) or (found_rows and not 0 <= min(found_rows) <= max(found_rows) < rows)):
        raise codec.Unsound("a bucket of the wrong shape")
    return pointers, found_rows, values, first
