"""Coverage: repeated texts counted once, verdicts from the one definition, nearest counterparts."""

from __future__ import annotations

import dataclasses

from plancompare.matching.config import MATCHED, ONLY, PARTLY, MatcherConfig, verdict
from plancompare.matching.coverage import best_scores, coverage, distinct, text_key
from plancompare.matching.fit import build_index
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.model import Item
from plancompare.plans.taxonomy import load_themes

BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, load_themes())


def _item(item_id: str, text: str, kind: str = "commitment", priority: str | None = "p1") -> Item:
    return Item(id=item_id, kind=kind, text=text, council_id="x", priority_id=priority)


def test_text_key_ignores_case_spacing_and_closing_punctuation() -> None:
    assert text_key(_item("a", "Number of bus  passenger journeys.")) == text_key(_item("b", "number of bus passenger journeys"))
    assert text_key(_item("a", "More homes")) != text_key(_item("b", "More jobs"))


def test_distinct_keeps_the_first_copy_and_lists_the_others() -> None:
    items = [_item("a", "Bus journeys."), _item("b", "Homes"), _item("c", "bus journeys", priority="p2"), _item("d", "Bus journeys")]
    kept = distinct(items)
    assert [item.id for item in kept.items] == ["a", "b"]
    assert [item.id for item in kept.also(kept.items[0])] == ["c", "d"]
    assert kept.also(kept.items[1]) == ()


def test_distinct_can_prefer_a_copy() -> None:
    items = [_item("a", "Bus journeys"), _item("b", "Homes"), _item("c", "Bus journeys")]
    kept = distinct(items, prefer=lambda item: item.id == "c")
    assert [item.id for item in kept.items] == ["c", "b"]  # in the order of the text's first copy
    assert [item.id for item in kept.also(kept.items[0])] == ["a"]


def test_verdict_bands() -> None:
    config = MatcherConfig(threshold=0.3, partly_floor=0.2)
    assert verdict(0.3, config) == MATCHED
    assert verdict(0.29996, config) == MATCHED  # shown as 0.3000: what is shown and what is claimed agree
    assert verdict(0.2999, config) == PARTLY
    assert verdict(0.2, config) == PARTLY
    assert verdict(0.1999, config) == ONLY
    assert verdict(None, config) == ONLY
    assert verdict(0.25, config, threshold=0.2) == MATCHED
    assert verdict(0.15, config, threshold=0.1) == MATCHED
    assert verdict(0.05, config, threshold=0.1) == ONLY  # a threshold under the floor leaves no band
    assert config.verdict(0.25) == PARTLY


def test_coverage_counts_each_text_once_and_agrees_with_the_verdict() -> None:
    stoke, wolverhampton = INDEX.plan("stoke-on-trent"), INDEX.plan("wolverhampton")
    compared = coverage(INDEX, stoke, wolverhampton)
    assert len(compared.forward) == len(distinct(stoke.items()).items) < len(stoke.items())
    assert len(compared.backward) == len(distinct(wolverhampton.items()).items)
    for row in compared.forward + compared.backward:
        assert row.verdict == INDEX.config.verdict(row.score)
        assert row.nearest is not None and row.nearest.council_id != row.item.council_id
    counts = compared.counts(compared.forward)
    assert sum(counts.values()) == len(compared.forward) and all(counts.values())


def test_coverage_of_an_empty_plan_calls_everything_only_in() -> None:
    stoke = INDEX.plan("stoke-on-trent")
    empty = dataclasses.replace(INDEX.plan("coventry"), priorities=(), vision=(), values=(), principles=())
    compared = coverage(INDEX, stoke, empty)
    assert {row.verdict for row in compared.forward} == {ONLY}
    assert all(row.nearest is None for row in compared.forward)


def test_best_scores_look_across_all_other_plans() -> None:
    item = INDEX.plan("stoke-on-trent").items()[5]
    others = [INDEX.plan("coventry"), INDEX.plan("sandwell")]
    ((nearest, score),) = best_scores(INDEX, [item], others)
    alone = [best_scores(INDEX, [item], [plan])[0][1] for plan in others]
    assert score == max(alone) and nearest.council_id in ("coventry", "sandwell")


def test_repeated_positions_are_the_later_copies_of_a_text() -> None:
    from plancompare.matching.coverage import repeated_positions

    items = [_item("a", "Bus journeys."), _item("b", "Homes"), _item("c", "bus journeys", priority="p2"),
             _item("d", "More jobs"), _item("e", "HOMES")]
    assert repeated_positions(items) == [2, 4]
    assert [item.id for position, item in enumerate(items) if position not in (2, 4)] == [i.id for i in distinct(items).items]
    assert repeated_positions(items[:2]) == [] and repeated_positions([]) == []
