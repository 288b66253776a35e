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
from plancompare.output.comparisons import theme_matrix
from plancompare.output.document import BulletList, Contents, Document, Heading, Paragraph, anchor
from plancompare.output.neighbours import matched_examples
from plancompare.matching.align import shared_terms, similarity
from plancompare.matching.config import MATCHED, ONLY, PARTLY, MatcherConfig
from plancompare.matching.coverage import best_scores, coverage, distinct
from plancompare.matching.likeness import explain, reference_range, scaled
from plancompare.matching.index import Index
from plancompare.plans.model import Item, Plan, Theme
from plancompare.output.table import Column, Table
from plancompare.output.views import PROMISE_KINDS

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
        bounds = reference_range(index, index.plans, threshold)
        for a, b in combinations(plans, 2):
            blocks += _pair_section(index, a, b, themes, threshold, bounds)
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
    """The plan's items of ``kinds`` on ``theme``, each repeated text once, strongest first."""
    items = [item for item in distinct(plan.items()).items if item.kind in kinds and index.top_theme(item) == theme]
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
        blocks += _unmatched_blocks(index, plan, [other for other in plans if other is not plan],
                                    unmatched[plan.council.id], threshold)
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


def _unmatched_blocks(index: Index, plan: Plan, others: Sequence[Plan], items: Sequence[Item], threshold: float) -> list:
    """A council's items left off the matched rows, split by what their nearest counterpart in any
    other council's whole plan says: partly covered (shown with that counterpart) or only in it.
    (Matched ones found elsewhere in the plans, on another theme, are said so.)"""
    if not items:
        return []
    name = plan.council.short_name
    groups: dict[str, list[str]] = {MATCHED: [], PARTLY: [], ONLY: []}
    for item, (nearest, score) in sorted(zip(items, best_scores(index, items, others)), key=lambda pair: (-(pair[1][1] or 0), pair[0].id)):
        verdict = index.config.verdict(score, threshold)
        if verdict == ONLY or nearest is None:
            groups[ONLY].append(item.text)
        else:
            owner = index.plan(nearest.council_id).council.short_name
            groups[verdict].append(f"{item.text} — nearest: {owner}, “{nearest.text}” ({score:.{index.config.score_digits}f})")
    blocks: list = []
    titles = {MATCHED: f"{name}'s items matched elsewhere in another council's plan, under another theme",
              PARTLY: f"Partly covered: {name}'s items with a related but weaker counterpart",
              ONLY: f"Only in {name}: no other council has anything close"}
    for verdict in (PARTLY, MATCHED, ONLY):
        if groups[verdict]:
            blocks.append(Paragraph(f"{titles[verdict]} ({len(groups[verdict])}):"))
            blocks.append(BulletList(tuple(groups[verdict])))
    return blocks


def _indicator_text(item: Item) -> str:
    figures = item.figures()
    return f"{item.text} ({figures})" if figures else item.text


# -- one pair -----------------------------------------------------------------------------------------


def _pair_section(index: Index, a: Plan, b: Plan, themes: Sequence[Theme], threshold: float,
                  bounds: tuple[float, float]) -> list:
    wanted = {theme.id for theme in themes}
    why = explain(index, a, b, threshold)
    labels = {theme.id: theme.label for theme in index.themes}
    names = a.council.short_name, b.council.short_name

    def shares(rows) -> str:
        return "; ".join(f"{labels[t]} ({names[0]} {x:.0%}, {names[1]} {y:.0%})" for t, x, y in rows)

    here, there = why.matched_shares or (0.0, 0.0)
    lines = [f"Likeness {scaled(why.raw, bounds):.0f} on a 0-100 scale relative to the pairs of councils in the set, "
             "where 0 is the least alike pair, not nothing in common "
             f"(raw {why.raw:.2f}: promises matched both ways {why.promises:.2f}, emphasis alike {why.emphasis:.2f}). "
             f"Matched: {here:.0%} of {names[0]}'s distinct items, {there:.0%} of {names[1]}'s."]
    if why.alike_themes:
        lines.append("Most alike on: " + shares(why.alike_themes) + ".")
    if why.differing_themes:
        lines.append("Emphasis differs most on: " + shares(why.differing_themes) + ".")
    if why.examples:
        lines.append("Strongest matched commitments: " + matched_examples(why) + ".")
    blocks: list = [*_heading(3, f"{names[0]} and {names[1]}"), BulletList(tuple(lines))]
    compared = coverage(index, a, b, threshold)
    for first, second, rows in ((a, b, compared.forward), (b, a, compared.backward)):
        mine = [row for row in rows if row.item.kind in PROMISE_KINDS and index.top_theme(row.item) in wanted]
        counts = compared.counts(mine)
        only = sorted((row for row in mine if row.verdict == ONLY), key=lambda row: (row.score or 0, row.item.id))
        blocks.append(
            Paragraph(
                f"What {first.council.short_name} commits to that {second.council.short_name} does not: of "
                f"{len(mine)} commitments, objectives and outcomes, {counts[MATCHED]} are matched, {counts[PARTLY]} "
                f"partly covered and {counts[ONLY]} have nothing close"
                + (f"; the {min(EXAMPLES, len(only))} least covered, with the nearest counterpart's score:" if only else ".")
            )
        )
        digits = index.config.score_digits  # in full: a score just under the band must not read as on it
        if only:
            blocks.append(BulletList(tuple(f"{row.item.text} ({row.score:.{digits}f})" if row.score is not None else row.item.text
                                           for row in only[:EXAMPLES])))
    return blocks


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
            f"Items scoring at least {threshold:.2f} count as making the same commitment; an item whose "
            f"closest counterpart scores from {min(config.partly_floor, threshold):.2f} up to that is partly "
            "covered, and only below that is it called only in its plan. A text a plan repeats under several "
            "priorities is counted once. Likeness of two councils is half the share of their promises "
            f"matched both ways (each item's chance of a match among {config.reference_items} items drawn "
            "from the other plan, so that a long plan does not look alike for its length alone) and half "
            "how alike their theme shares are; it is shown 0-100 between the least and the most alike pair "
            "of councils in the set, so 0 means the least alike of these councils, not nothing in common."
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
