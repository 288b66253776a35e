"""Comparing items: the Index of every item's themes and vectors, similarity between items,
closest counterparts across councils, shared terms, council similarity and search.

Pure functions of the plans and the taxonomy. The Index is built by plancompare.fitting (which fits
the TF-IDF weights with scikit-learn) or read back from the cache. Comparing two councils needs only
numpy; comparing one council with all the others (neighbours, indicators) uses scipy's sparse
products. Both are imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plancompare.model import Item, Plan, Theme

if TYPE_CHECKING:
    import numpy as np

#: Words that every plan uses and that say nothing about what a promise is about.
PLAN_STOP_WORDS = frozenset(
    """
    will ensure continue continued including include includes deliver delivering delivery make making
    city council borough councils people residents local sandwell coventry stoke trent wolverhampton
    need needs work working use using develop developing develop provide providing help helping
    improve improving improved increase increasing new plan strategy strategies approach ways way
    able opportunities opportunity right key good best better high quality level levels number numbers
    percentage rate per year years
    """.split()
)

CONTEXT_WEIGHT = 0.35
CHAR_WEIGHT = 1.0
ALIGN_CHAR_WEIGHT = 1.0
ALIGN_THEME_WEIGHT = 0.6
KIND_MISMATCH = 0.85
SECTION_WEIGHT = 0.3
#: Themes an item scores below this (after rescaling) are not given to it.
THEME_FLOOR = 0.03
#: At most this many themes are listed for an item.
MAX_THEMES = 3
#: Default similarity above which two items count as the same commitment.
DEFAULT_THRESHOLD = 0.3
SCORE_DIGITS = 4
#: council_similarities compares a plan with other councils' items this many score cells at a time.
BATCH_CELLS = 4_000_000


@dataclass(frozen=True)
class ThemeScore:
    """How strongly an item belongs to a theme, from 0 to 1."""

    theme: str
    score: float


@dataclass(frozen=True)
class Match:
    """An item, its closest counterpart in another council, the cosine score and the shared terms."""

    source: Item
    target: Item
    score: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class CouncilThemes:
    """A council's item themes, MAX_THEMES entries per item in plan order: the indexes (into the
    taxonomy) of its best themes, best first, -1 where there are fewer, and their scores.

    Kept in stdlib arrays rather than numpy's so that reading them back (`themes` on a repeat run)
    does not import numpy.
    """

    theme_index: Any  # array.array("h"), items × MAX_THEMES, row by row
    scores: Any  # array.array("d"), the same shape

    @classmethod
    def from_numpy(cls, theme_index: Any, scores: Any) -> CouncilThemes:
        """From items × MAX_THEMES numpy arrays."""
        import array

        indexes, values = array.array("h"), array.array("d")
        indexes.frombytes(theme_index.astype("int16").tobytes())
        values.frombytes(scores.astype("float64").tobytes())
        return cls(indexes, values)

    def __len__(self) -> int:
        return len(self.theme_index) // MAX_THEMES

    def top(self) -> Any:
        """Each item's best theme index (-1: unclassified)."""
        return self.theme_index[0::MAX_THEMES]

    def rows(self) -> list[tuple[list[int], list[float]]]:
        """(theme indexes, scores) of each item."""
        return [(self.theme_index[start:start + MAX_THEMES].tolist(), self.scores[start:start + MAX_THEMES].tolist())
                for start in range(0, len(self.theme_index), MAX_THEMES)]


@dataclass(frozen=True)
class CouncilVectors:
    """One council's item vectors, a row per item in plan order (see sparse.SparseRows)."""

    text: Any  # word TF-IDF of the item's text: shared terms
    align: Any  # words, character n-grams and theme scores: similarity between items
    search: Any  # words with the section title as context: search


@dataclass(frozen=True)
class Vocabulary:
    """What turns a search query into a vector: the word features (sorted), their IDF weights and
    the stop words."""

    features: Any  # numpy array of str
    idf: Any  # numpy float array
    stop_words: tuple[str, ...]


