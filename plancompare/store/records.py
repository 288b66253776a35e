"""What each kind of cache entry holds, how it is keyed, and how it is read back.

Keys are SHA-256 digests of the bytes an entry was computed from, as they were read and parsed in
the run that wrote it (never a second read of the file), with a digest of plancompare's own code:
- ``plan:<file>``: one plan file's Plan (JSON), keyed by the file's bytes alone, so an edit
  re-parses that one file and a plan shared by several sets of inputs is stored once;
- ``concepts:<file>:<lexicon>``: the concepts found in each item of one plan file (matching.concepts.
  concepts_found), keyed by the file's bytes and the lexicon's phrases, so that a refit after an
  edit searches the edited plan's texts alone;
- ``plans:<set>``: the councils of a set of plan files (their paths and bytes), and which file
  holds each, written once the set has passed the checks that span files;
- ``index:<index>``: the taxonomy and the councils the index was fitted on (the plan set with the
  taxonomy's and the lexicon's bytes), with each council's origin (IndexRecord);
  ``themes:<origin>:<council>``: a council's item themes (two arrays), under the index that
  weighted it; ``vocabulary:<index>``: the search vocabulary (words as JSON, IDF as an array);
  ``vectors:<origin>:<council>:<block>``: one block (text, align or search) of a council's vectors,
  a row so that a command reads only the blocks it needs;
- ``fitstate:<index>``: what an incremental refit needs of the fit (matching.incremental.FitState);
  ``colmap:<index>:<origin>``: where an origin's word and n-gram columns are in this index.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plancompare import __version__
from plancompare.store import codec

ARRAYS = {"themes": ("theme_index", "scores", "repeats"), "vocabulary": ("idf",), "vectors": ("indptr", "indices", "data"),
          "concepts": ("pointers", "numbers"), "fitstate": ("word_frequency", "char_frequency", "char_texts", "char_idf"),
          "colmap": ("words", "chars")}


@functools.lru_cache(maxsize=2)
def code_digest(package: Path | None = None) -> bytes:
    """A digest of plancompare's own source files (every module of every subpackage, named by its
    path inside ``package``, by default plancompare's): an entry made by other code (an edited
    checkout, say, where the version number has not changed) is never found."""
    digest = hashlib.sha256(__version__.encode() + b"\0")
    package = package or Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def digest(*parts: bytes | str) -> str:
    """A key part: the SHA-256 of plancompare's code and ``parts``, in hex."""
    hashed = hashlib.sha256(code_digest())
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()[:40]


def file_digest(data: bytes) -> str:
    """The key part of a file's bytes."""
    return digest(hashlib.sha256(data).digest())


def set_digest(paths: Sequence[Path], file_digests: Sequence[str]) -> str:
    """The key part of a set of plan files: their full paths and bytes, in order."""
    import os

    return digest(*(f"{os.path.realpath(path)}\0{file}" for path, file in zip(paths, file_digests)))


# -- plans -----------------------------------------------------------------------------------------

def plan_record(plan) -> Any:
    return codec.to_json(plan)


def plan_from(value: Any, path: Path):
    from plancompare.plans.model import Plan

    return dataclasses.replace(codec.from_json(Plan, value), path=path)


def councils_record(councils: Sequence, file_of: dict[str, int], file_keys: Sequence[str]) -> Any:
    """The councils of a set of plan files (in order of id), which file holds each, and the key of
    each file's bytes (so that a later set differing in a few files can start from this one)."""
    return {"councils": [codec.to_json(council) for council in councils],
            "files": [file_of[council.id] for council in councils], "keys": list(file_keys)}


def councils_from(value: Any, file_count: int) -> tuple[tuple, tuple[int, ...], tuple[str, ...]]:
    """(councils, index of each council's file, each file's key) from a plans record."""
    from plancompare.plans.model import Council

    if not isinstance(value, dict) or set(value) != {"councils", "files", "keys"}:
        raise codec.Unsound("not a plans record")
    councils = codec.from_json(tuple[Council, ...], value["councils"])
    files = codec.from_json(tuple[int, ...], value["files"])
    keys = codec.from_json(tuple[str, ...], value["keys"])
    if len(files) != len(councils) or not all(0 <= file < file_count for file in files) or len(keys) != file_count:
        raise codec.Unsound("the plans record names files that are not there")
    return councils, files, keys


