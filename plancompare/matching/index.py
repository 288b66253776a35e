"""The Index: every item of a set of plans with its themes and the vectors that compare items.

Built by plancompare.matching.fit.build_index (which fits the TF-IDF weights, as scikit-learn would) or
read back from the store a council at a time. Importing this module stays cheap: numpy is imported only where an
array is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from plancompare.matching.config import DEFAULT_CONFIG, MatcherConfig
from plancompare.plans.model import Item, Plan, Theme


@dataclass(frozen=True)
class ThemeScore:
    """How strongly an item belongs to a theme, from 0 to 1."""

    theme: str
    score: float


@dataclass(frozen=True)
class CouncilThemes:
    """A council's item themes, ``width`` entries per item in plan order: the indexes (into the
    taxonomy) of its best themes, best first, -1 where there are fewer, and their scores.

    ``width`` is the number of themes kept per item (the config's max_themes, or fewer when the
    taxonomy has fewer themes). Kept in stdlib arrays rather than numpy's so that reading them back
    (`themes` on a repeat run) does not import numpy.
    """

    theme_index: Any  # array.array("h"), items × width, row by row
    scores: Any  # array.array("d"), the same shape
    width: int
    #: The plan positions of the items whose text repeats an earlier item's in the same plan
    #: (coverage.repeated_positions), ascending: what counting each text once leaves out, known
    #: without loading the plan.
    repeats: Any = ()  # array.array("i")

    @classmethod
    def from_numpy(cls, theme_index: Any, scores: Any, repeats: Sequence[int] = ()) -> CouncilThemes:
        """From items × width numpy arrays (and the positions of repeated texts)."""
        import array

        indexes, values = array.array("h"), array.array("d")
        indexes.frombytes(theme_index.astype("int16").tobytes())
        values.frombytes(scores.astype("float64").tobytes())
        return cls(indexes, values, int(theme_index.shape[1]), array.array("i", repeats))

    def __len__(self) -> int:
        return len(self.theme_index) // self.width if self.width else 0

    def top(self) -> Any:
        """Each item's best theme index (-1: unclassified)."""
        return self.theme_index[0::self.width] if self.width else []

    def distinct_top(self) -> list[int]:
        """The best theme index of each item whose text is the first of its kind in the plan: the
        plan counted once per text, as every comparison counts it."""
        top = self.top()
        if not self.repeats:
            return list(top)
        repeated = set(self.repeats)
        return [theme for position, theme in enumerate(top) if position not in repeated]

    def row(self, position: int) -> tuple[list[int], list[float]]:
        """(theme indexes, scores) of the item at ``position`` in its plan."""
        start, width = position * self.width, self.width
        return self.theme_index[start:start + width].tolist(), self.scores[start:start + width].tolist()

    def rows(self) -> list[tuple[list[int], list[float]]]:
        """(theme indexes, scores) of each item."""
        return [self.row(position) for position in range(len(self))]


@dataclass(frozen=True)
class CouncilVectors:
    """One council's item vectors, a row per item in plan order (see sparse.SparseRows)."""

    text: Any  # word TF-IDF of the item's own text, then its concepts: shared terms
    align: Any  # words, character n-grams and theme scores: similarity between items
    search: Any  # words with the section title as context: search


@dataclass(frozen=True)
class Vocabulary:
    """What turns a search query into a vector: the word features (sorted), their IDF weights and
    the stop words."""

    features: Any  # numpy array of str
    idf: Any  # numpy float array
    stop_words: tuple[str, ...]
    #: How each feature is shown (when features are stems), parallel to ``features``; None: as is.
    display: Any = None
    #: The labels of the lexicon's concepts: the explanation columns after the word features.
    concepts: tuple[str, ...] = ()
    #: Whether a query's words are stemmed to meet the features.
    stemmed: bool = False
    #: Each concept's phrasings, parallel to ``concepts`` (to expand a search query).
    concept_phrases: tuple[tuple[str, ...], ...] = ()
    #: For each concept, the concepts above it in the lexicon's hierarchy as (number, steps up),
    #: parallel to ``concepts`` (a search for one finds items about those below it).
    concept_broader: tuple[tuple[tuple[int, int], ...], ...] = ()

    def term(self, column: int) -> str:
        """How the explanation column ``column`` is shown: a word or bigram, or "concept: label"."""
        if column >= len(self.features):
            return f"concept: {concept_in_running_text(self.concepts[column - len(self.features)])}"
        return str((self.features if self.display is None else self.display)[column])


