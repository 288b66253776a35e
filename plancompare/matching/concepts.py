"""Finding the lexicon's concepts in a text, and the phrase expansion that lets texts which say the
same thing in different words meet.

A concept is found where one of its phrases occurs as whole words, compared word by word after
light stemming (so "rough sleepers" finds "rough sleeper"), longest phrase first, phrases never
overlapping. An item's expansion is the phrasings of the concepts found in it: appended to its text
before it is weighted, they give "illegal waste dumping" the words of "fly-tipping", and give a
theme profile the words of every concept the lexicon files under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plancompare.matching.stemming import stem
from plancompare.plans.model import Concept, Plan

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return [stem(word) for word in _WORD.findall(text.lower())]


class ConceptFinder:
    """The concepts of a lexicon, ready to be found in texts."""

    def __init__(self, concepts: Sequence[Concept], stems: dict[str, str] | None = None):
        """``stems``: words already stemmed (as phrase_stems gives them), so that a finder built
        again for one search query need not stem every phrase's words afresh."""
        self.concepts = tuple(concepts)
        self._phrases: dict[tuple[str, ...], int] = {}
        known = stems or {}
        for number, concept in enumerate(self.concepts):
            for phrase in concept.phrases:
                words = [known.get(word) or stem(word) for word in _WORD.findall(phrase.lower())]
                self._phrases.setdefault(tuple(words), number)
        self._phrases.pop((), None)
        #: For the first word of every phrase, the lengths of the phrases it starts, longest first:
        #: most words start none, and are passed over with one lookup.
        lengths: dict[str, set[int]] = {}
        for words in self._phrases:
            lengths.setdefault(words[0], set()).add(len(words))
        self._starts = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        #: Each word's stem, remembered (a dict lookup is cheaper than the stemmer's cache).
        self._stems: dict[str, str] = dict(known)

    def find(self, text: str) -> tuple[int, ...]:
        """The numbers of the concepts found in ``text``, in order of first appearance."""
        stems = self._stems
        words = [stems.get(word) or stems.setdefault(word, stem(word)) for word in _WORD.findall(text.lower())]
        found: dict[int, None] = {}
        starts, phrases = self._starts, self._phrases
        covered = 0  # phrases never overlap: positions before this are inside one already found
        # Most words start no phrase: only the positions of those that do are looked at.
        for position in [position for position, word in enumerate(words) if word in starts]:
            if position < covered:
                continue
            for length in starts[words[position]]:
                number = phrases.get(tuple(words[position:position + length]))
                if number is not None:
                    found.setdefault(number)
                    covered = position + length
                    break
        return tuple(found)

    def phrase_stems(self) -> dict[str, str]:
        """Every word of the lexicon's phrases with its stem (what ``stems`` takes)."""
        return {word: stem(word) for concept in self.concepts for phrase in concept.phrases
                for word in _WORD.findall(phrase.lower())}

    def expansion(self, numbers: Sequence[int]) -> str:
        """The phrasings of the concepts ``numbers``, as one text to append to an item's."""
        return " . ".join(" . ".join(self.concepts[number].phrases) for number in numbers)

    def of_theme(self, theme_id: str) -> tuple[int, ...]:
        """The concepts the lexicon files under ``theme_id``."""
        return tuple(number for number, concept in enumerate(self.concepts) if theme_id in concept.themes)


def found_in_items(finder: ConceptFinder, texts: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    """The concepts found in each of ``texts``; each distinct text is searched once (large plan
    sets repeat many items word for word)."""
    if not finder.concepts:
        return tuple(() for _ in texts)
    found = {text: finder.find(text) for text in dict.fromkeys(texts)}
    return tuple(found[text] for text in texts)


def concepts_found(plans: Sequence[Plan], concepts: Sequence[Concept]) -> list[tuple[tuple[int, ...], ...]]:
    """For each plan, the numbers of the lexicon's concepts found in each of its items, in order (a
    pure function of the items' texts and the lexicon's phrases, so it can be kept per plan file)."""
    from plancompare.matching.index import item_text

    finder = ConceptFinder(concepts)
    return [found_in_items(finder, [item_text(item) for item in plan.items()]) for plan in plans]


def broader_numbers(concepts: Sequence[Concept]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """For each concept, every concept above it (its broader ones, theirs, …) as (number, steps up),
    nearest first; the lexicon is checked acyclic by plancompare.plans.concepts.load_concepts."""
    number_of = {concept.id: number for number, concept in enumerate(concepts)}
    result = []
    for concept in concepts:
        found: dict[int, int] = {}
        level, steps = [concept.id], 0
        while level:
            steps += 1
            above = [b for current in level for b in concepts[number_of[current]].broader if b in number_of]
            level = []
            for broader in above:
                number = number_of[broader]
                if number not in found and broader != concept.id:
                    found[number] = steps
                    level.append(broader)
        result.append(tuple(found.items()))
    return tuple(result)