# -- the index ------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class IndexRecord:
    """What an index entry says: the taxonomy; the councils, the key of each one's plan file and the
    index whose entries hold its item themes and vectors (its origin: this one, or an earlier one an
    incremental refit kept them from); the digests of the taxonomy and lexicon it was fitted with;
    and the widths of its word and n-gram columns (None: no fit state was kept)."""

    themes: tuple
    councils: tuple[str, ...]
    files: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    widths: tuple[int, int] | None = None


def index_record(record: IndexRecord) -> Any:
    return {"themes": [codec.to_json(theme) for theme in record.themes], "councils": list(record.councils),
            "files": list(record.files), "origins": list(record.origins), "inputs": list(record.inputs),
            "widths": None if record.widths is None else list(record.widths)}


def index_from(value: Any) -> IndexRecord:
    from plancompare.plans.model import Theme

    if not isinstance(value, dict) or set(value) != {"themes", "councils", "files", "origins", "inputs", "widths"}:
        raise codec.Unsound("not an index record")
    record = IndexRecord(codec.from_json(tuple[Theme, ...], value["themes"]), codec.from_json(tuple[str, ...], value["councils"]),
                         codec.from_json(tuple[str, ...], value["files"]), codec.from_json(tuple[str, ...], value["origins"]),
                         codec.from_json(tuple[str, ...], value["inputs"]),
                         None if value["widths"] is None else codec.from_json(tuple[int, int], value["widths"]))
    if len(record.origins) != len(record.councils) or (record.files and len(record.files) != len(record.councils)) \
            or any(not 0 <= width < 2 ** 31 for width in record.widths or ()):
        raise codec.Unsound("an index record of the wrong shape")
    return record


def themes_record(themes) -> tuple[Any, dict]:
    import array

    return {"width": themes.width}, {"theme_index": codec.array_record(themes.theme_index),
                                     "scores": codec.array_record(themes.scores),
                                     "repeats": codec.array_record(array.array("i", themes.repeats))}


def themes_from(value: Any, arrays: dict, theme_count: int):
    from plancompare.matching.index import CouncilThemes

    width = value.get("width") if isinstance(value, dict) else None
    if type(width) is not int or width < 0:
        raise codec.Unsound("bad width")
    indexes, scores, repeats = (codec.stdlib_array(*arrays[name]) for name in ARRAYS["themes"])
    if indexes.typecode != "h" or scores.typecode != "d" or len(indexes) != len(scores) or (width and len(indexes) % width):
        raise codec.Unsound("item themes of the wrong shape")
    if any(not -1 <= index < theme_count for index in indexes):
        raise codec.Unsound("a theme index out of range")
    items = len(indexes) // width if width else 0
    if repeats.typecode != "i" or any(not 0 < position < items for position in repeats) \
            or any(later <= earlier for earlier, later in zip(repeats, repeats[1:])):
        raise codec.Unsound("repeated-text positions out of range or out of order")
    return CouncilThemes(indexes, scores, width, repeats)


def vocabulary_record(vocabulary) -> tuple[Any, dict]:
    display = None if vocabulary.display is None else [str(word) for word in vocabulary.display]
    return ({"features": [str(word) for word in vocabulary.features], "stop_words": list(vocabulary.stop_words),
             "display": display, "concepts": list(vocabulary.concepts), "stemmed": bool(vocabulary.stemmed),
             "concept_phrases": [list(phrases) for phrases in vocabulary.concept_phrases],
             "concept_broader": [[list(pair) for pair in above] for above in vocabulary.concept_broader]},
            {"idf": codec.array_record(vocabulary.idf)})


