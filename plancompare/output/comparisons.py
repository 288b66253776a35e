"""Tables for the comparison commands, built from a matcher Index: items, themes, diff, search,
neighbours and indicators. Pure functions: no click, no rich."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from plancompare.matching.coverage import distinct
from plancompare.matching.index import Index
from plancompare.matching.search import Searchable, search_councils, searchable_of
from plancompare.plans.model import Council, Item, Plan
from plancompare.output.diff import priority_title, theme_label
from plancompare.output.table import Column, Table, transposed

UNCLASSIFIED = "unclassified"
#: The terminal shows at most this many rows of a listing (items, indicators); exports show them all.
TERMINAL_ROWS = 100


def _themes_text(themes) -> str:
    """An item's themes (ThemeScores, best first) as one cell."""
    return ", ".join(f"{score.theme} {score.score:.2f}" for score in themes) or UNCLASSIFIED


def _in_theme(index: Index, item: Item, theme: str | None) -> bool:
    """Whether ``theme`` is the item's top theme; every item when ``theme`` is None."""
    return theme is None or index.top_theme(item) == theme


# -- items --------------------------------------------------------------------------------------------


def items_table(index: Index, plans: Sequence[Plan], theme: str | None = None, limit: int | None = None) -> Table:
    """Every item of ``plans`` with its top theme and score (the first ``limit`` when given); the JSON
    has every theme of each item, ranked: the raw material of every comparison."""
    columns = (
        Column("council", "Council", no_wrap=True),
        Column("id", "Id", export_only=True),
        Column("kind", "Kind", style="cyan"),
        Column("priority", "Priority", export_only=True),
        Column("text", "Text", prose=True, min_width=30),
        Column("top_theme", "Top theme", export_only=True),
        Column("top_theme_label", "Top theme", style="green", terminal_only=True),
        Column("top_score", "Score", numeric=True, decimals=2),
    )
    rows, document = [], []
    for plan in plans:
        for item in plan.items():
            if not _in_theme(index, item, theme):
                continue
            if limit is not None and len(rows) >= limit:
                break
            priority = priority_title(plan, item)
            scores = index.themes_of(item)
            top = scores[0] if scores else None
            rows.append((plan.council.id, item.id, item.kind, priority or None, item.text,
                         top.theme if top else UNCLASSIFIED, theme_label(index, top.theme if top else None),
                         top.score if top else None))
            document.append(
                {
                    "council": plan.council.id,
                    "id": item.id,
                    "kind": item.kind,
                    "text": item.text,
                    "priority": priority,
                    "themes": [{"theme": s.theme, "score": s.score} for s in scores],
                }
            )
    title = "Plan items and their themes" + (f": {theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), document=document,
                 terminal_row_limit=None if limit is not None else TERMINAL_ROWS,
                 more_hint="--limit N shows more; --format csv, markdown or json lists them all")


# -- themes -------------------------------------------------------------------------------------------