class Index:
    """Every item of a set of plans with its themes and vectors.

    Built by build_index, or read back from the cache a council at a time (workspace.load_index):
    plans, item themes and vectors are each loaded the first time something asks for them, so that
    comparing two councils of four hundred reads only those two.
    """

    def __init__(self, themes: Sequence[Theme], councils: Sequence[str], load_plan: Callable[[str], Plan],
                 load_item_themes: Callable[[str], CouncilThemes],
                 load_vectors: Callable[[str], CouncilVectors], load_vocabulary: Callable[[], Vocabulary]):
        self.themes = tuple(themes)
        self.councils = tuple(councils)
        self._loaders = {"plan": load_plan, "themes": load_item_themes, "vectors": load_vectors}
        self._load_vocabulary = load_vocabulary
        self._loaded: dict[tuple[str, str], Any] = {}
        self._vocabulary: Vocabulary | None = None

    def _get(self, what: str, council_id: str) -> Any:
        key = (what, council_id)
        if key not in self._loaded:
            self._loaded[key] = self._loaders[what](council_id)
        return self._loaded[key]

    @property
    def plans(self) -> tuple[Plan, ...]:
        """Every plan in the index, in order."""
        return tuple(self.plan(council_id) for council_id in self.councils)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every plan."""
        return tuple(item for plan in self.plans for item in plan.items())

    @property
    def item_themes(self) -> dict[str, tuple[ThemeScore, ...]]:
        """item id -> ranked themes above the floor (empty: unclassified), for every item."""
        return {item.id: self.themes_of(item) for item in self.items}

    def plan(self, council_id: str) -> Plan:
        """The plan of a council in the index."""
        return self._get("plan", council_id)

    def _ranked_themes(self, council_id: str) -> list[tuple[ThemeScore, ...]]:
        key = ("ranked", council_id)
        if key not in self._loaded:
            themes = self.council_item_themes(council_id)
            self._loaded[key] = [
                tuple(ThemeScore(self.themes[t].id, score) for t, score in zip(indexes, scores) if t >= 0)
                for indexes, scores in themes.rows()
            ]
        return self._loaded[key]

    def themes_of(self, item: Item) -> tuple[ThemeScore, ...]:
        """The item's themes, best first."""
        return self._ranked_themes(item.council_id)[self._positions(item.council_id)[item.id]]

    def top_theme(self, item: Item) -> str | None:
        """The item's best theme id, or None when unclassified."""
        ranked = self.themes_of(item)
        return ranked[0].theme if ranked else None

    def theme_counts(self, council_id: str) -> dict[str, int]:
        """How many of a council's items have each theme as their top theme ('' for unclassified),
        without loading its plan."""
        top = self.council_item_themes(council_id).top()
        counts = {theme.id: 0 for theme in self.themes}
        counts[""] = 0
        for index in top:
            counts[self.themes[index].id if index >= 0 else ""] += 1
        return counts

    def item_count(self, council_id: str) -> int:
        """How many items a council's plan has, without loading it."""
        return len(self.council_item_themes(council_id))

    def vocabulary(self) -> Vocabulary:
        """The word features, IDF weights and stop words (loaded on first use)."""
        if self._vocabulary is None:
            self._vocabulary = self._load_vocabulary()
        return self._vocabulary

    def council_item_themes(self, council_id: str) -> CouncilThemes:
        """A council's item themes (see CouncilThemes)."""
        return self._get("themes", council_id)

    def council_vectors(self, council_id: str) -> CouncilVectors:
        """A council's vectors (loaded on first use)."""
        return self._get("vectors", council_id)

    def rows(self, which: str, items: Sequence[Item]):
        """The ``which`` ("text", "align" or "search") vectors of ``items``, in order, as SparseRows."""
        from plancompare.sparse import concat

        blocks, start = [], 0
        while start < len(items):
            council_id = items[start].council_id
            stop = start
            while stop < len(items) and items[stop].council_id == council_id:
                stop += 1
            position = self._positions(council_id)
            matrix = getattr(self.council_vectors(council_id), which)
            blocks.append(matrix.take([position[item.id] for item in items[start:stop]]))
            start = stop
        if not blocks:
            raise ValueError("no items")
        return concat(blocks)

    def _positions(self, council_id: str) -> dict[str, int]:
        key = ("rows", council_id)
        if key not in self._loaded:
            self._loaded[key] = {item.id: row for row, item in enumerate(self.plan(council_id).items())}
        return self._loaded[key]


