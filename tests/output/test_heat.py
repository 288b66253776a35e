"""The heat map's palette is readable at every step, and its scale runs from the data's minimum."""

from __future__ import annotations

import pytest

from plancompare.output.heat import (
    HTML_PALETTE,
    MIN_CONTRAST,
    TERMINAL_PALETTE,
    contrast_ratio,
    heat_level,
    heat_range,
    luminance,
    step_starts,
)
from plancompare.output.table import Column, Table


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1)


@pytest.mark.parametrize("palette", [TERMINAL_PALETTE, HTML_PALETTE], ids=["terminal", "html"])
def test_every_step_meets_wcag_aa_and_darker_means_more(palette) -> None:
    for background, text in palette:
        assert contrast_ratio(background, text) >= MIN_CONTRAST, (background, text)
    backgrounds = [luminance(background) for background, _ in palette]
    assert backgrounds == sorted(backgrounds, reverse=True)  # each step darker than the one before


def test_scale_starts_at_the_minimum_and_ends_at_the_maximum() -> None:
    table = Table(title="T", columns=(Column("t", "T"), Column("v", "V", numeric=True, heat=True)),
                  rows=(("a", 0.2), ("b", 0.6), ("c", None), ("d", 1.0)))
    scale = heat_range(table)
    assert scale == (0.2, 1.0)
    assert [heat_level(value, scale, 4) for value in (0.2, 0.6, None, 1.0)] == [0, 2, None, 3]
    assert step_starts(scale, 4) == pytest.approx([0.2, 0.4, 0.6, 0.8])
    assert heat_range(Table(title="T", columns=(Column("t", "T"),), rows=(("a",),))) is None
