"""The drafting score's matching rule: normalised near-identical texts, paired one to one."""

from __future__ import annotations

from plancompare.plans.draft_score import pair_texts, score_draft


def test_pairs_are_one_to_one_and_near_texts_match() -> None:
    curated = [("commitment", "We will plant 5,000 trees."), ("outcome", "Cleaner air for everyone")]
    drafted = [("commitment", "We will plant 5,000 trees"), ("commitment", "We will plant 5,000 trees."),
               ("outcome", "Something else entirely")]
    score = score_draft(curated, drafted)
    assert (score.curated, score.drafted, score.paired, score.kind_right) == (2, 3, 1, 1)
    assert score.pairs == ((0, 1),)  # the exact copy wins over the near one
    assert round(score.precision, 3) == 0.333 and score.recall == 0.5 and score.kind_accuracy == 1.0


def test_kind_accuracy_counts_only_pairs_and_far_texts_do_not_match() -> None:
    score = score_draft([("outcome", "Good homes for all"), ("target", "Build 36,000 homes by 2030")],
                        [("commitment", "good homes for all"), ("target", "Nothing like it at all")])
    assert (score.paired, score.kind_right, score.kind_accuracy) == (1, 0, 0.0)
    assert pair_texts([], ["x"]) == [] and score_draft([], []).recall == 0.0
