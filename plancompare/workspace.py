"""What a command works on: the plan files in use, the plans and the matcher's index over them
(through the cache when allowed), and the names a user gives for councils and themes.

The slow steps (parsing YAML, fitting TF-IDF) run once per set of inputs; later runs read the
results back. Everything is cached a council at a time: a list of the councils, then each council's
plan, item themes and vectors as separate entries, read only when a command first asks for them.
So `diff A B` over four hundred councils reads two plans and two councils' vectors, and `themes`
never loads numpy or scikit-learn on a repeat run.

Entry names (see cache.content_key): PLANS is the plan files' key, INDEX the index's.
- PLANS: the councils, in order; PLANS-<council>: that council's Plan.
- INDEX: the themes and the councils; INDEX-themes-<council>: item id -> themes;
  INDEX-vectors-<council>: matcher.CouncilVectors; INDEX-vocabulary: matcher.Vocabulary.
Per-council entries are written before the list that names them. A missing or unsound entry makes
the whole set be rebuilt and rewritten, never guessed at.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ContextManager

from plancompare.store import cache
from plancompare.plans.gcpause import paused_gc
from plancompare.plans.model import Council, Plan

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
        """The files a command reads: the plan files in use and the theme taxonomy. No output file
        may be one of them (plancompare.output.files refuses it)."""
        from plancompare.paths import default_themes_path

        from plancompare.paths import default_concepts_path

        return [*self.files(), self.themes_file or default_themes_path(), self.concepts_file or default_concepts_path()]

    def store(self) -> PlanStore:
        """The plans in use, loaded (through the cache) as they are needed."""
        if self._store is None:
            files = self.files()
            self._store = PlanStore(files, plans_key(files) if self.use_cache else None)
        return self._store

    def plans(self) -> tuple[Plan, ...]:
        """Every plan in use."""
        return self.store().all()

    def index(self):
        """The matcher's index over every plan, with the chosen theme taxonomy, through the cache."""
        if self._index is None:
            with self._progress():
                self._index = load_index(self.store(), self.themes_file, self.concepts_file)
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


def plans_key(files: Sequence[Path]) -> str | None:
    """The cache name for these plan files, or None when one cannot be read (the uncached path then
    reports the problem properly). Computed once per run: the index's name is derived from it."""
    try:
        return cache.content_key("plans", files)
    except OSError:
        return None


def _read(name: str) -> Any | None:
    with paused_gc():
        return cache.read(name)


class PlanStore:
    """The plans in ``files``, loaded a council at a time from the cache entry set ``key`` (None:
    no cache), or all parsed and validated afresh (and stored) when the cache cannot supply them."""

    def __init__(self, files: Sequence[Path], key: str | None):
        self.files, self.key = list(files), key
        self._all: dict[str, Plan] | None = None
        self._councils: tuple[Council, ...] | None = None
        self._plans: dict[str, Plan] = {}

    def _load_all(self) -> dict[str, Plan]:
        if self._all is None:
            from plancompare.plans.loader import load_plans

            plans = load_plans(self.files)
            self._all = {plan.council.id: plan for plan in plans}
            self._councils = tuple(plan.council for plan in plans)
            if self.key is not None:
                for plan in plans:
                    cache.write(f"{self.key}-{plan.council.id}", plan)
                cache.write(self.key, self._councils)
        return self._all

    def councils(self) -> tuple[Council, ...]:
        """Every council with a plan, in order of id."""
        if self._councils is None:
            listed = _read(self.key) if self.key is not None else None
            if isinstance(listed, tuple) and all(isinstance(council, Council) for council in listed):
                self._councils = listed
            else:
                self._load_all()
        return self._councils  # type: ignore[return-value]

    def plan(self, council_id: str) -> Plan:
        """One council's plan."""
        if self._all is not None:
            return self._all[council_id]
        if council_id not in self._plans:
            plan = _read(f"{self.key}-{council_id}") if self.key is not None else None
            if not isinstance(plan, Plan) or plan.council.id != council_id:
                return self._load_all()[council_id]
            self._plans[council_id] = plan
        return self._plans[council_id]

    def all(self) -> tuple[Plan, ...]:
        """Every plan, in order of council id."""
        return tuple(self.plan(council.id) for council in self.councils())


