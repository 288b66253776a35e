"""Alignment: scores are similarities (range, symmetry, identity), counterparts explain themselves,
and the batched comparisons equal the pairwise ones."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.matching.align import closest_across, closest_counterparts, compare_plans, council_similarities, council_similarity, shared_terms, similarity
from plancompare.matching.fit import build_index
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, THEMES)
ITEMS = INDEX.items


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=8), st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=8))
def test_similarity_is_in_range_and_symmetric(left: list[int], right: list[int]) -> None:
    a, b = [ITEMS[i] for i in left], [ITEMS[i] for i in right]
    forward, backward = similarity(INDEX, a, b), similarity(INDEX, b, a)
    assert ((forward >= -1e-9) & (forward <= 1 + 1e-9)).all()
    assert np.allclose(forward, backward.T)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(ITEMS) - 1))
def test_an_item_is_its_own_best_match(position: int) -> None:
    item = ITEMS[position]
    scores = similarity(INDEX, [item], list(ITEMS))[0]
    assert scores[position] == pytest.approx(1.0)
    assert scores.max() == pytest.approx(1.0)
    (match,) = closest_counterparts(INDEX, [item], [ITEMS[position]])
    assert match.score == pytest.approx(1.0)


def test_closest_counterpart_explains_itself_with_shared_terms() -> None:
    stoke = INDEX.plan("stoke-on-trent")
    item = next(i for i in stoke.items() if i.text == "Healthy life expectancy")
    (match,) = closest_counterparts(INDEX, [item], INDEX.plan("coventry").items())
    assert "healthy life" in match.target.text.lower()
    assert match.terms and all(term in (item.text + " " + match.target.text).lower() for term in match.terms)
    assert shared_terms(INDEX, item, match.target) == match.terms


def test_council_similarity_is_symmetric_and_bounded() -> None:
    for a in BUNDLED:
        for b in BUNDLED:
            score = council_similarity(INDEX, a, b)
            assert score == council_similarity(INDEX, b, a)
            assert 0 <= score <= 1
        assert council_similarity(INDEX, a, a) == pytest.approx(1.0)


def test_batched_council_similarities_equal_the_pairwise_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    import plancompare.matching.align as align

    for plan in BUNDLED:
        others = [other for other in BUNDLED if other is not plan]
        expected = [
            (council_similarity(INDEX, plan, other), {t.id: council_similarity(INDEX, plan, other, t.id) for t in THEMES})
            for other in others
        ]
        assert council_similarities(INDEX, plan, others) == expected
    # Batches of one council at a time give the same figures.
    plan, others = BUNDLED[0], list(BUNDLED[1:])
    whole = council_similarities(INDEX, plan, others)
    monkeypatch.setattr(INDEX, "config", dataclasses.replace(INDEX.config, batch_cells=1))
    batches = []
    original = align._batch_similarities
    monkeypatch.setattr(align, "_batch_similarities", lambda *args: batches.append(len(args[4])) or original(*args))
    assert council_similarities(INDEX, plan, others) == whole
    assert batches == [1] * len(others)


@pytest.mark.parametrize("batch_cells", [1, 4_000_000])
def test_closest_across_groups_equals_closest_counterparts(monkeypatch: pytest.MonkeyPatch, batch_cells: int) -> None:
    monkeypatch.setattr(INDEX, "config", dataclasses.replace(INDEX.config, batch_cells=batch_cells))
    sources = [[item for item in BUNDLED[2].items() if item.kind == "indicator"][:20], list(BUNDLED[0].items())[:7], []]
    groups = [list(plan.items())[:60] for plan in BUNDLED if plan is not BUNDLED[2]] + [[]]
    for at_least in (0.0, 0.3):
        found = closest_across(INDEX, sources, groups, at_least)
        assert found[2] == [{} for _ in groups]
        for source, per_group in zip(sources[:2], found[:2]):
            assert per_group[-1] == {}
            for group, matches in zip(groups[:-1], per_group[:-1]):
                expected = {n: (m.target, m.score) for n, m in enumerate(closest_counterparts(INDEX, source, group)) if m.score >= at_least}
                assert matches == expected


def test_compare_plans_agrees_with_its_parts() -> None:
    a, b = BUNDLED[0], BUNDLED[2]
    forward, backward, overall = compare_plans(INDEX, a, b)
    assert [(m.target.id, m.score) for m in forward] == [(m.target.id, m.score) for m in closest_counterparts(INDEX, a.items(), b.items())]
    assert [(m.target.id, m.score) for m in backward] == [(m.target.id, m.score) for m in closest_counterparts(INDEX, b.items(), a.items())]
    assert overall == council_similarity(INDEX, a, b)


def test_shared_terms_name_the_concepts_both_items_mention_first() -> None:
    """With the lexicon, a pair that says the same thing is explained by its concept."""
    from plancompare.plans.concepts import load_concepts

    index = build_index(BUNDLED, THEMES, concepts=load_concepts(THEMES))
    stoke = index.plan("stoke-on-trent")
    item = next(i for i in stoke.items() if i.text == "Healthy life expectancy")
    (match,) = closest_counterparts(index, [item], index.plan("coventry").items())
    assert match.terms[0] == "concept: healthy life expectancy"
    # Words already named by a concept are not listed again; the rest are the items' own words.
    assert all(term.startswith("concept: ") or term in (item.text + " " + match.target.text).lower() for term in match.terms)
    assert "healthy life expectancy" not in match.terms
