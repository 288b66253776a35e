"""Print how well the matcher agrees with the hand-labelled evaluation sets, half by half.

    python scripts/evaluate.py            # figures for the tuning half and the test half
    python scripts/evaluate.py --misses   # and what it gets wrong on the TUNING half only
    python scripts/evaluate.py --misses --test   # the test half's misses too (not while tuning)
    python scripts/evaluate.py --set stem_words=false   # with one MatcherConfig field changed
    python scripts/evaluate.py --no-concepts      # without the concept lexicon

The labels live in tests/data/, written by reading before the matcher was tuned and never changed
to suit it: theme_labels.yaml and aligned_pairs.yaml (the original development set), and
theme_labels_extra.yaml, aligned_pairs_extra.yaml (with negatives) and search_queries.yaml.
evaluation_split.yaml fixes which of the extra labels are the TEST half; everything else, the
original development set included, is the tuning half.
"""

from __future__ import annotations

import sys
from typing import NamedTuple
from pathlib import Path

import yaml

from plancompare.matching.evaluation import (
    PairLabel, QueryLabel, ThemeLabel, alignment_recall, negatives_shown, only_in_rate, search_quality, theme_accuracy,
)
from plancompare.matching.config import MatcherConfig
from plancompare.matching.fit import build_index
from plancompare.plans.concepts import load_concepts
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _themes(rows) -> list[ThemeLabel]:
    return [ThemeLabel(row["id"], None if row["theme"] == "none" else row["theme"], tuple(row.get("also", ()))) for row in rows]


def _pairs(rows) -> list[PairLabel]:
    return [PairLabel(row["a"], row["b"], tuple(row.get("also_a", ())), tuple(row.get("also_b", ())),
                      bool(row.get("negative", False))) for row in rows]


def load_labels() -> tuple[list[ThemeLabel], list[PairLabel]]:
    """The original development set's theme labels and aligned pairs (all in the tuning half)."""
    return _themes(_yaml("theme_labels.yaml")), _pairs(_yaml("aligned_pairs.yaml"))


class Half(NamedTuple):
    """One half of the evaluation data (a NamedTuple: the tests load this script without importing it)."""

    name: str
    themes: list[ThemeLabel]
    pairs: list[PairLabel]  # positives
    negatives: list[PairLabel]
    queries: list[QueryLabel]


def with_completed_counterparts(pairs: list[PairLabel]) -> list[PairLabel]:
    """``pairs`` with the further same-commitment items of aligned_pairs_also.yaml added to their
    also_a / also_b (a second, blind labelling pass: see that file's header)."""
    import dataclasses

    added = {(row["a"], row["b"]): row for row in _yaml("aligned_pairs_also.yaml")}
    return [dataclasses.replace(
        pair,
        also_a=tuple(dict.fromkeys((*pair.also_a, *added.get((pair.a, pair.b), {}).get("also_a", ())))),
        also_b=tuple(dict.fromkeys((*pair.also_b, *added.get((pair.a, pair.b), {}).get("also_b", ())))),
    ) for pair in pairs]


def load_halves(completed: bool = True) -> tuple[Half, Half]:
    """(tuning half, test half), as evaluation_split.yaml fixes them; ``completed``: with the
    counterparts of aligned_pairs_also.yaml (False: the pair labels as first written)."""
    split = _yaml("evaluation_split.yaml")
    test_items, test_pairs, test_queries = set(split["test_items"]), set(split["test_pairs"]), set(split["test_queries"])
    old_themes, old_pairs = load_labels()
    extra_themes = _themes(_yaml("theme_labels_extra.yaml"))
    extra_pairs = _pairs(_yaml("aligned_pairs_extra.yaml"))
    if completed:
        old_pairs, extra_pairs = with_completed_counterparts(old_pairs), with_completed_counterparts(extra_pairs)
    queries = [QueryLabel(row["query"], tuple(row["relevant"]), tuple(row.get("partial") or ()))
               for row in _yaml("search_queries.yaml")]

    def half(name: str, in_test: bool) -> Half:
        pairs = [pair for pair in extra_pairs if (f"{pair.a} {pair.b}" in test_pairs) == in_test]
        return Half(
            name,
            ([] if in_test else old_themes) + [label for label in extra_themes if (label.item_id in test_items) == in_test],
            ([] if in_test else old_pairs) + [pair for pair in pairs if not pair.negative],
            [pair for pair in pairs if pair.negative],
            [query for query in queries if (query.query in test_queries) == in_test],
        )

    return half("tuning", False), half("test", True)


