"""Writing a draft as a plan file: every character survives the YAML quoting, and the helpers that
replaced slow patterns and loops give exactly what the originals gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from plancompare.plans.draft_write import _q, _short_name, _slug
from plancompare.plans.textnorm import normalise
from plancompare.plans.yamlfile import parse_yaml


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_text_survives_the_yaml_quoting(text: str) -> None:
    # DEL, C1 controls, NEL, U+2028/9, U+FEFF and U+FFFE/F written raw were refused or folded.
    assert parse_yaml(f"text: {_q(text)}\n", "draft")[0] == {"text": text}


def test_characters_yaml_refuses_are_escaped() -> None:
    assert _q("a\x85b\u2028c\x7f\ufeff") == '"a\\u0085b\\u2028c\\u007f\\ufeff"'
    assert _q('We will "act" — now\t') == '"We will \\"act\\" — now\\t"'


def _old_short_name(name: str) -> str:
    return re.sub(r"\s+(city|metropolitan borough|borough|district|county)?\s*council$", "", name, flags=re.IGNORECASE).strip() or name


NAME_PARTS = st.sampled_from([" ", "  ", "\t", "\n", "x", "Dudley", "City", "city", "Metropolitan Borough", "metropolitan",
                              "Borough", "BOROUGH", "District", "County", "Council", "council", "COUNCIL", "İ", "\u00a0", "K"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(NAME_PARTS, max_size=7).map("".join))
def test_short_name_is_what_the_pattern_made(name: str) -> None:
    assert _short_name(name) == _old_short_name(name)


def test_short_names() -> None:
    assert _short_name("Dudley Metropolitan Borough Council") == "Dudley"
    assert _short_name("Stoke-on-Trent City Council") == "Stoke-on-Trent"
    assert _short_name("Eastbrook Borough Council") == "Eastbrook"
    assert _short_name("Council") == "Council"
    assert _short_name("Sandwell") == "Sandwell"


def _old_slugs(titles: list[str]) -> list[str]:
    taken: set[str] = set()
    slugs = []
    for text in titles:
        words = re.findall(r"[a-z0-9]+", normalise(text).lower())
        stop = {"a", "an", "the", "and", "of", "for", "to", "in", "our", "with", "that", "those", "all", "city"}
        base = "-".join([w for w in words if w not in stop][:3] or words[:3] or ["section"])
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Good Homes", "Good Homes 2", "Good Homes 3", "good-homes-2", "The City", "Our Plan",
                                 "Our Plan 2", "", "Section", "Section 2", "Homes", "Homes 2 2"]), max_size=12))
def test_slugs_are_numbered_as_before(titles: list[str]) -> None:
    taken: dict[str, int] = {}
    assert [_slug(title, taken) for title in titles] == _old_slugs(titles)
