"""Loading and checking a concept lexicon (data/concepts.yaml or the user's --concepts FILE).

A concept is one idea of local government (rough sleeping, NEET, fly-tipping, net zero) with the
phrasings councils use for it. The matcher uses the lexicon to let items that say the same thing in
different words meet (plancompare.matching.concepts); this module only reads and checks the file,
with the same one-line, file:line problems as a plan file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from plancompare.errors import InvalidInput
from plancompare.paths import default_concepts_path, display_path
from plancompare.plans.checkers import INVALID, CheckContext, Field, constant, list_of, record, text
from plancompare.plans.model import Concept, Theme
from plancompare.plans.rules import slug
from plancompare.plans.yamlfile import read_yaml

#: Matching every phrase against every item costs time in proportion to the phrases; a lexicon of
#: a few hundred concepts has a few thousand. This bound keeps a mistaken file from stalling a run.
MAX_PHRASES = 50_000
#: A phrase longer than this many words is a sentence, not a phrasing.
MAX_PHRASE_WORDS = 8

CONCEPT_FIELDS = {
    "id": Field(True, slug),
    "label": Field(True, text),
    "themes": Field(True, list_of(slug, min_items=1)),
    "phrases": Field(True, list_of(text, min_items=1)),
    "broader": Field(False, list_of(slug)),
}
CONCEPTS_FILE_FIELDS = {
    "schema_version": Field(True, constant(1)),
    "concepts": Field(True, list_of(record(CONCEPT_FIELDS))),
}

_WORD = re.compile(r"[a-z0-9]+")


def phrase_key(phrase: str) -> str:
    """A phrase as the matcher compares it: lower case words, punctuation and hyphens as spaces
    ("Fly-tipping" and "fly tipping" are one phrase)."""
    return " ".join(_WORD.findall(phrase.lower()))


def load_concepts(themes: Sequence[Theme], path: Path | None = None, check_themes: bool = True,
                  content: bytes | None = None) -> tuple[Concept, ...]:
    """Load and validate a lexicon against the taxonomy ``themes``; raises InvalidInput listing
    every problem (unknown themes, a concept id or a phrase used twice, empty phrases). Without
    ``check_themes`` (the bundled lexicon beside someone's own taxonomy) a theme the taxonomy does
    not have is dropped from the concept instead: its phrasings still serve. ``content`` is the
    file's bytes when the caller has read them (the cache keys on the same bytes)."""
    path = path or default_concepts_path()
    name = display_path(path)
    data, locations = read_yaml(path, name, content)
    ctx = CheckContext(name, locations)
    if not isinstance(data, dict):
        ctx.problem((), "a concepts file must be a mapping with keys schema_version and concepts")
        raise InvalidInput(ctx.problems)
    checked = record(CONCEPTS_FILE_FIELDS)(ctx, data, ())
    if checked is INVALID:
        raise InvalidInput(ctx.problems)
    theme_ids = {theme.id for theme in themes}
    ids: dict[str, int] = {}
    owner: dict[str, str] = {}
    total = 0
    concepts = []
    for index, concept in enumerate(checked["concepts"]):
        where = ("concepts", index)
        if concept["id"] in ids:
            ctx.problem((*where, "id"), f"concept id '{concept['id']}' is used twice", "give each concept its own id")
        ids.setdefault(concept["id"], index)
        for position, theme in enumerate(concept["themes"]):
            if theme not in theme_ids and check_themes:
                ctx.problem((*where, "themes", position), f"concept '{concept['id']}' names theme '{theme}', "
                            "which the taxonomy does not have", "use one of: " + ", ".join(sorted(theme_ids)))
        phrases = []
        for position, phrase in enumerate(concept["phrases"]):
            key = phrase_key(phrase)
            total += 1
            if not key:
                ctx.problem((*where, "phrases", position), f"phrase {phrase!r} has no letters or digits", "remove it")
            elif len(key.split()) > MAX_PHRASE_WORDS:
                ctx.problem((*where, "phrases", position), f"phrase {phrase!r} has more than {MAX_PHRASE_WORDS} words",
                            "a phrase is a short phrasing, not a sentence")
            elif owner.get(key, concept["id"]) != concept["id"]:
                ctx.problem((*where, "phrases", position), f"phrase {phrase!r} is also a phrase of concept "
                            f"'{owner[key]}'", "a phrase belongs to one concept only")
            else:
                owner[key] = concept["id"]
                if key not in phrases:
                    phrases.append(key)
        kept = tuple(theme for theme in concept["themes"] if theme in theme_ids)
        concepts.append(Concept(concept["id"], concept["label"], kept, tuple(phrases), tuple(dict.fromkeys(concept.get("broader") or ()))))
    _check_broader(ctx, concepts)
    if total > MAX_PHRASES:
        ctx.problem(("concepts",), f"the lexicon has {total:,} phrases; at most {MAX_PHRASES:,} are allowed",
                    "split it, or drop rare phrasings")
    if ctx.problems:
        raise InvalidInput(ctx.problems)
    return tuple(concepts)


def _check_broader(ctx: CheckContext, concepts: Sequence[Concept]) -> None:
    """Each concept's ``broader`` names other concepts of the lexicon, and following them never
    leads back to where it started."""
    known = {concept.id for concept in concepts}
    for index, concept in enumerate(concepts):
        for position, broader in enumerate(concept.broader):
            where = ("concepts", index, "broader", position)
            if broader == concept.id:
                ctx.problem(where, f"concept '{concept.id}' names itself as broader", "remove it")
            elif broader not in known:
                ctx.problem(where, f"concept '{concept.id}' names broader concept '{broader}', which the lexicon does not have",
                            "use the id of a concept in this file")
    parents = {concept.id: [b for b in concept.broader if b in known and b != concept.id] for concept in concepts}
    for index, concept in enumerate(concepts):
        seen, path = set(), [concept.id]
        while path:
            current = path.pop()
            for parent in parents.get(current, ()):
                if parent == concept.id:
                    ctx.problem(("concepts", index, "broader"), f"concept '{concept.id}' is broader than itself through "
                                "its broader concepts", "remove one of the links that lead back to it")
                    return
                if parent not in seen:
                    seen.add(parent)
                    path.append(parent)

