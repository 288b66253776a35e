"""An exact refit after an edit: weighting the edited council alone, when that is all that changes.

Every TF-IDF weight depends on every plan, through the number of documents and each term's document
frequency, so an edit re-weights every item in general. But an edit that changes the frequency only
of terms that no other text holds (a new word, a number, the name of a local project), and leaves
the plan's items, their sections and section titles, the council's names and the concepts found in
each item as they were, changes no weight that any other row uses: every other council's rows,
themes and vectors are exactly what a fresh fit of the edited set gives them. Only the columns move,
where the edit adds or removes terms (the vocabulary is sorted), and a column map says where.

``refit`` checks that, and when it holds returns the new fit's state, the column maps and the edited
council's themes and vectors, weighted with the new state (fitted.Fit with frozen terms); otherwise
None, and the caller fits everything again. The state (FitState) is what the check and the new
weights need of the whole fit: each term's document frequency, the n-grams too rare to be features,
the stop words and the concepts too common to count. tests/matching/test_incremental.py checks the
result against a fresh fit, value for value.

Pure functions; numpy and scipy are imported inside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from plancompare.matching.analysis import CHAR_MIN_DF
from plancompare.matching.config import MatcherConfig
from plancompare.matching.frozen import FrozenTerms, feature_columns
from plancompare.matching.index import CouncilThemes, CouncilVectors, item_text
from plancompare.plans.model import Concept, Plan, Theme


@dataclass(frozen=True)
class FitState:
    """What weighting one council again needs of a whole fit (kept with its index)."""

    word_features: Any  # numpy object array of str, sorted: the word columns
    word_frequency: Any  # int64: how many of the fit's documents (items with their phrasings, titles, profiles) hold each
    word_rows: int  # how many documents
    word_idf: Any  # float64
    display: Any  # each word feature as shown (object array), or None when words are not stemmed
    char_features: Any  # numpy object array of str, sorted: the character n-gram columns
    char_frequency: Any  # int64: documents holding each n-gram (what its IDF is of)
    char_texts: Any  # int64: analysed texts holding each (what the minimum of CHAR_MIN_DF is of)
    char_rare: tuple[str, ...]  # n-grams in too few texts to be features, sorted
    char_rows: int
    char_idf: Any  # float32, as fitted
    stop_words: tuple[str, ...]
    dropped: frozenset[int]  # the concepts too common to count

    def frozen(self) -> FrozenTerms:
        from plancompare.matching.weights import IdfWeights

        return FrozenTerms(self.word_features, IdfWeights(self.word_idf), self.char_features, IdfWeights(self.char_idf),
                           self.stop_words, self.dropped)


def fit_state(fit) -> FitState:
    """The state of a whole fit (fitted.Fit, fitted without frozen terms)."""
    import numpy as np

    words = fit.word_counts
    return FitState(words.features, np.bincount(words.matrix.indices, minlength=len(words.features)).astype(np.int64),
                    int(words.matrix.shape[0]), fit.word_weights.idf_, words.display, fit.chars.features,
                    np.asarray(fit.char_frequency, dtype=np.int64), np.asarray(fit.char_texts, dtype=np.int64),
                    tuple(fit.char_rare), int(fit.chars.shape[0] - fit.n), fit.char_weights.idf_, tuple(fit.stop_words),
                    frozenset(fit.dropped))


@dataclass(frozen=True)
class Refit:
    """An edited council weighted alone: the new state, where each old column went (-1: gone), and
    the council's item themes and vectors."""

    state: FitState
    word_columns: Any  # int64 array, one entry per old word column
    char_columns: Any
    themes: CouncilThemes
    vectors: CouncilVectors


def refit(state: FitState, themes: Sequence[Theme], config: MatcherConfig, concepts: Sequence[Concept],
          old: tuple[Plan, Sequence[tuple[int, ...]]], new: tuple[Plan, Sequence[tuple[int, ...]]]) -> Refit | None:
    """The fit after one council's plan changed from ``old`` to ``new`` (each a plan and the concepts
    found in its items), or None when the edit changes what other rows are."""
    if not same_shape(old, new):
        return None
    before, after = (_council_terms(plan, found, state, config, concepts) for plan, found in (old, new))
    moved = _new_state(state, before, after, config.stem_words)
    if moved is None:
        return None
    new_state, word_columns, char_columns = moved
    from plancompare.matching.fit import build_council

    council_themes, vectors = build_council(new[0], themes, config, concepts, new[1], new_state.frozen())
    return Refit(new_state, word_columns, char_columns, council_themes, vectors)


