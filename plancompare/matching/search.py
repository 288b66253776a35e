"""Searching the items of a set of plans for a query, by its words weighted as the items' are.

Search works on a Searchable: the items' search vectors arranged by column (for each word or
bigram, the items that use it and its weight in each), with what a query needs to become a vector
(the vocabulary, its IDF and stop words, the lexicon's phrasings) and what a result list needs (each
item's id, whether it is the first copy of its text in its plan, its top theme). Scoring a query
then reads only the columns of the query's terms, and needs neither numpy nor every item's vector:
a Searchable read back from the cache (plancompare.store.postings) answers with the plans of the
results alone. One Searchable built in memory (searchable_of) serves an index that is not cached,
and the same code ranks both, so a cached search gives exactly the results of an uncached one.
"""

from __future__ import annotations

import bisect
import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from plancompare.matching.analysis import TOKEN_PATTERN
from plancompare.matching.config import MatcherConfig
from plancompare.matching.index import Index
from plancompare.plans.model import Item

_TOKEN = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class Searchable:
    """An index's items arranged for search (see the module docstring). Rows number every item of
    every council, council after council in the index's order, each plan's items in plan order."""

    #: A word or bigram feature's column and IDF weight, or None when the plans do not use it.
    lookup: Callable[[str], tuple[int, float] | None]
    width: int  # how many word features there are: concept c's column is width + c
    stop_words: frozenset[str]
    stemmed: bool
    concepts: tuple[str, ...]  # the lexicon's concept labels
    concept_phrases: tuple[tuple[str, ...], ...]  # each concept's phrasings
    phrase_stems: dict[str, str]  # the words of those phrasings with their stems (none: stemmed when needed)
    councils: tuple[str, ...]
    starts: Sequence[int]  # the first row of each council, then the row count
    order: Sequence[int]  # each row's place in the order of item ids (ties in a ranking go by id)
    kept: Sequence[int]  # 1 where the row is the first copy of its text in its plan (what search shows)
    top: Sequence[int]  # each row's top theme (an index into the index's themes), -1 when unclassified
    #: The postings of a column: (rows, values), rows ascending. Columns below ``width`` are the
    #: search vectors' words; column width + c holds the items that mention concept c.
    postings: Callable[[int], tuple[Sequence[int], Sequence[float]]]

    def council_at(self, row: int) -> int:
        """The position (in ``councils``) of the council a row belongs to."""
        return bisect.bisect_right(self.starts, row) - 1


def query_counts(text: str, stop_words: frozenset[str], stem: Callable[[str], str] | None) -> Counter:
    """The word and bigram counts of ``text`` exactly as plancompare.matching.analysis counts an
    item's (whitespace chunks, the token pattern, stop words dropped, then stemmed; bigrams of
    neighbouring kept words), without numpy."""
    tokens = [token for chunk in text.lower().split() for token in _TOKEN.findall(chunk) if token not in stop_words]
    if stem is not None:
        tokens = [stem(token) for token in tokens]
    counts = Counter(tokens)
    counts.update(f"{first} {second}" for first, second in zip(tokens, tokens[1:]))
    return counts


def _query_terms(searchable: Searchable, text: str) -> dict[int, float]:
    """The columns of ``text``'s terms that the plans use and their weights as the items' words are
    weighted (sublinear TF x IDF), unit length; in column order."""
    from plancompare.matching.stemming import stem

    weights: dict[int, float] = {}
    for term, count in query_counts(text, searchable.stop_words, stem if searchable.stemmed else None).items():
        found = searchable.lookup(term)
        if found is not None:
            weights[found[0]] = (1 + math.log(count)) * found[1]
    weights = dict(sorted(weights.items()))
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {column: weight / norm for column, weight in weights.items()} if norm else weights