def load_index(store: PlanStore, themes_file: Path | None, concepts_file: Path | None = None):
    """The matcher's index over the plans of ``store`` with the taxonomy in ``themes_file`` and the
    concept lexicon in ``concepts_file`` (or the bundled ones), read back a council at a time from
    the cache when it holds it. Both files are part of the cache key: changing either refits."""
    from plancompare.paths import default_concepts_path, default_themes_path
    from plancompare.matching.fit import cached_index
    from plancompare.matching.index import CouncilThemes, CouncilVectors, Index, Vocabulary

    themes_path = themes_file or default_themes_path()
    concepts_path = concepts_file or default_concepts_path()
    try:
        key = cache.content_key("index", [themes_path, concepts_path], parts=[store.key]) if store.key is not None else None
    except OSError:
        key = None
    if key is None:
        themes = _load_themes(themes_file)
        return cached_index(store.all(), themes, concepts=_load_concepts(themes, concepts_file))
    council_ids = tuple(council.id for council in store.councils())
    core = _read(key)
    if not (isinstance(core, tuple) and len(core) == 2 and core[1] == council_ids):
        themes = _load_themes(themes_file)
        return _build_and_store(store, themes, _load_concepts(themes, concepts_file), key)
    rebuilt: list = []

    def built():
        # An entry is missing or unsound (or the vectors were never stored): fit the index again once.
        if not rebuilt:
            rebuilt.append(_build_and_store(store, core[0], _load_concepts(core[0], concepts_file), key))
        return rebuilt[0]

    def entry(name: str, kind: type, rebuild):
        value = _read(f"{key}-{name}")
        return value if isinstance(value, kind) else rebuild()

    return Index(
        core[0],
        council_ids,
        store.plan,
        lambda council: entry(f"themes-{council}", CouncilThemes, lambda: built().council_item_themes(council)),
        lambda council: entry(f"vectors-{council}", CouncilVectors, lambda: built().council_vectors(council)),
        lambda: entry("vocabulary", Vocabulary, lambda: built().vocabulary()),
    )


def _load_themes(themes_file: Path | None):
    """The taxonomy (parsing it imports YAML, which a cached run does without)."""
    from plancompare.plans.taxonomy import load_themes

    return load_themes(themes_file)


def _load_concepts(themes, concepts_file: Path | None):
    """The concept lexicon, checked against the taxonomy ``themes``. The bundled lexicon is written
    for the bundled taxonomy: beside another one, the themes it does not have are left out."""
    from plancompare.paths import default_themes_path
    from plancompare.plans.concepts import load_concepts
    from plancompare.plans.taxonomy import load_themes

    bundled_themes = concepts_file is not None or tuple(themes) == load_themes(default_themes_path())
    return load_concepts(themes, concepts_file, check_themes=bundled_themes)


def _build_and_store(store: PlanStore, themes, concepts, key: str):
    """Fit the index, store its themes at once and its vectors (large, and needed only to compare
    items) the first time a command asks for them."""
    from plancompare.matching.fit import cached_index
    from plancompare.matching.index import Index

    index = cached_index(store.all(), tuple(themes), concepts=tuple(concepts))
    for council_id in index.councils:
        cache.write(f"{key}-themes-{council_id}", index.council_item_themes(council_id))
    cache.write(f"{key}-vocabulary", index.vocabulary())
    cache.write(key, (index.themes, index.councils))
    stored: list[bool] = []

    def vectors(council_id: str):
        if not stored:
            stored.append(True)
            for other in index.councils:
                cache.write(f"{key}-vectors-{other}", index.council_vectors(other))
        return index.council_vectors(council_id)

    return Index(index.themes, index.councils, index.plan, index.council_item_themes, vectors, index.vocabulary)
