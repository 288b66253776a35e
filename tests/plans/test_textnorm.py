"""Normalising plan text for comparison, and stripping terminal control sequences."""

from __future__ import annotations

from plancompare.plans.textnorm import normalise, strip_control


def test_normalise_folds_quotes_dashes_tags_emphasis_and_space() -> None:
    raw = "<p>Council\u2019s role \u2013 a **partner**,\n\n  \u201cenabler\u201d</p>"
    assert normalise(raw) == "Council's role - a partner, \"enabler\""


def test_normalise_keeps_the_words_of_markdown_links() -> None:
    assert normalise("align to the [Social Value Policy](#), including") == "align to the Social Value Policy, including"


def test_normalise_keeps_words_and_case() -> None:
    assert normalise("We Will  act") == "We Will act"


def test_strip_control_removes_ansi_osc_and_c0_but_keeps_newlines() -> None:
    hostile = "safe\x1b[31mred\x1b[0m\x1b]8;;http://x\x07link\x1b]8;;\x07\x07\x00\tend\nline"
    assert strip_control(hostile) == "saferedlink\tend\nline"
