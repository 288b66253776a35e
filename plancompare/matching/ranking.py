"""From raw theme scores to each item's ranked themes: blended with the item's section, rounded,
the best few kept. Pure functions over numpy arrays (imported inside them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plancompare.matching.config import MatcherConfig
from plancompare.plans.model import Item


def blend_with_section(raw: Any, items: Sequence[Item], section_weight: float) -> Any:
    """Blend each item's theme scores with the mean of its section's (its priority, or for
    plan-level statements the plan's statements of that kind): items a plan groups together tend
    to share themes, and a terse item borrows its neighbours' sense. Linear in the number of items."""
    import numpy as np

    codes: dict[tuple[str, str], int] = {}
    group = np.fromiter(
        (codes.setdefault((item.council_id, item.priority_id or item.kind), len(codes)) for item in items),
        dtype=np.int64, count=len(items),
    )
    if not len(group):
        return raw.copy()
    sizes = np.bincount(group)
    means = np.stack([np.bincount(group, weights=raw[:, column]) for column in range(raw.shape[1])], axis=1)
    means /= sizes[:, None]
    return (1 - section_weight) * raw + section_weight * means[group]


def ranked_themes(scores: Any, config: MatcherConfig) -> tuple[Any, Any]:
    """Each row's best themes: (theme indexes, scores), config.max_themes columns (fewer when there
    are fewer themes), best first; scores are rounded to config.score_digits first and ties go to the
    earlier theme; -1 and 0 fill the columns of themes below config.theme_floor."""
    import numpy as np

    rounded = np.where(scores >= config.theme_floor, np.round(scores, config.score_digits), -1.0)
    order = np.argsort(-rounded, axis=1, kind="stable")[:, :config.max_themes]
    best = np.take_along_axis(rounded, order, axis=1)
    present = best >= 0
    return np.where(present, order, -1).astype(np.int16), np.where(present, best, 0.0)
