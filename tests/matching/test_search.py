"""Search: items sharing the query's words come first, scores fall, nonsense finds nothing."""

from __future__ import annotations

from plancompare.matching.search import search
from plancompare.matching.fit import build_index
from plancompare.paths import default_plans_dir
from plancompare.plans.concepts import load_concepts
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
BUNDLED = load_plans([default_plans_dir()])
INDEX = build_index(BUNDLED, THEMES)
ITEMS = INDEX.items


def test_search_ranks_matching_items_first() -> None:
    ranked = search(INDEX, "affordable homes")
    assert ranked and all("home" in item.text.lower() or "housing" in item.text.lower() for item, _ in ranked[:3])
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    assert search(INDEX, "zzzz qqqq") == []


LEXICON_INDEX = build_index(BUNDLED, THEMES, concepts=load_concepts(THEMES))


def test_every_form_of_a_word_finds_the_same_items() -> None:
    """apprentice/apprenticeships and homeless/homelessness are one word to search."""
    for forms in (("apprentice", "apprentices", "apprenticeship", "apprenticeships"), ("homeless", "homelessness"),
                  ("cycle", "cycling")):
        results = [[item.id for item, _ in search(INDEX, form)] for form in forms]
        assert results[0] and all(result == results[0] for result in results), forms
    found = {item.id for item, _ in search(INDEX, "apprenticeships")}
    mentions = {item.id for item in ITEMS if "apprentice" in item.text.lower()}
    assert mentions <= found


def test_a_query_naming_a_concept_finds_its_other_phrasings() -> None:
    """With the lexicon, 'sleeping rough' finds items that only say 'rough sleeping' or 'homeless'."""
    plain = {item.id for item, _ in search(INDEX, "sleeping rough")}
    expanded = [item for item, _ in search(LEXICON_INDEX, "sleeping rough")]
    assert {item.id for item in expanded} > plain
    assert any("homeless" in item.text.lower() and "rough" not in item.text.lower() for item in expanded[:20])


QUERIES = ("affordable homes", "apprenticeships", "rough sleeping", "net zero by 2030", "children's centres",
           "anti-social behaviour", "the and of", "good jobs for young people", "zzzz")


def test_a_query_is_counted_as_the_analyser_counts_an_item() -> None:
    from plancompare.matching.analysis import word_counts
    from plancompare.matching.search import query_counts
    from plancompare.matching.stemming import stem

    vocabulary = LEXICON_INDEX.vocabulary()
    stop_words = frozenset(vocabulary.stop_words)
    for text in [*(item.text for item in ITEMS[::3]), *QUERIES, "Re-use, re-cycle: 5G & A1 it's", ""]:
        counts = word_counts([text], stop_words, stem)
        expected = dict(zip(counts.features.tolist(), counts.matrix.toarray()[0].tolist())) if counts.matrix.shape[1] else {}
        assert dict(query_counts(text, stop_words, stem)) == expected, text


