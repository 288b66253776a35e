"""How alike two councils' plans are, in a way that does not follow plan size, and why.

Likeness combines two things, each from 0 to 1 and each unmoved (in expectation) by how many items
a plan has:

- *promises*: the share of each plan's items that find a match in the other, both ways, averaged.
  A raw share grows with the other plan's length (more candidates, more chances), so each item's
  chance is taken as if the other plan had ``reference_items`` items drawn from it: an item matched
  by k of the other plan's n items counts 1 - (1 - k/n)^m, m = reference_items. Subsampling either
  plan keeps k/n, and so the figure.
- *emphasis*: how alike the plans' theme shares are: 1 minus half the summed absolute differences
  of the shares of items whose top theme each theme is (1: the same mix; 0: no theme in common).

likeness = promise_weight × promises + (1 − promise_weight) × emphasis. Items are counted once
however often a plan repeats them (matching.coverage.distinct). Scaled 0-100 against the pairs of
a set of councils, so that the spread is readable.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plancompare.matching.align import _batches, _scores_with, similarity
from plancompare.matching.coverage import distinct
from plancompare.matching.index import Index
from plancompare.plans.model import Item, Plan

if TYPE_CHECKING:
    import numpy as np

UNCLASSIFIED = ""
#: The 0-100 scale is set by the pairs among at most this many councils (a seeded sample beyond it).
REFERENCE_COUNCILS = 16


@dataclass(frozen=True)
class Likeness:
    """How alike plans ``a`` and ``b`` are (raw, 0-1) and its two parts, with, when explained, the
    themes both give most weight (theme, share a, share b), the themes weighted most differently,
    and the strongest matched commitments (item of a, item of b, score)."""

    a: str
    b: str
    raw: float
    promises: float
    emphasis: float
    alike_themes: tuple[tuple[str, float, float], ...] = ()
    differing_themes: tuple[tuple[str, float, float], ...] = ()
    examples: tuple[tuple[Item, Item, float], ...] = field(default=())
    #: The share of a's distinct items matched in b's plan, and of b's matched in a's (explain only):
    #: what the two have in common in plain terms, beside the relative 0-100 scale.
    matched_shares: tuple[float, float] | None = None


def theme_shares(index: Index, plan: Plan) -> dict[str, float]:
    """Share of the plan's distinct items whose top theme each theme is ("" for unclassified)."""
    import numpy as np

    # The index knows where the plan repeats a text (CouncilThemes.repeats), so the texts need not
    # be keyed again here.
    tops = np.asarray(index.council_item_themes(plan.council.id).distinct_top(), dtype=np.int64)
    if not len(tops):
        return {}
    ids = [theme.id for theme in index.themes]
    shares = {theme_id: float(np.mean(tops == number)) for number, theme_id in enumerate(ids)}
    shares[UNCLASSIFIED] = float(np.mean(tops < 0))
    return shares


def emphasis_alike(shares_a: dict[str, float], shares_b: dict[str, float], items_a: int, items_b: int) -> float:
    """1 minus the distance between two plans' theme shares, as a share of the largest possible
    (sqrt 2). The squared distance is corrected for sampling noise (a share p of n items carries
    p(1-p)/(n-1) of variance), which would otherwise make a short plan look less alike to everyone."""
    if not shares_a or not shares_b:
        return 0.0
    keys = set(shares_a) | set(shares_b)
    squared = sum((shares_a.get(key, 0.0) - shares_b.get(key, 0.0)) ** 2 for key in keys)
    for shares, items in ((shares_a, items_a), (shares_b, items_b)):
        if items > 1:
            squared -= sum(share * (1 - share) for share in shares.values()) / (items - 1)
    return 1.0 - (max(0.0, squared) / 2) ** 0.5


def pooled(matches: Any, pool: int, reference: int) -> Any:
    """An item's chance of a match among ``reference`` items drawn at random, without replacement,
    from a plan of ``pool`` items of which ``matches`` match it: 1 - C(pool-matches, reference) /
    C(pool, reference). Estimated from a random part of a plan this is unbiased, so it does not
    drift with plan size; a plan shorter than ``reference`` is drawn from with replacement instead
    (1 - (1 - matches/pool)^reference)."""
    import numpy as np

    matches = np.asarray(matches, dtype=float)
    if pool < reference:
        return 1.0 - (1.0 - matches / pool) ** reference
    rest = pool - matches
    none = np.exp(_log_factorial(rest) - _log_factorial(np.maximum(rest - reference, 0))
                  - math.lgamma(pool + 1) + math.lgamma(pool - reference + 1))
    return np.where(rest >= reference, 1.0 - none, 1.0)


def _log_factorial(values: Any) -> Any:
    """log(v!) of each (whole, non-negative) value, by math.lgamma on the distinct values: a plan's
    match counts take few values, and scipy.special, whose import alone costs a repeat `diff` a
    tenth of its time budget, is not needed for them."""
    import numpy as np

    distinct, positions = np.unique(values, return_inverse=True)
    return np.array([math.lgamma(value + 1) for value in distinct.tolist()])[positions].reshape(np.shape(values))


def _combine(index: Index, a: str, b: str, promises: float, emphasis: float) -> Likeness:
    weight = index.config.promise_weight
    raw = weight * promises + (1 - weight) * emphasis
    r = index.config.round
    return Likeness(a, b, r(raw), r(promises), r(emphasis))


