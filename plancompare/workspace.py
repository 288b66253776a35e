"""What a command works on: the plan files in use, the plans and the matcher's index over them
(through the cache when allowed), and the names a user gives for councils and themes.

The slow steps (parsing YAML, fitting TF-IDF) run once per set of inputs; later runs read the
results back from the cache database (plancompare.store), a council at a time: the list of
councils, then each council's plan, item themes and vector blocks as separate entries, read only
when a command first asks for them. So `diff A B` over four hundred councils reads two plans and
two councils' vectors, `search` reads only the search block, and `themes` never loads numpy,
scikit-learn or YAML on a repeat run. Each input file is read once: its entry is keyed by the bytes
that were parsed (see store.records), so a file edited during a run cannot leave a stale entry.
A missing or unsound entry makes the whole set be rebuilt and rewritten, never guessed at.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ContextManager

from plancompare.plans.gcpause import paused_gc
from plancompare.plans.model import Council, Plan
from plancompare.store import records
from plancompare.store.codec import Unsound
from plancompare.store.database import Database, open_database

# The loader (YAML, validation) and the themes module are imported only when the cache cannot
# answer: a repeat run never parses a file.


class Workspace:
    """The inputs of one run (the options given before the command) and what they load, once each.

    Used by the command line, and usable on its own: ``Workspace().index()`` is the index over the
    bundled plans. ``progress`` makes a context manager shown while the index is built (a spinner).
    """

    def __init__(self, plans_dir: Path | None = None, themes_file: Path | None = None, use_cache: bool = True,
                 progress: Callable[[], ContextManager] | None = None, concepts_file: Path | None = None):
        self.plans_dir, self.themes_file, self.use_cache = plans_dir, themes_file, use_cache
        self.concepts_file = concepts_file
        self._progress = progress or contextlib.nullcontext
        self._files: list[Path] | None = None
        self._store: PlanStore | None = None
        self._index: Any = None
        self._database: Database | None = None
        self._themes_content: bytes | None = None
        self._concepts_content: bytes | None = None

    def plans_dir_in_use(self) -> Path:
        """--plans-dir, or the bundled plans' directory."""
        from plancompare.paths import default_plans_dir

        return self.plans_dir or default_plans_dir()

    def files(self) -> list[Path]:
        """The plan files in use."""
        if self._files is None:
            self._files = plan_files(self.plans_dir_in_use())
        return self._files

    def input_files(self) -> list[Path]:
        """The files a command reads: the plan files in use, the theme taxonomy and the concept
        lexicon. No output file may be one of them (plancompare.output.files refuses it)."""
        from plancompare.paths import default_concepts_path, default_themes_path

        return [*self.files(), self.themes_file or default_themes_path(), self.concepts_file or default_concepts_path()]

    def store(self) -> PlanStore:
        """The plans in use, loaded (through the cache) as they are needed."""
        if self._store is None:
            files = self.files()
            contents = read_inputs([*files, *self.input_files()[-2:]]) if self.use_cache else None
            if contents is None:
                self._store = PlanStore(files)
            else:
                self._database = open_database()
                self._store = PlanStore(files, contents[:-2], self._database)
                self._themes_content, self._concepts_content = contents[-2:]
                if self._store.key is not None:
                    self._database.use_set(index_key(self._store.key, self._themes_content, self._concepts_content))
        return self._store

    def close(self) -> None:
        """End the run's use of the cache: record what it used and prune what no recent run did."""
        if self._database is not None:
            self._database.finish()
            self._database = None

    def plans(self) -> tuple[Plan, ...]:
        """Every plan in use."""
        return self.store().all()

    def index(self):
        """The matcher's index over every plan, with the chosen theme taxonomy, through the cache."""
        if self._index is None:
            with self._progress():
                store = self.store()
                self._index = load_index(store, self.themes_file, self._themes_content, self.concepts_file,
                                         self._concepts_content)
        return self._index

    def council_records(self, names: Sequence[str]) -> tuple[Council, ...]:
        """The councils named (every council when none is named), in the order given, without
        loading their plans."""
        from plancompare.plans.resolve import resolve_council_name

        known = self.store().councils()
        return tuple(resolve_council_name(name, known) for name in names) if names else known

    def councils(self, names: Sequence[str]) -> tuple[Plan, ...]:
        """The plans named (every plan when none is named), in the order given."""
        if not names:
            return self.plans()
        return tuple(self.store().plan(council.id) for council in self.council_records(names))

    def theme(self, name: str | None) -> str | None:
        """The id of the theme named, or None when no theme was asked for."""
        from plancompare.plans.resolve import resolve_theme

        return resolve_theme(name, self.index().themes).id if name else None


def plan_files(plans_dir: Path) -> list[Path]:
    """The plan files of a directory (or the file itself)."""
    from plancompare.plans.loader import find_plan_files

    return find_plan_files([plans_dir])


