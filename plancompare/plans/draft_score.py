"""Scoring a draft against a curated plan: which drafted items are the curated ones, one to one.

The matching rule: two item texts are the same item when, after normalising (textnorm.normalise,
then case-folding), they are equal or their rapidfuzz ratio is at least SAME_ITEM_SCORE. Each
curated item is paired with at most one drafted item and each drafted item with at most one curated
item: pairs are taken best score first (exact matches before near ones, then in document order), so
a drafted text that runs two curated items together counts once, not twice. Recall is the share of
curated items paired; precision the share of drafted items paired; kind accuracy the share of
pairs whose drafted kind is the curated kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancompare.plans.textnorm import normalise

#: Two texts are the same item when their normalised forms score at least this (rapidfuzz ratio).
SAME_ITEM_SCORE = 90


@dataclass(frozen=True)
class DraftScore:
    """How a draft compares with the curated plan."""

    curated: int
    drafted: int
    paired: int
    kind_right: int
    #: (curated index, drafted index) of each pair.
    pairs: tuple[tuple[int, int], ...] = ()

    @property
    def recall(self) -> float:
        return self.paired / self.curated if self.curated else 0.0

    @property
    def precision(self) -> float:
        return self.paired / self.drafted if self.drafted else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.paired if self.paired else 0.0


def pair_texts(curated_texts: Sequence[str], drafted_texts: Sequence[str]) -> list[tuple[int, int]]:
    """The one-to-one pairs (curated index, drafted index) under the matching rule."""
    from rapidfuzz import fuzz, process

    curated = [normalise(text).casefold() for text in curated_texts]
    drafted = [normalise(text).casefold() for text in drafted_texts]
    candidates: list[tuple[float, int, int]] = []
    for c_index, text in enumerate(curated):
        for _, score, d_index in process.extract(text, drafted, scorer=fuzz.ratio, score_cutoff=SAME_ITEM_SCORE, limit=None):
            exact = 1.0 if drafted[d_index] == text else 0.0
            candidates.append((score + exact, c_index, d_index))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_c: set[int] = set()
    used_d: set[int] = set()
    pairs = []
    for _, c_index, d_index in candidates:
        if c_index not in used_c and d_index not in used_d:
            used_c.add(c_index)
            used_d.add(d_index)
            pairs.append((c_index, d_index))
    return sorted(pairs)


def score_draft(curated: Sequence[tuple[str, str]], drafted: Sequence[tuple[str, str]]) -> DraftScore:
    """Score drafted (kind, text) items against curated (kind, text) items."""
    pairs = pair_texts([text for _, text in curated], [text for _, text in drafted])
    kind_right = sum(curated[c][0] == drafted[d][0] for c, d in pairs)
    return DraftScore(len(curated), len(drafted), len(pairs), kind_right, tuple(pairs))