def _round(value: float) -> float:
    return round(float(value), SCORE_DIGITS)


@functools.lru_cache(maxsize=4)
def cached_index(plans: tuple[Plan, ...], themes: tuple[Theme, ...]) -> Index:
    """build_index, remembered for equal plans and themes (plans are frozen, so equal means same)."""
    return build_index(plans, themes)


def build_index(plans: Sequence[Plan], themes: Sequence[Theme]) -> Index:
    """Fit the matcher to ``plans`` with the taxonomy ``themes`` (see plancompare.fitting)."""
    from plancompare.fitting import build_index as fit

    return fit(plans, themes)


def item_text(item: Item) -> str:
    """The text an item is compared by: its name (if any) and its text."""
    return f"{item.name}. {item.text}" if item.name else item.text


# -- alignment ----------------------------------------------------------------------------------------


def _kind_group(item: Item) -> str:
    return item.kind if item.kind in ("indicator", "challenge") else "other"


def similarity(index: Index, left: Sequence[Item], right: Sequence[Item]) -> np.ndarray:
    """Similarity of every item of ``left`` with every item of ``right``, from 0 to 1.

    An indicator is compared most readily with indicators and a challenge with challenges: a pair
    across those kinds keeps KIND_MISMATCH of its cosine, so that a measure is matched with a
    measure rather than with a promise that happens to use the same words.
    """
    from plancompare.sparse import products

    scores = products(index.rows("align", left), index.rows("align", right))
    return _with_kind_penalty(scores, _kind_groups(left), _kind_groups(right))


def _kind_groups(items: Sequence[Item]) -> np.ndarray:
    """Each item's kind group (see _kind_group), as an array for _with_kind_penalty."""
    import numpy as np

    return np.array([_kind_group(item) for item in items])


def _with_kind_penalty(scores: np.ndarray, left_groups: np.ndarray, right_groups: np.ndarray) -> np.ndarray:
    """``scores`` with pairs across kind groups taken at KIND_MISMATCH, clipped to [0, 1]."""
    import numpy as np

    scores[left_groups[:, None] != right_groups[None, :]] *= KIND_MISMATCH
    return np.clip(scores, 0.0, 1.0)


def shared_terms(index: Index, left: Item, right: Item, limit: int = 4) -> tuple[str, ...]:
    """The terms that contribute most to two items' similarity, strongest first."""
    return _shared_terms_of_pairs(index, [left], [right], limit)[0]


def _shared_terms_of_pairs(index: Index, lefts: Sequence[Item], rights: Sequence[Item], limit: int = 4) -> list[tuple[str, ...]]:
    """shared_terms for many pairs at once: the columns both items of a pair use are found for every
    pair in one intersection, by numbering each (pair, column) as pair * width + column."""
    import numpy as np

    features = index.vocabulary().features
    a, b = index.rows("text", lefts), index.rows("text", rights)

    def keyed(rows) -> np.ndarray:
        pair_of = np.repeat(np.arange(rows.rows, dtype=np.int64), np.diff(rows.indptr))
        return pair_of * rows.width + rows.indices

    common, in_a, in_b = np.intersect1d(keyed(a), keyed(b), assume_unique=True, return_indices=True)
    pair, column = common // a.width, common % a.width
    contribution = a.data[in_a] * b.data[in_b]
    order = np.lexsort((column, -contribution, pair))
    bounds = np.searchsorted(pair[order], np.arange(a.rows + 1))
    results = []
    for row in range(a.rows):
        terms: list[str] = []
        for position in order[bounds[row]:bounds[row + 1]].tolist():
            term = str(features[column[position]])
            # A term that repeats a word of a stronger listed term adds nothing to the explanation.
            if any(set(term.split()) & set(listed.split()) for listed in terms):
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
        Match(item, target, _round(scores[row, column]), terms[row])
        for row, (item, target, column) in enumerate(zip(left, targets, best))
    ]