def measure(index, half: Half) -> dict[str, float]:
    """Every target measure of one half, as shares in [0, 1] (negatives: how many aligned)."""
    accuracy = theme_accuracy(index, half.themes)
    recall = alignment_recall(index, half.pairs)
    negatives = alignment_recall(index, half.negatives)
    search = search_quality(index, half.queries)
    return {
        "items": accuracy.labelled, "pairs": recall.pairs, "negative_pairs": negatives.pairs, "queries": search.queries,
        "theme_accuracy": accuracy.rate,
        "alignment_forward": recall.rate(recall.forward), "alignment_backward": recall.rate(recall.backward),
        "alignment_either": recall.rate(recall.either), "alignment_within_three": recall.rate(recall.within_three),
        "negatives_aligned": negatives.either,
        "search_recall_at_20": search.recall, "search_precision_at_5": search.precision,
    }, (accuracy, recall, negatives, search)


def config_from(argv: list[str]) -> MatcherConfig:
    """The default MatcherConfig with each ``--set field=value`` of ``argv`` applied."""
    import dataclasses

    changes = {}
    fields = {field.name: field for field in dataclasses.fields(MatcherConfig)}
    for position, argument in enumerate(argv):
        if argument == "--set":
            name, _, value = argv[position + 1].partition("=")
            default = getattr(MatcherConfig(), name) if name in fields else None
            if isinstance(default, bool):
                changes[name] = value.lower() in ("1", "true", "yes", "on")
            elif name == "context_evidence" and value.lower() == "none":
                changes[name] = None
            else:
                changes[name] = type(default if default is not None else 1.0)(value)
    return MatcherConfig(**changes)


def main(argv: list[str]) -> int:
    themes = load_themes()
    concepts = () if "--no-concepts" in argv else load_concepts(themes)
    index = build_index(load_plans([default_plans_dir()]), themes, config_from(argv), concepts)
    classified = sum(1 for item in index.items if index.themes_of(item))
    print(f"items themed: {classified}/{len(index.items)} ({classified / len(index.items):.1%}); the rest unclassified")
    by_id = {item.id: item for item in index.items}
    for half in load_halves():
        figures, (accuracy, recall, negatives, search) = measure(index, half)
        print(f"\n{half.name} half: {accuracy.labelled} items, {recall.pairs} pairs, {negatives.pairs} negatives, "
              f"{search.queries} queries")
        print(f"  top-1 theme acceptable:           {accuracy.correct}/{accuracy.labelled} = {accuracy.rate:.1%}")
        print(f"  pair, a finds b as closest:       {recall.forward}/{recall.pairs} = {recall.rate(recall.forward):.1%}")
        print(f"  pair, b finds a as closest:       {recall.backward}/{recall.pairs} = {recall.rate(recall.backward):.1%}")
        print(f"  pair, closest in either direction: {recall.either}/{recall.pairs} = {recall.rate(recall.either):.1%}")
        print(f"  pair, each other's closest:       {recall.mutual}/{recall.pairs} = {recall.rate(recall.mutual):.1%}")
        print(f"  pair, within the 3 closest:       {recall.within_three}/{recall.pairs} = {recall.rate(recall.within_three):.1%}")
        print(f"  negatives aligned as closest:     {negatives.either}/{negatives.pairs}")
        # What diff would say of them: a negative shown as "matched" is a false claim; "partly
        # covered" tells the reader to check it.
        shown = negatives_shown(index, half.negatives)
        print(f"  negatives shown as matched:       {shown.matched}/{shown.pairs} (as partly covered: {shown.partly}; "
              f"closest at any score: {shown.closest})")
        print(f"  search recall at 20:              {search.recall:.1%}")
        print(f"  search precision at 5:            {search.precision:.1%}")
        # diff's verdicts: a labelled pair called "only in" is a false claim (README: comparisons).
        rate, unbanded = only_in_rate(index, half.pairs), only_in_rate(index, half.pairs, floor=index.config.threshold)
        print(f"  false 'only in':                  {rate.called_only}/{rate.pairs} = {rate.rate:.1%} (band from "
              f"{index.config.partly_floor:.2f}; with no band {unbanded.called_only}/{unbanded.pairs} = {unbanded.rate:.1%})")
        if "--misses" in argv and (half.name == "tuning" or "--test" in argv):
            for item_id, label, predicted in accuracy.misses:
                print(f"    miss {item_id}: label {label}, got {predicted}: {by_id[item_id].text[:90]}")
            for query, missed in search.misses:
                print(f"    search miss {query!r}: {', '.join(missed)}")
            for query, wrong in search.false_hits:
                print(f"    search false hit {query!r}: {', '.join(wrong)}")
            for a, b, score in rate.misses:
                print(f"    only-in {a} ~ {b}: nearest {score:.2f}")
    # The same pairs scored against their counterparts as first written, before the second pass
    # added the other items of each council that make the same commitment.
    print("\npair labels as first written (without aligned_pairs_also.yaml):")
    for half in load_halves(completed=False):
        recall = alignment_recall(index, half.pairs)
        print(f"  {half.name} half: a finds b {recall.rate(recall.forward):.1%}, b finds a {recall.rate(recall.backward):.1%}, "
              f"either {recall.rate(recall.either):.1%}, within the 3 closest {recall.rate(recall.within_three):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
