"""Tables for the comparison commands, built from a matcher Index: items, themes, diff, search,
neighbours and indicators. Pure functions: no click, no rich."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from plancompare.matching.align import Match, closest_across, compare_plans, council_similarities
from plancompare.matching.index import Index
from plancompare.matching.search import search
from plancompare.plans.model import Council, Item, Plan
from plancompare.output.table import Column, Table, transposed

UNCLASSIFIED = "unclassified"
#: The terminal shows at most this many rows of a listing (items, indicators); exports show them all.
TERMINAL_ROWS = 100
#: The terminal shows at most this many rows of each section of a diff, the strongest pairs first, so
#: that the whole comparison fits a few screens (exports show them all; --theme narrows it).
DIFF_TERMINAL_ROWS = 5


def _theme_label(index: Index, theme_id: str | None) -> str:
    if not theme_id:
        return "(unclassified)"
    return next((t.label for t in index.themes if t.id == theme_id), theme_id)


def _priority_title(plan: Plan, item: Item) -> str:
    if item.priority_id is None:
        return {"vision": "Vision", "value": "Values", "principle": "Principles"}.get(item.kind, "")
    priority = plan.priority(item.priority_id)
    return priority.title if priority else ""


def _themes_text(index: Index, item: Item) -> str:
    return ", ".join(f"{score.theme} {score.score:.2f}" for score in index.themes_of(item)) or UNCLASSIFIED


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
            priority = _priority_title(plan, item)
            scores = index.themes_of(item)
            top = scores[0] if scores else None
            rows.append((plan.council.id, item.id, item.kind, priority or None, item.text,
                         top.theme if top else UNCLASSIFIED, _theme_label(index, top.theme if top else None),
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
    title = "Plan items and their themes" + (f": {_theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), document=document,
                 terminal_row_limit=None if limit is not None else TERMINAL_ROWS,
                 more_hint="--limit N shows more; --format csv, markdown or json lists them all")


# -- themes -------------------------------------------------------------------------------------------


def theme_matrix(index: Index, councils: Sequence[Council | Plan]) -> Table:
    """Theme × council: how many of each plan's items have the theme as their top theme, and what
    share of the plan that is. The share columns are shaded as a heat map in the terminal. Works
    from the index alone, so the plans themselves need not be loaded."""
    councils = [entry.council if isinstance(entry, Plan) else entry for entry in councils]
    columns = [Column("theme", "Theme")]
    for council in councils:
        columns.append(Column(f"{council.id}.items", council.short_name, numeric=True, style="dim", abbreviate=True))
        columns.append(Column(f"{council.id}.share", "%", numeric=True, heat=True, decimals=1, percent=True))
    counts = {council.id: index.theme_counts(council.id) for council in councils}
    totals = {council.id: index.item_count(council.id) for council in councils}
    rows = []
    document: dict = {"councils": [council.id for council in councils], "themes": {}}
    for theme_id in [t.id for t in index.themes] + [""]:
        row: list = [_theme_label(index, theme_id)]
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
        document=document,
        heat_meaning="a larger share of that council's plan",
    )
    # Too many councils for columns: councils as rows, each theme's share as a numbered column.
    shares = [(f"{council.id}.share", council.short_name) for council in councils]
    turned = transposed(table, shares, "Council", "name the councils to compare, or --format csv, markdown or json "
                        "lists them all")
    return replace(table, alternative=replace(turned, title="Themes across plans: share of each plan (%) by theme"))


def theme_side_by_side(index: Index, plans: Sequence[Plan], theme: str) -> Table:
    """The councils' items on one theme, side by side, strongest first."""
    columns = tuple(
        column
        for plan in plans
        for column in (Column(f"{plan.council.id}.id", f"{plan.council.short_name} id", export_only=True),
                       Column(f"{plan.council.id}.text", plan.council.short_name, prose=True, min_width=16))
    )
    per_council = []
    for plan in plans:
        scored = [(index.themes_of(item)[0].score, item) for item in plan.items() if _in_theme(index, item, theme)]
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
        title=f"{_theme_label(index, theme)}: each council's items, strongest first",
        columns=columns,
        rows=rows,
        caption=f"Items per council: {counts}.",
        document=document,
    )


# -- diff ---------------------------------------------------------------------------------------------


