"""The light stemmer brings a word's inflections together and leaves other words apart."""

from __future__ import annotations

import pytest

from plancompare.matching.stemming import stem


@pytest.mark.parametrize("words", [
    ("apprentice", "apprentices", "apprenticeship", "apprenticeships"),
    ("homeless", "homelessness"),
    ("cycle", "cycles", "cycling"),
    ("house", "houses", "housing"),
    ("care", "caring", "cared"),
    ("family", "families"),
    ("plan", "plans", "planned"),
    ("partner", "partners", "partnership", "partnerships"),
    ("child's", "child"),
    ("fly-tipping", "fly-tipped"),
    # Nouns and adjectives that only rename their base.
    ("affordable", "affordability"),
    ("accessible", "accessibility"),
    ("sustainable", "sustainability"),
    ("disability", "disabilities", "disabled"),
    ("education", "educational"),
])
def test_inflections_meet(words) -> None:
    assert len({stem(word) for word in words}) == 1, {word: stem(word) for word in words}


@pytest.mark.parametrize("a, b", [("care", "car"), ("hardship", "hard"), ("township", "town"), ("business", "busy"),
                                  ("news", "new"), ("bus", "bu"), ("national", "nation"),
                                  ("activities", "active"),  # (things to do for young people are not being active)
                                  # Nouns of their own in a plan: staff training, car parking, town planning, a meeting.
                                  ("training", "trains"), ("parking", "parks"), ("planning", "plans"), ("meeting", "meets")])
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


@pytest.mark.parametrize("word", ["bus", "being", "need", "bring", "status", "5g", "a1", "gcse"])
def test_short_and_odd_words_are_kept_whole(word: str) -> None:
    assert stem(word) == word
