"""Council likeness: independent of plan size, finds a council's own plan first, explains itself."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from plancompare.matching.fit import build_index
from plancompare.matching.likeness import emphasis_alike, explain, likenesses, pooled, reference_range, scaled
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.model import Plan
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, THEMES)


def subsample(plan: Plan, share: float, seed: int, council_id: str | None = None) -> Plan:
    """A plan keeping about ``share`` of each priority's items (drawn with ``seed``), as its own
    council or as a new one named ``council_id``."""
    rng = random.Random(seed)
    new_id = council_id or plan.council.id
    council = dataclasses.replace(plan.council, id=new_id, name=new_id, short_name=new_id, aliases=())
    priorities = tuple(
        dataclasses.replace(priority, items=tuple(
            dataclasses.replace(item, id=item.id.replace(plan.council.id, new_id, 1), council_id=new_id)
            for item in priority.items if rng.random() < share))
        for priority in plan.priorities
    )
    return dataclasses.replace(plan, council=council, priorities=priorities, vision=(), values=(), principles=())


def _likeness_to_others(index, council_id: str) -> dict[str, float]:
    plan = index.plan(council_id)
    others = [other for other in index.plans if other.council.id != council_id]
    return {value.b: value.raw for value in likenesses(index, plan, others)}


@pytest.mark.parametrize("council_id", [plan.council.id for plan in BUNDLED])
def test_subsampling_a_plan_to_40_percent_barely_moves_its_likeness(council_id: str) -> None:
    # Half of Stoke's plan as a fifth council gives every council one neighbour clearly apart from
    # the rest, so that "keeps its ranking" is tested where the ranking means something.
    councils = [*BUNDLED, subsample(INDEX.plan("stoke-on-trent"), 0.5, seed=1, council_id="stoke-half")]
    before = _likeness_to_others(build_index(councils, THEMES), council_id)
    plan = INDEX.plan(council_id)
    smaller = subsample(plan, 0.4, seed=2)
    assert len(smaller.items()) < 0.5 * len(plan.items())
    after = _likeness_to_others(build_index([smaller if p.council.id == council_id else p for p in councils], THEMES), council_id)
    for other, value in before.items():
        assert abs(after[other] - value) <= 0.05, (other, value, after[other])
    # Two councils further apart than the 0.05 a subsample may move them keep their order (bundled
    # near-ties, such as 0.487 against 0.488, may swap).
    apart = [(first, second) for first in before for second in before if before[first] - before[second] > 0.05]
    assert all(after[first] > after[second] for first, second in apart), (before, after)
    if council_id == "stoke-on-trent":
        assert len(apart) == len(before) - 1  # its own half is clearly first


def test_a_councils_own_subsampled_plan_ranks_first_by_a_clear_margin() -> None:
    half = subsample(INDEX.plan("stoke-on-trent"), 0.5, seed=1, council_id="stoke-half")
    index = build_index([*BUNDLED, half], THEMES)
    values = _likeness_to_others(index, "stoke-half")
    ranked = sorted(values, key=lambda c: -values[c])
    assert ranked[0] == "stoke-on-trent"
    assert values["stoke-on-trent"] - values[ranked[1]] >= 0.1
    bounds = reference_range(index, [p for p in index.plans if p.council.id != "stoke-half"])
    assert scaled(values["stoke-on-trent"], bounds) == 100.0 > scaled(values[ranked[1]], bounds)


def test_pooled_is_an_unbiased_chance_whatever_the_pool_size() -> None:
    # An item matched by 10 of 400 items; a random 160 of them hold k of its matches. Averaged over
    # such subsamples, the chance measured on the subsample is the chance on the whole plan.
    rng = np.random.default_rng(0)
    kept = rng.hypergeometric(10, 390, 160, size=20_000).astype(float)
    assert pooled(kept, 160, 50).mean() == pytest.approx(pooled(np.array([10.0]), 400, 50)[0], abs=0.01)
    assert pooled(np.array([0.0]), 200, 50)[0] == 0.0
    assert pooled(np.array([200.0]), 200, 50)[0] == 1.0
    assert pooled(np.array([160.0]), 200, 50)[0] == pytest.approx(1.0)
    # exact against a brute-force count: 2 matches in 5, draw 2 -> 1 - C(3,2)/C(5,2) = 0.7
    assert pooled(np.array([2.0]), 5, 2)[0] == pytest.approx(0.7)
    assert pooled(np.array([1.0]), 10, 50) == pytest.approx(1 - 0.9 ** 50)  # shorter than the draw


@pytest.mark.parametrize("pool, reference", [(50, 50), (120, 50), (447, 50), (60, 7)])
def test_pooled_is_the_exact_hypergeometric_chance(pool: int, reference: int) -> None:
    """Against the closed form written with exact binomial coefficients, for every match count."""
    from math import comb

    matches = np.arange(pool + 1, dtype=float)
    expected = [1 - comb(pool - k, reference) / comb(pool, reference) for k in range(pool + 1)]
    assert pooled(matches, pool, reference) == pytest.approx(expected, abs=1e-12)
    # The shape of what is passed is kept (a column of counts comes back as a column).
    assert pooled(matches.reshape(-1, 1), pool, reference).shape == (pool + 1, 1)


def test_emphasis_alike_is_one_for_the_same_mix_and_falls_with_difference() -> None:
    mix = {"health": 0.5, "housing": 0.5}
    assert emphasis_alike(mix, mix, 10_000, 10_000) == pytest.approx(1.0, abs=0.01)
    assert emphasis_alike({"health": 1.0}, {"housing": 1.0}, 10_000, 10_000) == pytest.approx(0.0, abs=0.01)
    assert emphasis_alike(mix, {"health": 0.7, "housing": 0.3}, 500, 500) < emphasis_alike(mix, mix, 500, 500)
    assert emphasis_alike({}, mix, 0, 10) == 0.0


def test_likeness_is_symmetric_and_in_range() -> None:
    a, b = INDEX.plan("coventry"), INDEX.plan("sandwell")
    (forward,), (backward,) = likenesses(INDEX, a, [b]), likenesses(INDEX, b, [a])
    assert forward.raw == pytest.approx(backward.raw, abs=1e-4)
    assert 0 <= forward.promises <= 1 and 0 <= forward.emphasis <= 1
    w = INDEX.config.promise_weight
    assert forward.raw == pytest.approx(w * forward.promises + (1 - w) * forward.emphasis, abs=1e-3)


@pytest.mark.parametrize("pair", [("stoke-on-trent", "wolverhampton"), ("coventry", "sandwell"), ("sandwell", "stoke-on-trent")])
def test_explain_names_three_themes_each_way_never_the_same_and_matched_commitments(pair: tuple[str, str]) -> None:
    why = explain(INDEX, INDEX.plan(pair[0]), INDEX.plan(pair[1]))
    alike = [theme for theme, _, _ in why.alike_themes]
    differing = [theme for theme, _, _ in why.differing_themes]
    assert len(alike) == len(differing) == 3
    assert not set(alike) & set(differing)
    assert 1 <= len(why.examples) <= 3
    for a, b, score in why.examples:
        assert INDEX.config.is_match(score) and a.council_id == pair[0] and b.council_id == pair[1]
    assert [s for _, _, s in why.examples] == sorted((s for _, _, s in why.examples), reverse=True)


def test_scaled() -> None:
    assert scaled(0.45, (0.45, 0.51)) == 0.0
    assert scaled(0.51, (0.45, 0.51)) == 100.0
    assert scaled(0.48, (0.45, 0.51)) == 50.0
    assert scaled(0.6, (0.45, 0.51)) == 100.0
    assert scaled(0.5, (0.5, 0.5)) == 100.0


def test_explain_gives_the_plain_share_of_items_matched_each_way() -> None:
    from plancompare.matching.config import MATCHED
    from plancompare.matching.coverage import coverage

    a, b = INDEX.plan("coventry"), INDEX.plan("stoke-on-trent")
    compared = coverage(INDEX, a, b)
    here = sum(row.verdict == MATCHED for row in compared.forward) / len(compared.forward)
    there = sum(row.verdict == MATCHED for row in compared.backward) / len(compared.backward)
    assert explain(INDEX, a, b).matched_shares == (round(here, 4), round(there, 4))
    assert 0 < here < 1 and 0 < there < 1
    looser = explain(INDEX, a, b, threshold=INDEX.config.threshold - 0.1).matched_shares
    assert looser[0] > here and looser[1] > there
