"""What a command works on: the plan files in use, the plans and the matcher's index over them
(through the cache when allowed), and the names a user gives for councils and themes.

The slow steps (parsing YAML, fitting TF-IDF) run once per set of inputs; later runs read the
results back from the cache database (plancompare.store), a council at a time: the list of
councils, then each council's plan, item themes and vector blocks as separate entries, read only
when a command first asks for them. So `diff A B` over four hundred councils reads two plans and
two councils' vectors, a repeat `search` reads only its search index (store.postings) and the
plans of its results, and `themes` never loads numpy, scikit-learn or YAML on a repeat run. Each
input file is read once: its entry is keyed by the bytes that were parsed (see store.records), so
a file edited during a run cannot leave a stale entry. A missing or unsound entry makes the whole
set be rebuilt and rewritten, never guessed at.
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
from plancompare.store.stored_index import index_key, load_index
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

    def searchable(self):
        """The index's items arranged for search (matching.search.Searchable): read from the cache
        when it is in use (the first search stores them there), else built in memory."""
        index, store = self.index(), self.store()
        if store.key is not None and self._themes_content is not None and self._concepts_content is not None:
            from plancompare.store.postings import load_searchable

            return load_searchable(store.database, index_key(store.key, self._themes_content, self._concepts_content), index)
        from plancompare.matching.search import searchable_of

        return searchable_of(index)

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


#: How many recent sets of plan files a new set looks at to start from, and how many files may differ.
RECENT_SETS = 4
MOST_CHANGED = 4

#: The largest input file read for the cache; a larger one goes the uncached way, which reports it.
_MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_inputs(paths: Sequence[Path]) -> list[bytes] | None:
    """The bytes of each file, read once: what is parsed and what keys its cache entries. None when
    one cannot be read as a regular file within the limit (the uncached path then reports it
    properly, with its own limits)."""
    from plancompare.errors import InvalidInput
    from plancompare.plans.inputfile import read_limited

    try:
        return [read_limited(path, str(path), _MAX_INPUT_BYTES) for path in paths]
    except InvalidInput:
        return None


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
                fresh: dict[int, Plan] = {}
                try:
                    with paused_gc():
                        numbered = []
                        for number, (path, content) in enumerate(zip(self.files, self.contents)):
                            plan = self._stored_plan(number)
                            if plan is None:
                                plan = load_plan(path, content)
                                fresh[number] = plan
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
                self._store_set(fresh, [plan.council for plan in plans], file_of)
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
        return self._plan_of(self.file_keys[number], number)

    def councils(self) -> tuple[Council, ...]:
        """Every council with a plan, in order of id."""
        if self._councils is None:
            found = self.database.get(f"plans:{self.key}") if self.key is not None else None
            try:
                if found is None:
                    raise Unsound("not stored")
                councils, files, _ = records.councils_from(found[0], len(self.files))
                self._councils, self._file_of = councils, {c.id: file for c, file in zip(councils, files)}
            except Unsound:
                if self.key is None or not self._from_recent_set():
                    self._load_all()
        return self._councils  # type: ignore[return-value]

    def _from_recent_set(self) -> bool:
        """The councils from a recent set of as many plan files that differs from this one in a few
        of them, each still the plan of the same council with the same ids (so that the checks across
        files still hold): only those files are parsed. False when there is none such."""
        from plancompare.errors import InvalidInput
        from plancompare.plans.loader import load_plan

        for name in self.database.recent("plans", RECENT_SETS):
            try:
                councils, files, keys = records.councils_from((self.database.get(name, use=False) or (None,))[0], len(self.files))
            except Unsound:
                continue
            changed = [number for number, (was, now) in enumerate(zip(keys, self.file_keys)) if was != now]
            if not 0 < len(changed) <= MOST_CHANGED:
                continue
            by_file = dict(zip(files, councils))
            fresh: dict[int, Plan] = {}
            for number in changed:
                old = self._plan_of(keys[number], number, use=False)
                try:
                    new = self._stored_plan(number) or load_plan(self.files[number], self.contents[number])
                except InvalidInput:
                    return False  # (reported with every other problem by the full load)
                if old is None or new.council.id != old.council.id or _ids(new) != _ids(old):
                    break
                fresh[number], by_file[number] = new, new.council
            else:
                self._councils = tuple(sorted(by_file.values(), key=lambda council: council.id))
                self._file_of = {council.id: file for file, council in by_file.items()}
                self._plans.update({plan.council.id: plan for plan in fresh.values()})
                self._store_set(fresh, self._councils, self._file_of)
                return True
        return False

    def _store_set(self, fresh: dict[int, Plan], councils: Sequence[Council], file_of: dict[str, int]) -> None:
        """Store the plans parsed in this run (by file number) and the set's councils record."""
        self.database.put_many([
            *((f"plan:{self.file_keys[number]}", "plan", records.plan_record(plan), {}) for number, plan in fresh.items()),
            (f"plans:{self.key}", "plans", records.councils_record(councils, file_of, self.file_keys), {}),
        ])

    def earlier_plan(self, council_id: str, file_key: str) -> Plan | None:
        """The plan stored for earlier bytes (``file_key``) of the file that now holds a council's plan."""
        self.councils()
        number = self._file_of.get(council_id)
        return self._plan_of(file_key, number, use=False) if number is not None else None

    def _plan_of(self, file_key: str, number: int, use: bool = True) -> Plan | None:
        """The plan stored for a file's bytes (None: not stored)."""
        found = self.database.get(f"plan:{file_key}", use=use)
        try:
            return records.plan_from(found[0], self.files[number]) if found is not None else None
        except Unsound:
            return None

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


def _ids(plan: Plan) -> set[str]:
    """Every id a plan file holds (what the checks across files compare)."""
    return {priority.id for priority in plan.priorities} | {item.id for item in plan.items()}
