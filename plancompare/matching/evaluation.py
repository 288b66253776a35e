"""Measuring the matcher against hand-labelled data: theme accuracy, alignment recall, negatives
aligned by mistake, and search recall and precision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancompare.matching.align import similarity
from plancompare.matching.index import Index


@dataclass(frozen=True)
class ThemeLabel:
    """A careful reader's theme for one item; ``also`` lists themes that are equally right."""

    item_id: str
    theme: str | None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairLabel:
    """Two items from different councils that make the same commitment (or, when ``negative``,
    share words but do not); ``also_a`` / ``also_b`` are further items of a's / b's council that make
    it too, so finding one of them instead counts as finding the pair."""

    a: str
    b: str
    also_a: tuple[str, ...] = ()
    also_b: tuple[str, ...] = ()
    negative: bool = False


@dataclass(frozen=True)
class QueryLabel:
    """A search query, every item a reader wants it to find, and items it may find or not."""

    query: str
    relevant: tuple[str, ...]
    partial: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeAccuracy:
    labelled: int
    correct: int
    misses: tuple[tuple[str, str | None, str | None], ...]  # (item id, label, predicted)

    @property
    def rate(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0


@dataclass(frozen=True)
class AlignmentRecall:
    pairs: int
    forward: int  # a's closest counterpart in b's council is b
    backward: int  # b's closest counterpart in a's council is a
    mutual: int  # both
    within_three: int  # b among a's three closest, or a among b's
    either: int = 0  # a finds b as closest, or b finds a

    def rate(self, count: int) -> float:
        return count / self.pairs if self.pairs else 0.0


def theme_accuracy(index: Index, labels: Sequence[ThemeLabel]) -> ThemeAccuracy:
    """Top-1 accuracy: the predicted best theme is the label or one of its equally right themes;
    an item labelled with no theme counts as correct only when the matcher leaves it unclassified."""
    correct = 0
    misses = []
    by_id = {item.id: item for item in index.items}
    for label in labels:
        predicted = index.top_theme(by_id[label.item_id])
        accepted = {label.theme, *label.also}
        if predicted in accepted:
            correct += 1
        else:
            misses.append((label.item_id, label.theme, predicted))
    return ThemeAccuracy(len(labels), correct, tuple(misses))


def alignment_recall(index: Index, pairs: Sequence[PairLabel]) -> AlignmentRecall:
    """How many labelled pairs the matcher finds as closest counterparts, in each direction."""
    by_id = {item.id: item for item in index.items}
    forward = backward = mutual = within_three = either = 0
    for pair in pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        # Rank 1 is the closest counterpart as closest_counterparts picks it (ties to the earlier item).
        rank_forward = _rank(index, a, b.council_id, {pair.b, *pair.also_b})
        rank_backward = _rank(index, b, a.council_id, {pair.a, *pair.also_a})
        forward += rank_forward == 1
        backward += rank_backward == 1
        mutual += rank_forward == 1 and rank_backward == 1
        either += rank_forward == 1 or rank_backward == 1
        within_three += rank_forward <= 3 or rank_backward <= 3
    return AlignmentRecall(len(pairs), forward, backward, mutual, within_three, either)


@dataclass(frozen=True)
class OnlyInRate:
    """How many labelled same-commitment pairs a comparison of their two councils calls "only in":
    either item's nearest counterpart in the other council (each text counted once) scores below
    the partly covered band."""

    pairs: int
    called_only: int
    misses: tuple[tuple[str, str, float], ...]  # (a, b, the lower of the two nearest scores)

    @property
    def rate(self) -> float:
        return self.called_only / self.pairs if self.pairs else 0.0


def only_in_rate(index: Index, pairs: Sequence[PairLabel], floor: float | None = None) -> OnlyInRate:
    """The false "only in" rate over labelled same-commitment ``pairs``: pairs either of whose
    items has no counterpart reaching ``floor`` (by default the bottom of the partly covered band,
    as config.verdict draws it; the threshold itself measures the rate with no band)."""
    from plancompare.matching.config import is_match
    from plancompare.matching.coverage import distinct

    floor = min(index.config.partly_floor, index.config.threshold) if floor is None else floor

    by_id = {item.id: item for item in index.items}
    pools: dict[str, list] = {}
    called = []
    for pair in pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        scores = []
        for item, other in ((a, b.council_id), (b, a.council_id)):
            if other not in pools:
                pools[other] = list(distinct(index.plan(other).items()).items)
            scores.append(index.config.round(similarity(index, [item], pools[other])[0].max()))
        if not all(is_match(score, floor, index.config.score_digits) for score in scores):
            called.append((pair.a, pair.b, min(scores)))
    return OnlyInRate(len(pairs), len(called), tuple(called))


@dataclass(frozen=True)
class NegativesShown:
    """Labelled negatives (pairs that share words but are not the same commitment) by what a
    comparison of their councils would show: ``closest`` pairs where one item is the other's closest
    counterpart, at any score; of those, ``matched`` where that score earns "matched" and ``partly``
    where it earns "partly covered" (config.verdict)."""

    pairs: int
    closest: int
    matched: int
    partly: int


def negatives_shown(index: Index, pairs: Sequence[PairLabel]) -> NegativesShown:
    """How many labelled negatives a comparison would show as each other's counterpart, and with
    which verdict (the strongest of the two directions in which one is the other's closest)."""
    from plancompare.matching.config import MATCHED, PARTLY

    by_id = {item.id: item for item in index.items}
    closest = matched = partly = 0
    for pair in pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        verdicts = set()
        for source, target in ((a, b), (b, a)):
            rank, score = _rank_and_score(index, source, target.council_id, {target.id})
            if rank == 1:
                verdicts.add(index.config.verdict(index.config.round(score)))
        closest += bool(verdicts)
        matched += MATCHED in verdicts
        partly += MATCHED not in verdicts and PARTLY in verdicts
    return NegativesShown(len(pairs), closest, matched, partly)


def _rank(index: Index, source, council_id: str, targets: set[str]) -> int:
    """The best rank of any of ``targets`` among ``source``'s counterparts in ``council_id``'s plan
    (1 = closest; ties go to the earlier item), over the plan's distinct texts as a comparison shows
    them (coverage.distinct): a repeated text is one counterpart, and a copy of a target's text is
    the target."""
    return _rank_and_score(index, source, council_id, targets)[0]


def _rank_and_score(index: Index, source, council_id: str, targets: set[str]) -> tuple[int, float]:
    """_rank, and the score of the best-ranked target."""
    from plancompare.matching.coverage import distinct, text_key

    candidates = list(distinct(index.plan(council_id).items()).items)
    wanted = {text_key(item) for item in index.plan(council_id).items() if item.id in targets}
    scores = similarity(index, [source], candidates)[0]
    order = sorted(range(len(candidates)), key=lambda column: (-scores[column], column))
    ranked = [text_key(candidates[column]) for column in order]
    rank = min(ranked.index(key) + 1 for key in wanted)
    return rank, float(scores[order[rank - 1]])


@dataclass(frozen=True)
class SearchQuality:
    """Search measured on a query set: per query, the share of its relevant items in the first
    ``depth`` results (of at most ``depth`` of them, so a perfect ranking scores 1), and the share of the first ``top`` results (partial items left out of the
    count) that are relevant; ``recall`` and ``precision`` are their means over the queries."""

    queries: int
    recall: float
    precision: float
    misses: tuple[tuple[str, tuple[str, ...]], ...]  # (query, relevant items not found)
    false_hits: tuple[tuple[str, tuple[str, ...]], ...]  # (query, irrelevant items in the top)


def search_quality(index: Index, queries: Sequence[QueryLabel], depth: int = 20, top: int = 5) -> SearchQuality:
    """Recall at ``depth`` and precision at ``top`` of plancompare's search on ``queries``."""
    from plancompare.matching.search import search

    recalls, precisions, misses, false_hits = [], [], [], []
    for label in queries:
        found = [item.id for item, _ in search(index, label.query)]
        relevant = set(label.relevant)
        first = set(found[:depth])
        # A query with more relevant items than ``depth`` is out of reach of a perfect ranking when
        # divided by all of them: the share is of as many as the first results can hold.
        recalls.append(len(relevant & first) / min(len(relevant), depth) if relevant else 1.0)
        judged = [item for item in found[:top] if item not in label.partial]
        wrong = tuple(item for item in judged if item not in relevant)
        # A query whose first results are all partial items has nothing wrong in them.
        precisions.append((len(judged) - len(wrong)) / len(judged) if judged else float(bool(found)))
        if relevant - first:
            misses.append((label.query, tuple(sorted(relevant - first))))
        if wrong:
            false_hits.append((label.query, wrong))
    count = len(queries)
    return SearchQuality(count, sum(recalls) / count if count else 0.0, sum(precisions) / count if count else 0.0,
                         tuple(misses), tuple(false_hits))
