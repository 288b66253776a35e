"""Turning texts into term counts: word uni- and bigrams, and character n-grams within words.

The counts are exactly those of scikit-learn's CountVectorizer (word analyser with TOKEN_PATTERN and
the given stop words; "char_wb" analyser), features sorted the same way; tests/test_analysis.py
checks this on the bundled plans. Given a stemmer, the word counts are of each word's stem instead
(stop words are dropped before stemming), with each stem's commonest written form kept for display. They are computed differently, because the vectoriser's analysers
run Python code for every word of every text, which made them most of the cost of a large plan set:

- every text is split on whitespace into chunks, and each *distinct* chunk is analysed once (words
  and in-word character n-grams never cross whitespace, so a text's terms are its chunks' terms);
- a text's unigram and character n-gram counts are then one sparse product, texts × chunks times
  chunks × terms, and its bigrams pairs of consecutive tokens found with numpy.

Pure functions; numpy and scipy are imported inside them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: A word: a letter, then letters, digits, apostrophes or hyphens, ending in a letter or digit; or
#: two or more letters and digits ("5g", "a1").
TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z0-9'-]*[a-zA-Z0-9]\b|\b[a-zA-Z0-9]{2,}\b"
CHAR_NGRAMS = (4, 5)
#: Character n-grams in fewer texts than this are dropped (they cannot link two texts).
CHAR_MIN_DF = 2
#: Texts whose character counts are made at once while counting document frequencies.
ROW_SLICE = 8192


@dataclass(frozen=True)
class Counts:
    """A texts × terms count matrix (scipy CSR; float32 for characters) and the terms, sorted, one
    per column."""

    matrix: Any
    features: Any  # numpy array of str
    #: When words are stemmed: each feature as a reader would write it (the commonest word form of
    #: each stem, bigrams word by word), parallel to ``features``; None when features are words.
    display: Any = None
    #: When asked for (analyse's ``keep_forms``) and words are stemmed: how often each (stem, word
    #: form) occurs, from which ``display`` is chosen.
    forms: dict[tuple[str, str], int] | None = None


@dataclass(frozen=True)
class FactoredCounts:
    """A texts × terms count matrix kept as two factors, texts × chunks times chunks × terms, which
    together take a fraction of the product's memory; rows of the product are made on request."""

    by_text: Any  # scipy CSR, texts × distinct chunks
    by_chunk: Any  # scipy CSR, distinct chunks × terms
    features: Any  # numpy array of str
    #: When asked for (analyse's ``keep_rare``): how many texts have each feature, and the n-grams
    #: dropped for being in fewer than the minimum (those in exactly one text), sorted.
    corpus_frequency: Any = None
    rare: tuple[str, ...] | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return (self.by_text.shape[0], self.by_chunk.shape[1])

    def rows(self, start: int, stop: int):
        """Rows start..stop-1 of the counts (scipy CSR)."""
        return (self.by_text[start:stop] @ self.by_chunk).tocsr()

    @property
    def matrix(self):
        """All the counts (scipy CSR)."""
        return self.rows(0, self.shape[0])

    def by_column(self):
        """All the counts as a scipy CSC matrix, built as the transposed product (no CSR copy)."""
        return (self.by_chunk.T.tocsr() @ self.by_text.T.tocsr()).T

    def document_frequencies(self, batch: int = ROW_SLICE):
        """How many rows have each term, counted a slice of rows at a time (the whole product is
        never made)."""
        import numpy as np

        rows, width = self.shape
        frequency = np.zeros(width, dtype=np.int64)
        for start in range(0, rows, batch):
            frequency += np.bincount(self.rows(start, min(start + batch, rows)).indices, minlength=width)
        return frequency


@dataclass(frozen=True)
class _Chunks:
    """Texts as sequences of distinct whitespace-separated chunks."""

    distinct: list[str]
    codes: Any  # numpy int array: the chunk of each position, text after text
    lengths: Any  # numpy int array: how many chunks each text has


def analyse(texts: Sequence[str], stop_words: Iterable[str], stem: Callable[[str], str] | None = None,
            char_min_df: int = CHAR_MIN_DF, keep_rare: bool = False, keep_forms: bool = False) -> tuple[Counts, FactoredCounts]:
    """Word (unigram and bigram) counts and in-word character n-gram counts of ``texts``; with
    ``stem``, every word (after stop words are dropped) is counted as its stem. Character n-grams
    in fewer than ``char_min_df`` texts are dropped; with ``keep_rare``, the counts also say how
    many texts have each n-gram kept and which were dropped, and with ``keep_forms`` how often each
    word form of a stem occurs (what an incremental refit keeps of a fit, and checks an edit by)."""
    chunks = _split(texts)
    return _word_counts(chunks, frozenset(stop_words), stem, keep_forms), _char_counts(chunks, char_min_df, keep_rare)


