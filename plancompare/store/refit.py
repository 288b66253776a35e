"""Refitting from a recent index in the cache: after an edit of a few plans, weight only the edited
councils when that is exact (matching.incremental), and share every other council's stored item
themes and vectors with the recent index rather than fitting and writing them again.

The new index's record names, for each council, the index whose entries hold its item themes and
vectors (its origin), and for each origin a column map (``colmap:<index>:<origin>``) from the
origin's word and n-gram columns to this index's, which the new words moved. What it shares it
marks as used, so that pruning keeps it while the new index is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plancompare.plans.model import Plan
from plancompare.store import records
from plancompare.store.codec import Unsound

#: How many indexes used last are looked at to refit from; at most how many councils may have
#: changed, and from how many origins an index may share its councils' entries (more: fit whole).
RECENT_INDEXES = 4
MOST_CHANGED = 4
MOST_ORIGINS = 8


def refit_and_store(store, themes: Sequence, concepts: Sequence, key: str, inputs: tuple[str, str]):
    """The record of the index ``key`` over ``store``'s plans, refitted from a recent index of the
    same councils, taxonomy and lexicon whose plan files differ in a few councils, and stored; None
    when there is none such or the edit changes other councils' rows (the caller fits it whole)."""
    database = store.database
    councils = tuple(council.id for council in store.councils())
    files = tuple(store.file_key(council) for council in councils)
    for name in database.recent("index", RECENT_INDEXES):
        try:
            previous = records.index_from((database.get(name, use=False) or (None,))[0])
        except Unsound:
            continue
        if previous.councils != councils or previous.inputs != inputs or previous.widths is None or previous.themes != tuple(themes):
            continue
        changed = [council for council, was, now in zip(councils, previous.files, files) if was != now]
        if not 0 < len(changed) <= MOST_CHANGED or len(set(previous.origins) | {key}) > MOST_ORIGINS:
            continue
        try:
            return _refitted(store, themes, concepts, key, name.split(":", 1)[1], previous, changed)
        except (Unsound, ValueError):
            return None  # (an earlier entry missing or unsound, or terms it cannot account for: fit whole)
    return None


def _refitted(store, themes: Sequence, concepts: Sequence, key: str, previous_key: str, previous, changed: list[str]):
    import dataclasses

    import numpy as np

    from plancompare.matching.config import DEFAULT_CONFIG
    from plancompare.matching.incremental import composed, moved_block, refit

    database = store.database
    vocabulary = _entry(database, f"vocabulary:{previous_key}", "vocabulary", records.vocabulary_from)
    state = _entry(database, f"fitstate:{previous_key}", "fitstate", lambda value, arrays: records.fit_state_from(value, arrays, vocabulary))
    words, chars = np.arange(len(state.word_features)), np.arange(len(state.char_features))
    position = {council: number for number, council in enumerate(previous.councils)}
    computed: dict[str, tuple] = {}
    fresh_entries: list = []
    for council in changed:
        old = store.earlier_plan(council, previous.files[position[council]])
        if old is None:
            return None
        new = store.plan(council)
        (old_found,), _ = concepts_stored(store, [old], [previous.files[position[council]]], concepts, use=False)
        (new_found,), found_entries = concepts_stored(store, [new], [store.file_key(council)], concepts)
        fresh_entries += found_entries
        result = refit(state, themes, DEFAULT_CONFIG, concepts, (old, old_found), (new, new_found))
        if result is None:
            return None
        widths = (len(result.state.word_features), len(result.state.char_features))
        for other, (item_themes, vectors) in computed.items():  # (weighted before this refit moved the columns)
            computed[other] = (item_themes, type(vectors)(*(moved_block(getattr(vectors, block), block, result.word_columns,
                                                                        result.char_columns, *widths)
                                                             for block in ("text", "align", "search"))))
        computed[council] = (result.themes, result.vectors)
        words, chars, state = composed(words, result.word_columns), composed(chars, result.char_columns), result.state

    origins = tuple(key if council in computed else origin for council, origin in zip(previous.councils, previous.origins))
    record = records.IndexRecord(previous.themes, previous.councils, tuple(store.file_key(council) for council in previous.councils),
                                 origins, previous.inputs, (len(state.word_features), len(state.char_features)))
    maps = []
    for origin in sorted(set(origins) - {key}):
        if origin == previous_key:
            maps.append((origin, words, chars))
        else:
            before = _entry(database, f"colmap:{previous_key}:{origin}", "colmap",
                            lambda value, arrays: records.column_map_from(value, arrays, previous.widths))
            maps.append((origin, composed(before[0], words), composed(before[1], chars)))
    new_vocabulary = dataclasses.replace(vocabulary, features=state.word_features, idf=state.word_idf, display=state.display)

    def entries():
        yield from fresh_entries
        for council, (item_themes, vectors) in computed.items():
            yield (f"themes:{key}:{council}", "themes", *records.themes_record(item_themes))
            for block in ("text", "align", "search"):
                yield (f"vectors:{key}:{council}:{block}", "vectors", *records.block_record(getattr(vectors, block)))
        yield (f"vocabulary:{key}", "vocabulary", *records.vocabulary_record(new_vocabulary))
        yield (f"fitstate:{key}", "fitstate", *records.fit_state_record(state))
        for origin, word_map, char_map in maps:
            yield (f"colmap:{key}:{origin}", "colmap", *records.column_map_record(word_map.astype(np.int32), char_map.astype(np.int32)))
        yield (f"index:{key}", "index", records.index_record(record), {})  # (last: it names every entry above)

    lexicon = records.lexicon_digest(concepts)
    database.keep(name for council, origin in zip(record.councils, origins) if origin != key
                  for name in (f"themes:{origin}:{council}", *(f"vectors:{origin}:{council}:{block}" for block in ("text", "align", "search"))))
    database.keep(name for file in record.files for name in (f"plan:{file}", f"concepts:{file}:{lexicon}"))
    database.put_many(entries())
    return record


def _entry(database, name: str, kind: str, decode) -> Any:
    """An earlier index's entry, decoded (not counted as used by this set: it is the earlier one's)."""
    found = database.get(name, records.ARRAYS.get(kind, ()), use=False)
    if found is None:
        raise Unsound(f"{name} is not stored")
    try:
        return decode(*found)
    except KeyError:
        raise Unsound(f"{name} is incomplete") from None


def concepts_stored(store, plans: Sequence[Plan], file_keys: Sequence[str], concepts: Sequence,
                    use: bool = True) -> tuple[list, list]:
    """For each plan (whose file's bytes have the key beside it), the concepts found in its items:
    read back for plan files already searched with this lexicon, searched now for the others; and
    the entries that keep those. ``use``: False for an earlier set's plan (see Database.get)."""
    from plancompare.matching.concepts import concepts_found

    lexicon = records.lexicon_digest(concepts)
    names = [f"concepts:{file}:{lexicon}" for file in file_keys]
    found: list = []
    for name, plan in zip(names, plans):
        try:
            found.append(records.concepts_from(*(store.database.get(name, records.ARRAYS["concepts"], use) or ((), {})),
                                               len(plan.items()), len(concepts)))
        except (Unsound, KeyError):
            found.append(None)
    missing = [number for number, hits in enumerate(found) if hits is None]
    for number, hits in zip(missing, concepts_found([plans[number] for number in missing], concepts)):
        found[number] = hits
    return found, [(names[number], "concepts", *records.concepts_record(found[number])) for number in missing]
