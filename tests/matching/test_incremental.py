"""An incremental refit after an edit gives exactly what a fresh fit of the edited plans gives, and
declines every edit that would change another council's rows."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest

from plancompare.matching.concepts import concepts_found
from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.matching.fit import fitted_index
from plancompare.matching.incremental import composed, fit_state, moved_block, refit
from plancompare.paths import default_plans_dir
from plancompare.plans.concepts import load_concepts
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
CONCEPTS = tuple(load_concepts(THEMES))
BLOCKS = ("text", "align", "search")
_FOLDERS = itertools.count()


def _plans(tmp_path: Path, *edits) -> tuple:
    """The bundled plans, with coventry's plan file passed through each of ``edits`` in turn (its text
    in, its text out)."""
    folder = tmp_path / f"plans-{next(_FOLDERS)}"
    shutil.copytree(default_plans_dir(), folder)
    path = folder / "coventry.yaml"
    for edit in edits:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return tuple(load_plans([folder]))


def _first_text(prefix: str):
    def edit(text: str) -> str:
        head, _, rest = text.partition("    text: ")
        return f"{head}    text: {prefix}{rest}"
    return edit


def _refit(before: tuple, after: tuple):
    index, fit = fitted_index(before, THEMES, concepts=CONCEPTS, vectors_next=True)
    old = next(plan for plan in before if plan.council.id == "coventry")
    new = next(plan for plan in after if plan.council.id == "coventry")
    found = [concepts_found([plan], CONCEPTS)[0] for plan in (old, new)]
    return index, fit_state(fit), refit(fit_state(fit), THEMES, DEFAULT_CONFIG, CONCEPTS, (old, found[0]), (new, found[1]))


def _same_rows(found, expected) -> None:
    assert found.width == expected.width
    assert np.array_equal(found.indptr, expected.indptr) and np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data)


@pytest.mark.parametrize("first, then", [
    ("Revised1 ", "Revised2 Revised1 "),  # (the item holds "Revised1" already: new n-grams are "sed2", "ed2 "…)
    ("Revised1 ", "Revised2 Revised22 Revised1 "),
    ("Revised1 Revised2 ", "Revised2 Revised1 "),  # (the same words in another order: new word pairs alone)
])
def test_an_edit_adding_words_no_other_text_holds_is_refitted_value_for_value(tmp_path: Path, first: str, then: str) -> None:
    before, after = _plans(tmp_path, _first_text(first)), _plans(tmp_path, _first_text(then))
    old_index, _, result = _refit(before, after)
    assert result is not None
    fresh_index, fresh_fit = fitted_index(after, THEMES, concepts=CONCEPTS, vectors_next=True)
    fresh = fit_state(fresh_fit)
    for field in dataclasses.fields(fresh):
        mine, theirs = getattr(result.state, field.name), getattr(fresh, field.name)
        if isinstance(theirs, np.ndarray):
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), field.name
        else:
            assert mine == theirs, field.name
    # The edited council, weighted alone, is what the fresh fit gives it.
    assert result.themes == fresh_index.council_item_themes("coventry")
    for block in BLOCKS:
        _same_rows(getattr(result.vectors, block), getattr(fresh_index.council_vectors("coventry"), block))
    # Every other council keeps its rows, in the columns the new words moved them to.
    words, chars = len(result.state.word_features), len(result.state.char_features)
    for council in ("sandwell", "stoke-on-trent", "wolverhampton"):
        assert old_index.council_item_themes(council) == fresh_index.council_item_themes(council)
        for block in BLOCKS:
            moved = moved_block(getattr(old_index.council_vectors(council), block), block, result.word_columns,
                                result.char_columns, words, chars)
            _same_rows(moved, getattr(fresh_index.council_vectors(council), block))


@pytest.mark.parametrize("edit, why", [
    (_first_text("Housing "), "a word other plans use"),
    (lambda text: text.replace("title: Increasing the economic prosperity", "title: Increasing the prosperity", 1), "a section title"),
    (lambda text: text.replace("name: Coventry City Council", "name: Coventry Council", 1), "the council's name"),
    (_first_text("Tackle fly-tipping and "), "a concept found"),
])
def test_an_edit_that_moves_other_councils_rows_is_declined(tmp_path: Path, edit, why: str) -> None:
    before, after = _plans(tmp_path), _plans(tmp_path, edit)
    assert before != after, why
    assert _refit(before, after)[2] is None, why


def test_an_edit_of_the_plans_own_title_changes_no_row(tmp_path: Path) -> None:
    before = _plans(tmp_path)
    after = _plans(tmp_path, lambda text: text.replace("title: One Coventry Plan 2022-2030", "title: The Coventry Plan", 1))
    _, state, result = _refit(before, after)
    assert result is not None and np.array_equal(result.word_columns, np.arange(len(state.word_features)))


def test_an_unchanged_plan_refits_to_the_same_state(tmp_path: Path) -> None:
    before = _plans(tmp_path)
    _, state, result = _refit(before, before)
    assert result is not None
    assert np.array_equal(result.word_columns, np.arange(len(state.word_features)))
    assert np.array_equal(result.state.word_idf, state.word_idf)


def test_column_maps_compose_and_keep_removed_columns_removed() -> None:
    first, then = np.array([0, -1, 1, 2]), np.array([1, 2, -1])
    assert composed(first, then).tolist() == [1, -1, 2, -1]
    assert composed(np.zeros(0, dtype=np.int64), then).tolist() == []
