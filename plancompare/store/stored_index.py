"""The matcher's index kept in the cache database: read back a council at a time (item themes,
vocabulary, each vector block) when the database holds it for these inputs, otherwise fitted once
and stored whole, in one pass, with the concepts found in each plan file kept per file so that a
refit after an edit searches only the edited plan. ``store`` is the workspace's PlanStore: its
plans, their key, its database and each plan file's key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from plancompare.plans.model import Plan
from plancompare.store import records
from plancompare.store.codec import Unsound


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
    return records.digest(plans_key, records.file_digest(themes_content), records.file_digest(concepts_content))


def load_index(store, themes_file: Path | None, themes_content: bytes | None = None,
               concepts_file: Path | None = None, concepts_content: bytes | None = None):
    """The matcher's index over the plans of ``store`` with the taxonomy in ``themes_file`` and the
    concept lexicon in ``concepts_file`` (or the bundled ones; the contents are their bytes as read),
    read back a council at a time from the cache when it holds it. Both files are part of the
    cache key: changing either refits."""
    from plancompare.matching.fit import cached_index
    from plancompare.matching.index import Index

    if store.key is None or themes_content is None or concepts_content is None:
        themes = _load_themes(themes_file)
        return cached_index(store.all(), themes, concepts=_load_concepts(themes, themes_file, concepts_file))
    database = store.database
    key = index_key(store.key, themes_content, concepts_content)
    council_ids = tuple(council.id for council in store.councils())
    core = database.get(f"index:{key}")
    try:
        if core is None:
            raise Unsound("not stored")
        themes, councils = records.index_from(core[0])
        if councils != council_ids:
            raise Unsound("for other councils")
    except Unsound:
        themes = _load_themes(themes_file, themes_content)
        return _build_and_store(store, themes, _load_concepts(themes, themes_file, concepts_file, concepts_content), key)
    rebuilt: list = []

    def built():
        # An entry is missing or unsound: fit the index again, once, and store it whole.
        if not rebuilt:
            rebuilt.append(_build_and_store(store, themes, _load_concepts(themes, themes_file, concepts_file, concepts_content), key))
        return rebuilt[0]

    def entry(name: str, kind: str, decode: Callable[[Any, dict], Any], rebuild: Callable[[], Any]) -> Any:
        found = database.get(name, records.ARRAYS.get(kind, ()))
        try:
            if found is None:
                raise Unsound("not stored")
            return decode(*found)
        except (Unsound, KeyError):
            return rebuild()

    def item_themes(council: str):
        return entry(f"themes:{key}:{council}", "themes", lambda value, arrays: records.themes_from(value, arrays, len(themes)),
                     lambda: built().council_item_themes(council))

    def vectors(council: str):
        rows = len(index.council_item_themes(council))
        return _StoredVectors(lambda block: entry(
            f"vectors:{key}:{council}:{block}", "vectors", lambda value, arrays: records.block_from(value, arrays, rows),
            lambda: getattr(built().council_vectors(council), block)))

    index = Index(themes, council_ids, store.plan, item_themes, vectors,
                  lambda: entry(f"vocabulary:{key}", "vocabulary", records.vocabulary_from, lambda: built().vocabulary()))
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


def _build_and_store(store, themes, concepts, key: str):
    """Fit the index and store all of it at once: its themes, vocabulary and every council's vector
    blocks, built in the same pass, so that no later command has to fit it again."""
    import dataclasses

    from plancompare.matching.fit import build_index

    plans = store.all()
    found, fresh = _concepts_found(store, plans, tuple(concepts))
    index = build_index(plans, tuple(themes), concepts=tuple(concepts), found=found, vectors_next=True)

    def entries():
        yield from fresh
        for council in index.councils:
            yield (f"themes:{key}:{council}", "themes", *records.themes_record(index.council_item_themes(council)))
        yield (f"vocabulary:{key}", "vocabulary", *records.vocabulary_record(index.vocabulary()))
        for council in index.councils:
            vectors = index.council_vectors(council)
            for field in dataclasses.fields(vectors):
                yield (f"vectors:{key}:{council}:{field.name}", "vectors", *records.block_record(getattr(vectors, field.name)))
        # Written last: a run that finds it finds every entry it names.
        yield (f"index:{key}", "index", records.index_record(index.themes, index.councils), {})

    store.database.put_many(entries())
    return index


def _concepts_found(store, plans: Sequence[Plan], concepts: Sequence) -> tuple[list, list]:
    """For each plan, the concepts found in its items: read back for plan files already searched
    with this lexicon, searched now for the others; and the entries that keep those."""
    from plancompare.matching.concepts import concepts_found

    lexicon = records.lexicon_digest(concepts)
    names = [f"concepts:{store.file_key(plan.council.id)}:{lexicon}" for plan in plans]
    found: list = []
    for name, plan in zip(names, plans):
        try:
            found.append(records.concepts_from(*(store.database.get(name, records.ARRAYS["concepts"]) or ((), {})),
                                               len(plan.items()), len(concepts)))
        except (Unsound, KeyError):
            found.append(None)
    missing = [number for number, hits in enumerate(found) if hits is None]
    for number, hits in zip(missing, concepts_found([plans[number] for number in missing], concepts)):
        found[number] = hits
    return found, [(names[number], "concepts", *records.concepts_record(found[number])) for number in missing]
