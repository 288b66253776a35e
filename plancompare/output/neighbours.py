"""The neighbours table: other councils ranked by likeness to one council's plan, on a 0-100 scale
set by the pairs of the whole set, each with the reasons. Pure: no click, no rich."""

from __future__ import annotations

from plancompare.matching.index import Index
from plancompare.matching.likeness import Likeness, explain, likenesses, reference_range, scaled
from plancompare.output.diff import theme_label
from plancompare.output.table import Column, Table
from plancompare.plans.model import Plan


def _themes(index: Index, themes: tuple[tuple[str, float, float], ...]) -> str | None:
    return "; ".join(f"{theme_label(index, theme)} ({a:.0%} / {b:.0%})" for theme, a, b in themes) or None


def matched_examples(likeness: Likeness) -> str | None:
    """The matched commitments that make two councils most alike, as one line (None: none)."""
    return "; ".join(f"“{a.text}” ~ “{b.text}” ({score:.2f})" for a, b, score in likeness.examples) or None


def neighbours_table(index: Index, plan: Plan, limit: int | None = None) -> Table:
    """Other councils ranked by how alike their plans are to ``plan`` (the ``limit`` most alike;
    all when None), with the themes both weight most, the themes weighted most differently and
    the strongest matched commitments."""
    others = [other for other in index.plans if other.council.id != plan.council.id]
    values = {value.b: value for value in likenesses(index, plan, others)}
    bounds = reference_range(index, index.plans, include=plan)
    ranked = sorted(others, key=lambda other: (-values[other.council.id].raw, other.council.id))[:limit]
    explained = [explain(index, plan, other) for other in ranked]
    columns = (
        Column("rank", "#", numeric=True),
        Column("council", "Council", no_wrap=True),
        Column("likeness", "Likeness", numeric=True, heat=True, decimals=0),
        Column("matched_here", "Matched here", numeric=True, decimals=0, percent=True, export_only=True),
        Column("matched_there", "Matched there", numeric=True, decimals=0, percent=True, export_only=True),
        Column("items_matched", "Items matched (here / there)", terminal_only=True),
        Column("raw", "Raw", numeric=True, export_only=True),
        Column("promises", "Promises", numeric=True, export_only=True),
        Column("emphasis", "Emphasis", numeric=True, export_only=True),
        Column("alike_on", "Most alike on (share here / there)", min_width=18, prose=True),
        Column("differs_on", "Differs most on (share here / there)", min_width=18, prose=True),
        Column("matched", "Strongest matched commitments", export_only=True),
    )
    rows = tuple(
        (rank, other.council.short_name, scaled(value.raw, bounds), value.matched_shares[0], value.matched_shares[1],
         f"{value.matched_shares[0]:.0%} / {value.matched_shares[1]:.0%}", value.raw, value.promises, value.emphasis,
         _themes(index, value.alike_themes), _themes(index, value.differing_themes), matched_examples(value))
        for rank, (other, value) in enumerate(zip(ranked, explained), start=1)
    )
    document = {
        "council": plan.council.id,
        "scale": {"raw_at_0": bounds[0], "raw_at_100": bounds[1]},
        "neighbours": [
            {
                "council": other.council.id,
                "likeness": scaled(value.raw, bounds),
                "raw": value.raw,
                "promises": value.promises,
                "emphasis": value.emphasis,
                "matched_here": value.matched_shares[0],
                "matched_there": value.matched_shares[1],
                "alike_on": [{"theme": t, "share": a, "share_other": b} for t, a, b in value.alike_themes],
                "differs_on": [{"theme": t, "share": a, "share_other": b} for t, a, b in value.differing_themes],
                "matched": [{"id": a.id, "text": a.text, "other_id": b.id, "other_text": b.text, "score": score}
                            for a, b, score in value.examples],
            }
            for other, value in zip(ranked, explained)
        ],
    }
    # The title names the five most alike; the table and the exports have them all.
    ranking = ", ".join(f"{other.council.short_name} {scaled(values[other.council.id].raw, bounds):.0f}" for other in ranked[:5])
    if len(ranked) > 5:
        ranking += f" and {len(ranked) - 5} more"
    shown = "" if len(ranked) == len(others) else f"The {len(ranked)} most alike of {len(others)} councils (--limit N shows more). "
    return Table(
        title=f"Councils whose plans are most like {plan.council.short_name}'s (likeness 0-100 within this set): {ranking}",
        columns=columns,
        rows=rows,
        caption=shown + "The exports (--format markdown, csv, json) add each neighbour's three strongest matched "
        "commitments, the raw likeness and its parts. "
        f"Likeness is relative: 0 is the least alike pair of councils in this set (raw {bounds[0]:.3f}), not "
        f"\"nothing in common\", and 100 the most alike (raw {bounds[1]:.3f}); raw = {index.config.promise_weight:g} x "
        f"promises matched both ways + {1 - index.config.promise_weight:g} x emphasis alike (README: neighbours). "
        f"Items matched: the share of {plan.council.short_name}'s distinct items with a match in the other plan "
        "(here), and of the other plan's in this one (there).",
        document=document,
    )