def scores(searchable: Searchable, query: str, config: MatcherConfig) -> dict[int, float]:
    """Each row the query finds, with its score before rounding (only scores above zero).

    A query naming a concept of the lexicon also looks for the concept's other phrasings, at the
    weight items give theirs (MatcherConfig.expansion_weight). An item is found by the query's own
    words, or by mentioning one of the query's concepts; a stray word of some other phrasing of the
    concept alone does not find it."""
    own = _query_terms(searchable, query)
    weights = dict(own)
    query_concepts: list[int] = []
    if config.search_expansion and searchable.concept_phrases:
        from plancompare.matching.concepts import ConceptFinder
        from plancompare.plans.model import Concept

        finder = ConceptFinder([Concept(label, label, (), phrases)
                                for label, phrases in zip(searchable.concepts, searchable.concept_phrases)],
                               searchable.phrase_stems)
        query_concepts = list(finder.find(query))
        for column, weight in _query_terms(searchable, finder.expansion(query_concepts)).items():
            weights[column] = weights.get(column, 0.0) + config.expansion_weight * weight
        weights = {column: weight for column, weight in sorted(weights.items()) if weight}
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    if not norm:
        return {}
    found: set[int] = set()
    for column in own:
        found.update(searchable.postings(column)[0])
    # A query naming concepts scores an item by its words and, at search_concept_weight, by how it
    # mentions them (1 where it names one, less for a concept below it), so a score stays in [0, 1].
    share = config.search_concept_weight if query_concepts else 0.0
    # Summed column by column, in column order, whichever way the postings were read.
    totals: dict[int, float] = {}
    total = totals.get
    for column, weight in weights.items():
        weight = (1.0 - share) * weight / norm
        rows, values = searchable.postings(column)
        for row, value in zip(rows, values):
            totals[row] = total(row, 0.0) + value * weight
    for number in query_concepts:
        rows, values = searchable.postings(searchable.width + number)
        found.update(rows)
        for row, value in zip(rows, values):
            totals[row] = total(row, 0.0) + value * share / len(query_concepts)
    return {row: score for row, score in totals.items() if row in found and score > 0}


def ranked(searchable: Searchable, query: str, config: MatcherConfig, allowed: Callable[[int], bool] | None = None,
           limit: int | None = None) -> tuple[list[tuple[int, float]], int]:
    """The best ``limit`` rows (all when None) among those ``allowed`` that the query finds, as
    (row, rounded score), best first (ties by item id); and how many rows it finds in all."""
    import heapq

    found = [(row, score) for row, score in scores(searchable, query, config).items() if allowed is None or allowed(row)]
    if limit is not None and len(found) > limit:
        # Rounding never lifts a score past one more than a rounding step above it: only rows
        # within two steps of the limit-th best can still reach the first ``limit`` once rounded.
        floor = heapq.nlargest(limit, (score for _, score in found))[-1] - 2 * 10.0 ** -config.score_digits
        candidates = [(row, score) for row, score in found if score >= floor]
    else:
        candidates = found
    order = searchable.order
    best = sorted(((row, config.round(score)) for row, score in candidates), key=lambda pair: (-pair[1], order[pair[0]]))
    return (best if limit is None else best[:limit]), len(found)


def items_of(index: Index, searchable: Searchable, rows: Sequence[int]) -> list[Item]:
    """The items of ``rows`` (their plans are loaded, and only theirs)."""
    items = []
    for row in rows:
        council = searchable.council_at(row)
        plan_items = index.plan(searchable.councils[council]).items()
        if len(plan_items) != searchable.starts[council + 1] - searchable.starts[council]:
            raise ValueError(f"the search index does not hold {searchable.councils[council]}'s plan")
        items.append(plan_items[row - searchable.starts[council]])
    return items


class Hit(NamedTuple):
    """One search result: the item, its rounded score and its place in its plan's items."""

    item: Item
    score: float
    position: int


def search_councils(index: Index, searchable: Searchable, query: str, councils: Sequence[str] | None = None,
                    theme: str | None = None, limit: int | None = None) -> tuple[list[Hit], int]:
    """What `plancompare search` shows: the best ``limit`` items of ``councils`` (every council when
    None) whose top theme is ``theme`` (any when None), each repeated text once (its first copy in
    its plan), with their scores; and how many items the query finds among those."""
    allowed_councils = None if councils is None else {searchable.councils.index(council) for council in councils}
    theme_number = None if theme is None else next(number for number, known in enumerate(index.themes) if known.id == theme)

    def allowed(row: int) -> bool:
        return (bool(searchable.kept[row]) and (theme_number is None or searchable.top[row] == theme_number)
                and (allowed_councils is None or searchable.council_at(row) in allowed_councils))

    best, total = ranked(searchable, query, index.config, allowed, limit)
    rows = [row for row, _ in best]
    positions = [row - searchable.starts[searchable.council_at(row)] for row in rows]
    return [Hit(item, score, position) for item, (_, score), position in zip(items_of(index, searchable, rows), best, positions)], total


def search(index: Index, query: str, candidates: Sequence[Item] | None = None) -> list[tuple[Item, float]]:
    """Items (every item of the index, or ``candidates``) ranked by similarity to ``query`` (text
    with its priority as context), best first; items the query does not find are left out."""
    searchable = searchable_of(index)
    allowed = None
    if candidates is not None:
        wanted: set[int] = set()
        for council_id in dict.fromkeys(item.council_id for item in candidates):
            start = searchable.starts[searchable.councils.index(council_id)]
            position = {item.id: row for row, item in enumerate(index.plan(council_id).items())}
            wanted.update(start + position[item.id] for item in candidates if item.council_id == council_id)
        allowed = wanted.__contains__
    best, _ = ranked(searchable, query, index.config, allowed)
    return list(zip(items_of(index, searchable, [row for row, _ in best]), (score for _, score in best)))


