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


def _key_paths(files: Sequence[Path]) -> list[Path]:
    return [Path(str(path.resolve())) for path in files]


def load_plan_set(files: Sequence[Path], use_cache: bool = True) -> tuple[Plan, ...]:
    """The validated plans in ``files``: parsed afresh, or read back from the cache."""
    key = _key("plans", files, []) if use_cache else None
    if key is None:
        return load_plans(files)
    return cache.cached(key, lambda: load_plans(files))


def _key(kind: str, files: Sequence[Path], extra: Sequence[Path]) -> str | None:
    """The cache name for these inputs, or None when one cannot be read (the uncached path then
    reports the problem properly)."""
    try:
        return cache.content_key(kind, [*_key_paths(files), *extra]) + "-" + _directory_tag(files)
    except OSError:
        return None


def _directory_tag(files: Sequence[Path]) -> str:
    import hashlib

    folders = sorted({str(path.resolve().parent) for path in files})
    return hashlib.sha256("\0".join(folders).encode()).hexdigest()[:8]


def load_index(files: Sequence[Path], plans: Sequence[Plan], themes_file: Path | None, use_cache: bool = True):
    """The matcher's index over ``plans`` with the taxonomy in ``themes_file`` (or the bundled one)."""
    from plancompare.matcher import Index, Vectors, cached_index

    themes_path = themes_file or default_themes_path()
    key = _key("index", files, [themes_path]) if use_cache else None
    if key is None:
        return cached_index(tuple(plans), load_themes(themes_file))
    core = cache.read(key)
    if core is not None:
        themes, item_themes = core
        items = tuple(item for plan in plans for item in plan.items())
        if set(item_themes) == {item.id for item in items}:

            def vectors() -> Vectors:
                def build() -> Vectors:
                    fresh = cached_index(tuple(plans), themes).vectors()
                    return Vectors(fresh.text, fresh.align, fresh.search, fresh.features)

                return cache.cached(key + "-vectors", build)

            return Index(plans=tuple(plans), themes=themes, items=items, item_themes=item_themes, _vectors=vectors)
    themes = load_themes(themes_file)
    index = cached_index(tuple(plans), themes)
    cache.write(key, (themes, index.item_themes))
    fresh = index.vectors()
    # The fitted vectoriser is not kept: search refits it when it needs one.
    cache.write(key + "-vectors", Vectors(fresh.text, fresh.align, fresh.search, fresh.features))
    return index
