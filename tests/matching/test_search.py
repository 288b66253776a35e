"""Search: items sharing the query's words come first, scores fall, nonsense finds nothing."""

from __future__ import annotations

from plancompare.matching.search import search
from plancompare.matching.fit import build_index
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, THEMES)
ITEMS = INDEX.items


def test_search_ranks_matching_items_first() -> None:
    ranked = search(INDEX, "affordable homes")
    assert ranked and all("home" in item.text.lower() or "housing" in item.text.lower() for item, _ in ranked[:3])
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    assert search(INDEX, "zzzz qqqq") == []
