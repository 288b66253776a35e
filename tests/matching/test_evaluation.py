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


def _independent_ranks(pair) -> tuple[int, int]:
    """Where b ranks among a's counterparts in b's council, and a among b's, computed apart from
    plancompare.matching.align: the whole council-by-council cosine matrix from the stored align
    vectors with scipy, the kind penalty applied by hand, ties to the earlier item."""
    import numpy as np

    by_id = {item.id: item for item in INDEX.items}
    a, b = by_id[pair.a], by_id[pair.b]
    a_items, b_items = list(INDEX.plan(a.council_id).items()), list(INDEX.plan(b.council_id).items())
    left = INDEX.council_vectors(a.council_id).align.to_scipy()
    right = INDEX.council_vectors(b.council_id).align.to_scipy()
    scores = (left @ right.T).toarray()

    def group(item) -> str:
        return item.kind if item.kind in ("indicator", "challenge") else "other"

    across = np.array([[group(x) != group(y) for y in b_items] for x in a_items])
    scores = np.clip(np.where(across, scores * INDEX.config.kind_mismatch, scores), 0.0, 1.0)
    row, column = a_items.index(a), b_items.index(b)

    def rank(line, position: int) -> int:
        return 1 + int((line > line[position]).sum()) + int((line[:position] == line[position]).sum())

    return rank(scores[row], column), rank(scores[:, column], row)


def test_alignment_recall_counts_equal_ranks_recomputed_from_the_similarity_matrix() -> None:
    recall = alignment_recall(INDEX, PAIR_LABELS)
    ranks = [_independent_ranks(pair) for pair in PAIR_LABELS]
    assert (recall.forward, recall.backward, recall.mutual, recall.within_three) == (
        sum(f == 1 for f, _ in ranks),
        sum(b == 1 for _, b in ranks),
        sum(f == 1 and b == 1 for f, b in ranks),
        sum(f <= 3 or b <= 3 for f, b in ranks),
    )
    # Not a degenerate measurement: some pairs are found, and some are not.
    assert 0 < recall.forward < recall.pairs and 0 < recall.within_three < recall.pairs


def test_readme_quotes_what_scripts_evaluate_prints(capsys) -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- evaluation:start -->\n```console\n\$ python scripts/evaluate.py\n(.*?)```\n<!-- evaluation:end -->",
                      readme, re.S)
    assert block, "README.md has no evaluation block"
    assert evaluate.main([]) == 0
    assert capsys.readouterr().out == block.group(1)


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


def test_false_only_in_rate_is_at_most_5_percent_on_the_test_half() -> None:
    from plancompare.matching.evaluation import only_in_rate

    tuning, test = evaluate.load_split_pairs()
    assert len(test) == 46 and len(tuning) == 104
    assert not {(p.a, p.b) for p in test} & {(p.a, p.b) for p in tuning}
    assert only_in_rate(INDEX, test).rate <= 0.05
    assert only_in_rate(INDEX, tuning).rate <= 0.05
    # Without the band (everything under the threshold called only in) half the pairs were false claims.
    assert only_in_rate(INDEX, test, floor=INDEX.config.threshold).rate > 0.4


def test_only_in_rate_counts_a_pair_when_either_side_is_below_the_floor() -> None:
    from plancompare.matching.align import similarity
    from plancompare.matching.coverage import distinct
    from plancompare.matching.evaluation import PairLabel, only_in_rate

    pair = PairLabel("coventry.finance.commitment.1", "sandwell.one-council.commitment.25")
    by_id = {item.id: item for item in INDEX.items}
    scores = [float(similarity(INDEX, [by_id[one]], distinct(INDEX.plan(other).items()).items)[0].max())
              for one, other in ((pair.a, "sandwell"), (pair.b, "coventry"))]
    between = (min(scores) + max(scores)) / 2
    assert only_in_rate(INDEX, [pair], floor=min(scores) - 0.01).called_only == 0
    if max(scores) - min(scores) > 0.001:
        assert only_in_rate(INDEX, [pair], floor=between).called_only == 1  # one side below is enough
    rate = only_in_rate(INDEX, [pair], floor=max(scores) + 0.01)
    assert (rate.called_only, rate.pairs, rate.rate) == (1, 1, 1.0)
