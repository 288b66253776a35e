"""Finding texts that are the same or nearly so, without comparing every pair.

``validate`` warns about two items of one plan whose normalised texts score at least a cutoff on
rapidfuzz's ``ratio``: their Indel distance d (characters inserted or deleted) is at most
s = 1 - cutoff/100 of their joint length. Scoring every pair took n² time and memory (a
50,000-item plan: 282 s and 9.9 GB), so the pairs are found instead by:

- identical texts: a dictionary of texts, so each group of copies costs only its own pairs;
- near-duplicates, by the pigeonhole principle. Cut a text ``a`` into chunks of ``CHUNK``
  characters. Each of the d edits that turn ``a`` into a text ``b`` at least as long breaks at most
  one chunk and moves the others by at most d places; so if ``a`` has m distinct chunks, at least
  m - d of them are found whole in ``b``, within d places of where they were in ``a``. Every chunk
  is indexed; every substring of every text is looked up; and a pair is scored only if the longer
  text holds enough of the shorter's chunks (at least m minus the edits their score allows) at
  fitting places. The scoring is rapidfuzz's own, so the pairs and their scores are exactly those
  of scoring every pair; the blocking only decides which pairs need it.

The look-ups run in numpy: substrings are keyed by a rolling hash (a collision can only add a
candidate, never lose one), with the text's length in the key so that a look-up finds only texts of
a length that could score. Substrings, hits and candidates are handled a block at a time, so memory
stays bounded however large the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Chunk length: long enough to be rare in prose, short enough that a text of validate's 60-character
#: minimum has more chunks (10) than the edits its 95 score allows, plus one (8).
CHUNK = 6
#: Substrings looked up, hits expanded and pairs scored at a time (about): bounds on the memory used.
_PROBES = 1 << 19
_BLOCK = 1 << 20
_SCORED = 1 << 18
#: Lengths above this share one key (still a superset of the texts that could score).
_LENGTH_BITS = 11
_HASH_BASE = 0x100000001B3


def near_duplicates(texts: Sequence[str], cutoff: float, min_length: int) -> list[tuple[int, int, float]]:
    """Every pair ``(i, j, score)``, i < j, in order, of texts that are identical (score 100, any
    length) or that score at least ``cutoff`` on rapidfuzz's ratio and are both at least
    ``min_length`` characters long: what scoring all pairs with ``process.cdist`` finds, without it."""
    copies: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        copies[text].append(index)
    found: list[tuple[int, int, float]] = []
    for indexes in copies.values():
        found.extend((i, j, 100.0) for i, j in combinations(indexes, 2))
    distinct = list(copies)
    for first, second, score in _scored(distinct, candidate_pairs(distinct, cutoff, min_length), cutoff):
        found.extend((min(i, j), max(i, j), score) for i in copies[distinct[first]] for j in copies[distinct[second]])
    found.sort()
    return found


def max_distance(length: int, cutoff: float) -> int:
    """The most edits at which a text of ``length`` can score ``cutoff`` against a text at least as
    long: d <= s(la + lb) with lb <= la + d, s = 1 - cutoff/100; plus one, so that rounding in the
    scorer can never make the bound miss a pair."""
    share = 1 - cutoff / 100
    return int(2 * share * length / (1 - share)) + 1 if share < 1 else length


def candidate_pairs(texts: Sequence[str], cutoff: float, min_length: int) -> Iterator[np.ndarray]:
    """Arrays of pairs ``[i, j]``, i < j, of distinct ``texts``: a superset of the pairs that score
    ``cutoff`` or more, each pair once. Texts shorter than ``min_length`` take no part."""
    import numpy as np

    long = np.array([index for index, text in enumerate(texts) if len(text) >= min_length], dtype=np.int64)
    if len(long) < 2:
        return
    share, count = 1 - cutoff / 100, len(long)
    lengths = np.array([len(texts[index]) for index in long], dtype=np.int64)
    text_of, offset, key = _substrings([texts[index] for index in long], lengths)
    positions = np.maximum(lengths - CHUNK + 1, 0)
    first_position = np.cumsum(positions) - positions
    # The chunks (substrings at multiples of CHUNK), and which of its text's distinct chunks each is.
    entry = np.flatnonzero(offset % CHUNK == 0)
    group, distinct = _groups(text_of[entry], key[entry], count)
    # A text with fewer distinct chunks than the edits it may take, plus one, cannot be found by its
    # chunks (never at validate's settings): it is paired with every text of a fitting length.
    needed = np.array([max_distance(int(length), cutoff) + 1 for length in lengths], dtype=np.int64)
    blockable = distinct >= needed
    indexed = blockable[text_of[entry]]
    entry, group = entry[indexed], group[indexed]
    # Chunks sorted by (hash, text length): those of one hash and a range of lengths are one slice.
    capped = np.minimum(lengths, (1 << _LENGTH_BITS) - 1)
    entry_key = (key[entry] << _LENGTH_BITS) | capped[text_of[entry]]
    order = np.argsort(entry_key, kind="stable")
    entry_key, entry_text, entry_offset, group = entry_key[order], text_of[entry][order], offset[entry][order], group[order]
    del entry, order
    # (pair, chunk) codes fit in 63 bits: a plan file of at most 5 MB has under 100,000 long texts.
    groups = int(distinct.max()) + 1
    found = []
    for text_begin, text_end in _blocks(positions, _PROBES):
        begin, end = int(first_position[text_begin]), int(first_position[text_end - 1] + positions[text_end - 1])
        probe_text, probe_offset = text_of[begin:end], offset[begin:end]
        probe_key = key[begin:end] << _LENGTH_BITS
        # A text of length lb finds texts of length la <= lb with lb - la <= s(la + lb) + 1 (the
        # shortest rounded down, and one less, so that float rounding cannot leave one out).
        shortest = np.floor((lengths[probe_text] * (1 - share) - 1) / (1 + share)).astype(np.int64) - 1
        low = np.searchsorted(entry_key, probe_key | np.clip(shortest, 0, capped[probe_text]), side="left")
        hits = np.searchsorted(entry_key, probe_key | capped[probe_text], side="right") - low
        # Hits a block of whole texts at a time, so that each pair's chunks are counted together.
        starts = first_position[text_begin:text_end] - begin
        running = np.concatenate([[0], np.cumsum(hits)])
        for block_begin, block_end in _blocks(running[starts + positions[text_begin:text_end]] - running[starts], _BLOCK):
            start = int(starts[block_begin])
            stop = int(starts[block_end - 1] + positions[text_begin + block_end - 1])
            block = hits[start:stop]
            total = int(block.sum())
            if not total:
                continue
            hit = np.repeat(low[start:stop] - (np.cumsum(block) - block), block) + np.arange(total)
            probe = np.repeat(np.arange(start, stop), block)
            a, b = entry_text[hit].astype(np.int64), probe_text[probe].astype(np.int64)  # codes need 64 bits
            la, lb = lengths[a], lengths[b]
            slack = share * (la + lb) + 1
            # Each pair is found from its longer text (from the later one when they are as long),
            # where the shorter one's chunks are, no further off than the edits allow.
            keep = ((la < lb) | ((la == lb) & (a < b))) & (lb - la <= slack)
            keep &= np.abs(probe_offset[probe] - entry_offset[hit]) <= slack
            chunks = _unique((a[keep] * count + b[keep]) * groups + group[hit[keep]])
            del hit, probe, a, b, la, lb, slack, keep
            pair = chunks // groups
            last = np.concatenate([pair[1:] != pair[:-1], [True]]) if len(pair) else pair.astype(bool)
            pair, held = pair[last], np.diff(np.concatenate([[-1], np.flatnonzero(last)]))
            a, b = pair // count, pair % count
            # At least m - d of the shorter text's m distinct chunks, with d <= s(la + lb) (+ 1 for rounding).
            enough = held >= distinct[a] - (np.floor(share * (lengths[a] + lengths[b])).astype(np.int64) + 1)
            a, b = a[enough], b[enough]
            found.append(np.minimum(a, b) * count + np.maximum(a, b))
    for text in np.flatnonzero(~blockable):
        others = np.flatnonzero(np.abs(lengths - lengths[text]) <= share * (lengths + lengths[text]) + 1)
        others = others[others != text]
        found.append(np.minimum(others, text) * count + np.maximum(others, text))
    del text_of, offset, key, entry_key, entry_text, entry_offset, group
    if not found:
        return
    codes = _unique(np.concatenate(found))
    del found
    for start in range(0, len(codes), _SCORED):
        batch = codes[start:start + _SCORED]
        # `long` is in increasing order, so the pairs stay (smaller, larger).
        yield np.stack([long[batch // count], long[batch % count]], axis=1)


def _groups(texts: np.ndarray, keys: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """For chunks given by (text, hash): the number of each chunk among its text's distinct chunks,
    and how many distinct chunks each of the ``count`` texts has."""
    import numpy as np

    order = np.lexsort((keys, texts))
    texts, keys = texts[order], keys[order]
    new = np.concatenate([[True], (texts[1:] != texts[:-1]) | (keys[1:] != keys[:-1])]) if len(texts) else texts.astype(bool)
    running = np.cumsum(new) - 1
    # Number within the text: the running count less the count at the text's first chunk.
    text_first = np.searchsorted(texts, texts, side="left")
    group = np.empty(len(texts), dtype=np.int64)
    group[order] = running - running[text_first]
    distinct = np.bincount(texts[new], minlength=count)
    return group, distinct


def _substrings(texts: list[str], lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every substring of CHUNK characters of every text: its text, its offset, and its hash."""
    import numpy as np

    # surrogatepass: a plan may hold a lone surrogate (a "\ud800" escape), which is still one character.
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.cumsum(lengths) - lengths
    per_text = np.maximum(lengths - CHUNK + 1, 0)
    text_of = np.repeat(np.arange(len(texts), dtype=np.int32), per_text)
    offset = (np.arange(int(per_text.sum())) - np.repeat(np.cumsum(per_text) - per_text, per_text)).astype(np.int32)
    at = starts[text_of] + offset
    hashed = np.zeros(len(at), dtype=np.uint64)
    with np.errstate(over="ignore"):  # the hash is meant to wrap around
        for position in range(CHUNK):
            hashed *= np.uint64(_HASH_BASE)
            hashed += codes[at + position]
        del at
        hashed ^= hashed >> np.uint64(29)
        hashed *= np.uint64(0xBF58476D1CE4E5B9)
        hashed ^= hashed >> np.uint64(32)
    # 64 bits less the length's, so that the two together make one sortable key.
    hashed >>= np.uint64(_LENGTH_BITS + 1)
    return text_of, offset, hashed.view(np.int64)