#: The largest input file read for the cache; a larger one goes the uncached way, which reports it.
_MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_inputs(paths: Sequence[Path]) -> list[bytes] | None:
    """The bytes of each file, read once: what is parsed and what keys its cache entries. None when
    one is not a regular file or cannot be read (the uncached path then reports it properly)."""
    import os
    import stat

    contents = []
    for path in paths:
        try:
            status = os.stat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_INPUT_BYTES:
                return None
            with open(path, "rb") as stream:
                data = stream.read(status.st_size + 1)
        except OSError:
            return None
        if len(data) > status.st_size:  # growing while read: let the loader deal with it
            return None
        contents.append(data)
    return contents


class PlanStore:
    """The plans in ``files`` (whose bytes, as read, are ``contents``), loaded a council at a time
    from ``database`` when it holds them, or parsed and validated (and stored) when it does not.
    Without ``contents`` every plan is parsed afresh and nothing is stored."""

    def __init__(self, files: Sequence[Path], contents: Sequence[bytes] | None = None, database: Database | None = None):
        self.files = list(files)
        self.contents = list(contents) if contents is not None else None
        self.database = database if database is not None else Database(None)
        self.key: str | None = None
        if self.contents is not None and self.database.open:
            self.file_keys = [records.file_digest(content) for content in self.contents]
            self.key = records.set_digest(self.files, self.file_keys)
        self._all: dict[str, Plan] | None = None
        self._councils: tuple[Council, ...] | None = None
        self._file_of: dict[str, int] = {}
        self._plans: dict[str, Plan] = {}

    def _load_all(self) -> dict[str, Plan]:
        if self._all is None:
            from plancompare.errors import InvalidInput
            from plancompare.plans.loader import check_together, load_plan, load_plans

            plans = None
            if self.key is not None:
                fresh: list[tuple[int, Plan]] = []
                try:
                    with paused_gc():
                        numbered = []
                        for number, (path, content) in enumerate(zip(self.files, self.contents)):
                            plan = self._stored_plan(number)
                            if plan is None:
                                plan = load_plan(path, content)
                                fresh.append((number, plan))
                            numbered.append((number, plan))
                    plans = [plan for _, plan in numbered]
                    check_together(plans)
                except InvalidInput:
                    plans = None  # parsed again below, so that every problem of every file is reported
            if plans is None:
                plans = load_plans(self.files)
            else:
                plans = sorted(plans, key=lambda plan: plan.council.id)
                file_of = {plan.council.id: number for number, plan in numbered}
                self.database.put_many([
                    *((f"plan:{self.file_keys[number]}", "plan", records.plan_record(plan), {}) for number, plan in fresh),
                    (f"plans:{self.key}", "plans", records.councils_record(plans, file_of), {}),
                ])
                self._file_of = file_of
            self._all = {plan.council.id: plan for plan in plans}
            self._councils = tuple(plan.council for plan in plans)
        return self._all

    def file_key(self, council_id: str) -> str | None:
        """The key part of the bytes of the file that holds a council's plan (None: not known)."""
        if self.key is None:
            return None
        self.councils()
        number = self._file_of.get(council_id)
        return self.file_keys[number] if number is not None else None

    def _stored_plan(self, number: int) -> Plan | None:
        found = self.database.get(f"plan:{self.file_keys[number]}")
        if found is None:
            return None
        try:
            return records.plan_from(found[0], self.files[number])
        except Unsound:
            return None

    def councils(self) -> tuple[Council, ...]:
        """Every council with a plan, in order of id."""
        if self._councils is None:
            found = self.database.get(f"plans:{self.key}") if self.key is not None else None
            try:
                if found is None:
                    raise Unsound("not stored")
                councils, files = records.councils_from(found[0], len(self.files))
                self._councils, self._file_of = councils, {c.id: file for c, file in zip(councils, files)}
            except Unsound:
                self._load_all()
        return self._councils  # type: ignore[return-value]

    def plan(self, council_id: str) -> Plan:
        """One council's plan."""
        if self._all is not None:
            return self._all[council_id]
        if council_id not in self._plans:
            self.councils()
            number = self._file_of.get(council_id)
            plan = self._stored_plan(number) if number is not None and self._all is None else None
            if plan is None or plan.council.id != council_id:
                return self._load_all()[council_id]
            self._plans[council_id] = plan
        return self._plans[council_id]

    def all(self) -> tuple[Plan, ...]:
        """Every plan, in order of council id."""
        return tuple(self.plan(council.id) for council in self.councils())


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


def load_index(store: PlanStore, themes_file: Path | None, themes_content: bytes | None = None,
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


def _build_and_store(store: PlanStore, themes, concepts, key: str):
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


def _concepts_found(store: PlanStore, plans: Sequence[Plan], concepts: Sequence) -> tuple[list, list]:
    """For each plan, the concepts found in its items: read back for plan files already searched
    with this lexicon, searched now for the others; and the entries that keep those."""
    from plancompare.matching.fit import concepts_found

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
