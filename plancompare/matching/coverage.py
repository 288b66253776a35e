"""How well one plan's items are covered by another's: each item's verdict (matched, partly covered,
only in) with its nearest counterpart as evidence, and the plan's items counted once however often
the plan repeats them.

Plans repeat an item under several priorities (the plan files keep every copy, faithfully). The
comparisons count such copies once, shown under their first priority with the others listed as
"also under", so that a repeated promise neither inflates a share nor fills a table with copies.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from plancompare.matching.align import Match, closest_both_ways, similarity
from plancompare.matching.config import ONLY
from plancompare.matching.index import Index
from plancompare.plans.model import Item, Plan
from plancompare.plans.textnorm import normalise

_TRAILING = re.compile(r"[\s.;:,]+$")


def text_key(item: Item) -> str:
    """The text two copies of one item share: normalised, case-folded, without closing punctuation."""
    return _key(item.text)


@lru_cache(maxsize=1 << 18)
def _key(text: str) -> str:
    # Cached: neighbours asks again for the same plans' texts (a few hundred councils' worth).
    return _TRAILING.sub("", normalise(text).casefold())


def repeated_positions(items: Sequence[Item]) -> list[int]:
    """The positions in ``items`` of each item whose text (text_key) an earlier item already has:
    the copies that counting each text once (distinct) leaves out."""
    first_copies = {id(item) for item in distinct(items).items}
    return [position for position, item in enumerate(items) if id(item) not in first_copies]


@dataclass(frozen=True)
class Distinct:
    """A plan's items counted once: ``items`` in plan order, the first copy of each text, and
    ``copies``: for each kept item's id, the later items with the same text."""

    items: tuple[Item, ...]
    copies: dict[str, tuple[Item, ...]]

    def also(self, item: Item) -> tuple[Item, ...]:
        """The other copies of ``item``'s text in its plan (none for most items)."""
        return self.copies.get(item.id, ())


def distinct(items: Sequence[Item], prefer: Callable[[Item], bool] | None = None) -> Distinct:
    """``items`` with each repeated text kept once, in the order of its first copy: the first copy,
    or the first for which ``prefer`` holds (an indicator copy that gives figures, say)."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(text_key(item), []).append(item)
    kept, copies = [], {}
    for group in groups.values():
        chosen = next((item for item in group if prefer(item)), group[0]) if prefer else group[0]
        kept.append(chosen)
        others = tuple(item for item in group if item is not chosen)
        if others:
            copies[chosen.id] = others
    return Distinct(tuple(kept), copies)


@dataclass(frozen=True)
class Covered:
    """One item, its nearest counterpart in the other plan (None when that plan is empty), their
    score, the terms they share and the verdict the score earns (config.verdict)."""

    item: Item
    nearest: Item | None
    score: float | None
    terms: tuple[str, ...]
    verdict: str


@dataclass(frozen=True)
class Coverage:
    """Both directions of a comparison of plans ``a`` and ``b``, over their distinct items."""

    a: Plan
    b: Plan
    a_items: Distinct
    b_items: Distinct
    forward: tuple[Covered, ...]  # each distinct item of a, covered by b
    backward: tuple[Covered, ...]  # each distinct item of b, covered by a
    #: similarity of every distinct item of a with every distinct item of b (None: a plan is empty),
    #: kept so that the likeness of the same two plans needs no second product.
    scores: Any = field(default=None, compare=False, repr=False)

    def counts(self, direction: Sequence[Covered]) -> dict[str, int]:
        """How many items of one direction earn each verdict."""
        from plancompare.matching.config import VERDICTS

        return {verdict: sum(1 for row in direction if row.verdict == verdict) for verdict in VERDICTS}


def _covered(index: Index, matches: Sequence[Match], items: Sequence[Item], threshold: float) -> tuple[Covered, ...]:
    if not matches:
        return tuple(Covered(item, None, None, (), ONLY) for item in items)
    return tuple(Covered(m.source, m.target, m.score, m.terms, index.config.verdict(m.score, threshold)) for m in matches)


def coverage(index: Index, a: Plan, b: Plan, threshold: float | None = None) -> Coverage:
    """Each distinct item of ``a`` with its nearest distinct item of ``b`` and its verdict, and the
    same from ``b`` to ``a``, from one similarity matrix."""
    threshold = index.config.threshold if threshold is None else threshold
    a_items, b_items = distinct(a.items()), distinct(b.items())
    scores = similarity(index, a_items.items, b_items.items) if a_items.items and b_items.items else None
    forward, backward = closest_both_ways(index, a_items.items, b_items.items, scores)
    return Coverage(a, b, a_items, b_items, _covered(index, forward, a_items.items, threshold),
                    _covered(index, backward, b_items.items, threshold), scores)


def best_scores(index: Index, items: Sequence[Item], others: Sequence[Plan]) -> list[tuple[Item | None, float | None]]:
    """For each of ``items``, its nearest item in any of ``others`` (distinct items) and their score."""
    pool = [item for plan in others for item in distinct(plan.items()).items]
    if not items or not pool:
        return [(None, None) for _ in items]
    from plancompare.matching.align import closest_counterparts

    return [(m.target, m.score) for m in closest_counterparts(index, items, pool)]