def same_shape(old: tuple[Plan, Sequence[tuple[int, ...]]], new: tuple[Plan, Sequence[tuple[int, ...]]]) -> bool:
    """Whether an edit kept what other councils' rows depend on, apart from the terms: the council
    and its names (stop words), each item's section, kind and section title (the titles are documents
    of the fit, the sections blend themes), and the concepts found in each item (the concepts in use
    and those too common to count)."""
    (before, found_before), (after, found_after) = old, new

    def shape(plan: Plan) -> list:
        titles = {priority.id: priority.title for priority in plan.priorities}
        return [(item.priority_id, item.kind, titles.get(item.priority_id or "")) for item in plan.items()]

    council, other = before.council, after.council
    return ((council.id, council.name, council.short_name, tuple(council.aliases))
            == (other.id, other.name, other.short_name, tuple(other.aliases))
            and shape(before) == shape(after) and [tuple(hits) for hits in found_before] == [tuple(hits) for hits in found_after])


@dataclass(frozen=True)
class _Terms:
    """The terms of one council's items, with the concepts' phrasings they use: how many items
    hold each word term and each n-gram, how many analysed texts (item texts, phrasings) hold each
    n-gram, how often each (stem, form) occurs, and the n-grams of the phrasings."""

    words: dict[str, int]
    chars: dict[str, int]
    char_texts: dict[str, int]
    forms: dict[tuple[str, str], int]
    phrased: frozenset[str]


def _council_terms(plan: Plan, found: Sequence[tuple[int, ...]], state: FitState, config: MatcherConfig,
                   concepts: Sequence[Concept]) -> _Terms:
    import numpy as np
    from scipy.sparse import csr_matrix

    from plancompare.matching.analysis import analyse
    from plancompare.matching.concepts import ConceptFinder
    from plancompare.matching.stemming import stem

    texts = [item_text(item) for item in plan.items()]
    hits = [tuple(number for number in numbers if number not in state.dropped) for numbers in found]
    used = sorted({number for numbers in hits for number in numbers})
    finder = ConceptFinder(concepts)
    words, chars = analyse(texts + [finder.expansion((number,)) for number in used], state.stop_words,
                           stem if config.stem_words else None, char_min_df=1, keep_forms=True)
    n, column = len(texts), {number: position for position, number in enumerate(used)}
    pointers = np.cumsum([0, *map(len, hits)])
    indicator = csr_matrix((np.ones(int(pointers[-1])), [column[number] for numbers in hits for number in numbers], pointers),
                           shape=(n, len(used)))
    by_text = chars.by_text.astype(np.float64)
    item_words = words.matrix[:n] + indicator @ words.matrix[n:]
    item_chars = (by_text[:n] + indicator @ by_text[n:]) @ chars.by_chunk
    phrased = np.flatnonzero((by_text[n:] @ chars.by_chunk).getnnz(axis=0)) if used else np.zeros(0, dtype=np.int64)
    return _Terms(_frequencies(item_words, words.features), _frequencies(item_chars, chars.features),
                  _frequencies(by_text @ chars.by_chunk, chars.features), dict(words.forms or {}),
                  frozenset(chars.features[phrased].tolist()))


def _frequencies(rows, features) -> dict[str, int]:
    """How many rows hold each feature (those held by none left out)."""
    import numpy as np

    rows = rows.tocsr()
    rows.eliminate_zeros()
    counts = np.bincount(rows.indices, minlength=len(features))
    held = np.flatnonzero(counts)
    return dict(zip(features[held].tolist(), counts[held].tolist()))


