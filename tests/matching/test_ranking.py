"""Raw theme scores become ranked themes: blended with the item's section, rounded, best first."""

from __future__ import annotations

import numpy as np

from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.matching.ranking import blend_with_section, ranked_themes
from plancompare.plans.model import Item


def _item(council: str, priority: str | None, kind: str = "commitment") -> Item:
    return Item(id=f"{council}.{priority}.{kind}", kind=kind, text="x", council_id=council, priority_id=priority)


def test_each_item_is_blended_with_its_own_section_only() -> None:
    items = [_item("a", "p"), _item("a", "p"), _item("b", "p"), _item("a", None, "vision")]
    raw = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    blended = blend_with_section(raw, items, 0.5)
    # The first two share council a's section p; b's p is another section; a vision stands alone.
    assert blended.tolist() == [[0.75, 0.25], [0.25, 0.75], [1.0, 0.0], [0.0, 1.0]]
    assert blend_with_section(np.zeros((0, 2)), [], 0.5).shape == (0, 2)


def test_themes_are_ranked_rounded_and_floored() -> None:
    scores = np.array([[0.1, 0.5, 0.500004, 0.0], [0.0, 0.0, 0.0, 0.0]])
    indexes, values = ranked_themes(scores, DEFAULT_CONFIG)
    floor = DEFAULT_CONFIG.theme_floor
    # Rounded to 4 places, 0.5 and 0.500004 tie and the earlier theme goes first.
    assert indexes[0].tolist()[:2] == [1, 2] and values[0].tolist()[:2] == [0.5, 0.5]
    assert all(index == -1 for index, value in zip(indexes[1].tolist(), values[1].tolist()) if value < floor)
    assert indexes.shape[1] == min(DEFAULT_CONFIG.max_themes, 4)
