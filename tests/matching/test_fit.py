"""Fitting: every item gets ranked themes in range, obvious items the obvious theme, and the same
inputs give the same index."""

from __future__ import annotations

import pytest

from support import VALID_PLANS
from plancompare.matching.fit import build_index
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, THEMES)
ITEMS = INDEX.items


def test_theme_scores_are_ranked_and_in_range() -> None:
    for item in ITEMS:
        scores = [s.score for s in INDEX.themes_of(item)]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < s <= 1 for s in scores)
        assert len(scores) <= 3


@pytest.mark.parametrize(
    ("text_start", "theme"),
    [
        ("We will deliver much needed new homes across the borough", "housing"),
        ("Male average life expectancy", "health"),
        ("We will work with WM5G", "digital"),
        ("We will work with the Environment Agency in our role as Lead Local Flood Authority", "climate-environment"),
    ],
)
def test_obvious_items_get_the_obvious_theme(text_start: str, theme: str) -> None:
    item = next(i for i in ITEMS if i.text.startswith(text_start))
    assert INDEX.top_theme(item) == theme


def test_index_is_deterministic() -> None:
    again = build_index(load_plans([default_plans_dir()]), load_themes())
    assert again.item_themes == INDEX.item_themes


def test_fixture_plans_index() -> None:
    index = build_index(load_plans([VALID_PLANS]), THEMES)
    homes = next(i for i in index.items if i.id == "northdale.homes.commitment.1")
    trees = next(i for i in index.items if i.id == "southmoor.climate.commitment.1")
    assert index.top_theme(homes) == "housing"
    assert index.top_theme(trees) == "climate-environment"


def test_where_the_slices_fall_changes_no_vector_and_no_score() -> None:
    import dataclasses

    from plancompare.matching.config import DEFAULT_CONFIG

    # Other slices, and the character rows kept from the theme scores rather than weighted again.
    small = build_index(BUNDLED, THEMES, dataclasses.replace(DEFAULT_CONFIG, row_slice=37), vectors_next=True)
    assert small.item_themes == INDEX.item_themes
    for council in INDEX.councils:
        for block in ("text", "align", "search"):
            one, other = (getattr(index.council_vectors(council), block) for index in (INDEX, small))
            assert one.width == other.width
            for name in ("indptr", "indices", "data"):
                assert getattr(one, name).tolist() == getattr(other, name).tolist()
