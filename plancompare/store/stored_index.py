"""The matcher's index kept in the cache database: read back a council at a time (item themes,
vocabulary, each vector block) when the database holds it for these inputs; otherwise refitted from
a recent index when only a few plans changed and that is exact (store.refit), or fitted once and
stored whole, in one pass, with the concepts found in each plan file kept per file so that a refit
after an edit searches only the edited plan. ``store`` is the workspace's PlanStore: its plans, their
key, its database and each plan file's key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from plancompare.plans.model import Plan
from plancompare.store import records
from plancompare.store.codec import Unsound
from plancompare.store.refit import concepts_stored, refit_and_store


class _StoredVectors:
    """A council's vectors read back a block at a time (text, align, search), when first used."""

    def __init__(self, load: Callable[[str], Any]):
        self._load, self._blocks = load, {}

    def __getattr__(self, block: str) -> Any:
        if block.startswith("_"):
            raise AttributeError(block)
        if block not in self._blocks:
            self._blocks[block] = self._load(block)
        return self._blocks[block]


def index_key(plans_key: str, themes_content: bytes, concepts_content: bytes) -> str:
    """The name of the index entries fitted from these plans, taxonomy and concept lexicon."""
    return records.digest(plans_key, *_input_digests(themes_content, concepts_content))


def _input_digests(themes_content: bytes, concepts_content: bytes) -> tuple[str, str]:
    """The key parts of the taxonomy's and the lexicon's bytes (what an index record keeps as its inputs)."""
    return records.file_digest(themes_content), records.file_digest(concepts_content)


def load_index(store, themes_file: Path | None, themes_content: bytes | None = None,
               concepts_file: Path | None = None, concepts_content: bytes | None = None):
    """The matcher's index over the plans of ``store`` with the taxonomy in ``themes_file`` and the
    concept lexicon in ``concepts_file`` (or the bundled ones; the contents are their bytes as read),
    read back a council at a time from the cache when it holds it. Both files are part of the
    cache key: changing either refits. A set of plans that differs from a recent one in a few
    files is refitted incrementally when that is exact (matching.incremental), else fitted whole."""
    from plancompare.matching.fit import cached_index

    if store.key is None or themes_content is None or concepts_content is None:
        themes = _load_themes(themes_file)
        return cached_index(store.all(), themes, concepts=_load_concepts(themes, themes_file, concepts_file))
    database = store.database
    inputs = _input_digests(themes_content, concepts_content)
    key = records.digest(store.key, *inputs)  # (index_key, from the digests made once)
    council_ids = tuple(council.id for council in store.councils())
    core = database.get(f"index:{key}")
    fitted: list = []

    def fit_whole():
        # (once: an entry missing or unsound, or no earlier index to refit from)
        if not fitted:
            themes = _load_themes(themes_file, themes_content)
            fitted.append(_build_and_store(store, themes, _load_concepts(themes, themes_file, concepts_file, concepts_content),
                                           key, inputs))
        return fitted[0]

    try:
        if core is None:
            raise Unsound("not stored")
        record = records.index_from(core[0])
        if record.councils != council_ids:
            raise Unsound("for other councils")
    except Unsound:
        themes = _load_themes(themes_file, themes_content)
        concepts = _load_concepts(themes, themes_file, concepts_file, concepts_content)
        record = refit_and_store(store, themes, concepts, key, inputs)
        if record is None:
            fitted.append(_build_and_store(store, themes, concepts, key, inputs))
            return fitted[0]
    return _stored_index(store, key, record, fit_whole)


