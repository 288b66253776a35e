"""The matcher's accuracy as last measured by scripts/evaluate.py on the development set.

Reports quote these figures; tests/test_evaluation.py fails when they no longer match a fresh
measurement, so they cannot go stale. The labels themselves are not shipped with the package.
"""

MEASURED = {
    "labelled_items": 160,
    "labelled_pairs": 60,
    "theme_accuracy": 0.8875,
    "alignment_forward": 0.5333,
    "alignment_backward": 0.55,
    "alignment_within_three": 0.9,
}
