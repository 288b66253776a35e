"""The indicators table: each council's performance indicators with their figures and, for every
other council, the indicator of theirs that measures the most similar thing. Pure: no click, no rich."""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.matching.align import closest_across
from plancompare.matching.coverage import distinct
from plancompare.matching.index import Index
from plancompare.output.diff import also_under, theme_label
from plancompare.output.table import Column, Table
from plancompare.plans.model import Item, Plan

#: The terminal shows at most this many rows (exports show them all).
TERMINAL_ROWS = 100


def _comparator(item: Item) -> str | None:
    label = f"{item.comparator_label}: " if item.comparator_label else ""
    if item.comparator:
        return f"{label}{item.comparator}"
    return f"gap to {item.comparator_label or 'comparator'}: {item.gap}" if item.gap else None


def _indicators(plan: Plan):
    """The plan's indicators once per text, each shown by a copy that gives figures when one does."""
    return distinct([item for item in plan.items() if item.kind == "indicator"], prefer=lambda item: bool(item.figures()))


def indicators_table(index: Index, plans: Sequence[Plan], theme: str | None, threshold: float) -> Table:
    """Performance indicators side by side, once per text, with their figures and, in each other
    council, the indicator scoring at least ``threshold`` with it: its text, council and score. A
    measure is compared with the other council's indicators; with its other items only when that
    council has no indicators at all."""
    pools = []
    for other in index.plans:
        items = distinct(other.items()).items
        measures = [item for item in items if item.kind == "indicator"]
        pools.append(measures or list(items))
    owns = [[item for item in _indicators(plan).items
             if theme is None or index.top_theme(item) == theme] for plan in plans]
    found = closest_across(index, owns, pools, threshold)
    columns = (
        Column("council", "Council", no_wrap=True),
        Column("id", "Id", export_only=True),
        Column("indicator", "Indicator", export_only=True),
        # In the terminal the other sections of a repeated indicator go under its text, not in a
        # column of their own that would leave no room at 80 columns.
        Column("indicator_shown", "Indicator", min_width=20, prose=True, terminal_only=True),
        Column("local", "Local", no_wrap=True),
        Column("local_value", "Local value", numeric=True, export_only=True),
        Column("comparator", "Comparator", prose=True, min_width=12),
        Column("comparator_value", "Comparator value", numeric=True, export_only=True),
        Column("unit", "Unit", export_only=True),
        Column("theme", "Theme", style="green", export_only=True),
        Column("also_under", "Also under", export_only=True),
        Column("similar", "Similar in", style="dim", min_width=16, prose=True),
        Column("similar_ids", "Similar ids", export_only=True),
    )
    rows, document = [], []
    for plan, own, closest in zip(plans, owns, found):
        copies = _indicators(plan)
        similar: dict[str, list[tuple[str, Item, float]]] = {item.id: [] for item in own}
        for other, matches in zip(index.plans, closest):
            if other.council.id == plan.council.id:
                continue
            for position, (target, score) in sorted(matches.items()):
                similar[own[position].id].append((other.council.short_name, target, score))
        for item in own:
            found_here = similar[item.id]
            text = "; ".join(f"{council}: {target.text} ({score:.2f})" for council, target, score in found_here)
            elsewhere = also_under(plan, copies, item)
            shown = f"{item.text}\n({elsewhere})" if elsewhere else item.text
            rows.append((plan.council.id, item.id, item.text, shown, item.local, item.local_value, _comparator(item),
                         item.comparator_value, item.unit, index.top_theme(item),
                         elsewhere, text or None,
                         "; ".join(target.id for _, target, _ in found_here) or None))
            document.append({
                "council": plan.council.id, "id": item.id, "text": item.text,
                "local": item.local, "local_value": item.local_value,
                "comparator": item.comparator, "comparator_value": item.comparator_value,
                "comparator_label": item.comparator_label, "gap": item.gap, "unit": item.unit, "year": item.year,
                "theme": index.top_theme(item), "also_under": [copy.id for copy in copies.also(item)],
                "similar": [{"council": target.council_id, "id": target.id, "text": target.text, "kind": target.kind,
                             "score": score} for _, target, score in found_here],
            })
    title = "Performance indicators" + (f": {theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), document=document, terminal_row_limit=TERMINAL_ROWS)