def _stored_index(store, key: str, record, fit_whole: Callable[[], Any]):
    """The index ``record`` describes, read a council at a time: each council's entries under its
    origin, its vector blocks moved into this index's columns when the origin is an earlier index."""
    from plancompare.matching.index import Index

    database = store.database
    origin_of = dict(zip(record.councils, record.origins))
    maps: dict[str, tuple] = {}

    def entry(name: str, kind: str, decode: Callable[[Any, dict], Any], rebuild: Callable[[], Any]) -> Any:
        found = database.get(name, records.ARRAYS.get(kind, ()))
        try:
            if found is None:
                raise Unsound("not stored")
            return decode(*found)
        except (Unsound, KeyError):
            return rebuild()

    def column_map(origin: str) -> tuple:
        if origin not in maps:
            found = database.get(f"colmap:{key}:{origin}", records.ARRAYS["colmap"])
            if found is None or record.widths is None:
                raise Unsound("no column map")
            maps[origin] = records.column_map_from(*found, record.widths)
        return maps[origin]

    def item_themes(council: str):
        return entry(f"themes:{origin_of[council]}:{council}", "themes",
                     lambda value, arrays: records.themes_from(value, arrays, len(record.themes)),
                     lambda: fit_whole().council_item_themes(council))

    def vectors(council: str):
        rows, origin = len(index.council_item_themes(council)), origin_of[council]

        def decode(block: str):
            def read(value, arrays):
                found = records.block_from(value, arrays, rows)
                if origin == key:
                    return found
                from plancompare.matching.incremental import moved_block

                try:
                    return moved_block(found, block, *column_map(origin), *record.widths)
                except ValueError as error:
                    raise Unsound(str(error)) from None
            return read

        return _StoredVectors(lambda block: entry(f"vectors:{origin}:{council}:{block}", "vectors", decode(block),
                                                  lambda: getattr(fit_whole().council_vectors(council), block)))

    index = Index(record.themes, record.councils, store.plan, item_themes, vectors,
                  lambda: entry(f"vocabulary:{key}", "vocabulary", records.vocabulary_from, lambda: fit_whole().vocabulary()))
    return index


def _load_themes(themes_file: Path | None, content: bytes | None = None):
    """The taxonomy (parsing it imports YAML, which a cached run does without)."""
    from plancompare.plans.taxonomy import load_themes

    return load_themes(themes_file, content)


def _load_concepts(themes, themes_file: Path | None, concepts_file: Path | None, content: bytes | None = None):
    """The concept lexicon (from ``content``, its bytes as read, when given), checked against the
    taxonomy ``themes`` (read from ``themes_file``; None: the bundled one). The bundled lexicon is
    written for the bundled taxonomy: beside another one, the themes it does not have are left out."""
    from plancompare.paths import default_themes_path
    from plancompare.plans.concepts import load_concepts
    from plancompare.plans.taxonomy import load_themes

    # Without --themes the taxonomy is the bundled one: no need to parse it a second time to see so.
    bundled_themes = (concepts_file is not None or themes_file is None
                      or tuple(themes) == load_themes(default_themes_path()))
    return load_concepts(themes, concepts_file, check_themes=bundled_themes, content=content)


def _build_and_store(store, themes, concepts, key: str, inputs: tuple[str, str]):
    """Fit the index and store all of it at once: its themes, vocabulary, fit state and every
    council's vector blocks, built in the same pass, so that no later command has to fit it again."""
    import dataclasses

    from plancompare.matching.fit import fitted_index
    from plancompare.matching.incremental import fit_state

    plans = store.all()
    found, fresh = concepts_stored(store, plans, [store.file_key(plan.council.id) for plan in plans], tuple(concepts))
    index, fit = fitted_index(plans, tuple(themes), concepts=tuple(concepts), found=found, vectors_next=True)
    state = fit_state(fit)
    record = records.IndexRecord(index.themes, index.councils, tuple(store.file_key(council) for council in index.councils),
                                 tuple(key for _ in index.councils), inputs, (len(state.word_features), len(state.char_features)))

    def entries():
        yield from fresh
        for council in index.councils:
            yield (f"themes:{key}:{council}", "themes", *records.themes_record(index.council_item_themes(council)))
        yield (f"vocabulary:{key}", "vocabulary", *records.vocabulary_record(index.vocabulary()))
        yield (f"fitstate:{key}", "fitstate", *records.fit_state_record(state))
        for council in index.councils:
            vectors = index.council_vectors(council)
            for field in dataclasses.fields(vectors):
                yield (f"vectors:{key}:{council}:{field.name}", "vectors", *records.block_record(getattr(vectors, field.name)))
        # Written last: a run that finds it finds every entry it names.
        yield (f"index:{key}", "index", records.index_record(record), {})

    store.database.put_many(entries())
    return index