def _new_state(state: FitState, before: _Terms, after: _Terms, stemmed: bool):
    """(new state, word columns, n-gram columns) when every term whose frequency the edit changed
    is held by this council's items alone, else None."""
    import dataclasses

    import numpy as np

    changed_words = {term for term in before.words.keys() | after.words.keys() if before.words.get(term, 0) != after.words.get(term, 0)}
    reshown = {root for root, form in before.forms.keys() | after.forms.keys()
               if before.forms.get((root, form), 0) != after.forms.get((root, form), 0)}
    changed_chars = {gram for gram in before.chars.keys() | after.chars.keys() | before.char_texts.keys() | after.char_texts.keys()
                     if (before.chars.get(gram, 0), before.char_texts.get(gram, 0)) != (after.chars.get(gram, 0), after.char_texts.get(gram, 0))}
    words = sorted(changed_words | reshown)
    columns = feature_columns(np.array(words, dtype=object), state.word_features)
    held = np.where(columns >= 0, state.word_frequency[np.maximum(columns, 0)], 0)
    if any(int(count) != before.words.get(term, 0) for term, count in zip(words, held.tolist())):
        return None  # (another council's item, a title or a profile holds it too)
    grams = sorted(changed_chars)
    gram_columns = feature_columns(np.array(grams, dtype=object), state.char_features)
    rare, phrased = set(state.char_rare), before.phrased | after.phrased
    for gram, at in zip(grams, gram_columns.tolist()):
        if at < 0 and gram in phrased:
            return None  # (an n-gram of no column: how many other items hold it through a phrasing is not kept)
        texts, items = (int(state.char_texts[at]), int(state.char_frequency[at])) if at >= 0 else (int(gram in rare), None)
        if texts != before.char_texts.get(gram, 0) or (items is not None and items != before.chars.get(gram, 0)):
            return None

    word_frequency = {term: after.words.get(term, 0) for term in changed_words}
    features, frequency, word_columns = _moved(state.word_features, state.word_frequency, word_frequency, lambda count: count > 0)
    idf = _weights_of(state.word_idf, word_columns, features, frequency, set(word_frequency), state.word_rows, np.float64)
    display = None
    if stemmed and state.display is not None:
        display = _display(state, features, word_columns, after, reshown, changed_words)
        if display is None:
            return None
    gram_frequency = {gram: (after.chars.get(gram, 0), after.char_texts.get(gram, 0)) for gram in changed_chars}
    char_features, char_pairs, char_columns = _moved(state.char_features, np.stack([state.char_frequency, state.char_texts], axis=1),
                                                     gram_frequency, lambda pair: pair[1] >= CHAR_MIN_DF)
    char_idf = _weights_of(state.char_idf, char_columns, char_features, char_pairs[:, 0], set(gram_frequency), state.char_rows,
                           state.char_idf.dtype)
    new_rare = tuple(sorted((rare - set(grams)) | {gram for gram, (_, texts) in gram_frequency.items() if 0 < texts < CHAR_MIN_DF}))
    return dataclasses.replace(state, word_features=features, word_frequency=frequency, word_idf=idf, display=display,
                               char_features=char_features, char_frequency=char_pairs[:, 0].copy(),
                               char_texts=char_pairs[:, 1].copy(), char_rare=new_rare, char_idf=char_idf), word_columns, char_columns


def _moved(features, frequency, changed: dict, present) -> tuple[Any, Any, Any]:
    """Sorted features and their frequencies after the ``changed`` terms took their new frequency
    (a term is a feature when ``present`` says so), and where each old column went (-1: gone)."""
    import numpy as np

    terms = sorted(changed)
    old_columns = feature_columns(np.array(terms, dtype=object), features)
    gone = [at for term, at in zip(terms, old_columns.tolist()) if at >= 0 and not present(changed[term])]
    kept = np.ones(len(features), dtype=bool)
    kept[gone] = False
    added = [term for term, at in zip(terms, old_columns.tolist()) if at < 0 and present(changed[term])]
    frequency = frequency.copy()
    for term, at in zip(terms, old_columns.tolist()):
        if at >= 0 and present(changed[term]):
            frequency[at] = changed[term]
    remaining, remaining_frequency = features[kept], frequency[kept]
    places = np.searchsorted(remaining, np.array(added, dtype=object)) if added else np.zeros(0, dtype=np.int64)
    new_features = np.insert(remaining, places, np.array(added, dtype=object)) if added else remaining
    inserted = np.array([changed[term] for term in added], dtype=frequency.dtype).reshape((len(added),) + frequency.shape[1:])
    new_frequency = np.insert(remaining_frequency, places, inserted, axis=0) if added else remaining_frequency
    # An old column's new place: its place among those kept, moved on by the terms added before it.
    shift = np.searchsorted(places, np.arange(len(remaining)), side="right") if added else np.zeros(len(remaining), dtype=np.int64)
    columns = np.full(len(features), -1, dtype=np.int64)
    columns[kept] = np.arange(len(remaining)) + shift
    return new_features, new_frequency, columns


