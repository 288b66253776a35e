"""The diff table: two councils' items side by side, each with a verdict (matched, partly covered,
only in) and its nearest counterpart as the evidence for it. Pure: no click, no rich."""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.matching.config import MATCHED, ONLY, PARTLY
from plancompare.matching.coverage import Coverage, Covered, Distinct, coverage
from plancompare.matching.index import Index
from plancompare.matching.likeness import likenesses, theme_shares
from plancompare.output.table import Column, Table
from plancompare.plans.model import Item, Plan

#: Said under a diff whose rows lean on one counterpart for several items.
MANY_TO_ONE = (" \"The nearest for N\" (Nearest for, in the exports): that counterpart is the nearest for N of "
               "that council's matched or partly covered items (in the whole plan), so those rows rest on one "
               "promise of the other plan.")

#: The terminal shows at most this many rows of each section of a diff (exports show them all).
DIFF_TERMINAL_ROWS = 5


def theme_label(index: Index, theme_id: str | None) -> str:
    """A theme's label ("(unclassified)" for none)."""
    if not theme_id:
        return "(unclassified)"
    return next((t.label for t in index.themes if t.id == theme_id), theme_id)


def priority_title(plan: Plan, item: Item) -> str:
    """The title of the section an item is under (Vision, Values, Principles for plan-level items)."""
    if item.priority_id is None:
        return {"vision": "Vision", "value": "Values", "principle": "Principles"}.get(item.kind, "")
    priority = plan.priority(item.priority_id)
    return priority.title if priority else ""


def also_under(plan: Plan, items: Distinct, item: Item) -> str | None:
    """"also under: …" naming the sections of an item's other copies in its plan; None for most."""
    copies = items.also(item)
    if not copies:
        return None
    titles = list(dict.fromkeys(priority_title(plan, copy) or copy.id for copy in copies))
    return "also under: " + "; ".join(titles)


def diff_table(index: Index, a: Plan, b: Plan, threshold: float, theme: str | None = None) -> Table:
    """Each distinct item of A (and of B) with its verdict and nearest counterpart: matched items
    per theme, then partly covered items with their nearest counterpart, then what is only in A
    and only in B (the least covered first, their nearest counterpart still shown); a caption of
    counts on the theme (or the whole plans) and where emphasis differs."""
    compared = coverage(index, a, b, threshold)
    names = a.council.short_name, b.council.short_name

    def keep(row: Covered) -> bool:
        return theme is None or index.top_theme(row.item) == theme

    forward = [row for row in compared.forward if keep(row)]
    backward = [row for row in compared.backward if keep(row)]
    theme_order = {t.id: n for n, t in enumerate(index.themes)}

    def theme_key(item: Item) -> tuple[int, str]:
        top = theme or index.top_theme(item)
        return (theme_order.get(top or "", len(theme_order)), theme_label(index, top))

    rows: list[tuple] = []
    shared = {True: nearest_counts(compared.forward), False: nearest_counts(compared.backward)}

    def add(section: str, row: Covered, left: bool) -> None:
        plan, items = (a, compared.a_items) if left else (b, compared.b_items)
        own, other = row.item, row.nearest
        a_item, b_item = (own, other) if left else (other, own)
        verdict = f"only in {plan.council.id}" if row.verdict == ONLY else row.verdict
        count = shared[left].get(other.id, 0) if other is not None and row.verdict != ONLY else 0
        many = count if count > 1 else None
        # In the terminal the count goes under the shared counterpart's text (a column of its own
        # leaves no room at 80 columns beside "also under").
        note = f"\n(the nearest for {count} of {plan.council.short_name}'s items)" if many else ""
        a_text, b_text = (a_item.text if a_item else None), (b_item.text if b_item else None)
        a_shown = a_text + note if a_text is not None and note and not left else a_text
        b_shown = b_text + note if b_text is not None and note and left else b_text
        rows.append((section, a_item.id if a_item else None, a_text, a_shown, row.score,
                     b_item.id if b_item else None, b_text, b_shown,
                     ", ".join(row.terms) or None, verdict, many, also_under(plan, items, own)))

    for row in sorted((r for r in forward if r.verdict == MATCHED),
                      key=lambda r: (theme_key(r.item), -(r.score or 0), r.item.id)):
        add(theme_key(row.item)[1], row, True)
    for name, rows_of, left in ((names[0], forward, True), (names[1], backward, False)):
        for row in sorted((r for r in rows_of if r.verdict == PARTLY), key=lambda r: (-(r.score or 0), r.item.id)):
            add(f"Partly covered: {name}'s items", row, left)
    for name, rows_of, left in ((names[0], forward, True), (names[1], backward, False)):
        for row in sorted((r for r in rows_of if r.verdict == ONLY), key=lambda r: (r.score or 0, r.item.id)):
            add(f"Only in {name} (nearest shown)", row, left)

    has_copies = any(row[-1] for row in rows)
    has_many = any(row[-2] for row in rows)
    columns = (
        Column("section", "Section"),
        Column("a_id", f"{names[0]} id", export_only=True),
        Column("a_text", names[0], min_width=20, prose=True, export_only=True),
        Column("a_shown", names[0], min_width=20, prose=True, terminal_only=True),
        # In full, as the verdicts compare it: 0.2994 is partly covered, and would read as 0.30.
        Column("score", "Score", numeric=True, no_wrap=True, decimals=index.config.score_digits),
        Column("b_id", f"{names[1]} id", export_only=True),
        Column("b_text", names[1], min_width=20, prose=True, export_only=True),
        Column("b_shown", names[1], min_width=20, prose=True, terminal_only=True),
        Column("shared_terms", "Shared terms", style="dim"),
        Column("verdict", "Verdict", export_only=True),
    ) + ((Column("nearest_for", "Nearest for", numeric=True, export_only=True),) if has_many else ()) \
        + ((Column("also_under", "Also under", style="dim"),) if has_copies else ())
    rows = [row[:-2] + ((row[-2],) if has_many else ()) + ((row[-1],) if has_copies else ()) for row in rows]
    (likeness,) = likenesses(index, a, [b], threshold, compared.scores)
    document = {
        "a": a.council.id,
        "b": b.council.id,
        "theme": theme,
        "threshold": threshold,
        "partly_floor": min(index.config.partly_floor, threshold),
        "likeness": {"raw": likeness.raw, "promises": likeness.promises, "emphasis": likeness.emphasis},
        "counts": {a.council.id: _counts(compared, forward), b.council.id: _counts(compared, backward)},
        "pairs": [_row(index, row, shared[True]) for row in forward] + [_row(index, row, shared[False]) for row in backward],
        "partly_a": [row.item.id for row in forward if row.verdict == PARTLY],
        "partly_b": [row.item.id for row in backward if row.verdict == PARTLY],
        "only_a": [row.item.id for row in forward if row.verdict == ONLY],
        "only_b": [row.item.id for row in backward if row.verdict == ONLY],
        "emphasis": emphasis_differences(index, a, b),
    }
    title = f"{names[0]} and {names[1]}" + (f": {theme_label(index, theme)}" if theme else "")
    return Table(title=title, columns=columns, rows=tuple(rows), group_by="section", layout="sections",
                 caption=_caption(index, compared, forward, backward, theme, threshold, likeness.raw)
                 + (MANY_TO_ONE if has_many else ""),
                 document=document, terminal_group_limit=DIFF_TERMINAL_ROWS)


