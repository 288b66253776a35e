"""Loading the plans and the matcher's index for a command, through the cache when allowed.

The slow steps (parsing YAML, fitting TF-IDF) run once per set of inputs; later runs read the
results back. The vectors, needed only by commands that compare items, are read separately and only
when first used, so `themes` and `items` never load numpy or scikit-learn on a repeat run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plancompare import cache
from plancompare.loader import find_plan_files, load_plans
from plancompare.model import Plan
from plancompare.themes import default_themes_path, load_themes


def plan_files(plans_dir: Path) -> list[Path]:
    """The plan files of a directory (or the file itself)."""
    return find_plan_files([plans_dir])


def plans_key(files: Sequence[Path]) -> str | None:
    """The cache name for these plan files, or None when one cannot be read (the uncached path then
    reports the problem properly). Computed once per run: the index's name is derived from it."""
    try:
        return cache.content_key("plans", files)
    except OSError:
        return None


def load_plan_set(files: Sequence[Path], key: str | None) -> tuple[Plan, ...]:
    """The validated plans in ``files``: read back from the cache entry ``key``, or parsed afresh
    (and stored) when it is missing or unsound; parsed without the cache when ``key`` is None."""
    if key is None:
        return load_plans(files)
    return cache.cached(key, lambda: load_plans(files))


def _without_vectoriser(vectors):
    """The vectors as cached: the fitted vectoriser is not kept, and search refits it when needed."""
    from plancompare.matcher import Vectors

    return Vectors(vectors.text, vectors.align, vectors.search, vectors.features)


def load_index(plans: Sequence[Plan], key: str | None, themes_file: Path | None):
    """The matcher's index over ``plans`` (cached as ``key``, see plans_key; None for no cache)
    with the taxonomy in ``themes_file`` (or the bundled one)."""
    from plancompare.matcher import Index, cached_index

    themes_path = themes_file or default_themes_path()
    try:
        index_key = cache.content_key("index", [themes_path], parts=[key]) if key is not None else None
    except OSError:
        index_key = None
    if index_key is None:
        return cached_index(tuple(plans), load_themes(themes_file))
    core = cache.read(index_key)
    if core is not None:
        themes, item_themes = core
        items = tuple(item for plan in plans for item in plan.items())
        if set(item_themes) == {item.id for item in items}:

            def vectors():
                return cache.cached(
                    index_key + "-vectors", lambda: _without_vectoriser(cached_index(tuple(plans), themes).vectors())
                )

            return Index(plans=tuple(plans), themes=themes, items=items, item_themes=item_themes, _vectors=vectors)
    themes = load_themes(themes_file)
    index = cached_index(tuple(plans), themes)
    cache.write(index_key, (themes, index.item_themes))
    cache.write(index_key + "-vectors", _without_vectoriser(index.vectors()))
    return index
