"""The search index in the cache: an index's items arranged for search (matching.search.Searchable),
stored so that a repeat `search` reads only the columns of its query's terms and the plans of its
results, never every item's vector, and imports no numpy.

Entries, next to the index's own (store.records) and keyed by the same index key:
- ``search:<index>``: what every query needs and nothing more: the stop words, the lexicon's labels
  and phrasings, the councils and each council's first row; for each row its place in the order of
  item ids, whether it is the first copy of its text in its plan and its top theme (small arrays);
  and the first column and first word of each bucket;
- ``postings:<index>:<n>``: bucket n's columns (at most BUCKET_COLUMNS of them, with about
  BUCKET_POSTINGS postings): their words and IDF, and for each column the rows that use it and their
  weights. A query's word is looked up in the one bucket whose range holds it, and its postings read
  from the same bucket: a query of a few words reads a few small buckets.

The search index is built from the index (its stored vectors) the first time a `search` asks for it
and stored then; a `themes` or `diff` run never pays for it. A missing or unsound entry makes it be
built again from the index, which gives the same postings: results never depend on which way they
were read.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from plancompare.matching.concepts import ConceptFinder
from plancompare.matching.search import Postings, Searchable, build_searchable
from plancompare.plans.model import Concept
from plancompare.store import codec
from plancompare.store.database import Database

#: About this many postings are stored per bucket (a column with more fills a bucket alone), and at
#: most this many columns: a query's word is looked up, and its postings read, in one small bucket.
BUCKET_POSTINGS = 1 << 13
BUCKET_COLUMNS = 2048
_META_ARRAYS = ("starts", "order", "kept", "top", "buckets")
_BUCKET_ARRAYS = ("pointers", "rows", "values", "idf")
_META_KEYS = {"width", "heads", "stop_words", "stemmed", "concepts", "concept_phrases", "phrase_stems", "councils"}


def load_searchable(database: Database, key: str, index: Any) -> Searchable:
    """The search index of ``index`` (whose entries are keyed ``key``): read from ``database``, or
    built from the index and stored there when it is missing or unsound."""
    found = database.get(f"search:{key}", _META_ARRAYS)
    rebuilt: list[Searchable] = []

    def built() -> Searchable:
        if not rebuilt:
            searchable, postings = build_searchable(index)
            database.put_many(_records(key, searchable, postings))
            rebuilt.append(searchable)
        return rebuilt[0]

    try:
        if found is None:
            raise codec.Unsound("not stored")
        return _searchable_from(database, key, *found, theme_count=len(index.themes), fallback=built)
    except codec.Unsound:
        return built()


def bucket_starts(indptr: Sequence[int], width: int) -> list[int]:
    """The first column of each bucket, then the column count: a bucket ends before the column that
    would take it past BUCKET_POSTINGS postings or BUCKET_COLUMNS columns, and at ``width`` (the
    word features and the concept columns are never in one bucket)."""
    columns = len(indptr) - 1
    starts = [0]
    for column in range(1, columns):
        first = starts[-1]
        if (column == width or column - first >= BUCKET_COLUMNS
                or indptr[column + 1] - indptr[first] > BUCKET_POSTINGS):
            starts.append(column)
    return [*starts, columns] if columns else [0, 0]


def _records(key: str, searchable: Searchable, postings: Postings):
    """The entries of a search index (none when a word could not be joined back from its text)."""
    import numpy as np

    if any("\n" in feature for feature in postings.features):
        return
    indptr, width = postings.indptr.tolist(), len(postings.features)
    starts = bucket_starts(indptr, width)
    for number, (first, stop) in enumerate(zip(starts, starts[1:])):
        begin, end = indptr[first], indptr[stop]
        words = postings.features[first:min(stop, width)]
        yield (f"postings:{key}:{number}", "postings", {"first": first, "count": stop - first, "features": "\n".join(words)}, {
            "pointers": codec.array_record(np.asarray(indptr[first:stop + 1], dtype=np.int64) - begin),
            "rows": codec.array_record(np.asarray(postings.indices[begin:end], dtype=np.int32)),
            "values": codec.array_record(np.asarray(postings.data[begin:end], dtype=np.float64)),
            "idf": codec.array_record(np.asarray(postings.idf[first:min(stop, width)], dtype=np.float64)),
        })
    value = {
        "width": width, "heads": [postings.features[first] for first in starts[:-1] if first < width],
        "stop_words": sorted(searchable.stop_words), "stemmed": searchable.stemmed, "concepts": list(searchable.concepts),
        "concept_phrases": [list(phrases) for phrases in searchable.concept_phrases], "councils": list(searchable.councils),
        "phrase_stems": ConceptFinder([Concept(label, label, (), phrases) for label, phrases
                                       in zip(searchable.concepts, searchable.concept_phrases)]).phrase_stems(),
    }
    # Written last: a run that finds it finds every bucket it names.
    yield (f"search:{key}", "search", value, {
        "starts": codec.array_record(np.asarray(searchable.starts, dtype=np.int64)),
        "order": codec.array_record(np.asarray(searchable.order, dtype=np.int32)),
        "kept": codec.array_record(np.asarray(searchable.kept, dtype=np.uint8)),
        "top": codec.array_record(np.asarray(searchable.top, dtype=np.int16)),
        "buckets": codec.array_record(np.asarray(starts, dtype=np.int64)),
    })


def _array(arrays: dict, name: str, typecode: str):
    values = codec.stdlib_array(*arrays[name])
    if values.typecode != typecode:
        raise codec.Unsound(f"{name} of the wrong type")
    return values


def _ascending(values: Sequence[int], strictly: bool = False) -> bool:
    import operator

    return all(map(operator.lt if strictly else operator.le, values, values[1:]))


def _searchable_from(database: Database, key: str, value: Any, arrays: dict, theme_count: int, fallback) -> Searchable:
    """A stored search index, its structure checked so that no row or column points outside its
    arrays; its buckets are read when a query first needs them."""
    if not isinstance(value, dict) or set(value) != _META_KEYS or type(value["width"]) is not int or value["width"] < 0:
        raise codec.Unsound("not a search index")
    width = value["width"]
    heads = codec.from_json(tuple[str, ...], value["heads"])
    stop_words = codec.from_json(tuple[str, ...], value["stop_words"])
    concepts = codec.from_json(tuple[str, ...], value["concepts"])
    phrases = codec.from_json(tuple[tuple[str, ...], ...], value["concept_phrases"])
    councils = codec.from_json(tuple[str, ...], value["councils"])
    stems = value["phrase_stems"]
    if not isinstance(stems, dict) or not all(isinstance(stemmed, str) for stemmed in stems.values()):
        raise codec.Unsound("phrase stems are not words")
    starts, order, kept, top, buckets = (_array(arrays, name, code) for name, code in zip(_META_ARRAYS, "qiBhq"))
    rows = len(order)
    columns = width + len(concepts)
    if (not isinstance(value["stemmed"], bool) or (phrases and len(phrases) != len(concepts))
            or len(starts) != len(councils) + 1 or starts[0] != 0 or starts[-1] != rows or not _ascending(starts)
            or len(kept) != rows or len(top) != rows or (rows and not -1 <= min(top) <= max(top) < theme_count)
            or (rows and not 0 <= min(order) <= max(order) < rows)
            or len(buckets) < 2 or buckets[0] != 0 or buckets[-1] != columns or not _ascending(buckets, strictly=columns > 0)
            or len(heads) != sum(1 for first in buckets[:-1] if first < width)):
        raise codec.Unsound("a search index of the wrong shape")
    loaded: dict[int, tuple] = {}

    def bucket(number: int) -> tuple:
        if number not in loaded:
            found = database.get(f"postings:{key}:{number}", _BUCKET_ARRAYS)
            if found is None:
                raise codec.Unsound("a bucket is missing")
            first, stop = buckets[number], buckets[number + 1]
            loaded[number] = _bucket_from(*found, first=first, count=stop - first, words=max(0, min(stop, width) - first), rows=rows)
        return loaded[number]

    def lookup(term: str) -> tuple[int, float] | None:
        number = bisect.bisect_right(heads, term) - 1
        if number < 0:
            return None
        try:
            words, idf = bucket(number)[3:]
        except codec.Unsound:
            return fallback().lookup(term)  # rebuilt from the index: the same columns
        place = bisect.bisect_left(words, term)
        return (buckets[number] + place, idf[place]) if place < len(words) and words[place] == term else None

    def postings(column: int):
        if not 0 <= column < columns:
            return [], []
        number = bisect.bisect_right(buckets, column) - 1
        try:
            pointers, found_rows, values = bucket(number)[:3]
        except codec.Unsound:
            return fallback().postings(column)
        place = column - buckets[number]
        return found_rows[pointers[place]:pointers[place + 1]], values[pointers[place]:pointers[place + 1]]

    return Searchable(lookup, width, frozenset(stop_words), value["stemmed"], concepts, phrases, stems, councils, starts,
                      order, kept, top, postings)


def _bucket_from(value: Any, arrays: dict, first: int, count: int, words: int, rows: int) -> tuple:
    if (not isinstance(value, dict) or value.get("first") != first or value.get("count") != count
            or not isinstance(value.get("features"), str)):
        raise codec.Unsound("not the bucket expected")
    features = value["features"].split("\n") if words else []
    pointers, found_rows, values, idf = (_array(arrays, name, code) for name, code in zip(_BUCKET_ARRAYS, "qidd"))
    if (len(pointers) != count + 1 or pointers[0] != 0 or pointers[-1] != len(found_rows) or len(found_rows) != len(values)
            or not _ascending(pointers) or (found_rows and not 0 <= min(found_rows) <= max(found_rows) < rows)
            or len(features) != words or len(idf) != words):
        raise codec.Unsound("a bucket of the wrong shape")
    return pointers, found_rows, values, features, idf