def diff_table(index: Index, a: Plan, b: Plan, threshold: float, theme: str | None = None) -> Table:
    """A's items beside their closest counterparts in B, per theme; then what only A and only B
    commit to; a caption naming where their emphasis differs most."""
    a_items, b_items = list(a.items()), list(b.items())
    forward, backward, overall = compare_plans(index, a, b)
    matches = index.config.is_match
    only_a = [m for m in forward if not matches(m.score, threshold)]
    only_b = [m for m in backward if not matches(m.score, threshold)]

    def keep(item: Item) -> bool:
        return _in_theme(index, item, theme)

    columns = (
        Column("section", "Section"),
        Column("a", a.council.short_name, min_width=20, prose=True),
        Column("score", "Score", numeric=True, no_wrap=True, decimals=2),
        Column("b", b.council.short_name, min_width=20, prose=True),
        Column("terms", "Shared terms / theme", style="dim"),
    )
    theme_order = {t.id: n for n, t in enumerate(index.themes)}

    def theme_key(item: Item) -> tuple[int, str]:
        top = theme if theme else index.top_theme(item)
        return (theme_order.get(top or "", len(theme_order)), _theme_label(index, top))

    matched = sorted(
        (m for m in forward if matches(m.score, threshold) and keep(m.source)),
        key=lambda m: (theme_key(m.source), -m.score, m.source.id),
    )
    rows = [(theme_key(m.source)[1], m.source.text, m.score, m.target.text, ", ".join(m.terms)) for m in matched]
    for label, unmatched, left in ((f"Only in {a.council.short_name}", only_a, True), (f"Only in {b.council.short_name}", only_b, False)):
        for m in sorted((m for m in unmatched if keep(m.source)), key=lambda m: (theme_key(m.source), m.source.id)):
            text, topic = m.source.text, theme_key(m.source)[1]
            rows.append((label, text, None, "—", topic) if left else (label, "—", None, text, topic))

    document = {
        "a": a.council.id,
        "b": b.council.id,
        "threshold": threshold,
        "similarity": overall,
        "pairs": [_pair(index, m) for m in forward + backward if keep(m.source)],
        "only_a": [m.source.id for m in only_a if keep(m.source)],
        "only_b": [m.source.id for m in only_b if keep(m.source)],
        "emphasis": emphasis_differences(index, a, b),
    }
    matched_a = sum(1 for m in forward if matches(m.score, threshold))
    matched_b = sum(1 for m in backward if matches(m.score, threshold))
    caption = (
        f"Similarity {overall:.2f}. {a.council.short_name}: {matched_a} of {len(a_items)} items matched; "
        f"{b.council.short_name}: {matched_b} of {len(b_items)} (threshold {threshold:.2f}). "
        + _emphasis_sentence(index, a, b)
    )
    title = f"{a.council.short_name} and {b.council.short_name}" + (f": {_theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), group_by="section", layout="sections",
                 caption=caption, document=document, terminal_group_limit=DIFF_TERMINAL_ROWS)


def _pair(index: Index, match: Match) -> dict:
    return {
        "from": {"council": match.source.council_id, "id": match.source.id, "text": match.source.text},
        "to": {"council": match.target.council_id, "id": match.target.id, "text": match.target.text},
        "score": match.score,
        "theme": index.top_theme(match.source),
        "terms": list(match.terms),
    }


def emphasis_differences(index: Index, a: Plan, b: Plan) -> list[dict]:
    """Themes ranked by how differently the two plans weight them (share of items, A minus B)."""
    counts_a, counts_b = index.theme_counts(a.council.id), index.theme_counts(b.council.id)
    total_a, total_b = len(a.items()) or 1, len(b.items()) or 1
    rows = []
    for theme in index.themes:
        share_a, share_b = counts_a[theme.id] / total_a, counts_b[theme.id] / total_b
        rows.append({"theme": theme.id, "share_a": round(share_a, 4), "share_b": round(share_b, 4),
                     "difference": round(share_a - share_b, 4)})
    rows.sort(key=lambda row: (-abs(row["difference"]), row["theme"]))
    return rows


def _emphasis_sentence(index: Index, a: Plan, b: Plan) -> str:
    parts = []
    for row in emphasis_differences(index, a, b)[:3]:
        heavier = a if row["difference"] > 0 else b
        parts.append(
            f"{_theme_label(index, row['theme'])} ({a.council.short_name} {row['share_a']:.0%}, "
            f"{b.council.short_name} {row['share_b']:.0%}; more in {heavier.council.short_name})"
        )
    return "Emphasis differs most on: " + "; ".join(parts) + "."


# -- search -------------------------------------------------------------------------------------------


def search_table(index: Index, query: str, plans: Sequence[Plan], theme: str | None, limit: int) -> Table:
    """Items across ``plans`` ranked by similarity to ``query``."""
    pool = [item for plan in plans for item in plan.items() if _in_theme(index, item, theme)]
    found = search(index, query, pool)
    ranked = found[:limit]
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
        (rank, score, item.council_id, item.kind, item.text, _themes_text(index, item), item.id)
        for rank, (item, score) in enumerate(ranked, start=1)
    )
    caption = None if rows else "No item shares a word with the query."
    if len(found) > limit:
        caption = f"The best {limit} of {len(found)} items that share a word with the query (--limit N shows more)."
    return Table(title=f"Search: {query}", columns=columns, rows=rows, caption=caption)


# -- neighbours ---------------------------------------------------------------------------------------


