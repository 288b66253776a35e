"""Checking one parsed plan file against the plan format and building the model from it.

The rules here are the ones ``data/plan.schema.json`` states for editors; ``tests/test_schema.py``
keeps the two in agreement. Every problem is collected, not just the first, and each names the line
and column it was found at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plancompare.errors import Problem
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

#: Returned by a checker for a value that failed; the problem is already recorded.
INVALID = object()
Checker = Callable[["CheckContext", Any, tuple], Any]


class CheckContext:
    """Collects problems for one file and knows where each value sits in it."""

    def __init__(self, file: str, locations: Locations):
        self.file = file
        self.locations = locations
        self.problems: list[Problem] = []

    def problem(self, path: tuple, message: str, hint: str | None = None) -> None:
        line, column = self.location(path)
        self.problems.append(Problem(self.file, message, line, column, hint))

    def location(self, path: tuple) -> tuple[int | None, int | None]:
        while path not in self.locations and path:
            path = path[:-1]
        return self.locations.get(path, (None, None))


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# -- value checkers: each returns the checked value, or INVALID after recording a problem -------


def text(ctx: CheckContext, value: Any, path: tuple) -> Any:
    """Non-blank text."""
    if not isinstance(value, str):
        if value is None:
            hint = "write the text after the colon, or remove the key"
        elif isinstance(value, (bool, int, float)):
            hint = "put it in quotes"
        else:
            hint = None
        ctx.problem(path, f"{_dotted(path)} should be text, not {_describe(value)}", hint)
        return INVALID
    if not value.strip():
        ctx.problem(path, f"{_dotted(path)} is empty", "write the text or remove the key")
        return INVALID
    return value


def _pattern_text(pattern: str, what: str, example: str) -> Checker:
    compiled = re.compile(pattern)

    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if text(ctx, value, path) is INVALID:
            return INVALID
        if not compiled.fullmatch(value):
            ctx.problem(path, f"{_dotted(path)} '{value}' is not {what}", f"for example '{example}'")
            return INVALID
        return value

    return check


slug = _pattern_text(r"[a-z0-9]+(-[a-z0-9]+)*", "a lower-case id", "stoke-on-trent")
item_id = _pattern_text(
    r"[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+", "a dotted lower-case id", "coventry.climate.commitment.3"
)
source_file = _pattern_text(r"[A-Za-z0-9._-]+\.txt", "a .txt file name", "coventry.txt")
url = _pattern_text(r"https?://\S+", "a web address", "https://www.example.gov.uk/plan.pdf")


def _integer(minimum: int, maximum: int | None = None) -> Checker:
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.problem(path, f"{_dotted(path)} should be a whole number, not {_describe(value)}")
            return INVALID
        if value < minimum or (maximum is not None and value > maximum):
            upper = f" to {maximum}" if maximum is not None else " or more"
            ctx.problem(path, f"{_dotted(path)} is {value}; expected {minimum}{upper}")
            return INVALID
        return value

    return check


year = _integer(1900, 2100)
count = _integer(0)


def number(ctx: CheckContext, value: Any, path: tuple) -> Any:
    """An integer or decimal number, returned as float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        hint = "write the figure without units; the printed form goes in the text field" if isinstance(value, str) else None
        ctx.problem(path, f"{_dotted(path)} should be a number, not {_describe(value)}", hint)
        return INVALID
    return float(value)


def one_of(choices: tuple[str, ...]) -> Checker:
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if text(ctx, value, path) is INVALID:
            return INVALID
        if value not in choices:
            ctx.problem(path, f"{_dotted(path)} '{value}' is not one of: {', '.join(choices)}")
            return INVALID
        return value

    return check


def constant(expected: Any) -> Checker:
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if value != expected or isinstance(value, bool):
            ctx.problem(path, f"{_dotted(path)} is {value!r}; this version of plancompare reads {expected}")
            return INVALID
        return value

    return check


def list_of(checker: Checker, min_items: int = 0, unique: bool = False) -> Checker:
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if not isinstance(value, list):
            ctx.problem(path, f"{_dotted(path)} should be a list, not {_describe(value)}", "start each entry with '- '")
            return INVALID
        if len(value) < min_items:
            ctx.problem(path, f"{_dotted(path)} needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}")
            return INVALID
        results = [checker(ctx, element, (*path, index)) for index, element in enumerate(value)]
        if unique:
            seen: set[str] = set()
            for index, element in enumerate(value):
                if not isinstance(element, str):
                    continue
                if element in seen:
                    ctx.problem((*path, index), f"{_dotted(path)} lists '{element}' twice")
                    return INVALID
                seen.add(element)
        return INVALID if any(r is INVALID for r in results) else results

    return check


