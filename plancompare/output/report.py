"""The comparison report: one self-explanatory Document for a committee paper.

Sections: the plans compared; coverage by theme; each theme with the councils' commitments side by
side and the indicators each uses; a short summary for each pair of councils; and the method,
with the measured accuracy. Pure: builds a Document, renders nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from plancompare import __version__
from plancompare.matching.accuracy import MEASURED
from plancompare.output.comparisons import emphasis_differences, theme_matrix
from plancompare.output.document import BulletList, Contents, Document, Heading, Paragraph, anchor
from plancompare.matching.align import council_similarity, shared_terms, similarity
from plancompare.matching.config import MatcherConfig
from plancompare.matching.index import Index
from plancompare.plans.model import Item, Plan, Theme
from plancompare.output.table import Column, Table

#: The kinds of item that say what a council will do or achieve; shown side by side per theme.
PROMISE_KINDS = ("commitment", "objective", "outcome", "target", "difference")
#: How many examples of what only one council commits to a pair summary lists.
EXAMPLES = 5


def build_report(index: Index, plans: Sequence[Plan], themes: Sequence[Theme], threshold: float, generated: str) -> Document:
    """The report comparing ``plans`` on ``themes`` (every theme of the index when all are wanted)."""
    names = _names(plans)
    blocks: list = [
        Paragraph(f"Generated on {generated} by plancompare {__version__}. Similarity threshold {threshold:.2f}."),
        Paragraph(
            "This report compares what the councils' corporate plans say, theme by theme. Every item is "
            "quoted word for word from the plan; themes and matches are computed, so read a match as a "
            "pointer to look at, not a verdict.",
            emphasis=True,
        ),
        Contents(),
        *_heading(2, "Plans compared"),
        _plans_table(plans),
        *_heading(2, "Coverage by theme"),
        Paragraph(
            "How many of each plan's items have each theme as their top theme (n), and what share of the "
            "plan that is (%). A plan that spends more of its words on a theme has a larger share."
        ),
        _coverage(index, plans),
        *_heading(2, "Themes"),
    ]
    for theme in themes:
        blocks += _theme_section(index, plans, theme, threshold)
    if len(plans) > 1:
        blocks += _heading(2, "Council by council")
        for a, b in combinations(plans, 2):
            blocks += _pair_section(index, a, b, themes, threshold)
    blocks += _method(index.config, threshold)
    return Document(title=f"Comparing council plans: {names}", blocks=tuple(blocks))


def _names(plans: Sequence[Plan]) -> str:
    names = [plan.council.short_name for plan in plans]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _heading(level: int, text: str) -> list:
    return [Heading(level, text, anchor(text))]


def _plans_table(plans: Sequence[Plan]) -> Table:
    columns = (
        Column("council", "Council"),
        Column("plan", "Plan"),
        Column("period", "Period"),
        Column("published", "Published"),
        Column("source", "Source"),
        Column("items", "Items", numeric=True),
    )
    rows = tuple(
        (
            plan.council.name,
            plan.title + (f": {plan.subtitle}" if plan.subtitle else ""),
            str(plan.period),
            plan.published or "not stated",
            f"{plan.source.title}, {plan.source.publisher} ({plan.source.licence})",
            len(plan.items()),
        )
        for plan in plans
    )
    return Table(title="Plans compared", columns=columns, rows=rows)


def _coverage(index: Index, plans: Sequence[Plan]) -> Table:
    matrix = theme_matrix(index, plans)
    return Table(title="Coverage by theme", columns=matrix.columns, rows=matrix.rows, caption=matrix.caption)


# -- one theme ----------------------------------------------------------------------------------------


def _theme_items(index: Index, plan: Plan, theme: str, kinds: tuple[str, ...]) -> list[Item]:
    items = [item for item in plan.items() if item.kind in kinds and index.top_theme(item) == theme]
    return sorted(items, key=lambda item: (-index.themes_of(item)[0].score, item.id))


def side_by_side(index: Index, plans: Sequence[Plan], theme: str, threshold: float) -> tuple[list[dict], dict[str, list[Item]]]:
    """Rows of items from different councils that make the same commitment on ``theme``, and each
    council's items left unmatched. Each item appears once: the first council's items anchor rows in
    turn, each taking its closest unused counterpart in every later council when it scores at least
    ``threshold``; then the next council's leftovers anchor rows among the councils after it."""
    pools = {plan.council.id: _theme_items(index, plan, theme, PROMISE_KINDS) for plan in plans}
    used: set[str] = set()
    rows: list[dict] = []
    for position, anchor_plan in enumerate(plans):
        for item in pools[anchor_plan.council.id]:
            if item.id in used:
                continue
            row: dict = {anchor_plan.council.id: (item, None)}
            for other in plans[position + 1:]:
                candidates = [c for c in pools[other.council.id] if c.id not in used and c.id not in _ids(row)]
                if not candidates:
                    continue
                scores = similarity(index, [item], candidates)[0]
                best = max(range(len(candidates)), key=lambda column: (scores[column], -column))
                if index.config.is_match(scores[best], threshold):
                    row[other.council.id] = (candidates[best], round(float(scores[best]), 2))
            if len(row) > 1:
                used.update(_ids(row))
                rows.append(row)
    unmatched = {council: [item for item in items if item.id not in used] for council, items in pools.items()}
    return rows, unmatched


