"""Concepts are found as whole words after stemming, longest phrase first, and expand to their phrasings."""

from __future__ import annotations

from plancompare.matching.concepts import ConceptFinder
from plancompare.plans.model import Concept

LEXICON = (
    Concept("rough-sleeping", "Rough sleeping", ("housing",), ("rough sleeping", "sleeping rough", "street homeless")),
    Concept("crime", "Crime", ("community-safety",), ("crime",)),
    Concept("hate-crime", "Hate crime", ("community-safety", "equality-inclusion"), ("hate crime", "hate incidents")),
    Concept("send", "SEND", ("children-families",), ("send", "special educational needs")),
)
FINDER = ConceptFinder(LEXICON)


def test_phrases_are_found_in_any_word_form_and_case() -> None:
    assert FINDER.find("Fewer people Sleeping Rough in the city") == (0,)
    assert FINDER.find("support for the street-homeless") == (0,)
    assert FINDER.find("Special Educational Need places") == (3,)


def test_the_longest_phrase_wins_and_words_inside_other_words_do_not_count() -> None:
    assert FINDER.find("tackle hate crime and other crime") == (2, 1)
    assert FINDER.find("crimestoppers and a godsend") == ()


def test_expansion_lists_every_phrasing_and_themes_list_their_concepts() -> None:
    assert FINDER.expansion((0,)) == "rough sleeping . sleeping rough . street homeless"
    assert FINDER.of_theme("equality-inclusion") == (2,)
    assert ConceptFinder(()).find("anything") == ()


def test_a_finder_given_its_phrase_stems_finds_exactly_what_one_that_stems_them_finds() -> None:
    from plancompare.paths import default_plans_dir
    from plancompare.plans.concepts import load_concepts
    from plancompare.plans.loader import load_plans
    from plancompare.plans.taxonomy import load_themes

    concepts = load_concepts(load_themes())
    stemming = ConceptFinder(concepts)
    stems = stemming.phrase_stems()
    assert stems["sleepers"] == "sleeper" and len(stems) > 500
    given = ConceptFinder(concepts, stems)
    texts = [item.text for plan in load_plans([default_plans_dir()]) for item in plan.items()]
    assert [given.find(text) for text in texts] == [stemming.find(text) for text in texts]
    assert any(stemming.find(text) for text in texts)


def test_found_in_items_gives_each_text_what_find_gives_it() -> None:
    from plancompare.matching.concepts import found_in_items

    texts = ["tackle hate crime", "nothing here", "tackle hate crime", "sleeping rough"]
    assert found_in_items(FINDER, texts) == tuple(FINDER.find(text) for text in texts) == ((2,), (), (2,), (0,))
    assert found_in_items(ConceptFinder(()), texts) == ((), (), (), ())


def test_each_concept_knows_every_concept_above_it_nearest_first() -> None:
    from plancompare.matching.concepts import broader_numbers
    from plancompare.plans.model import Concept

    lexicon = (Concept("transport", "Transport", ("transport",), ("transport",)),
               Concept("public-transport", "Public transport", ("transport",), ("public transport",), ("transport",)),
               Concept("bus-services", "Bus services", ("transport",), ("buses",), ("public-transport", "transport")),
               Concept("trams", "Trams", ("transport",), ("trams",), ("public-transport",)))
    assert broader_numbers(lexicon) == ((), ((0, 1),), ((1, 1), (0, 1)), ((1, 1), (0, 2)))