Fields = dict[str, tuple[bool, Checker]]


def record(fields: Fields) -> Checker:
    """A mapping with exactly these keys: (required, checker) for each."""

    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if not isinstance(value, dict):
            ctx.problem(path, f"{_dotted(path)} should be a mapping of keys to values, not {_describe(value)}")
            return INVALID
        ok = True
        for key in value:
            if key not in fields:
                ok = False
                ctx.problem((*path, key), f"unknown key '{key}' in {_dotted(path)}", _did_you_mean(key, fields))
        for key, (required, _) in fields.items():
            if required and key not in value:
                ok = False
                ctx.problem(path, f"{_dotted(path)} is missing required key '{key}'")
        result = {}
        for key, element in value.items():
            if key in fields:
                checked = fields[key][1](ctx, element, (*path, key))
                ok = ok and checked is not INVALID
                result[key] = checked
        return result if ok else INVALID

    return check


def _did_you_mean(key: str, fields: Fields) -> str:
    from rapidfuzz import process

    best = process.extractOne(key, list(fields), score_cutoff=60)
    if best:
        return f"did you mean '{best[0]}'?"
    return "allowed keys: " + ", ".join(fields)


# -- the plan format --------------------------------------------------------------------------------

COUNCIL_FIELDS: Fields = {
    "id": (True, slug),
    "name": (True, text),
    "short_name": (True, text),
    "aliases": (False, list_of(text, unique=True)),
    "type": (True, text),
    "region": (True, text),
}
SOURCE_FIELDS: Fields = {
    "file": (True, source_file),
    "title": (True, text),
    "publisher": (True, text),
    "year": (False, year),
    "licence": (True, text),
    "url": (False, url),
}
STATEMENT_FIELDS: Fields = {"id": (True, item_id), "name": (False, text), "text": (True, text)}
PLAN_FIELDS: Fields = {
    "title": (True, text),
    "subtitle": (False, text),
    "period": (True, record({"start": (True, year), "end": (False, year)})),
    "published": (False, text),
    "source": (True, record(SOURCE_FIELDS)),
    "vision": (False, list_of(record(STATEMENT_FIELDS))),
    "values": (False, list_of(record(STATEMENT_FIELDS))),
    "principles": (False, list_of(record(STATEMENT_FIELDS))),
}
ITEM_FIELDS: Fields = {
    "id": (True, item_id),
    "kind": (True, one_of(ITEM_KINDS)),
    "text": (True, text),
    "heading": (False, text),
    "ref": (False, text),
    "local": (False, text),
    "local_value": (False, number),
    "comparator": (False, text),
    "comparator_value": (False, number),
    "comparator_label": (False, text),
    "gap": (False, text),
    "unit": (False, text),
    "year": (False, text),
}
PRIORITY_FIELDS: Fields = {
    "id": (True, item_id),
    "number": (False, count),
    "title": (True, text),
    "role": (False, one_of(PRIORITY_ROLES)),
    "summary": (False, text),
    "items": (True, list_of(record(ITEM_FIELDS))),
}
PLAN_FILE_FIELDS: Fields = {
    "schema_version": (True, constant(SCHEMA_VERSION)),
    "council": (True, record(COUNCIL_FIELDS)),
    "plan": (True, record(PLAN_FIELDS)),
    "priorities": (True, list_of(record(PRIORITY_FIELDS), min_items=1)),
}


def build_plan(data: Any, locations: Locations, file: str, path: Path | None = None) -> tuple[Plan | None, list[Problem]]:
    """Check one parsed plan file and build its Plan; the Plan is None when there are problems."""
    ctx = CheckContext(file, locations)
    if not isinstance(data, dict):
        ctx.problem((), f"a plan file must be a mapping with keys {', '.join(PLAN_FILE_FIELDS)}, not {_describe(data)}")
        return None, ctx.problems
    checked = record(PLAN_FILE_FIELDS)(ctx, data, ())
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
