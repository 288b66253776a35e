"""Aligning items across councils: similarity between items, each item's closest counterpart,
the terms two items share, and how alike two plans are.

Comparing two councils needs only numpy (plancompare.matching.sparse); comparing one council with
all the others (neighbours, indicators) uses scipy's sparse products. Both are imported inside the
functions, so importing this module stays cheap. Every weight comes from the index's MatcherConfig,
and every "is this a match" from config.is_match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plancompare.matching.config import is_match
from plancompare.matching.index import Index
from plancompare.plans.model import Item, Plan

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Match:
    """An item, its closest counterpart in another council, the cosine score and the shared terms."""

    source: Item
    target: Item
    score: float
    terms: tuple[str, ...]



def _kind_group(item: Item) -> str:
    return item.kind if item.kind in ("indicator", "challenge") else "other"


def similarity(index: Index, left: Sequence[Item], right: Sequence[Item]) -> np.ndarray:
    """Similarity of every item of ``left`` with every item of ``right``, from 0 to 1.

    An indicator is compared most readily with indicators and a challenge with challenges: a pair
    across those kinds keeps the config's kind_mismatch share of its cosine, so that a measure is matched with a
    measure rather than with a promise that happens to use the same words.
    """
    from plancompare.matching.sparse import products

    scores = products(index.rows("align", left), index.rows("align", right))
    return _with_kind_penalty(index, scores, _kind_groups(left), _kind_groups(right))


def _kind_groups(items: Sequence[Item]) -> np.ndarray:
    """Each item's kind group (see _kind_group), as an array for _with_kind_penalty."""
    import numpy as np

    return np.array([_kind_group(item) for item in items])


def _with_kind_penalty(index: Index, scores: np.ndarray, left_groups: np.ndarray, right_groups: np.ndarray) -> np.ndarray:
    """``scores`` with pairs across kind groups taken at the config's kind_mismatch, clipped to [0, 1]."""
    import numpy as np

    scores[left_groups[:, None] != right_groups[None, :]] *= index.config.kind_mismatch
    return np.clip(scores, 0.0, 1.0)


def shared_terms(index: Index, left: Item, right: Item, limit: int = 4) -> tuple[str, ...]:
    """The terms that contribute most to two items' similarity, strongest first."""
    return _shared_terms_of_pairs(index, [left], [right], limit)[0]


def _shared_terms_of_pairs(index: Index, lefts: Sequence[Item], rights: Sequence[Item], limit: int = 4) -> list[tuple[str, ...]]:
    """shared_terms for many pairs at once: the columns both items of a pair use are found for every
    pair in one intersection, by numbering each (pair, column) as pair * width + column."""
    import numpy as np

    vocabulary = index.vocabulary()
    words = len(vocabulary.features)
    a, b = index.rows("text", lefts), index.rows("text", rights)

    def keyed(rows) -> np.ndarray:
        pair_of = np.repeat(np.arange(rows.rows, dtype=np.int64), np.diff(rows.indptr))
        return pair_of * rows.width + rows.indices

    common, in_a, in_b = np.intersect1d(keyed(a), keyed(b), assume_unique=True, return_indices=True)
    pair, column = common // a.width, common % a.width
    contribution = a.data[in_a] * b.data[in_b]
    # Concepts both items mention come first, then words by their share of the similarity.
    is_word = column < words
    order = np.lexsort((column, -contribution, is_word, pair))
    bounds = np.searchsorted(pair[order], np.arange(a.rows + 1))
    results = []
    for row in range(a.rows):
        terms: list[str] = []
        for position in order[bounds[row]:bounds[row + 1]].tolist():
            term = vocabulary.term(int(column[position]))
            # A term that repeats a word of a stronger listed term adds nothing to the explanation.
            if not term.startswith("concept: ") and any(set(term.split()) & set(listed.lower().split()) for listed in terms):
                continue
            terms.append(term)
            if len(terms) == limit:
                break
        results.append(tuple(terms))
    return results


def closest_counterparts(index: Index, left: Sequence[Item], right: Sequence[Item]) -> list[Match]:
    """For each item of ``left``, its most similar item of ``right`` (ties go to the earlier item)."""
    if not left or not right:
        return []
    return _best_matches(index, left, right, similarity(index, left, right))


