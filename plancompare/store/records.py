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
  taxonomy's bytes); ``themes:<index>:<council>``: a council's item themes (two arrays);
  ``vocabulary:<index>``: the search vocabulary (words as JSON, IDF as an array);
  ``vectors:<index>:<council>:<block>``: one block (text, align or search) of a council's vectors,
  a row so that a command reads only the blocks it needs.
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
          "concepts": ("pointers", "numbers")}


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


def councils_record(plans: Sequence, file_of: dict[str, int]) -> Any:
    return {"councils": [codec.to_json(plan.council) for plan in plans],
            "files": [file_of[plan.council.id] for plan in plans]}


def councils_from(value: Any, file_count: int) -> tuple[tuple, tuple[int, ...]]:
    """(councils, index of each council's file) from a plans record."""
    from plancompare.plans.model import Council

    if not isinstance(value, dict) or set(value) != {"councils", "files"}:
        raise codec.Unsound("not a plans record")
    councils = codec.from_json(tuple[Council, ...], value["councils"])
    files = codec.from_json(tuple[int, ...], value["files"])
    if len(files) != len(councils) or not all(0 <= file < file_count for file in files):
        raise codec.Unsound("the plans record names files that are not there")
    return councils, files


# -- the index ------------------------------------------------------------------------------------

def index_record(themes: Sequence, councils: Sequence[str]) -> Any:
    return {"themes": [codec.to_json(theme) for theme in themes], "councils": list(councils)}


def index_from(value: Any) -> tuple[tuple, tuple[str, ...]]:
    from plancompare.plans.model import Theme

    if not isinstance(value, dict) or set(value) != {"themes", "councils"}:
        raise codec.Unsound("not an index record")
    return codec.from_json(tuple[Theme, ...], value["themes"]), codec.from_json(tuple[str, ...], value["councils"])


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
