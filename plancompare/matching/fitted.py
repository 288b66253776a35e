"""The fitted weights and rows of a set of plans: every item's and theme profile's TF-IDF rows, its
theme scores, and the blocks of vectors that compare items (fit.build_index turns them into an Index).

How an item is themed and compared is in fit.py's docstring. Memory stays bounded for hundreds of
plans: the character block, much the largest, is weighted a slice of rows at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.matching.config import DEFAULT_CONFIG, MatcherConfig, plan_stop_words
from plancompare.matching.frozen import FrozenTerms
from plancompare.matching.index import item_text
from plancompare.matching.sparse import row_ranges
from plancompare.plans.model import Concept, Plan, Theme


def stop_words(plans: Sequence[Plan], config: MatcherConfig = DEFAULT_CONFIG) -> list[str]:
    """English stop words (scikit-learn's list), the words every plan uses and the names of the
    councils of ``plans``."""
    from plancompare.matching.stop_words import ENGLISH_STOP_WORDS

    names = [name for plan in plans for name in (plan.council.name, plan.council.short_name, *plan.council.aliases)]
    return sorted(ENGLISH_STOP_WORDS | plan_stop_words(names, config))


class Fit:
    """The fitted weights and the corpus they were fitted on, kept to build the vectors later."""

    def __init__(self, plans: Sequence[Plan], themes: Sequence[Theme], config: MatcherConfig,
                 concepts: Sequence[Concept] = (), found: Sequence[Sequence[tuple[int, ...]]] | None = None,
                 frozen: FrozenTerms | None = None):
        """``frozen``: the terms and weights of a fit of a larger set of plans these are among (see
        frozen.py): the rows are then those that fit gives these plans' items, without fitting."""
        from plancompare.matching.analysis import Counts, FactoredCounts, analyse
        from plancompare.matching.concepts import ConceptFinder, found_in_items
        from plancompare.matching.stemming import stem
        from plancompare.matching.weights import IdfWeights

        self.config = config
        self.theme_ids = tuple(theme.id for theme in themes)
        self.items = tuple(item for plan in plans for item in plan.items())
        texts = [item_text(item) for item in self.items]
        finder = ConceptFinder(concepts)
        self.concepts = finder.concepts
        if found is None:
            hits = found_in_items(finder, texts)
        elif [len(per_plan) for per_plan in found] != [len(plan.items()) for plan in plans]:
            raise ValueError("the concepts found are not those of these plans' items")
        else:
            hits = [hit for per_plan in found for hit in per_plan]
        self.frozen = frozen
        self.dropped = frozen.dropped if frozen is not None else common_concepts(list(hits), config.concept_max_share)
        self.item_concepts = [tuple(number for number in numbers if number not in self.dropped) for numbers in hits]
        profiles = []
        for theme in themes:
            profile = theme.profile()
            found = finder.find(profile)
            if config.concept_profiles:
                found = tuple(dict.fromkeys((*found, *finder.of_theme(theme.id))))
            profiles.append(f"{profile} . {finder.expansion(found)}" if found else profile)
        titles = {p.id: p.title for plan in plans for p in plan.priorities}
        contexts = [titles.get(item.priority_id or "", "") for item in self.items]
        unique_contexts = sorted(set(contexts) - {""})
        context_rows = {title: row for row, title in enumerate(unique_contexts)}
        self.n, self.u = len(self.items), len(unique_contexts)
        # Items with no section (plan-level statements) point at an all-zero row after the titles.
        self.context_index = [context_rows.get(title, self.u) for title in contexts]
        self.stop_words = list(frozen.stop_words) if frozen is not None else stop_words(plans, config)
        self.slices = row_ranges([len(plan.items()) for plan in plans], config.row_slice)
        # One corpus for both analysers: item texts, each item's concept phrasings (rows of their
        # own, so an item's own words stay apart: they are weighted below it, and alone explain a
        # match), each distinct section title once, theme profiles.
        # An item's phrasings are the sum of its concepts' phrasings, so each concept in use is
        # analysed once, as one row, and the items' rows are made from them by one sparse product.
        used = sorted({number for found in self.item_concepts for number in found})
        corpus = texts + [finder.expansion((number,)) for number in used] + unique_contexts + profiles
        # (Frozen: every n-gram is counted, and the terms are those of the larger fit.)
        words, chars = analyse(corpus, self.stop_words, stem if config.stem_words else None, **(
            {"char_min_df": 1} if frozen is not None else {"keep_rare": True}))
        if frozen is not None:
            words, chars = frozen.words_of(words), frozen.chars_of(chars)
        # (What an incremental refit keeps of the analysis: incremental.fit_state.)
        self.char_texts, self.char_rare = chars.corpus_frequency, chars.rare
        n = self.n
        concepts_of = self._concept_indicator(used)
        k = len(used)
        self.words = Counts(_rows_stacked(words.matrix[:n], concepts_of @ words.matrix[n:n + k], words.matrix[n + k:]),
                            words.features, words.display)
        self.chars = FactoredCounts(_rows_stacked(chars.by_text[:n], concepts_of.astype("float32") @ chars.by_text[n:n + k],
                                                  chars.by_text[n + k:]), chars.by_chunk, chars.features)
        # The weights are fitted on each item as one document (its text with its phrasings).
        self.word_counts = Counts(_rows_stacked(self.words.matrix[:n] + self.words.matrix[n:2 * n], self.words.matrix[2 * n:]),
                                  self.words.features, self.words.display)
        by_text = self.chars.by_text
        joined_chars = FactoredCounts(_rows_stacked(by_text[:n] + by_text[n:2 * n], by_text[2 * n:]),
                                      self.chars.by_chunk, self.chars.features)
        self.distinct_words = (self.words.matrix[:n] > 0).sum(axis=1).A1
        # Weighted as scikit-learn's TfidfVectorizer(sublinear_tf=True) weights its counts (weights.py).
        # The character counts are never made whole: the IDF is fitted on their document
        # frequencies, counted a slice of rows at a time.
        if frozen is None:
            self.word_weights = IdfWeights.fit(self.word_counts.matrix)
            self.char_frequency = joined_chars.document_frequencies()
            self.char_weights = IdfWeights.from_frequencies(self.char_frequency, joined_chars.shape[0], joined_chars.by_chunk.dtype)
        else:
            self.word_weights, self.char_weights = frozen.word_weights, frozen.char_weights
        self.context_weight = self._context_weights()
        self.own_text, self.word_text, self.word_titles, self.word_profiles = self._word_block()
        self.word_context = _normalized(self.word_text + self.word_titles)
        self.audience_scale = self._audience_scale()
        self.char_text: list = []
        self.keep_char_text = False

    def _concept_indicator(self, used):
        """items × concepts in use: 1 where the item mentions the concept."""
        import numpy as np
        from scipy.sparse import csr_matrix

        column = {number: position for position, number in enumerate(used)}
        pointers = np.cumsum([0, *map(len, self.item_concepts)])
        columns = np.fromiter((column[number] for found in self.item_concepts for number in found), dtype=np.int64,
                              count=int(pointers[-1]))
        return csr_matrix((np.ones(len(columns)), columns, pointers), shape=(self.n, len(used)))

    def _audience_scale(self):
        """A weight per word column: config.audience_weight for audience words and bigrams made only
        of them, 1 for every other column."""
        import numpy as np

        from plancompare.matching.stemming import stem

        config = self.config
        audience = {stem(word) if config.stem_words else word for word in config.audience_words}
        scale = np.ones(len(self.words.features))
        if config.audience_weight != 1.0:
            hits = [column for column, feature in enumerate(self.words.features.tolist()) if set(feature.split(" ")) <= audience]
            scale[hits] = config.audience_weight
        return scale

    def _context_weights(self):
        """Each item's weight for its section title (see MatcherConfig.context_evidence)."""
        import numpy as np

        config = self.config
        if config.context_evidence is None:
            return np.full(self.n, config.context_weight)
        return config.context_weight * config.context_evidence / (config.context_evidence + self.distinct_words)

    def _weighted(self, counts, weights):
        """TF-IDF rows of ``counts`` (a fresh slice or product, so it is weighted in place). Each row's
        columns are put in order first: every sum over a row (its length, its products) then adds in
        the same order whatever the order the analysis met the terms in, so that a council weighted
        alone (frozen terms) gets the very values the whole fit gives it."""
        import numpy as np

        counts = counts.astype(np.float64, copy=False)
        counts.sort_indices()
        return _normalized(weights.transform(counts, copy=False))

    def _expanded(self, own, expansion):
        """An item's rows: its own words' TF-IDF and, at config.expansion_weight, its concepts'."""
        return _normalized(own + self.config.expansion_weight * expansion)

    def _titled(self, titles, start: int, stop: int):
        """Items start..stop-1's section titles, each at its item's context weight."""
        from scipy.sparse import diags

        return diags(self.context_weight[start:stop]) @ titles[self.context_index[start:stop]]

    def _titles(self, rows, weights):
        from scipy.sparse import csr_matrix, vstack

        titles = self._weighted(rows(2 * self.n, 2 * self.n + self.u), weights)
        return vstack([titles, csr_matrix((1, titles.shape[1]))]).tocsr()

    def _word_block(self) -> tuple:
        """The word block's own-text, text, weighted-title and profile rows."""
        counts, weights, n = self.words.matrix, self.word_weights, self.n
        own = self._weighted(counts[:n], weights)
        text = self._expanded(own, self._weighted(counts[n:2 * n], weights))
        titles = self._titled(self._titles(lambda a, b: counts[a:b], weights), 0, n)
        return own, text, titles, self._weighted(counts[2 * n + self.u:], weights)

    def char_slices(self):
        """The character block's (first row, text rows, text-with-context rows), a slice at a time
        (see sparse.row_ranges: every step is row by row, so where the slices fall changes no value)."""
        rows, weights, n = self.chars.rows, self.char_weights, self.n
        titles = self._titles(rows, weights)
        for start, stop in self.slices:
            text = self._expanded(self._weighted(rows(start, stop), weights), self._weighted(rows(n + start, n + stop), weights))
            yield start, text, _normalized(text + self._titled(titles, start, stop))

    def _char_text_slices(self):
        """The character text rows a slice at a time: those theme_scores kept, each let go once
        used, or else weighted afresh."""
        if not self.char_text:
            yield from ((start, text) for start, text, _ in self.char_slices())
        while self.char_text:
            yield self.char_text.pop(0)

    def char_profiles(self):
        return self._weighted(self.chars.rows(2 * self.n + self.u, self.chars.shape[0]), self.char_weights)

    def theme_scores(self):
        """items × themes: cosine of [words, char_weight × characters] (each block unit length) with
        the profiles, computed block by block so that the two blocks are never joined."""
        import numpy as np
        from scipy.sparse import diags

        from plancompare.matching.weights import unit_rows as normalize

        # Audience words count for less in an item's theme (not in the profiles, which name them).
        items = normalize(self.word_context @ diags(self.audience_scale), copy=False)
        word = (items @ self.word_profiles.T).toarray()
        char = np.zeros_like(word)
        char_present = np.zeros(self.n, dtype=bool)
        char_profiles = self.char_profiles()
        # A handful of profiles: dense, so each slice's product is one sparse-times-dense pass.
        dense_profiles = char_profiles.toarray().T
        # With vectors to follow, the text rows are kept for them, which would weight them again.
        self.char_text = []
        for start, text, context in self.char_slices():
            if self.keep_char_text:
                self.char_text.append((start, text))
            char[start:start + context.shape[0]] = context @ dense_profiles
            char_present[start:start + context.shape[0]] = context.getnnz(axis=1) > 0
        squared = self.config.char_weight ** 2
        item_norm = np.sqrt((items.getnnz(axis=1) > 0) + squared * char_present)
        profile_norm = np.sqrt((self.word_profiles.getnnz(axis=1) > 0) + squared * (char_profiles.getnnz(axis=1) > 0))
        with np.errstate(invalid="ignore", divide="ignore"):
            raw = (word + squared * char) / (item_norm[:, None] * profile_norm[None, :])
        raw = np.nan_to_num(raw, nan=0.0, posinf=0.0)
        return raw + self.config.concept_theme_weight * self._concept_votes(len(profile_norm))

    def _concept_votes(self, theme_count: int):
        """items × themes: the share of an item's concepts that the lexicon files under each theme
        (a concept's main theme counts 1, its others concept_other_themes)."""
        import numpy as np

        votes = np.zeros((self.n, theme_count))
        if not self.concepts or not self.config.concept_theme_weight:
            return votes
        column = {theme_id: number for number, theme_id in enumerate(self.theme_ids)}
        for row, found in enumerate(self.item_concepts):
            for number in found:
                for rank, theme_id in enumerate(self.concepts[number].themes):
                    if theme_id in column:
                        votes[row, column[theme_id]] += 1.0 if rank == 0 else self.config.concept_other_themes
            if found:
                votes[row] /= len(found)
        return votes

    def vectors(self, scores) -> tuple:
        """text, align and search rows (SparseRows) for every item. Alignment compares items by their
        words, their character n-grams and their theme scores: each block is unit length, so the
        cosine of the weighted concatenation is a weighted mean of the three cosines, in [0, 1].
        Built a slice of rows at a time, since the joined blocks are the largest matrix of all: the
        align block is returned as (first row, SparseRows) per slice, never joined (align_rows)."""
        from scipy.sparse import csr_matrix, hstack

        from plancompare.matching.sparse import SparseRows
        from plancompare.matching.weights import unit_rows as normalize

        themes = normalize(csr_matrix(scores))
        align = [
            (start, SparseRows.from_scipy(normalize(hstack([
                self.word_text[start:start + characters.shape[0]],
                self.config.align_char_weight * characters,
                self.config.align_theme_weight * themes[start:start + characters.shape[0]],
            ]).tocsr())))
            for start, characters in self._char_text_slices()
        ]
        search = self.word_context if self.config.search_expansion else normalize(self.own_text + self.word_titles)
        return SparseRows.from_scipy(self._explained()), align, SparseRows.from_scipy(search)

    def align_rows(self, align: list, start: int, stop: int):
        """Rows start..stop-1 of the align block from its slices (a council's rows lie in one slice,
        unless it has more rows than a slice holds)."""
        from plancompare.matching.sparse import SparseRows, concat

        parts = [rows.slice(max(start, first) - first, min(stop, first + rows.rows) - first)
                 for first, rows in align if first < stop and first + rows.rows > start]
        if not parts:
            import numpy as np

            width = self.word_text.shape[1] + self.chars.shape[1] + len(self.theme_ids)
            return SparseRows(np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0), width)
        return concat(parts)

    def _explained(self):
        """The rows that explain a match: the TF-IDF of the item's own words, then a column per
        concept of the lexicon holding 1 where the item mentions it."""
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        pointers = np.cumsum([0, *map(len, self.item_concepts)])
        columns = np.fromiter((number for found in self.item_concepts for number in found), dtype=np.int64, count=int(pointers[-1]))
        found = csr_matrix((np.ones(len(columns)), columns, pointers), shape=(self.n, len(self.concepts)))
        return hstack([self.own_text, found]).tocsr()


def common_concepts(found: list[tuple[int, ...]], max_share: float) -> frozenset[int]:
    """The concepts that more than ``max_share`` of the items mention (and more than ten): a concept
    every plan invokes ("working with our partners") says nothing about what an item is about, and
    its phrasings would pull half the items together. They are left out of every item."""
    from collections import Counter

    counts = Counter(number for numbers in found for number in numbers)
    limit = max(max_share * len(found), 10)
    return frozenset(number for number, count in counts.items() if count > limit)


def _normalized(rows):
    """``rows`` scaled to unit length (all-zero rows stay zero)."""
    from plancompare.matching.weights import unit_rows

    return unit_rows(rows, copy=False)


def _rows_stacked(*blocks):
    """One CSR matrix of each block's rows in turn."""
    from scipy.sparse import vstack

    return vstack(blocks).tocsr()