def likenesses(index: Index, plan: Plan, others: Sequence[Plan], threshold: float | None = None,
               scores: Any = None) -> list[Likeness]:
    """likeness of ``plan`` with each of ``others`` (unexplained), from sparse products of the
    plan's distinct items with a batch of other councils' distinct items at a time. ``scores``: with
    one other plan, the similarity of the two plans' distinct items when the caller has it already
    (coverage keeps it), so that it is not computed twice."""
    import numpy as np

    threshold = index.config.threshold if threshold is None else threshold
    floor = threshold - 10 ** -index.config.score_digits / 2  # is_match on the rounded score
    m = index.config.reference_items
    left = distinct(plan.items()).items
    shares = theme_shares(index, plan)
    pools = [distinct(other.items()).items for other in others]
    results: list[Likeness] = []
    if not left:
        return [_combine(index, plan.council.id, other.council.id, 0.0, 0.0) for other in others]
    # One other council (diff) is compared as coverage compares it, in numpy alone; many (neighbours)
    # in scipy products a batch at a time, whose matrices would be too large to make dense.
    left_vectors = index.rows("align", left).to_scipy() if len(others) > 1 else None
    for batch in _batches(pools, max(1, index.config.batch_cells // len(left))):
        right = [item for number in batch for item in pools[number]]
        promises: dict[int, float] = {}
        if right:
            if left_vectors is not None:
                batch_scores = _scores_with(index, left, left_vectors, right)
            else:
                batch_scores = similarity(index, left, right) if scores is None else scores
            hits = batch_scores >= floor
            sizes = np.array([len(pools[number]) for number in batch])
            filled = [n for n, size in enumerate(sizes) if size]
            starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[filled]
            forward = np.add.reduceat(hits, starts, axis=1)  # left items x filled councils
            backward = hits.sum(axis=0)  # each right item's matches among left
            for column, n in enumerate(filled):
                there = pooled(forward[:, column], sizes[n], m).mean()
                back = pooled(backward[starts[column]:starts[column] + sizes[n]], len(left), m).mean()
                promises[n] = float((there + back) / 2)
        for n, number in enumerate(batch):
            other = others[number]
            results.append(_combine(index, plan.council.id, other.council.id, promises.get(n, 0.0),
                                    emphasis_alike(shares, theme_shares(index, other), len(left), len(pools[number]))))
    return results


def explain(index: Index, a: Plan, b: Plan, threshold: float | None = None, count: int = 3) -> Likeness:
    """likeness of ``a`` and ``b`` with its reasons: the ``count`` themes both weight most, the
    ``count`` themes they weight most differently (never one of the first), and the ``count``
    strongest matched commitments."""
    from plancompare.matching.coverage import coverage
    from plancompare.matching.config import MATCHED

    compared = coverage(index, a, b, threshold)
    (base,) = likenesses(index, a, [b], threshold, compared.scores)
    shares_a, shares_b = theme_shares(index, a), theme_shares(index, b)
    themes = [theme.id for theme in index.themes]
    alike = sorted((t for t in themes if min(shares_a.get(t, 0), shares_b.get(t, 0)) > 0),
                   key=lambda t: (-min(shares_a[t], shares_b[t]), t))[:count]
    differing = sorted((t for t in themes if t not in alike and shares_a.get(t, 0) != shares_b.get(t, 0)),
                       key=lambda t: (-abs(shares_a.get(t, 0) - shares_b.get(t, 0)), t))[:count]
    examples, used = [], set()
    for row in sorted(compared.forward, key=lambda row: (-(row.score or 0), row.item.id)):
        if (row.verdict != MATCHED or row.nearest is None or row.nearest.id in used
                or "indicator" in (row.item.kind, row.nearest.kind)):
            continue
        used.add(row.nearest.id)
        examples.append((row.item, row.nearest, row.score))
        if len(examples) == count:
            break
    r = index.config.round

    def matched_share(rows) -> float:
        return r(sum(1 for row in rows if row.verdict == MATCHED) / len(rows)) if rows else 0.0

    return Likeness(base.a, base.b, base.raw, base.promises, base.emphasis,
                    tuple((t, r(shares_a.get(t, 0)), r(shares_b.get(t, 0))) for t in alike),
                    tuple((t, r(shares_a.get(t, 0)), r(shares_b.get(t, 0))) for t in differing),
                    tuple(examples), (matched_share(compared.forward), matched_share(compared.backward)))


def reference_range(index: Index, plans: Sequence[Plan], threshold: float | None = None,
                    include: Plan | None = None) -> tuple[float, float]:
    """The lowest and highest raw likeness among pairs of ``plans`` (of a seeded sample of
    REFERENCE_COUNCILS of them, always with ``include``, when there are more): the ends of the
    0-100 scale."""
    plans = list(plans)
    if len(plans) > REFERENCE_COUNCILS:
        rest = [plan for plan in plans if include is None or plan.council.id != include.council.id]
        sample = random.Random(0).sample(rest, REFERENCE_COUNCILS - (include is not None))
        plans = ([include] if include is not None else []) + sample
    values = [value.raw for n, plan in enumerate(plans) for value in likenesses(index, plan, plans[n + 1:], threshold)]
    return (min(values), max(values)) if values else (0.0, 1.0)


def scaled(raw: float, bounds: tuple[float, float]) -> float:
    """``raw`` on the 0-100 scale whose ends are ``bounds`` (clipped; 100 when the set has one value)."""
    low, high = bounds
    if high <= low:
        return 100.0
    return round(max(0.0, min(100.0, 100 * (raw - low) / (high - low))), 1)