def word_counts(texts: Sequence[str], stop_words: Iterable[str], stem: Callable[[str], str] | None = None) -> Counts:
    """Word unigram and bigram counts alone (as for a search query)."""
    return _word_counts(_split(texts), frozenset(stop_words), stem)


def _split(texts: Sequence[str], batch: int = 8192) -> _Chunks:
    import numpy as np

    # A batch of texts at a time, so that the chunk strings of all texts never exist at once.
    position: dict[str, int] = {}
    codes, lengths = [], []
    for start in range(0, len(texts), batch):
        flat: list[str] = []
        for text in texts[start:start + batch]:
            parts = text.lower().split()
            flat.extend(parts)
            lengths.append(len(parts))
        new = [chunk for chunk in dict.fromkeys(flat) if chunk not in position]
        position.update(zip(new, range(len(position), len(position) + len(new))))
        codes.append(np.fromiter(map(position.__getitem__, flat), dtype=np.int64, count=len(flat)))
    return _Chunks(list(position), np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64),
                   np.array(lengths, dtype=np.int64))


def _texts_by_chunks(chunks: _Chunks, dtype: str = "float64"):
    """The texts × chunks count matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr = np.concatenate([[0], np.cumsum(chunks.lengths)])
    matrix = csr_matrix(
        (np.ones(len(chunks.codes), dtype=dtype), chunks.codes, indptr), shape=(len(chunks.lengths), len(chunks.distinct))
    )
    matrix.sum_duplicates()
    return matrix


def _ragged(pointers, rows) -> tuple:
    """For ragged rows given by ``pointers`` (CSR-style), the rows ``rows`` selects, laid end to
    end: the positions into the flat data, and how long each selected row is."""
    import numpy as np

    starts = pointers[rows]
    lengths = pointers[rows + 1] - starts
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    positions = np.arange(total, dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)
    return positions, lengths


def _word_counts(chunks: _Chunks, stop_words: frozenset[str], stem: Callable[[str], str] | None = None,
                 keep_forms: bool = False) -> Counts:
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    token_re = re.compile(TOKEN_PATTERN)
    vocabulary: dict[str, int] = {}
    setdefault = vocabulary.setdefault
    pointers, flat = [0], []
    forms: Counter = Counter()
    chunk_frequency = np.bincount(chunks.codes, minlength=len(chunks.distinct)).tolist() if stem else ()
    for number, chunk in enumerate(chunks.distinct):
        tokens = [token for token in token_re.findall(chunk) if token not in stop_words]
        if stem:
            for token in tokens:
                forms[stem(token), token] += chunk_frequency[number]
            tokens = [stem(token) for token in tokens]
        flat.extend(setdefault(token, len(vocabulary)) for token in tokens)
        pointers.append(len(flat))
    pointers_array = np.array(pointers, dtype=np.int64)
    flat_array = np.array(flat, dtype=np.int32)
    words = len(vocabulary)
    unigrams = _texts_by_chunks(chunks) @ csr_matrix(
        (np.ones(len(flat_array)), flat_array, pointers_array), shape=(len(chunks.distinct), words)
    )

    # Every text's tokens in order, then the pairs of neighbours within one text: a text with k
    # tokens has k - 1 pairs, and the pair starting at its last token is dropped.
    positions, per_chunk = _ragged(pointers_array, chunks.codes)
    tokens = flat_array[positions]
    del positions
    chunk_text = np.repeat(np.arange(len(chunks.lengths), dtype=np.int32), chunks.lengths)
    tokens_per_text = np.bincount(chunk_text, weights=per_chunk, minlength=len(chunks.lengths)).astype(np.int64)
    del chunk_text
    pairs_per_text = np.maximum(tokens_per_text - 1, 0)
    starts_pair = np.ones(len(tokens), dtype=bool)
    last_token = np.cumsum(tokens_per_text)[tokens_per_text > 0] - 1
    starts_pair[last_token] = False
    pair_codes = tokens[:-1][starts_pair[:-1]].astype(np.int64) * words + tokens[1:][starts_pair[:-1]]
    del tokens, starts_pair
    distinct_pairs, pair_columns = np.unique(pair_codes, return_inverse=True)
    del pair_codes
    bigrams = csr_matrix(
        (np.ones(len(pair_columns)), pair_columns.reshape(-1), np.concatenate([[0], np.cumsum(pairs_per_text)])),
        shape=(len(chunks.lengths), len(distinct_pairs)),
    )
    bigrams.sum_duplicates()
    names = list(vocabulary)
    bigram_names = [f"{names[pair // words]} {names[pair % words]}" for pair in distinct_pairs.tolist()]
    counts = _sorted(hstack([unigrams, bigrams]).tocsr(), names + bigram_names)
    if not stem:
        return counts
    shown = shown_forms(forms)
    display = [shown_feature(str(feature), shown) for feature in counts.features.tolist()]
    return Counts(counts.matrix, counts.features, np.array(display, dtype=object), dict(forms) if keep_forms else None)


def shown_forms(forms: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """Each stem as it is shown: its commonest word form (ties to the alphabetically first)."""
    shown: dict[str, tuple[int, str]] = {}
    for (root, form), count in forms.items():
        if root not in shown or (-count, form) < (-shown[root][0], shown[root][1]):
            shown[root] = (count, form)
    return {root: form for root, (_, form) in shown.items()}


def shown_feature(feature: str, shown: Mapping[str, str]) -> str:
    """A feature (a stem, or two) as it is shown, word by word."""
    return " ".join(shown.get(word, word) for word in feature.split(" "))


def _char_counts(chunks: _Chunks, min_df: int = CHAR_MIN_DF, keep_rare: bool = False) -> FactoredCounts:
    import numpy as np
    from scipy.sparse import csr_matrix

    low, high = CHAR_NGRAMS
    grams: dict[str, int] = {}
    setdefault = grams.setdefault
    pointers, flat = [0], []
    for chunk in chunks.distinct:
        padded = f" {chunk} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # a short word counts once, whole
                flat.append(setdefault(padded, len(grams)))
                break
            flat.extend(setdefault(padded[start:start + n], len(grams)) for start in range(size - n + 1))
        pointers.append(len(flat))
    # Counts are small whole numbers, exact in float32, which halves the largest matrices.
    texts_by_chunks = _texts_by_chunks(chunks, "float32")
    gram_columns = np.array(flat, dtype=np.int64)
    by_chunk = csr_matrix(
        (np.ones(len(flat), dtype=np.float32), gram_columns, np.array(pointers, dtype=np.int64)),
        shape=(len(chunks.distinct), len(grams)),
    )
    document_frequency = np.zeros(len(grams), dtype=np.int64)
    for start in range(0, texts_by_chunks.shape[0], ROW_SLICE):
        document_frequency += np.bincount((texts_by_chunks[start:start + ROW_SLICE] @ by_chunk).indices, minlength=len(grams))
    names = list(grams)
    kept = sorted(names[column] for column in np.flatnonzero(document_frequency >= min_df).tolist())
    # The rare n-grams dropped and the rest numbered in sorted order, in the small chunks × n-grams
    # factor rather than in the product.
    column_of = np.full(len(grams), -1, dtype=np.int64)
    column_of[[grams[name] for name in kept]] = np.arange(len(kept))
    new_columns = column_of[gram_columns]
    present = new_columns >= 0
    rows = np.repeat(np.arange(len(chunks.distinct)), np.diff(pointers))
    by_chunk = csr_matrix(
        (np.ones(int(present.sum()), dtype=np.float32), (rows[present], new_columns[present])),
        shape=(len(chunks.distinct), len(kept)),
    )
    if not keep_rare:
        return FactoredCounts(texts_by_chunks, by_chunk, np.array(kept, dtype=object))
    rare = tuple(sorted(names[column] for column in np.flatnonzero((document_frequency > 0) & (document_frequency < min_df)).tolist()))
    frequency = document_frequency[[grams[name] for name in kept]] if kept else np.zeros(0, dtype=np.int64)
    return FactoredCounts(texts_by_chunks, by_chunk, np.array(kept, dtype=object), frequency, rare)


def _sorted(matrix, names: list[str]) -> Counts:
    """Columns renumbered so that their terms are in sorted order (as scikit-learn's are)."""
    import numpy as np

    order = sorted(range(len(names)), key=names.__getitem__)
    column_of = np.empty(len(names), dtype=matrix.indices.dtype)
    column_of[order] = np.arange(len(names), dtype=matrix.indices.dtype)
    matrix.indices = column_of[matrix.indices]
    matrix.has_sorted_indices = False
    return Counts(matrix, np.array(names, dtype=object)[order])
