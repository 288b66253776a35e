"""Print how well the matcher agrees with the hand-labelled development set.

    python scripts/evaluate.py            # figures
    python scripts/evaluate.py --misses   # and every item it gets wrong

The labels live in tests/data/: theme_labels.yaml (items and the theme a careful reader gives them)
and aligned_pairs.yaml (cross-council pairs of items that make the same commitment). They were
written before the matcher was tuned and are not changed to suit it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from plancompare.matching.evaluation import PairLabel, ThemeLabel, alignment_recall, only_in_rate, theme_accuracy
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.matching.fit import build_index
from plancompare.plans.taxonomy import load_themes

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def load_labels() -> tuple[list[ThemeLabel], list[PairLabel]]:
    """The development set's theme labels and aligned pairs."""
    themes = yaml.safe_load((DATA / "theme_labels.yaml").read_text(encoding="utf-8"))
    pairs = yaml.safe_load((DATA / "aligned_pairs.yaml").read_text(encoding="utf-8"))
    return (
        [ThemeLabel(row["id"], None if row["theme"] == "none" else row["theme"], tuple(row.get("also", ()))) for row in themes],
        [PairLabel(row["a"], row["b"]) for row in pairs],
    )


def load_split_pairs() -> tuple[list[PairLabel], list[PairLabel]]:
    """The labelled same-commitment pairs (negatives left out) as (tuning half, test half): the test
    half is evaluation_split.yaml's test_pairs; the rest of aligned_pairs_extra.yaml and all of
    aligned_pairs.yaml are the tuning half."""
    test_keys = set(yaml.safe_load((DATA / "evaluation_split.yaml").read_text(encoding="utf-8"))["test_pairs"])
    tuning = [PairLabel(row["a"], row["b"]) for row in yaml.safe_load((DATA / "aligned_pairs.yaml").read_text(encoding="utf-8"))]
    test = []
    for row in yaml.safe_load((DATA / "aligned_pairs_extra.yaml").read_text(encoding="utf-8")):
        if row.get("negative"):
            continue
        (test if f"{row['a']} {row['b']}" in test_keys else tuning).append(PairLabel(row["a"], row["b"]))
    return tuning, test


def main(argv: list[str]) -> int:
    index = build_index(load_plans([default_plans_dir()]), load_themes())
    theme_labels, pair_labels = load_labels()
    accuracy = theme_accuracy(index, theme_labels)
    recall = alignment_recall(index, pair_labels)
    classified = sum(1 for item in index.items if index.themes_of(item))
    print(f"items themed: {classified}/{len(index.items)} ({classified / len(index.items):.1%}); the rest unclassified")
    print(f"top-1 theme accuracy: {accuracy.correct}/{accuracy.labelled} = {accuracy.rate:.1%}")
    print(f"alignment, a finds b as closest: {recall.forward}/{recall.pairs} = {recall.rate(recall.forward):.1%}")
    print(f"alignment, b finds a as closest: {recall.backward}/{recall.pairs} = {recall.rate(recall.backward):.1%}")
    print(f"alignment, each other's closest: {recall.mutual}/{recall.pairs} = {recall.rate(recall.mutual):.1%}")
    print(f"alignment, within the 3 closest: {recall.within_three}/{recall.pairs} = {recall.rate(recall.within_three):.1%}")
    floor = index.config.partly_floor
    for half, labels in zip(("tuning", "test"), load_split_pairs()):
        rate, unbanded = only_in_rate(index, labels), only_in_rate(index, labels, floor=index.config.threshold)
        print(f"false 'only in', {half} half: {rate.called_only}/{rate.pairs} = {rate.rate:.1%} "
              f"(band from {floor:.2f}; with no band {unbanded.called_only}/{unbanded.pairs} = {unbanded.rate:.1%})")
        if "--misses" in argv:
            for a, b, score in rate.misses:
                print(f"  only-in {a} ~ {b}: nearest {score:.2f}")
    if "--misses" in argv:
        by_id = {item.id: item for item in index.items}
        for item_id, label, predicted in accuracy.misses:
            print(f"  miss {item_id}: label {label}, got {predicted}: {by_id[item_id].text[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
