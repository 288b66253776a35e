"""Run `plancompare draft` on each bundled source text and compare the draft with the curated plan.

    python scripts/draft_accuracy.py            # the table
    python scripts/draft_accuracy.py --misses   # and what each draft missed or added

Recall is the share of curated items (item texts under priorities; vision and values excluded, as the
drafter does not look for them) that the draft recovered; precision is the share of drafted items
that are real items. Texts count as the same when they match after normalising, or nearly (rapidfuzz
ratio >= 90).
"""

from __future__ import annotations

import sys

from plancompare.plans.draft import draft_plan
from plancompare.matching.evaluation import draft_accuracy
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.trace import source_path


def measure() -> list[tuple[str, object, list[str], list[str]]]:
    """(council id, DraftAccuracy, curated texts, drafted texts) for each bundled plan."""
    rows = []
    for plan in load_plans([default_plans_dir()]):
        source = source_path(plan).read_text(encoding="utf-8")
        drafted = [item.text for item in draft_plan(source).items()]
        curated = [item.text for priority in plan.priorities for item in priority.items]
        rows.append((plan.council.id, draft_accuracy(curated, drafted), curated, drafted))
    return rows


def main(argv: list[str]) -> int:
    print("| council | curated items | recovered | recall | drafted items | real | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    results = measure()
    for council, accuracy, _, _ in results:
        print(f"| {council} | {accuracy.curated} | {accuracy.recovered} | {accuracy.recall:.1%} | "
              f"{accuracy.drafted} | {accuracy.real} | {accuracy.precision:.1%} |")
    if "--misses" in argv:
        from plancompare.matching.evaluation import draft_accuracy as score

        for council, _, curated, drafted in results:
            print(f"\n== {council}: curated items the draft missed")
            for text in curated:
                if score([text], drafted).recovered == 0:
                    print("  -", text[:110])
            print(f"== {council}: drafted items that are not curated items")
            for text in drafted:
                if score(curated, [text]).real == 0:
                    print("  +", text[:110])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