def _unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (numpy's own unique hashes, which is slower for these)."""
    import numpy as np

    values = np.sort(values)
    return values[np.concatenate([[True], values[1:] != values[:-1]])] if len(values) else values


def _blocks(counts: np.ndarray, limit: int) -> Iterator[tuple[int, int]]:
    """Consecutive ranges of ``counts`` adding up to at most ``limit`` (or a single count over it)."""
    import numpy as np

    total = np.cumsum(counts)
    start = 0
    while start < len(counts):
        before = int(total[start - 1]) if start else 0
        end = max(int(np.searchsorted(total, before + limit, side="right")), start + 1)
        yield start, end
        start = end


def _scored(texts: Sequence[str], batches: Iterator[np.ndarray], cutoff: float) -> Iterator[tuple[int, int, float]]:
    """The candidate pairs that score at least ``cutoff``, with their scores as cdist gives them."""
    import numpy as np
    from rapidfuzz import fuzz, process

    for pairs in batches:
        firsts, seconds = pairs[:, 0].tolist(), pairs[:, 1].tolist()
        scores = process.cpdist([texts[i] for i in firsts], [texts[j] for j in seconds],
                                scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
        for at in np.flatnonzero(scores).tolist():
            yield firsts[at], seconds[at], float(scores[at])
