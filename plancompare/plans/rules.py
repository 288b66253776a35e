"""The plan format: which keys a plan file has, how each value is checked, and what each means;
checking one parsed plan file against it and building the model.

This is the one statement of the format. ``data/plan.schema.json`` is generated from these tables
(``make schema``, plancompare.plans.schema) and a test fails when the committed schema is stale.
Every problem is collected, not just the first, and each names the line and column it was found at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plancompare.errors import Problem
from plancompare.plans.checkers import (
    INVALID,
    CheckContext,
    Field,
    Fields,
    constant,
    describe,
    integer,
    list_of,
    number,
    one_of,
    pattern_text,
    record,
    text,
)
from plancompare.plans.model import (
    FIGURE_FIELDS,
    ITEM_KINDS,
    PRIORITY_ROLES,
    Council,
    Item,
    Period,
    Plan,
    Priority,
    Source,
)
from plancompare.plans.yamlfile import Locations

SCHEMA_VERSION = 1

#: A council id; a new council's id is checked against the same pattern before any file is read.
SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
#: The name of a source text under data/sources/.
SOURCE_FILE_PATTERN = r"[A-Za-z0-9._-]+\.txt"

slug = pattern_text(SLUG_PATTERN, "a lower-case id", "stoke-on-trent", name="slug")
item_id = pattern_text(
    rf"{SLUG_PATTERN}(\.{SLUG_PATTERN})+", "a dotted lower-case id", "coventry.climate.commitment.3",
    name="item_id",
    description="Dotted id unique across all plans, starting with the council id, e.g. coventry.climate.commitment.3.",
)
source_file = pattern_text(SOURCE_FILE_PATTERN, "a .txt file name", "coventry.txt")
url = pattern_text(r"https?://\S+", "a web address", "https://www.example.gov.uk/plan.pdf")
year = integer(1900, 2100, name="year")
day = pattern_text(r"\d{4}-\d{2}-\d{2}", "a date written YYYY-MM-DD (in quotes)", "2026-12-02", name="day")
sha256 = pattern_text(r"[0-9a-f]{64}", "a sha256 digest (64 lower-case hex digits)", "e3b0c442…", name="sha256")
#: The formats a plan's original document may have; the source file holds its text.
SOURCE_FORMATS = ("text", "html", "pdf")
count = integer(0)

COUNCIL_FIELDS: Fields = {
    "id": Field(True, slug, "Stable lower-case id, e.g. stoke-on-trent. Every item id starts with it."),
    "name": Field(True, text, "Full name, e.g. Stoke-on-Trent City Council."),
    "short_name": Field(True, text, "Name used in tables, e.g. Stoke-on-Trent."),
    "aliases": Field(False, list_of(text, unique=True), "Other names a user may type, e.g. stoke."),
    "type": Field(True, text, "Kind of local authority, e.g. metropolitan borough, unitary authority."),
    "region": Field(True, text, "English region or nation, e.g. West Midlands."),
}
SOURCE_FIELDS: Fields = {
    "file": Field(True, source_file, "Name of the source text under data/sources/ that this file was curated from."),
    "title": Field(True, text),
    "publisher": Field(True, text),
    "year": Field(False, year),
    "licence": Field(True, text),
    "url": Field(False, url, "Where the council published the document."),
    "retrieved": Field(False, day, "The day the document was fetched from the url, YYYY-MM-DD, in quotes."),
    "sha256": Field(False, sha256, "sha256 of the original document as fetched (the PDF or page, before its text was taken)."),
    "format": Field(False, one_of(SOURCE_FORMATS), "The original document's format: the source file holds its text."),
}
STATEMENT_FIELDS: Fields = {
    "id": Field(True, item_id),
    "name": Field(False, text, "A heading the plan gives the statement, e.g. a value's name."),
    "text": Field(True, text),
}
statement = record(STATEMENT_FIELDS, name="statement")
PERIOD_FIELDS: Fields = {
    "start": Field(True, year),
    "end": Field(False, year, "Omit when the plan states no end year."),
}
PLAN_FIELDS: Fields = {
    "title": Field(True, text, "The plan's title, as printed."),
    "subtitle": Field(False, text, "A strapline or subtitle, as printed."),
    "period": Field(True, record(PERIOD_FIELDS)),
    "published": Field(False, text, "Publication or refresh date exactly as the plan states it."),
    "source": Field(True, record(SOURCE_FIELDS)),
    "vision": Field(False, list_of(statement), "The vision statement(s), verbatim."),
    "values": Field(False, list_of(statement), "The council's values, verbatim."),
    "principles": Field(False, list_of(statement), "Cross-cutting principles or ways of working, verbatim."),
}
KIND_DESCRIPTION = (
    "objective: an aim; outcome: an outcome or target outcome; commitment: a 'we will', an action or a 'we "
    "will do this by' bullet; challenge: a key challenge; difference: a 'difference you can expect to see'; "
    "indicator: a performance or supporting-data indicator; target: a dated or quantified goal; ask: what the "
    "plan asks residents or partners to do."
)
ITEM_FIELDS: Fields = {
    "id": Field(True, item_id),
    "kind": Field(True, one_of(ITEM_KINDS), KIND_DESCRIPTION),
    "text": Field(True, text, "The plan's own words. For an indicator, its name."),
    "heading": Field(False, text, "The sub-heading the item sits under in the plan, verbatim."),
    "ref": Field(False, text, "The plan's own reference number for the item, e.g. 2.3."),
    "local": Field(False, text, "Indicator: the local figure as printed, e.g. '77.9 years'."),
    "local_value": Field(False, number, "Indicator: the local figure as a number."),
    "comparator": Field(False, text, "Indicator: the comparator figure as printed."),
    "comparator_value": Field(False, number, "Indicator: the comparator figure as a number."),
    "comparator_label": Field(False, text, "Indicator: what the comparator is, e.g. National average."),
    "gap": Field(False, text, "Indicator: the gap to the comparator, as printed."),
    "unit": Field(False, text, "Indicator: unit of the figures, e.g. years, %, per 1,000 live births."),
    "year": Field(False, text, "Indicator: the year the figures refer to, as printed, e.g. 2023 or 2021/22."),
}
#: The figures may appear on indicators only (checked by _check_figures; stated here for editors).
FIGURES_ON_INDICATORS_ONLY = {
    "if": {"properties": {"kind": {"not": {"const": "indicator"}}}},
    "then": {"properties": {key: False for key in FIGURE_FIELDS}},
}
item = record(ITEM_FIELDS, name="item", extra_schema=FIGURES_ON_INDICATORS_ONLY)
PRIORITY_FIELDS: Fields = {
    "id": Field(True, item_id),
    "number": Field(False, count, "The plan's own number for the priority, if any."),
    "title": Field(True, text, "The plan's own title for the priority."),
    "role": Field(
        False, one_of(PRIORITY_ROLES, default="priority"),
        "priority for the plan's priorities; cross-cutting for enablers, critical issues and delivery sections "
        "that carry commitments but are not numbered priorities.",
    ),
    "summary": Field(False, text, "The plan's own introduction to the priority, verbatim."),
    "items": Field(True, list_of(item)),
}
PLAN_FILE_FIELDS: Fields = {
    "schema_version": Field(True, constant(SCHEMA_VERSION), "Version of the plan file format. Only 1 exists."),
    "council": Field(True, record(COUNCIL_FIELDS)),
    "plan": Field(True, record(PLAN_FIELDS)),
    "priorities": Field(True, list_of(record(PRIORITY_FIELDS, name="priority"), min_items=1)),
}
plan_file = record(PLAN_FILE_FIELDS)


def build_plan(data: Any, locations: Locations, file: str, path: Path | None = None) -> tuple[Plan | None, list[Problem]]:
    """Check one parsed plan file and build its Plan; the Plan is None when there are problems."""
    ctx = CheckContext(file, locations)
    if not isinstance(data, dict):
        ctx.problem((), f"a plan file must be a mapping with keys {', '.join(PLAN_FILE_FIELDS)}, not {describe(data)}")
        return None, ctx.problems
    checked = plan_file(ctx, data, ())
    if checked is INVALID:
        return None, ctx.problems
    plan = _assemble(checked, path)
    _check_ids(ctx, plan)
    _check_figures(ctx, checked)
    return (None if ctx.problems else plan), ctx.problems


def _assemble(checked: dict, path: Path | None) -> Plan:
    council_data = checked["council"]
    council = Council(
        id=council_data["id"],
        name=council_data["name"],
        short_name=council_data["short_name"],
        type=council_data["type"],
        region=council_data["region"],
        aliases=tuple(council_data.get("aliases", ())),
    )
    plan_data = checked["plan"]

    def statements(key: str, kind: str) -> tuple[Item, ...]:
        return tuple(Item(council_id=council.id, kind=kind, **s) for s in plan_data.get(key, ()))

    priorities = tuple(
        Priority(
            id=p["id"],
            title=p["title"],
            number=p.get("number"),
            role=p.get("role", "priority"),
            summary=p.get("summary"),
            items=tuple(Item(council_id=council.id, priority_id=p["id"], **item) for item in p["items"]),
        )
        for p in checked["priorities"]
    )
    return Plan(
        council=council,
        title=plan_data["title"],
        subtitle=plan_data.get("subtitle"),
        period=Period(**plan_data["period"]),
        published=plan_data.get("published"),
        source=Source(**plan_data["source"]),
        vision=statements("vision", "vision"),
        values=statements("values", "value"),
        principles=statements("principles", "principle"),
        priorities=priorities,
        path=path,
    )


def _check_ids(ctx: CheckContext, plan: Plan) -> None:
    council_id = plan.council.id
    seen: dict[str, tuple] = {}

    def claim(identifier: str, where: tuple, parent: str) -> None:
        if not identifier.startswith(parent + "."):
            ctx.problem((*where, "id"), f"id '{identifier}' should start with '{parent}.'", "ids nest: council.priority.kind.N")
        if identifier in seen:
            line, _ = ctx.location((*seen[identifier], "id"))
            ctx.problem((*where, "id"), f"id '{identifier}' is used twice", f"first used on line {line}; give each item its own id")
        else:
            seen[identifier] = where

    for key in ("vision", "values", "principles"):
        for index, statement in enumerate(getattr(plan, key)):
            claim(statement.id, ("plan", key, index), council_id)
    for p_index, priority in enumerate(plan.priorities):
        claim(priority.id, ("priorities", p_index), council_id)
        for i_index, item in enumerate(priority.items):
            claim(item.id, ("priorities", p_index, "items", i_index), priority.id)


def _check_figures(ctx: CheckContext, checked: dict) -> None:
    for p_index, priority in enumerate(checked["priorities"]):
        for i_index, item in enumerate(priority["items"]):
            if item["kind"] == "indicator":
                continue
            for key in FIGURE_FIELDS:
                if key in item:
                    ctx.problem(
                        ("priorities", p_index, "items", i_index, key),
                        f"'{key}' is only allowed on indicators, and this item is a {item['kind']}",
                        "set kind: indicator or remove the figure",
                    )