_VOCABULARY_KEYS = {"features", "stop_words", "display", "concepts", "stemmed", "concept_phrases", "concept_broader"}


def vocabulary_from(value: Any, arrays: dict):
    import numpy as np

    from plancompare.matching.index import Vocabulary

    if not isinstance(value, dict) or set(value) != _VOCABULARY_KEYS:
        raise codec.Unsound("not a vocabulary")
    features = codec.from_json(tuple[str, ...], value["features"])
    idf = codec.numpy_array(*arrays["idf"])
    if idf.shape != (len(features),) or idf.dtype.kind != "f":
        raise codec.Unsound("IDF of the wrong length or type")

    def words_of(texts: tuple[str, ...]):
        words = np.empty(len(texts), dtype=object)  # as the analysis makes them: sorted str objects
        words[:] = texts
        return words

    display = None
    if value["display"] is not None:
        display = codec.from_json(tuple[str, ...], value["display"])
        if len(display) != len(features):
            raise codec.Unsound("display words of the wrong length")
        display = words_of(display)
    concepts = codec.from_json(tuple[str, ...], value["concepts"])
    phrases = codec.from_json(tuple[tuple[str, ...], ...], value["concept_phrases"])
    broader = codec.from_json(tuple[tuple[tuple[int, int], ...], ...], value["concept_broader"])
    if not isinstance(value["stemmed"], bool) or (phrases and len(phrases) != len(concepts)) \
            or (broader and len(broader) != len(concepts)) \
            or any(not 0 <= number < len(concepts) or steps < 1 for above in broader for number, steps in above):
        raise codec.Unsound("not a vocabulary")
    return Vocabulary(words_of(features), idf, codec.from_json(tuple[str, ...], value["stop_words"]),
                      display, concepts, value["stemmed"], phrases, broader)


def block_record(rows) -> tuple[Any, dict]:
    return {"width": int(rows.width)}, {name: codec.array_record(getattr(rows, name)) for name in ARRAYS["vectors"]}


def block_from(value: Any, arrays: dict, rows: int):
    """One block of a council's vectors (SparseRows of ``rows`` rows), its structure checked so that
    no index can point outside its arrays."""
    import numpy as np

    from plancompare.matching.sparse import SparseRows

    width = value.get("width") if isinstance(value, dict) else None
    if type(width) is not int or width < 0:
        raise codec.Unsound("bad width")
    indptr, indices, data = (codec.numpy_array(*arrays[name]) for name in ARRAYS["vectors"])
    if (indptr.ndim != 1 or indices.ndim != 1 or data.ndim != 1 or len(indptr) != rows + 1 or indptr[0] != 0
            or int(indptr[-1]) != len(indices) or len(indices) != len(data) or np.any(np.diff(indptr) < 0)
            or indptr.dtype.kind != "i" or indices.dtype.kind != "i" or data.dtype.kind != "f" or (len(indices) and not 0 <= indices.min() <= indices.max() < width)):
        raise codec.Unsound("vectors of the wrong shape")
    return SparseRows(indptr, indices, data, width)


# -- what an incremental refit keeps of a fit ------------------------------------------------------

def fit_state_record(state) -> tuple[Any, dict]:
    """The fit state beyond the vocabulary (which holds the word features, their IDF and display,
    and the stop words)."""
    return ({"word_rows": int(state.word_rows), "char_rows": int(state.char_rows),
             "char_features": [str(gram) for gram in state.char_features], "char_rare": list(state.char_rare),
             "dropped": sorted(int(number) for number in state.dropped)},
            {"word_frequency": codec.array_record(state.word_frequency), "char_frequency": codec.array_record(state.char_frequency),
             "char_texts": codec.array_record(state.char_texts), "char_idf": codec.array_record(state.char_idf)})