def _ids(row: dict) -> set[str]:
    return {item.id for item, _ in row.values()}


def _theme_section(index: Index, plans: Sequence[Plan], theme: Theme, threshold: float) -> list:
    rows, unmatched = side_by_side(index, plans, theme.id, threshold)
    # Every item on the theme is either on a matched row or left unmatched.
    counts = ", ".join(
        f"{plan.council.short_name} {len(unmatched[plan.council.id]) + sum(plan.council.id in row for row in rows)}"
        for plan in plans
    )
    blocks: list = [*_heading(3, theme.label), Paragraph(f"{theme.description} Commitments, objectives and outcomes on this theme: {counts}.")]
    if rows:
        columns = tuple(Column(plan.council.id, plan.council.short_name) for plan in plans) + (
            Column("similarity", "Similarity", numeric=True),
            Column("terms", "Shared terms"),
        )
        table_rows = []
        for row in rows:
            scores = [score for _, score in row.values() if score is not None]
            cells = tuple(row[plan.council.id][0].text if plan.council.id in row else None for plan in plans)
            anchor = next(item for item, score in row.values() if score is None)
            # What the anchor shares with each of its counterparts, concepts first, each term once.
            terms = dict.fromkeys(term for item, score in row.values() if score is not None
                                  for term in shared_terms(index, anchor, item))
            table_rows.append((*cells, f"{min(scores):.2f}" if len(scores) == 1 else f"{min(scores):.2f}-{max(scores):.2f}",
                               ", ".join(terms)))
        blocks.append(Paragraph("Matched: items that say much the same thing, on one row, with their similarity (0-1)."))
        blocks.append(Table(title=f"{theme.label}: matched", columns=columns, rows=tuple(table_rows)))
    else:
        blocks.append(Paragraph("No commitments on this theme match across councils at this threshold."))
    for plan in plans:
        only = unmatched[plan.council.id]
        if only:
            blocks.append(Paragraph(f"Only in {plan.council.short_name} ({len(only)}):"))
            blocks.append(BulletList(tuple(item.text for item in only)))
    indicator_lines = []
    for plan in plans:
        indicators = _theme_items(index, plan, theme.id, ("indicator",))
        if indicators:
            listed = "; ".join(_indicator_text(item) for item in indicators)
            indicator_lines.append(f"{plan.council.short_name}: {listed}")
        else:
            indicator_lines.append(f"{plan.council.short_name}: none on this theme")
    blocks.append(Paragraph("Indicators each council uses on this theme:"))
    blocks.append(BulletList(tuple(indicator_lines)))
    return blocks


def _indicator_text(item: Item) -> str:
    figures = item.figures()
    return f"{item.text} ({figures})" if figures else item.text


# -- one pair -----------------------------------------------------------------------------------------