def theme_matrix(index: Index, councils: Sequence[Council | Plan]) -> Table:
    """Theme × council: how many of each plan's items have the theme as their top theme, and what
    share of the plan that is. The share columns are shaded as a heat map in the terminal.

    A text a plan repeats is counted once (its first copy), as every comparison counts it. The
    counts come from the index alone, without loading the plans (the index knows where each plan
    repeats a text), so that the themes command stays fast over hundreds of councils."""
    councils = [entry.council if isinstance(entry, Plan) else entry for entry in councils]
    columns = [Column("theme", "Theme")]
    for council in councils:
        columns.append(Column(f"{council.id}.items", council.short_name, numeric=True, style="dim", abbreviate=True))
        columns.append(Column(f"{council.id}.share", "%", numeric=True, heat=True, decimals=1, percent=True))
    counts = {council.id: index.theme_counts(council.id, once=True) for council in councils}
    totals = {council.id: index.item_count(council.id, once=True) for council in councils}
    rows = []
    document: dict = {"councils": [council.id for council in councils], "themes": {}}
    for theme_id in [t.id for t in index.themes] + [""]:
        row: list = [theme_label(index, theme_id)]
        cells = {}
        for council in councils:
            count = counts[council.id][theme_id]
            share = round(count / totals[council.id], 4) if totals[council.id] else 0.0
            row += [count, share]
            cells[council.id] = {"items": count, "share": share}
        rows.append(tuple(row))
        document["themes"][theme_id or UNCLASSIFIED] = cells
    table = Table(
        title="Themes across plans: items whose top theme it is (n) and share of each plan (%)",
        columns=tuple(columns),
        rows=tuple(rows),
        caption="Counting each repeated text once.",
        document=document,
        heat_meaning="a larger share of that council's plan",
    )
    # Too many councils for columns: councils as rows, each theme's share as a numbered column.
    shares = [(f"{council.id}.share", council.short_name) for council in councils]
    turned = transposed(table, shares, "Council", "name the councils to compare, or --format csv, markdown or json "
                        "lists them all")
    return replace(table, alternative=replace(turned, title="Themes across plans: share of each plan (%) by theme"))


def theme_side_by_side(index: Index, plans: Sequence[Plan], theme: str) -> Table:
    """The councils' items on one theme, side by side, strongest first (a repeated text once)."""
    columns = tuple(
        column
        for plan in plans
        for column in (Column(f"{plan.council.id}.id", f"{plan.council.short_name} id", export_only=True),
                       Column(f"{plan.council.id}.text", plan.council.short_name, prose=True, min_width=16))
    )
    per_council = []
    for plan in plans:
        scored = [(index.themes_of(item)[0].score, item) for item in distinct(plan.items()).items
                  if _in_theme(index, item, theme)]
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        per_council.append([item for _, item in scored])
    depth = max((len(items) for items in per_council), default=0)
    rows = tuple(
        tuple(cell for items in per_council for cell in ((items[row].id, items[row].text) if row < len(items) else (None, None)))
        for row in range(depth)
    )
    document = {
        "theme": theme,
        "councils": {
            plan.council.id: [{"id": item.id, "kind": item.kind, "text": item.text} for item in items]
            for plan, items in zip(plans, per_council)
        },
    }
    counts = ", ".join(f"{plan.council.short_name} {len(items)}" for plan, items in zip(plans, per_council))
    return Table(
        title=f"{theme_label(index, theme)}: each council's items, strongest first",
        columns=columns,
        rows=rows,
        caption=f"Items per council: {counts}.",
        document=document,
    )


# -- search -------------------------------------------------------------------------------------------


def search_table(index: Index, query: str, councils: Sequence[str] | None, theme: str | None, limit: int,
                 searchable: Searchable | None = None) -> Table:
    """Items of ``councils`` (every council when None) ranked by similarity to ``query``; a text a
    plan repeats under several priorities is one result (its first copy). ``searchable`` is the
    index's items arranged for search (built from the index when not given)."""
    ranked, total = search_councils(index, searchable or searchable_of(index), query, councils, theme, limit)
    columns = (
        Column("rank", "#", numeric=True),
        Column("score", "Score", numeric=True, decimals=2),
        Column("council", "Council", no_wrap=True),
        Column("kind", "Kind", style="cyan"),
        Column("text", "Text", prose=True, min_width=30),
        Column("themes", "Themes", style="green", export_only=True),
        Column("id", "Id", export_only=True),
    )
    rows = tuple(
        (rank, hit.score, hit.item.council_id, hit.item.kind, hit.item.text,
         _themes_text(index.themes_at(hit.item.council_id, hit.position)), hit.item.id)
        for rank, hit in enumerate(ranked, start=1)
    )
    # (An item is found by a word of the query, or by naming a concept of it or one below it.)
    caption = None if rows else "No item shares a word or a concept with the query."
    if total > limit:
        caption = f"The best {limit} of {total} items the query finds (--limit N shows more)."
    return Table(title=f"Search: {query}", columns=columns, rows=rows, caption=caption)