def fit_state_from(value: Any, arrays: dict, vocabulary):
    """The fit state from its entry and the index's vocabulary, every length checked."""
    import numpy as np

    from plancompare.matching.incremental import FitState

    if not isinstance(value, dict) or set(value) != {"word_rows", "char_rows", "char_features", "char_rare", "dropped"}:
        raise codec.Unsound("not a fit state")
    grams = codec.from_json(tuple[str, ...], value["char_features"])
    rows = codec.from_json(tuple[int, int], [value["word_rows"], value["char_rows"]])
    word_frequency, char_frequency, char_texts, char_idf = (codec.numpy_array(*arrays[name]) for name in ARRAYS["fitstate"])
    if (word_frequency.shape != (len(vocabulary.features),) or char_frequency.shape != (len(grams),)
            or char_texts.shape != (len(grams),) or char_idf.shape != (len(grams),) or char_idf.dtype.kind != "f"
            or word_frequency.dtype.kind != "i" or char_frequency.dtype.kind != "i" or char_texts.dtype.kind != "i"):
        raise codec.Unsound("a fit state of the wrong shape")
    features = np.empty(len(grams), dtype=object)
    features[:] = grams
    return FitState(vocabulary.features, word_frequency, rows[0], vocabulary.idf, vocabulary.display, features,
                    char_frequency, char_texts, codec.from_json(tuple[str, ...], value["char_rare"]), rows[1], char_idf,
                    tuple(vocabulary.stop_words), frozenset(codec.from_json(tuple[int, ...], value["dropped"])))


def column_map_record(words: Any, chars: Any) -> tuple[Any, dict]:
    return {}, {"words": codec.array_record(words), "chars": codec.array_record(chars)}


def column_map_from(value: Any, arrays: dict, widths: tuple[int, int]) -> tuple[Any, Any]:
    """Where an earlier index's word and n-gram columns are in this one (``widths`` wide)."""
    if value != {}:
        raise codec.Unsound("not a column map")
    words, chars = (codec.numpy_array(*arrays[name]) for name in ARRAYS["colmap"])
    for columns, width in ((words, widths[0]), (chars, widths[1])):
        if columns.ndim != 1 or columns.dtype.kind != "i" or (len(columns) and not -1 <= columns.min() <= columns.max() < width):
            raise codec.Unsound("a column map of the wrong shape")
    return words, chars


# -- concepts found in a plan's items --------------------------------------------------------------

def lexicon_digest(concepts: Sequence) -> str:
    """The key part of a concept lexicon as the finder sees it: each concept's phrases, in order."""
    import json

    return digest(json.dumps([list(concept.phrases) for concept in concepts], ensure_ascii=False))


def concepts_record(found: Sequence[tuple[int, ...]]) -> tuple[Any, dict]:
    import numpy as np

    pointers = np.cumsum([0, *map(len, found)], dtype=np.int64)
    numbers = np.fromiter((number for hits in found for number in hits), dtype=np.int32, count=int(pointers[-1]))
    return {"items": len(found)}, {"pointers": codec.array_record(pointers), "numbers": codec.array_record(numbers)}


def concepts_from(value: Any, arrays: dict, items: int, concept_count: int) -> tuple[tuple[int, ...], ...]:
    """The concepts found in each of a plan's ``items`` items, checked: one run of numbers per item,
    each the number of one of the lexicon's ``concept_count`` concepts."""
    import numpy as np

    if not isinstance(value, dict) or value.get("items") != items:
        raise codec.Unsound("concepts of another plan")
    pointers, numbers = (codec.numpy_array(*arrays[name]) for name in ARRAYS["concepts"])
    if (pointers.shape != (items + 1,) or numbers.ndim != 1 or pointers.dtype.kind != "i" or numbers.dtype.kind != "i"
            or pointers[0] != 0 or int(pointers[-1]) != len(numbers) or np.any(np.diff(pointers) < 0)
            or (len(numbers) and not 0 <= numbers.min() <= numbers.max() < concept_count)):
        raise codec.Unsound("concepts of the wrong shape")
    flat, bounds = numbers.tolist(), pointers.tolist()
    return tuple(tuple(flat[start:stop]) for start, stop in zip(bounds, bounds[1:]))
