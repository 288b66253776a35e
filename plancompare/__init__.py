"""plancompare: compare what councils promise in their corporate plans, theme by theme."""

__version__ = "0.1.0"
