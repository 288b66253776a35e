"""The heat map's scale and colours, shared by the terminal and the HTML report.

Each step sets the text colour together with the background, so that it reads the same on a light
or a dark terminal, and every pair has a contrast ratio of at least 4.5:1 (WCAG AA). The colours are
exact xterm-256 colours, so a 256-colour terminal shows them unchanged. Steps run from the data's
minimum to its maximum, light to dark. Pure functions: no rich.
"""

from __future__ import annotations

from plancompare.output.table import Cell, Table

#: (background, text) from the lowest step to the highest: darker means larger.
TERMINAL_PALETTE = (
    ("#d7ffd7", "#000000"),
    ("#87d787", "#000000"),
    ("#5faf5f", "#000000"),
    ("#005f00", "#ffffff"),
)
#: The same steps in blue for the HTML report (a page is always light).
HTML_PALETTE = (
    ("#e3eef9", "#1b1b1b"),
    ("#bcd6ee", "#1b1b1b"),
    ("#86b5dc", "#1b1b1b"),
    ("#1f5d99", "#ffffff"),
)
#: WCAG AA for normal text.
MIN_CONTRAST = 4.5


def _channel(value: int) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The WCAG relative luminance of a #rrggbb colour."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def heat_range(table: Table) -> tuple[float, float] | None:
    """The smallest and largest value of all heat columns together, so that one scale serves the
    whole map; None when the table has no heat column or no number in one."""
    heat_columns = [index for index, column in enumerate(table.columns) if column.heat]
    values = [row[i] for row in table.rows for i in heat_columns if isinstance(row[i], (int, float))]
    if not values:
        return None
    return float(min(values)), float(max(values))


def heat_level(value: Cell, scale: tuple[float, float] | None, steps: int) -> int | None:
    """Which of ``steps`` equal steps from the scale's minimum to its maximum ``value`` falls in
    (0 is the lowest); None for a blank cell."""
    if scale is None or not isinstance(value, (int, float)):
        return None
    low, high = scale
    if high <= low:
        return 0
    # The small allowance keeps a value on a step boundary (0.6 of 0.2-1.0) from rounding below it.
    return min(steps - 1, int(steps * (value - low) / (high - low) + 1e-9))


def step_starts(scale: tuple[float, float], steps: int) -> list[float]:
    """Where each step begins, lowest first."""
    low, high = scale
    return [low + (high - low) * step / steps for step in range(steps)]
