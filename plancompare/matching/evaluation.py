"""Measuring the matcher against hand-labelled data: theme accuracy and alignment recall."""

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
    """Two items from different councils that make the same commitment."""

    a: str
    b: str


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
    forward = backward = mutual = within_three = 0
    for pair in pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        # Rank 1 is the closest counterpart as closest_counterparts picks it (ties to the earlier item).
        rank_forward, rank_backward = _rank(index, a, b), _rank(index, b, a)
        forward += rank_forward == 1
        backward += rank_backward == 1
        mutual += rank_forward == 1 and rank_backward == 1
        within_three += rank_forward <= 3 or rank_backward <= 3
    return AlignmentRecall(len(pairs), forward, backward, mutual, within_three)


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


def _rank(index: Index, source, target) -> int:
    """Where ``target`` ranks among ``source``'s counterparts in target's council (1 = closest)."""
    candidates = list(index.plan(target.council_id).items())
    scores = similarity(index, [source], candidates)[0]
    order = sorted(range(len(candidates)), key=lambda column: (-scores[column], column))
    return [candidates[column].id for column in order].index(target.id) + 1


@dataclass(frozen=True)
class DraftAccuracy:
    """How a draft compares with the curated plan: recall of curated items, precision of drafted ones."""

    curated: int
    recovered: int
    drafted: int
    real: int

    @property
    def recall(self) -> float:
        return self.recovered / self.curated if self.curated else 0.0

    @property
    def precision(self) -> float:
        return self.real / self.drafted if self.drafted else 0.0


#: Two texts are the same item when their normalised forms score at least this (rapidfuzz ratio).
SAME_ITEM_SCORE = 90


def draft_accuracy(curated_texts: Sequence[str], drafted_texts: Sequence[str]) -> DraftAccuracy:
    """Recall: curated items whose text the draft has (near-identically, after normalising).
    Precision: drafted items that are curated items."""
    from rapidfuzz import fuzz, process

    from plancompare.plans.textnorm import normalise

    curated = [normalise(text).casefold() for text in curated_texts]
    drafted = [normalise(text).casefold() for text in drafted_texts]

    def found(text: str, pool: list[str], pool_set: set[str]) -> bool:
        return text in pool_set or process.extractOne(text, pool, scorer=fuzz.ratio, score_cutoff=SAME_ITEM_SCORE) is not None

    curated_set, drafted_set = set(curated), set(drafted)
    recovered = sum(found(text, drafted, drafted_set) for text in curated)
    real = sum(found(text, curated, curated_set) for text in drafted)
    return DraftAccuracy(len(curated), recovered, len(drafted), real)
