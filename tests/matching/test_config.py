"""The matcher's configuration: one definition of a match, stop words from the plans in use, and
the command line's default threshold kept equal to the configuration's."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancompare.matching.config import BOILERPLATE_WORDS, DEFAULT_CONFIG, MatcherConfig, is_match, plan_stop_words


@pytest.mark.parametrize(
    ("score", "threshold", "expected"),
    [(0.3, 0.3, True), (0.29996, 0.3, True), (0.29994, 0.3, False), (0.2999, 0.3, False), (1.0, 1.0, True),
     (0.0, 0.0, True), (None, 0.0, False), (0.31, 0.3, True)],
)
def test_is_match_compares_the_score_as_it_is_shown(score: float | None, threshold: float, expected: bool) -> None:
    assert is_match(score, threshold) is expected


@given(st.floats(0, 1), st.floats(0, 1))
def test_is_match_agrees_with_the_rounded_score(score: float, threshold: float) -> None:
    assert is_match(score, threshold) == (round(score, DEFAULT_CONFIG.score_digits) >= threshold)
    assert DEFAULT_CONFIG.is_match(score, threshold) == is_match(score, threshold)


def test_config_threshold_is_the_default_for_is_match() -> None:
    strict = MatcherConfig(threshold=0.5)
    assert strict.is_match(0.5) and not strict.is_match(0.49)
    assert not DEFAULT_CONFIG.is_match(0.29)


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_CONFIG.threshold = 0.5  # type: ignore[misc]


def test_stop_words_name_the_councils_in_use_and_no_others() -> None:
    words = plan_stop_words(["Dudley Metropolitan Borough Council", "Dudley", "Kent County Council"])
    assert {"dudley", "kent", "county", "metropolitan"} <= words
    assert set(BOILERPLATE_WORDS) <= words
    assert "coventry" not in words and "wolverhampton" not in words
    assert "coventry" in plan_stop_words(["Coventry City Council"])


def test_cli_default_threshold_matches_the_matcher() -> None:
    from plancompare.cli import options

    assert options.DEFAULT_THRESHOLD == DEFAULT_CONFIG.threshold