def concept_in_running_text(label: str) -> str:
    """A concept's label as it reads after "concept: ": its first word lower-cased unless it is an
    abbreviation, every other word as the lexicon writes it ("Primary care and GP access" ->
    "primary care and GP access"; "CCTV" stays "CCTV", where lower-casing all of it made "gp",
    "send" and "it" out of GP, SEND and IT)."""
    first, space, rest = label.partition(" ")
    letters = [character for character in first if character.isalpha()]
    if len(letters) > 1 and all(character.isupper() for character in letters):
        return label
    return first[:1].lower() + first[1:] + space + rest


class Index:
    """Every item of a set of plans with its themes and vectors.

    Built by build_index, or read back from the cache a council at a time (store.stored_index.load_index):
    plans, item themes and vectors are each loaded the first time something asks for them, so that
    comparing two councils of four hundred reads only those two.
    """

    def __init__(self, themes: Sequence[Theme], councils: Sequence[str], load_plan: Callable[[str], Plan],
                 load_item_themes: Callable[[str], CouncilThemes],
                 load_vectors: Callable[[str], CouncilVectors], load_vocabulary: Callable[[], Vocabulary],
                 config: MatcherConfig = DEFAULT_CONFIG):
        self.config = config
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
            self._loaded[key] = [self._theme_scores(*row) for row in themes.rows()]
        return self._loaded[key]

    def _theme_scores(self, indexes: Sequence[int], scores: Sequence[float]) -> tuple[ThemeScore, ...]:
        return tuple(ThemeScore(self.themes[t].id, score) for t, score in zip(indexes, scores) if t >= 0)

    def themes_at(self, council_id: str, position: int) -> tuple[ThemeScore, ...]:
        """The themes of the council's item at ``position`` in its plan, best first, read from its
        item themes alone (themes_of ranks every item of the council once, for repeated use)."""
        return self._theme_scores(*self.council_item_themes(council_id).row(position))

    def themes_of(self, item: Item) -> tuple[ThemeScore, ...]:
        """The item's themes, best first."""
        return self._ranked_themes(item.council_id)[self._positions(item.council_id)[item.id]]

    def top_theme(self, item: Item) -> str | None:
        """The item's best theme id, or None when unclassified."""
        ranked = self.themes_of(item)
        return ranked[0].theme if ranked else None

    def theme_counts(self, council_id: str, once: bool = False) -> dict[str, int]:
        """How many of a council's items have each theme as their top theme ('' for unclassified),
        without loading its plan; with ``once``, a text the plan repeats counts once (its first copy)."""
        themes = self.council_item_themes(council_id)
        top = themes.distinct_top() if once else themes.top()
        counts = {theme.id: 0 for theme in self.themes}
        counts[""] = 0
        for index in top:
            counts[self.themes[index].id if index >= 0 else ""] += 1
        return counts

    def item_count(self, council_id: str, once: bool = False) -> int:
        """How many items a council's plan has, without loading it; with ``once``, how many distinct
        texts (a repeated text counted once)."""
        themes = self.council_item_themes(council_id)
        return len(themes) - (len(themes.repeats) if once else 0)

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
        from plancompare.matching.sparse import concat

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


def item_text(item: Item) -> str:
    """The text an item is compared by: its name (if any) and its text."""
    return f"{item.name}. {item.text}" if item.name else item.text