def _counts(compared: Coverage, rows: list[Covered]) -> dict[str, int]:
    counts = compared.counts(rows)
    return {"items": len(rows), "matched": counts[MATCHED], "partly_covered": counts[PARTLY], "only_in": counts[ONLY]}


def nearest_counts(rows: Sequence[Covered]) -> dict[str, int]:
    """How many of one direction's matched or partly covered items have each counterpart as their
    nearest: a counterpart counted more than once is the evidence for several items (many to one),
    which a reader should know before taking each row as a promise of its own."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.nearest is not None and row.verdict != ONLY:
            counts[row.nearest.id] = counts.get(row.nearest.id, 0) + 1
    return counts


def _row(index: Index, row: Covered, shared: dict[str, int]) -> dict:
    nearest = row.nearest
    return {
        "from": {"council": row.item.council_id, "id": row.item.id, "text": row.item.text},
        "to": None if nearest is None else {"council": nearest.council_id, "id": nearest.id, "text": nearest.text},
        "score": row.score,
        "theme": index.top_theme(row.item),
        "verdict": row.verdict,
        "terms": list(row.terms),
        # Matched or partly covered items of this council whose nearest is the same counterpart.
        "nearest_for": shared.get(nearest.id) if nearest is not None and row.verdict != ONLY else None,
    }


def _split(compared: Coverage, rows: list[Covered], name: str) -> str:
    counts = compared.counts(rows)
    return (f"{name}: {len(rows)} items, {counts[MATCHED]} matched, {counts[PARTLY]} partly covered, "
            f"{counts[ONLY]} only in {name}")


def _caption(index: Index, compared: Coverage, forward: list[Covered], backward: list[Covered], theme: str | None,
             threshold: float, raw: float) -> str:
    a, b = compared.a, compared.b
    band = f"matched: {threshold:.2f} or more; partly covered: {min(index.config.partly_floor, threshold):.2f} up to it"
    split = f"{_split(compared, forward, a.council.short_name)}; {_split(compared, backward, b.council.short_name)}"
    if theme:
        shares_a, shares_b = theme_shares(index, a), theme_shares(index, b)
        return (f"On {theme_label(index, theme)}: {split} ({band}). The theme is "
                f"{shares_a.get(theme, 0):.0%} of {a.council.short_name}'s plan and {shares_b.get(theme, 0):.0%} "
                f"of {b.council.short_name}'s.")
    return f"Whole plans: {split} ({band}). Likeness {raw:.2f} (0-1; see neighbours). " + _emphasis_sentence(index, a, b)


def emphasis_differences(index: Index, a: Plan, b: Plan) -> list[dict]:
    """Themes ranked by how differently the two plans weight them (share of distinct items, A minus B)."""
    shares_a, shares_b = theme_shares(index, a), theme_shares(index, b)
    rows = []
    for theme in index.themes:
        share_a, share_b = shares_a.get(theme.id, 0.0), shares_b.get(theme.id, 0.0)
        rows.append({"theme": theme.id, "share_a": round(share_a, 4), "share_b": round(share_b, 4),
                     "difference": round(share_a - share_b, 4)})
    rows.sort(key=lambda row: (-abs(row["difference"]), row["theme"]))
    return rows


def _emphasis_sentence(index: Index, a: Plan, b: Plan) -> str:
    parts = []
    for row in emphasis_differences(index, a, b)[:3]:
        heavier = a if row["difference"] > 0 else b
        parts.append(
            f"{theme_label(index, row['theme'])} ({a.council.short_name} {row['share_a']:.0%}, "
            f"{b.council.short_name} {row['share_b']:.0%}; more in {heavier.council.short_name})"
        )
    return "Emphasis differs most on: " + "; ".join(parts) + "."