def _pair_section(index: Index, a: Plan, b: Plan, themes: Sequence[Theme], threshold: float) -> list:
    wanted = {theme.id for theme in themes}
    overall = council_similarity(index, a, b)
    per_theme = [
        (score, theme) for theme in themes if (score := council_similarity(index, a, b, theme.id)) is not None
    ]
    per_theme.sort(key=lambda pair: (-pair[0], pair[1].id))
    labels = {theme.id: theme.label for theme in index.themes}
    emphasis = [row for row in emphasis_differences(index, a, b) if row["theme"] in wanted][:3]
    lines = [f"Overall similarity: {overall:.2f} (0-1)."]
    if per_theme:
        lines.append("Most alike on: " + ", ".join(f"{theme.label} ({score:.2f})" for score, theme in per_theme[:3]) + ".")
    if emphasis:
        lines.append(
            "Emphasis differs most on: "
            + "; ".join(
                f"{labels[row['theme']]} ({a.council.short_name} {row['share_a']:.0%}, {b.council.short_name} {row['share_b']:.0%})"
                for row in emphasis
            )
            + "."
        )
    blocks: list = [*_heading(3, f"{a.council.short_name} and {b.council.short_name}"), BulletList(tuple(lines))]
    for first, second in ((a, b), (b, a)):
        only = _only_in(index, first, second, wanted, threshold)
        blocks.append(
            Paragraph(
                f"What {first.council.short_name} commits to that {second.council.short_name} does not "
                f"({len(only)} items; the {min(EXAMPLES, len(only))} most clearly on a theme):"
            )
        )
        blocks.append(BulletList(tuple(item.text for item in only[:EXAMPLES]) or ("nothing at this threshold",)))
    return blocks


def _only_in(index: Index, first: Plan, second: Plan, wanted: set[str], threshold: float) -> list[Item]:
    mine = [item for item in first.items() if item.kind in PROMISE_KINDS and index.top_theme(item) in wanted]
    theirs = list(second.items())
    if not mine or not theirs:
        return mine
    best = similarity(index, mine, theirs).max(axis=1)
    only = [item for item, score in zip(mine, best) if not index.config.is_match(score, threshold)]
    return sorted(only, key=lambda item: (-index.themes_of(item)[0].score, item.id))


# -- method -------------------------------------------------------------------------------------------


def _method(config: MatcherConfig, threshold: float) -> list:
    figures = MEASURED
    return [
        *_heading(2, "Method"),
        Paragraph(
            "Each plan was encoded by hand from the council's published text: every vision statement, "
            "value, priority, objective, outcome, commitment, challenge and indicator, word for word, each "
            "traceable to its source."
        ),
        Paragraph(
            "Themes: every item and every theme's profile (its label, description, keywords and synonyms) "
            "becomes a TF-IDF vector of words, word pairs and character fragments, over one vocabulary "
            "fitted on all plans, each word counted by its stem so that its inflections meet. An item that "
            "uses a phrase of the concept lexicon (a few hundred ideas of local government, each with its "
            f"variant phrasings) is given, at weight {config.expansion_weight}, the concept's other phrasings too. "
            f"An item's text is joined, at a weight up to {config.context_weight} that falls as the item says more "
            "for itself, by its priority's title; words naming who an item is for (children, families, "
            f"residents) count {config.audience_weight:.0%} towards its theme. Its theme scores are the cosine similarities to the "
            f"theme profiles, blended {config.section_weight:.0%} with the mean of its section's items; themes "
            f"scoring under {config.theme_floor} are dropped, and an item is counted under its top theme."
        ),
        Paragraph(
            "Matches: two items' similarity is a weighted mean of the cosine similarities of their words, "
            "their character fragments and their theme scores, from 0 (nothing in common) to 1 (the same "
            f"text), taken at {config.kind_mismatch:.0%} when one is an indicator or challenge and the other is not. "
            f"Items scoring at least {threshold:.2f} count as making the same commitment. Council "
            "similarity is the mean similarity of each item's closest counterpart, both ways."
        ),
        Paragraph(
            f"Measured accuracy, on a held-out half of {figures['labelled_items']} items and {figures['labelled_pairs']} "
            "pairs labelled by hand before the matcher was tuned (and never tuned on): the top theme is right for "
            f"{figures['theme_accuracy']:.0%} of items; for {figures['alignment_forward']:.0%} to "
            f"{figures['alignment_backward']:.0%} of same-commitment pairs the matcher's closest counterpart "
            f"is the right one, for {figures['alignment_either']:.0%} it is in one direction or the other, and for "
            f"{figures['alignment_within_three']:.0%} it is among the three closest. Councils often say the same thing in different words, which word overlap cannot see: "
            "an item listed as only in one plan may still have a differently worded counterpart."
        ),
    ]