def _best_matches(index: Index, left: Sequence[Item], right: Sequence[Item], scores: np.ndarray) -> list[Match]:
    best = scores.argmax(axis=1)
    targets = [right[column] for column in best]
    terms = _shared_terms_of_pairs(index, left, targets)
    return [
        Match(item, target, index.config.round(scores[row, column]), terms[row])
        for row, (item, target, column) in enumerate(zip(left, targets, best))
    ]


def closest_both_ways(index: Index, left: Sequence[Item], right: Sequence[Item],
                      scores: np.ndarray | None = None) -> tuple[list[Match], list[Match]]:
    """closest_counterparts from ``left`` to ``right`` and back, from one similarity matrix
    (``scores``, when the caller already has similarity(index, left, right))."""
    if not left or not right:
        return [], []
    if scores is None:
        scores = similarity(index, left, right)
    return _best_matches(index, left, right, scores), _best_matches(index, right, left, scores.T)


def compare_plans(index: Index, a: Plan, b: Plan) -> tuple[list[Match], list[Match], float | None]:
    """Each item of ``a`` with its closest item of ``b``, the same from ``b`` to ``a``, and how alike
    the plans are (council_similarity), all from one similarity matrix."""
    left, right = a.items(), b.items()
    if not left or not right:
        return [], [], None
    scores = similarity(index, left, right)
    return _best_matches(index, left, right, scores), _best_matches(index, right, left, scores.T), _mean_best(index, scores)


def _mean_best(index: Index, scores: np.ndarray) -> float:
    return index.config.round((scores.max(axis=1).mean() + scores.max(axis=0).mean()) / 2)


def council_similarity(index: Index, a: Plan, b: Plan, theme: str | None = None) -> float | None:
    """How alike two plans are, 0 to 1: the mean closest-counterpart score in both directions.

    With ``theme``, only items whose top theme it is take part; None when either plan has none.
    """
    left = [item for item in a.items() if theme is None or index.top_theme(item) == theme]
    right = [item for item in b.items() if theme is None or index.top_theme(item) == theme]
    if not left or not right:
        return None
    return _mean_best(index, similarity(index, left, right))