def _dense_search(index, query: str) -> list[tuple[str, float]]:
    """Search as it was computed before the postings: dense rows over the query's columns, one
    matrix product, the same found rule; an independent reckoning of the same definition."""
    import numpy as np

    from plancompare.matching.analysis import word_counts
    from plancompare.matching.concepts import ConceptFinder
    from plancompare.matching.stemming import stem
    import dataclasses

    from plancompare.plans.model import Concept

    vocabulary = index.vocabulary()
    features = vocabulary.features.tolist()

    def terms(text: str) -> np.ndarray:
        counts = word_counts([text], vocabulary.stop_words, stem)
        dense = np.zeros(len(features))
        for feature, count in zip(counts.features.tolist(), counts.matrix.toarray()[0].tolist() if counts.matrix.shape[1] else []):
            if feature in vocabulary_position:
                dense[vocabulary_position[feature]] = (1 + np.log(count)) * vocabulary.idf[vocabulary_position[feature]]
        norm = np.linalg.norm(dense)
        return dense / norm if norm else dense

    vocabulary_position = {feature: column for column, feature in enumerate(features)}
    own = terms(query)
    finder = ConceptFinder([Concept(label, label, (), phrases) for label, phrases in zip(vocabulary.concepts, vocabulary.concept_phrases)])
    concepts = list(finder.find(query))
    weights = own + index.config.expansion_weight * terms(finder.expansion(concepts)) if concepts else own
    if not weights.any():
        return []
    weights = weights / np.linalg.norm(weights)
    items = list(index.items)
    search_rows = index.rows("search", items).to_scipy()
    scores = search_rows @ weights
    found = (search_rows[:, np.flatnonzero(own)] != 0).sum(axis=1).A1 > 0
    if concepts:
        # An item's value for a concept: 1 where it mentions it, else broader_mention ** steps for
        # its nearest mention of a concept below it; the mean over the query's concepts joins the
        # cosine at search_concept_weight.
        mentions = index.rows("text", items).to_scipy()[:, len(features):].toarray() != 0
        values = mentions.astype(float)
        for below, ups in enumerate(vocabulary.concept_broader):
            for above, steps in ups:
                values[:, above] = np.maximum(values[:, above], mentions[:, below] * index.config.broader_mention ** steps)
        share = index.config.search_concept_weight
        scores = (1 - share) * scores + share * values[:, concepts].mean(axis=1)
        found |= (values[:, concepts] != 0).any(axis=1)
    pairs = [(item.id, index.config.round(score)) for item, score, hit in zip(items, scores, found) if hit and score > 0]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def test_search_by_postings_ranks_as_the_dense_reckoning_does() -> None:
    for query in QUERIES:
        assert [(item.id, score) for item, score in search(LEXICON_INDEX, query)] == _dense_search(LEXICON_INDEX, query), query


def test_search_councils_keeps_first_copies_of_the_councils_and_theme_asked_for() -> None:
    from plancompare.matching.coverage import distinct
    from plancompare.matching.search import search_councils, searchable_of

    searchable = searchable_of(LEXICON_INDEX)
    for query in QUERIES:
        for councils, theme in ((None, None), (["stoke-on-trent", "coventry"], None), (None, "housing"), (["sandwell"], "jobs-economy")):
            plans = [LEXICON_INDEX.plan(council) for council in councils or LEXICON_INDEX.councils]
            pool = [item for plan in plans for item in distinct(plan.items()).items
                    if theme is None or LEXICON_INDEX.top_theme(item) == theme]
            expected = search(LEXICON_INDEX, query, pool)
            hits, total = search_councils(LEXICON_INDEX, searchable, query, councils, theme, limit=7)
            assert total == len(expected)
            assert [(hit.item.id, hit.score) for hit in hits] == [(item.id, score) for item, score in expected[:7]]
            for hit in hits:
                assert LEXICON_INDEX.plan(hit.item.council_id).items()[hit.position] is hit.item


def test_a_search_for_a_concept_finds_the_items_about_the_concepts_below_it_after_those_that_name_it() -> None:
    import dataclasses

    from plancompare.plans.model import Concept

    public = Concept("public-transport", "Public transport", ("transport",), ("public transport",))
    buses = Concept("bus-services", "Bus services", ("transport",), ("bus services", "buses", "bus network"), ("public-transport",))
    flat = build_index(BUNDLED, THEMES, concepts=(public, dataclasses.replace(buses, broader=())))
    linked = build_index(BUNDLED, THEMES, concepts=(public, buses))

    def says(item, words: str) -> bool:
        return words in item.text.lower()

    without = [item for item, _ in search(flat, "public transport")]
    ranked = [item for item, _ in search(linked, "public transport")]
    about_buses = [item for item in ranked if not says(item, "transport") and (says(item, "bus services") or says(item, "buses"))]
    assert about_buses and not any(item in without for item in about_buses)
    naming = [position for position, item in enumerate(ranked) if says(item, "public transport")]
    assert naming and max(naming) < min(ranked.index(item) for item in about_buses)