_BUILT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def searchable_of(index: Index) -> Searchable:
    """The index's Searchable, built in memory (once per index) from its vectors."""
    if index not in _BUILT:
        _BUILT[index] = build_searchable(index)[0]
    return _BUILT[index]


def build_searchable(index: Index) -> tuple[Searchable, Postings]:
    """A Searchable over every item of ``index``, and its postings by column (rows × columns: the
    search vectors' words, then one column per concept), from which the store writes them. Uses
    numpy and scipy."""
    import numpy as np
    from scipy.sparse import hstack, vstack

    vocabulary = index.vocabulary()
    width = len(vocabulary.features)
    blocks, mentions, ids, kept, top, starts = [], [], [], [], [], [0]
    for council in index.councils:
        items = index.plan(council).items()
        vectors = index.council_vectors(council)
        blocks.append(vectors.search.to_scipy())
        mentions.append(vectors.text.to_scipy()[:, width:])
        themes = index.council_item_themes(council)
        repeated = set(themes.repeats)
        ids.extend(item.id for item in items)
        kept.extend(int(position not in repeated) for position in range(len(items)))
        best = themes.top()
        top.extend(best if len(best) == len(items) else [-1] * len(items))  # no theme kept: unclassified
        starts.append(starts[-1] + len(items))
    if blocks:
        matrix = hstack([vstack(blocks), _with_broader(vstack(mentions).tocsr(), vocabulary.concept_broader,
                                                       index.config.broader_mention)]).tocsc()
        matrix.eliminate_zeros()
        matrix.sort_indices()
        indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    else:
        indptr, indices, data = np.zeros(width + len(vocabulary.concepts) + 1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0)
    features, idf = vocabulary.features.tolist(), vocabulary.idf.tolist()
    order = [0] * len(ids)
    for place, row in enumerate(sorted(range(len(ids)), key=ids.__getitem__)):
        order[row] = place

    def lookup(term: str) -> tuple[int, float] | None:
        column = bisect.bisect_left(features, term)
        return (column, idf[column]) if column < len(features) and features[column] == term else None

    def postings(column: int) -> tuple[list[int], list[float]]:
        if not 0 <= column < len(indptr) - 1:
            return [], []
        begin, end = int(indptr[column]), int(indptr[column + 1])
        return indices[begin:end].tolist(), data[begin:end].tolist()

    searchable = Searchable(
        lookup=lookup, width=width, stop_words=frozenset(vocabulary.stop_words), stemmed=bool(vocabulary.stemmed),
        concepts=tuple(vocabulary.concepts), concept_phrases=tuple(tuple(phrases) for phrases in vocabulary.concept_phrases),
        phrase_stems={}, councils=tuple(index.councils), starts=starts, order=order, kept=kept, top=[int(number) for number in top],
        postings=postings,
    )
    return searchable, Postings(indptr, indices, data, features, idf)


@dataclass(frozen=True)
class Postings:
    """A Searchable's postings as one CSC matrix (what the store writes): column c's rows are
    indices[indptr[c]:indptr[c + 1]], its values data[...] there; the word features and their IDF."""

    indptr: Any
    indices: Any
    data: Any
    features: list[str]
    idf: list[float]



def _with_broader(mentions, broader: Sequence[Sequence[tuple[int, int]]], per_step: float):
    """Items × concepts mentions (1 where an item mentions the concept) with, where an item
    mentions a concept below another in the lexicon's hierarchy, per_step ** steps for the one
    above: at its nearest mention, however many lead there; a direct mention stays 1."""
    import numpy as np
    from scipy.sparse import csr_matrix

    links = [(below, above, steps) for below, ups in enumerate(broader) for above, steps in ups]
    if not links or not per_step or mentions.shape[1] != len(broader):
        return mentions
    present = (mentions > 0).astype(np.float64)
    result = mentions.tocsr()
    for steps in sorted({steps for _, _, steps in links}):
        pairs = [(below, above) for below, above, at in links if at == steps]
        rows, columns = zip(*pairs)
        layer = csr_matrix((np.ones(len(pairs)), (rows, columns)), shape=(len(broader), len(broader)))
        result = result.maximum(((present @ layer) > 0).astype(np.float64) * per_step ** steps)
    return result.tocsr()