def council_similarities(index: Index, plan: Plan, others: Sequence[Plan]) -> list[tuple[float | None, dict[str, float | None]]]:
    """council_similarity of ``plan`` with each of ``others``, overall and for every theme, as
    (overall, {theme id: similarity or None}) in the order of ``others``.

    Computed from sparse products of the plan's items with a batch of other councils' items at a
    time, then maxima and means over each council's block of columns (numpy reduceat), so the cost
    grows with the number of items, not with pairs of councils times themes in Python.
    """
    import numpy as np

    left = plan.items()
    results: list[tuple[float | None, dict[str, float | None]]] = []
    if not left:
        return [(None, {theme.id: None for theme in index.themes}) for _ in others]

    def top_themes(plans: Sequence[Plan]) -> np.ndarray:
        """The top theme's number of each item of ``plans`` (-1: unclassified), from the arrays."""
        return np.concatenate([np.array(index.council_item_themes(p.council.id).top(), dtype=np.int64) for p in plans])

    left_vectors = index.rows("align", left).to_scipy()
    left_themes = top_themes([plan])
    for batch in _batches([other.items() for other in others], max(1, index.config.batch_cells // len(left))):
        results.extend(_batch_similarities(index, left, left_vectors, left_themes, [others[n] for n in batch], top_themes))
    return results


def _scores_with(index: Index, left: Sequence[Item], left_vectors: Any, right: Sequence[Item]) -> np.ndarray:
    """similarity(left, right) from one scipy product (for a long ``right``, where densifying the
    shared columns as similarity does would take too much memory)."""
    scores = (left_vectors @ index.rows("align", right).to_scipy().T).toarray()
    return _with_kind_penalty(index, scores, _kind_groups(left), _kind_groups(right))


def _batches(groups: Sequence[Sequence[Any]], size: int) -> list[list[int]]:
    """Consecutive groups gathered into batches of at most ``size`` members (a bigger group alone)."""
    batches: list[list[int]] = []
    members = size
    for number, group in enumerate(groups):
        if not batches or members + len(group) > size:
            batches.append([])
            members = 0
        batches[-1].append(number)
        members += len(group)
    return batches


def closest_across(index: Index, sources: Sequence[Sequence[Item]], groups: Sequence[Sequence[Item]],
                   at_least: float = 0.0) -> list[list[dict[int, tuple[Item, float]]]]:
    """For every list of ``sources`` and every group of items (each council's indicators, say):
    {position of a source item: (its most similar item of the group, their score)} for the source
    items whose best score is at least ``at_least``, as closest_counterparts would give them (ties go
    to the earlier item). Indexed result[source list][group].

    The groups' vectors are gathered once per batch of groups and each source list multiplied with
    them in one sparse product; the best item of every group is then found for all groups at once
    (numpy reduceat over the groups' blocks of columns), so nothing loops over pairs of councils.
    """
    import numpy as np

    results: list[list[dict[int, tuple[Item, float]]]] = [[] for _ in sources]
    lefts = [index.rows("align", source).to_scipy() if source else None for source in sources]
    left_groups = [_kind_groups(source) for source in sources]
    longest = max((len(source) for source in sources), default=1) or 1
    for batch in _batches(groups, max(1, index.config.batch_cells // longest)):
        members = [groups[number] for number in batch]
        right = [item for group in members for item in group]
        filled = [n for n, group in enumerate(members) if group]
        if not right:
            for found in results:
                found.extend({} for _ in batch)
            continue
        right_vectors = index.rows("align", right).to_scipy().T.tocsr()
        right_groups = _kind_groups(right)
        sizes = np.array([len(members[n]) for n in filled])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        column = np.arange(len(right))
        for source, left_vectors, groups_of_source, found in zip(sources, lefts, left_groups, results):
            kept: list[dict[int, tuple[Item, float]]] = [{} for _ in batch]
            if source:
                scores = _with_kind_penalty(index, (left_vectors @ right_vectors).toarray(), groups_of_source, right_groups)
                best = np.maximum.reduceat(scores, starts, axis=1)  # source items × filled groups
                # The first column of each group that reaches its best score.
                first = np.minimum.reduceat(np.where(scores == np.repeat(best, sizes, axis=1), column, len(right)), starts, axis=1)
                # A match as is_match defines it (on the rounded score); the margin only widens the candidates.
                margin = 10 ** -index.config.score_digits
                for row, group in zip(*np.nonzero(best >= at_least - margin)):
                    score = index.config.round(best[row, group])
                    if is_match(score, at_least, index.config.score_digits):
                        kept[filled[group]][int(row)] = (right[first[row, group]], score)
            found.extend(kept)
    return results


def _batch_similarities(index, left, left_vectors, left_themes, batch, top_themes):
    import numpy as np

    right = [item for other in batch for item in other.items()]
    sizes = np.array([len(other.items()) for other in batch])
    council_of = np.repeat(np.arange(len(batch)), sizes)
    if not right:
        return [(None, {theme.id: None for theme in index.themes}) for _ in batch]
    scores = _scores_with(index, left, left_vectors, right)
    right_themes = top_themes(batch)

    def mean_best(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """For every council of the batch, the mean best score both ways between ``rows`` of the
        plan and the council's ``columns``; NaN where either side is empty."""
        block = scores[rows][:, columns]
        owners = council_of[columns]
        values = np.full(len(batch), np.nan)
        if not block.size:
            return values
        present, starts = np.unique(owners, return_index=True)
        forward = np.maximum.reduceat(block, starts, axis=1).mean(axis=0)
        counts = np.diff(np.append(starts, len(owners)))
        backward = np.add.reduceat(block.max(axis=0), starts) / counts
        values[present] = (forward + backward) / 2
        return values

    everything = mean_best(np.arange(len(left)), np.arange(len(right)))
    by_theme = {theme.id: mean_best(np.flatnonzero(left_themes == number), np.flatnonzero(right_themes == number))
                for number, theme in enumerate(index.themes)}

    def value(number: float) -> float | None:
        return None if np.isnan(number) else index.config.round(number)

    return [(value(everything[k]), {theme: value(values[k]) for theme, values in by_theme.items()}) for k in range(len(batch))]
