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
