"""The matcher measured against the hand-labelled development set, with floors that must hold."""

from __future__ import annotations

import importlib.util

from support import REPO
from plancompare.matching.evaluation import alignment_recall, theme_accuracy
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.matching.fit import build_index
from plancompare.plans.taxonomy import load_themes

spec = importlib.util.spec_from_file_location("evaluate", REPO / "scripts" / "evaluate.py")
evaluate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evaluate)

INDEX = build_index(load_plans([default_plans_dir()]), load_themes())
THEME_LABELS, PAIR_LABELS = evaluate.load_labels()

# Floors a little under today's figures (88.8%; 53.3% / 55.0%), so a regression fails the build.
THEME_ACCURACY_FLOOR = 0.85
ALIGNMENT_FORWARD_FLOOR = 0.48
ALIGNMENT_BACKWARD_FLOOR = 0.51


def test_labels_name_real_items_and_themes() -> None:
    ids = {item.id for item in INDEX.items}
    theme_ids = {theme.id for theme in INDEX.themes}
    assert len(THEME_LABELS) == 160 and len({label.item_id for label in THEME_LABELS}) == 160
    for label in THEME_LABELS:
        assert label.item_id in ids
        assert label.theme is None or label.theme in theme_ids
        assert set(label.also) <= theme_ids
    for pair in PAIR_LABELS:
        assert pair.a in ids and pair.b in ids
        assert pair.a.split(".")[0] < pair.b.split(".")[0]


def test_theme_accuracy_floor() -> None:
    accuracy = theme_accuracy(INDEX, THEME_LABELS)
    assert accuracy.rate >= THEME_ACCURACY_FLOOR, accuracy.misses


def test_alignment_recall_floor() -> None:
    recall = alignment_recall(INDEX, PAIR_LABELS)
    assert recall.pairs == 60
    assert recall.rate(recall.forward) >= ALIGNMENT_FORWARD_FLOOR
    assert recall.rate(recall.backward) >= ALIGNMENT_BACKWARD_FLOOR
    assert recall.mutual <= min(recall.forward, recall.backward) <= max(recall.forward, recall.backward) <= recall.within_three


def test_quoted_accuracy_matches_a_fresh_measurement() -> None:
    from plancompare.matching.accuracy import MEASURED

    accuracy = theme_accuracy(INDEX, THEME_LABELS)
    recall = alignment_recall(INDEX, PAIR_LABELS)
    assert MEASURED == {
        "labelled_items": accuracy.labelled,
        "labelled_pairs": recall.pairs,
        "theme_accuracy": round(accuracy.rate, 4),
        "alignment_forward": round(recall.rate(recall.forward), 4),
        "alignment_backward": round(recall.rate(recall.backward), 4),
        "alignment_within_three": round(recall.rate(recall.within_three), 4),
    }