def _weights_of(idf, columns, features, frequency, changed: set, rows: int, dtype):
    """The IDF after a move: each kept column's weight as it was, unless its term's frequency changed,
    and the changed and added terms' weights computed as a fit computes them."""
    import numpy as np

    from plancompare.matching.weights import IdfWeights

    new = np.zeros(len(features), dtype=dtype)
    kept = columns >= 0
    new[columns[kept]] = idf[kept]
    fresh = feature_columns(np.array(sorted(changed), dtype=object), features)
    fresh = fresh[fresh >= 0]
    if len(fresh):
        new[fresh] = IdfWeights.from_frequencies(np.asarray(frequency)[fresh], rows, dtype).idf_
    return new


def _display(state: FitState, features, word_columns, after: _Terms, reshown: set[str], changed: set[str]):
    """Each feature as shown after a move: as before, except the features with a stem whose forms
    changed (this council's own, the check made sure, and so among its terms), shown from its forms,
    and the features added, shown word by word (None if one is left unshown)."""
    import numpy as np

    from plancompare.matching.analysis import shown_forms, shown_feature

    display = np.empty(len(features), dtype=object)
    kept = word_columns >= 0
    display[word_columns[kept]] = state.display[kept]
    own = shown_forms({key: count for key, count in after.forms.items() if key[0] in reshown})
    terms = sorted(term for term in after.words if term in changed or set(term.split(" ")) & reshown)
    positions = feature_columns(np.array(terms, dtype=object), features)
    words = sorted({word for term in terms for word in term.split(" ")} - set(own))
    shown = dict(own)
    for word, at in zip(words, feature_columns(np.array(words, dtype=object), features).tolist()):
        shown[word] = str(display[at]) if at >= 0 and display[at] is not None else word
    for term, at in zip(terms, positions.tolist()):
        display[at] = shown_feature(term, shown)
    # (Every added feature is one of the council's terms, so none is left unshown; if one were, the
    # caller fits everything rather than guess.)
    return None if any(value is None for value in display.tolist()) else display


def composed(first: Any, then: Any) -> Any:
    """The column map of two moves in turn (-1 stays -1)."""
    import numpy as np

    first = np.asarray(first)
    return np.where(first >= 0, np.asarray(then)[np.maximum(first, 0)], -1) if len(first) else first.copy()


def moved_block(rows: Any, block: str, word_columns: Any, char_columns: Any, words: int, chars: int) -> Any:
    """A council's stored block of vectors (sparse.SparseRows) in the columns of a later fit, given
    where each word and n-gram column went and the new widths: "text" rows are words then concepts,
    "align" rows words, n-grams then themes, "search" rows words."""
    import numpy as np

    from plancompare.matching.sparse import SparseRows

    old_words, old_chars = len(word_columns), len(char_columns)
    if block == "search":
        parts, width = [word_columns], words
    elif block == "text":
        extra = rows.width - old_words
        parts, width = [word_columns, words + np.arange(extra)], words + extra
    else:
        extra = rows.width - old_words - old_chars
        parts = [word_columns, np.where(char_columns >= 0, char_columns + words, -1), words + chars + np.arange(extra)]
        width = words + chars + extra
    columns = np.concatenate([np.asarray(part, dtype=np.int64) for part in parts])
    if len(columns) != rows.width:
        raise ValueError("a block of another width")
    moved = columns[rows.indices]
    if len(moved) and moved.min() < 0:
        raise ValueError("a block holding a column the move took away")
    return SparseRows(rows.indptr, moved.astype(rows.indices.dtype if width < 2 ** 31 else np.int64), rows.data, int(width))
