"""The matcher's accuracy as last measured by scripts/evaluate.py on the TEST half of the labelled
evaluation sets (tests/data/evaluation_split.yaml), which the matcher was never tuned on.

Reports quote these figures; tests/matching/test_evaluation.py fails when they drift more than a
point from a fresh measurement, so they cannot go stale. The labels are not shipped with the package.
"""

MEASURED = {
    "labelled_items": 120,
    "labelled_pairs": 46,
    "negative_pairs": 13,
    "queries": 30,
    "theme_accuracy": 0.95,
    "alignment_forward": 0.5217,
    "alignment_backward": 0.6739,
    "alignment_either": 0.7826,
    "alignment_within_three": 0.913,
    "negatives_aligned": 7,
    "search_recall_at_20": 0.8441,
    "search_precision_at_5": 0.8983,
}
