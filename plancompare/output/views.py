"""Tables built from plans for the foundation commands: the list of plans and one plan in full."""

from __future__ import annotations

from collections.abc import Sequence

from plancompare.plans.model import Plan, Priority
from plancompare.output.table import Column, Table


#: The kinds of item that say what a council will do or achieve (list's "Promises" column).
PROMISE_KINDS = ("commitment", "objective", "outcome", "target", "difference")


def plans_table(plans: Sequence[Plan]) -> Table:
    """One row per council: its plan, period and how much the plan holds: priorities; promises
    (commitments, objectives, outcomes, targets and differences: what it will do or achieve);
    indicators; and all items (those and vision, values, challenges, asks)."""
    columns = (
        Column("council", "Council", style="bold", no_wrap=True),
        Column("plan", "Plan", prose=True, min_width=12),
        Column("period", "Period", no_wrap=True),
        Column("priorities", "Priorities", numeric=True),
        Column("promises", "Promises", numeric=True),
        Column("commitments", "Commitments", numeric=True, export_only=True),
        Column("indicators", "Indicators", numeric=True),
        Column("items", "All items", numeric=True),
    )
    rows = tuple(
        (
            plan.council.id,
            plan.title,
            str(plan.period),
            len(plan.main_priorities),
            sum(plan.count(kind) for kind in PROMISE_KINDS),
            plan.count("commitment"),
            plan.count("indicator"),
            len(plan.items()),
        )
        for plan in plans
    )
    return Table(title="Council plans", columns=columns, rows=rows)


PLAN_LEVEL_SECTION = "Vision, values and principles"


def plan_table(plan: Plan, priority: Priority | None = None) -> Table:
    """Every item of a plan (or of one priority), in the plan's order, grouped by section."""
    columns = (
        Column("section", "Section"),
        Column("kind", "Kind", style="cyan"),
        Column("ref", "Ref", style="dim"),
        Column("heading", "Heading", style="dim italic"),
        Column("text", "Text", min_width=30, prose=True),
        Column("figures", "Figures", style="green"),
        Column("id", "Id", style="dim"),
    )
    rows = []
    if priority is None:
        for item in plan.statements():
            text = f"{item.name}: {item.text}" if item.name else item.text
            rows.append((PLAN_LEVEL_SECTION, item.kind, None, None, text, None, item.id))
    for section in [priority] if priority else plan.priorities:
        label = section_label(section)
        if section.summary:
            rows.append((label, "summary", None, None, section.summary, None, section.id))
        for item in section.items:
            text = f"{item.name}: {item.text}" if item.name else item.text
            rows.append((label, item.kind, item.ref, item.heading, text, item.figures() or None, item.id))
    subtitle = f": {plan.subtitle}" if plan.subtitle else ""
    title = f"{plan.council.name}: {plan.title}{subtitle} ({plan.period})"
    council = plan.council
    published = f"Published {plan.published}. " if plan.published else ""
    where = f" ({plan.source.url})" if plan.source.url else ""
    caption = (f"{council.short_name}: {council.type}, {council.region}. {published}"
               f"Source: {plan.source.title}, {plan.source.publisher}{where}; {plan.source.licence}")
    return Table(title=title, columns=columns, rows=tuple(rows), group_by="section", caption=caption)


def section_label(priority: Priority) -> str:
    """How a priority is named in tables: 'Priority 1: A Healthier City', or its title when unnumbered."""
    if priority.role == "cross-cutting":
        return f"{priority.title} (cross-cutting)"
    if priority.number is not None:
        return f"Priority {priority.number}: {priority.title}"
    return priority.title