def neighbours_table(index: Index, plan: Plan, limit: int | None = None) -> Table:
    """Other councils ranked by how alike their plans are to ``plan``: overall and theme by theme;
    the ``limit`` most alike (all when None)."""
    others = [other for other in index.plans if other.council.id != plan.council.id]
    similarities = council_similarities(index, plan, others)
    overall = {other.council.id: overall or 0.0 for other, (overall, _) in zip(others, similarities)}
    per_theme = {other.council.id: themes for other, (_, themes) in zip(others, similarities)}
    compared = len(others)
    others = sorted(others, key=lambda other: (-overall[other.council.id], other.council.id))[:limit]
    columns = (Column("theme", "Theme"),) + tuple(
        Column(other.council.id, other.council.short_name, numeric=True, heat=True, decimals=2, abbreviate=True)
        for other in others
    )
    rows = [("Overall", *(overall[o.council.id] for o in others))]
    for theme in index.themes:
        rows.append((theme.label, *(per_theme[o.council.id][theme.id] for o in others)))
    document = {
        "council": plan.council.id,
        "neighbours": [
            {"council": o.council.id, "overall": overall[o.council.id], "themes": per_theme[o.council.id]}
            for o in others
        ],
    }
    # The title names the five most alike; the table and the exports have them all.
    ranking = ", ".join(f"{o.council.short_name} {overall[o.council.id]:.2f}" for o in others[:5])
    if len(others) > 5:
        ranking += f" and {len(others) - 5} more"
    table = Table(
        title=f"Councils whose plans are most like {plan.council.short_name}'s: {ranking}",
        columns=columns,
        rows=tuple(rows),
        caption=("" if len(others) == compared else f"The {len(others)} most alike of {compared} councils (--limit N shows more). ")
        + "Similarity 0-1: the mean score of each item's closest counterpart, both ways; "
        "blank where one plan has no item on the theme.",
        document=document,
        heat_meaning="more alike",
        narrow_hint="show fewer councils with --limit, or use --format markdown, csv or json",
    )
    turned = transposed(table, [(o.council.id, o.council.short_name) for o in others], "Council",
                        "--limit N shows fewer; --format csv, markdown or json lists them all")
    return replace(table, alternative=turned)


# -- indicators ---------------------------------------------------------------------------------------


def indicators_table(index: Index, plans: Sequence[Plan], theme: str | None, threshold: float) -> Table:
    """Performance indicators side by side, with their figures and the councils that measure
    something similar (an indicator of theirs scoring at least ``threshold``)."""
    indicators = {plan.council.id: [i for i in plan.items() if i.kind == "indicator"] for plan in index.plans}
    columns = (
        Column("council", "Council", no_wrap=True),
        Column("indicator", "Indicator", min_width=24, prose=True),
        Column("local", "Local"),
        Column("local_value", "Local value", numeric=True, export_only=True),
        Column("comparator", "Comparator", prose=True),
        Column("comparator_value", "Comparator value", numeric=True, export_only=True),
        Column("unit", "Unit", export_only=True),
        Column("theme", "Theme", style="green", export_only=True),
        Column("similar", "Similar in", style="dim"),
        Column("id", "Id", export_only=True),
    )
    rows, document = [], []
    owns = [[item for item in indicators[plan.council.id] if _in_theme(index, item, theme)] for plan in plans]
    holders = [other for other in index.plans if indicators[other.council.id]]
    found = closest_across(index, owns, [indicators[other.council.id] for other in holders], threshold)
    for plan, own, closest in zip(plans, owns, found):
        similar: dict[str, list[str]] = {item.id: [] for item in own}
        similar_doc: dict[str, list[dict]] = {item.id: [] for item in own}
        for other, matches in zip(holders, closest):
            if other.council.id == plan.council.id:
                continue
            for position, (target, score) in sorted(matches.items()):
                item = own[position]
                similar[item.id].append(f"{other.council.id} {score:.2f}")
                similar_doc[item.id].append({"council": other.council.id, "id": target.id, "text": target.text, "score": score})
        for item in own:
            label = f"{item.comparator_label}: " if item.comparator_label else ""
            comparator = f"{label}{item.comparator}" if item.comparator else (
                f"gap to {item.comparator_label or 'comparator'}: {item.gap}" if item.gap else None)
            rows.append((plan.council.id, item.text, item.local, item.local_value, comparator, item.comparator_value,
                         item.unit, index.top_theme(item),
                         ", ".join(similar[item.id]) or None, item.id))
            document.append({
                "council": plan.council.id, "id": item.id, "text": item.text,
                "local": item.local, "local_value": item.local_value,
                "comparator": item.comparator, "comparator_value": item.comparator_value,
                "comparator_label": item.comparator_label, "gap": item.gap, "unit": item.unit, "year": item.year,
                "theme": index.top_theme(item), "similar": similar_doc[item.id],
            })
    title = "Performance indicators" + (f": {_theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), document=document, terminal_row_limit=TERMINAL_ROWS)

