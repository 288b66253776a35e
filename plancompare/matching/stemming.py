"""A light stemmer: the inflections of one English word brought to one form, so that search and
matching treat "apprentice", "apprentices", "apprenticeship" and "apprenticeships" as one word, and
"homeless"/"homelessness", "cycle"/"cycling", "house"/"housing" likewise.

Deliberately conservative (much lighter than Porter's): plural and possessive endings, -ing and -ed,
a final silent e on longer words, and noun endings that only rename their base (-lessness,
-fulness, -ship after a role: apprenticeship, partnership; -ability/-ibility as -able/-ible:
affordability, accessibility; and -ational as -ation: educational).
It never shortens a word below three letters or leaves one without a vowel, so short words
("bus", "being", "need", "bring") are kept whole. Pure and cached; no imports.
"""

from __future__ import annotations

import functools

_VOWELS = frozenset("aeiouy")
#: Words whose ending only looks like an inflection.
_KEEP = frozenset(
    """
    news series species means politics economics physics statistics status bus gas lens this thus
    always perhaps across less unless business process access progress address success
    training parking planning meeting
    """.split()
)
# (The last four are nouns of their own in a plan: staff training is not trains, car parking not
# parks, town planning not a plan, a meeting not meeting someone.)


#: What a word ends in when -ship after it names a role (apprentice, partner, citizen, trainee).
_ROLE_ENDINGS = ("ice", "er", "or", "en", "ee", "ern")


def _has_vowel(text: str) -> bool:
    return any(letter in _VOWELS for letter in text)


def _shorten(word: str, ending: str, replacement: str = "") -> str | None:
    """``word`` without ``ending`` (plus ``replacement``) when what is left is a plausible stem."""
    if not word.endswith(ending):
        return None
    stem = word[: len(word) - len(ending)] + replacement
    return stem if len(stem) >= 3 and _has_vowel(stem) else None


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The form all inflections of ``word`` (lower case) share. Hyphenated words are stemmed at
    their last part ("fly-tipping" as "fly-tipp")."""
    head, hyphen, last = word.rpartition("-")
    if hyphen:
        return f"{head}-{stem(last)}" if last else word
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if word in _KEEP or len(word) <= 3 or not word.isalpha():
        return word
    for ending, replacement in (("lessness", "less"), ("fulness", "ful")):
        word = _shorten(word, ending, replacement) or word
    word = _plural(word)
    # Nouns and adjectives that only rename their base: "affordability" is what is "affordable",
    # "accessibility" "accessible"; "educational" is of "education" (not "national").
    for ending, replacement in (("ability", "able"), ("ibility", "ible")):
        word = _shorten(word, ending, replacement) or word
    if len(word) >= 9 and word.endswith("ational"):
        word = word[:-2]
    for ending in ("ship", "ing", "ed"):
        shorter = _shorten(word, ending)
        if not shorter:
            continue
        if ending == "ship":
            # Only where -ship names the role of a person ("apprenticeship", "partnership",
            # "citizenship"), not in "hardship" or "township".
            word = shorter if len(shorter) >= 4 and shorter.endswith(_ROLE_ENDINGS) else word
        else:
            word = _undouble(shorter)
            # "caring" -> "car" -> "care": a short consonant-vowel-consonant stem had a silent e
            # (and "care" keeps it below, so care never meets "car").
            if len(word) == 3 and word[0] not in _VOWELS and word[1] in _VOWELS and word[2] not in _VOWELS | {"w", "x"}:
                word += "e"
        break
    if len(word) > 4 and word.endswith("e") and not word.endswith(("ee", "ie", "ye")):
        word = word[:-1]
    return word


def _plural(word: str) -> str:
    if word.endswith("ss") or word.endswith("us") or word.endswith("is"):
        return word
    for ending, replacement in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        shorter = _shorten(word, ending, replacement)
        if shorter:
            return shorter
    if word.endswith("s") and not word.endswith("'s"):
        return _shorten(word, "s") or word
    return word


def _undouble(stem_: str) -> str:
    """"running" -> "runn" -> "run"; "planning" -> "plan"; but "fill", "pass", "buzz" keep theirs."""
    if len(stem_) > 3 and stem_[-1] == stem_[-2] and stem_[-1] not in "lsz" and stem_[-1] not in _VOWELS:
        return stem_[:-1]
    return stem_