def compare_plans(index: Index, a: Plan, b: Plan) -> tuple[list[Match], list[Match], float | None]:
    """Each item of ``a`` with its closest item of ``b``, the same from ``b`` to ``a``, and how alike
    the plans are (council_similarity), all from one similarity matrix."""
    left, right = a.items(), b.items()
    if not left or not right:
        return [], [], None
    scores = similarity(index, left, right)
    return _best_matches(index, left, right, scores), _best_matches(index, right, left, scores.T), _mean_best(scores)


def _mean_best(scores: np.ndarray) -> float:
    return _round((scores.max(axis=1).mean() + scores.max(axis=0).mean()) / 2)


def council_similarity(index: Index, a: Plan, b: Plan, theme: str | None = None) -> float | None:
    """How alike two plans are, 0 to 1: the mean closest-counterpart score in both directions.

    With ``theme``, only items whose top theme it is take part; None when either plan has none.
    """
    left = [item for item in a.items() if theme is None or index.top_theme(item) == theme]
    right = [item for item in b.items() if theme is None or index.top_theme(item) == theme]
    if not left or not right:
        return None
    return _mean_best(similarity(index, left, right))


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
    for batch in _batches([other.items() for other in others], max(1, BATCH_CELLS // len(left))):
        results.extend(_batch_similarities(index, left, left_vectors, left_themes, [others[n] for n in batch], top_themes))
    return results


def _scores_with(index: Index, left: Sequence[Item], left_vectors: Any, right: Sequence[Item]) -> np.ndarray:
    """similarity(left, right) from one scipy product (for a long ``right``, where densifying the
    shared columns as similarity does would take too much memory)."""
    scores = (left_vectors @ index.rows("align", right).to_scipy().T).toarray()
    return _with_kind_penalty(scores, _kind_groups(left), _kind_groups(right))


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
    for batch in _batches(groups, max(1, BATCH_CELLS // longest)):
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
                scores = _with_kind_penalty((left_vectors @ right_vectors).toarray(), groups_of_source, right_groups)
                best = np.maximum.reduceat(scores, starts, axis=1)  # source items × filled groups
                # The first column of each group that reaches its best score.
                first = np.minimum.reduceat(np.where(scores == np.repeat(best, sizes, axis=1), column, len(right)), starts, axis=1)
                # Rounded as the scores shown are; the margin only widens the candidates.
                for row, group in zip(*np.nonzero(best >= at_least - 10 ** -SCORE_DIGITS)):
                    score = _round(best[row, group])
                    if score >= at_least:
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
        return None if np.isnan(number) else _round(number)

    return [(value(everything[k]), {theme: value(values[k]) for theme, values in by_theme.items()}) for k in range(len(batch))]


# -- search -------------------------------------------------------------------------------------------


def search(index: Index, query: str, candidates: Sequence[Item] | None = None) -> list[tuple[Item, float]]:
    """Items ranked by similarity to ``query`` (text with its priority as context); zero scores dropped."""
    import numpy as np

    from plancompare.analysis import word_counts

    pool = list(index.items if candidates is None else candidates)
    if not pool:
        return []
    vocabulary = index.vocabulary()
    counts = word_counts([query], vocabulary.stop_words)
    # The query's terms that the plans use, weighted as the items' words are (sublinear TF x IDF).
    where = np.searchsorted(vocabulary.features, counts.features)
    known = where < len(vocabulary.features)
    known[known] = vocabulary.features[where[known]] == counts.features[known]
    term_counts = counts.matrix.toarray()[0]
    columns = where[known]
    weights = (1 + np.log(term_counts[known])) * vocabulary.idf[columns]
    if not len(columns) or not weights.any():
        return []
    weights /= np.linalg.norm(weights)
    scores = index.rows("search", pool).dense(columns) @ weights
    ranked = sorted(((item, _round(score)) for item, score in zip(pool, scores) if score > 0), key=lambda p: (-p[1], p[0].id))
    return ranked
