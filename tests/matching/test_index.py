"""The Index: item themes read back per council, with as many themes per item as the taxonomy
allows (fewer than max_themes when the taxonomy is small), and counts that add up."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from plancompare.matching.fit import build_index
from plancompare.matching.index import CouncilThemes
from plancompare.matching.search import search
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

PLANS = load_plans([default_plans_dir()])
THEMES = load_themes()


def test_council_themes_round_trip_rows_of_any_width() -> None:
    for width in (1, 2, 3):
        indexes = np.arange(4 * width, dtype=np.int16).reshape(4, width)
        scores = indexes.astype(float) / 10
        themes = CouncilThemes.from_numpy(indexes, scores)
        assert len(themes) == 4 and themes.width == width
        assert list(themes.top()) == indexes[:, 0].tolist()
        assert themes.rows() == [(list(row), list(values)) for row, values in zip(indexes.tolist(), scores.tolist())]


@pytest.mark.parametrize("count", [1, 2, 3, 16])
def test_a_taxonomy_of_any_size_counts_every_item(count: int) -> None:
    index = build_index(PLANS, THEMES[:count])
    for plan in PLANS:
        counts = index.theme_counts(plan.council.id)
        assert sum(counts.values()) == len(plan.items()) == index.item_count(plan.council.id)
        assert all(len(index.themes_of(item)) <= min(count, index.config.max_themes) for item in plan.items())
        once = index.theme_counts(plan.council.id, once=True)
        assert sum(once.values()) == index.item_count(plan.council.id, once=True) <= len(plan.items())
    assert search(index, "housing")


def test_the_index_carries_its_config() -> None:
    config = dataclasses.replace(build_index(PLANS[:1], THEMES).config, max_themes=1)
    index = build_index(PLANS[:1], THEMES, config)
    assert index.config is config
    assert all(len(index.themes_of(item)) <= 1 for item in index.items)


def test_counting_once_leaves_out_the_later_copies_of_a_text() -> None:
    from plancompare.matching.coverage import distinct, repeated_positions

    plan = next(plan for plan in PLANS if len(distinct(plan.items()).items) < len(plan.items()))
    index = build_index([plan], THEMES)
    items = plan.items()
    repeats = repeated_positions(items)
    assert list(index.council_item_themes(plan.council.id).repeats) == repeats
    kept = [item for position, item in enumerate(items) if position not in set(repeats)]
    assert kept == list(distinct(items).items)
    assert index.item_count(plan.council.id, once=True) == len(kept) == len(items) - len(repeats)
    counts = index.theme_counts(plan.council.id, once=True)
    for theme in THEMES:
        assert counts[theme.id] == sum(1 for item in kept if index.top_theme(item) == theme.id)


def test_a_concept_label_keeps_its_abbreviations_in_shared_terms() -> None:
    from plancompare.matching.index import concept_in_running_text

    assert concept_in_running_text("Rough sleeping") == "rough sleeping"
    assert concept_in_running_text("Primary care and GP access") == "primary care and GP access"
    assert concept_in_running_text("Digital transformation and IT") == "digital transformation and IT"
    assert concept_in_running_text("CCTV") == "CCTV"
    assert concept_in_running_text("LGBTQ+ equality") == "LGBTQ+ equality"
    assert concept_in_running_text("A") == "a"
