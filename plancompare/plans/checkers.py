"""Checkers for values read from YAML, each also stating its rule as JSON Schema.

A checker takes the CheckContext, a value and the value's path; it returns the checked value, or
INVALID after recording one problem that names the line and column. Every checker carries
``json_schema``, the same rule for editors, so that ``data/plan.schema.json`` is generated from the
checkers (plancompare.plans.schema) instead of being written a second time by hand.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from plancompare.errors import Problem
from plancompare.plans.yamlfile import Locations

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


class Field(NamedTuple):
    """One key of a mapping: whether it must be there, how its value is checked, what it means."""

    required: bool
    check: Checker
    description: str = ""


Fields = dict[str, Field]


def stated(schema: dict, name: str | None = None) -> Callable[[Checker], Checker]:
    """Attach its JSON Schema to a checker; a ``name`` makes it a shared definition ($defs/name)."""

    def attach(checker: Checker) -> Checker:
        checker.json_schema = schema  # type: ignore[attr-defined]
        checker.schema_name = name  # type: ignore[attr-defined]
        return checker

    return attach


def dotted(path: tuple) -> str:
    """A value's path as a reader writes it: priorities[0].items[2].text."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def describe(value: Any) -> str:
    """What a value is, in words, for a message."""
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


@stated({"type": "string", "minLength": 1, "pattern": "\\S"}, "text")
def text(ctx: CheckContext, value: Any, path: tuple) -> Any:
    """Non-blank text."""
    if not isinstance(value, str):
        if value is None:
            hint = "write the text after the colon, or remove the key"
        elif isinstance(value, (bool, int, float)):
            hint = "put it in quotes"
        else:
            hint = None
        ctx.problem(path, f"{dotted(path)} should be text, not {describe(value)}", hint)
        return INVALID
    if not value.strip():
        ctx.problem(path, f"{dotted(path)} is empty", "write the text or remove the key")
        return INVALID
    return value


def pattern_text(pattern: str, what: str, example: str, name: str | None = None, description: str = "") -> Checker:
    """Text matching ``pattern`` in full."""
    compiled = re.compile(pattern)
    schema = {"type": "string", "pattern": f"^{pattern}$"}
    if description:
        schema = {"description": description, **schema}

    @stated(schema, name)
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if text(ctx, value, path) is INVALID:
            return INVALID
        if not compiled.fullmatch(value):
            ctx.problem(path, f"{dotted(path)} '{value}' is not {what}", f"for example '{example}'")
            return INVALID
        return value

    return check


def integer(minimum: int, maximum: int | None = None, name: str | None = None) -> Checker:
    """A whole number from ``minimum`` (to ``maximum``)."""
    schema: dict[str, Any] = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum

    @stated(schema, name)
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.problem(path, f"{dotted(path)} should be a whole number, not {describe(value)}")
            return INVALID
        if value < minimum or (maximum is not None and value > maximum):
            upper = f" to {maximum}" if maximum is not None else " or more"
            ctx.problem(path, f"{dotted(path)} is {value}; expected {minimum}{upper}")
            return INVALID
        return value

    return check


@stated({"type": "number"})
def number(ctx: CheckContext, value: Any, path: tuple) -> Any:
    """An integer or decimal number, returned as float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = "write the figure without units; the printed form goes in the text field" if isinstance(value, str) else None
        ctx.problem(path, f"{dotted(path)} should be a number, not {describe(value)}", hint)
        return INVALID
    if not math.isfinite(value):
        # Infinity and NaN have no place in a figure, and JSON cannot carry them.
        ctx.problem(path, f"{dotted(path)} should be a finite number, not {value}", "write the figure itself")
        return INVALID
    return float(value)


def one_of(choices: tuple[str, ...], default: str | None = None) -> Checker:
    """One of ``choices``."""
    schema: dict[str, Any] = {"enum": list(choices)}
    if default is not None:
        schema["default"] = default

    @stated(schema)
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if text(ctx, value, path) is INVALID:
            return INVALID
        if value not in choices:
            ctx.problem(path, f"{dotted(path)} '{value}' is not one of: {', '.join(choices)}")
            return INVALID
        return value

    return check


def constant(expected: Any) -> Checker:
    """Exactly ``expected``."""

    @stated({"const": expected})
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if value != expected or isinstance(value, bool):
            ctx.problem(path, f"{dotted(path)} is {value!r}; this version of plancompare reads {expected}")
            return INVALID
        return value

    return check


def list_of(checker: Checker, min_items: int = 0, unique: bool = False) -> Checker:
    """A list whose every entry passes ``checker``."""
    schema: dict[str, Any] = {"type": "array", "items": checker}
    if min_items:
        schema["minItems"] = min_items
    if unique:
        schema["uniqueItems"] = True

    @stated(schema)
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if not isinstance(value, list):
            ctx.problem(path, f"{dotted(path)} should be a list, not {describe(value)}", "start each entry with '- '")
            return INVALID
        if len(value) < min_items:
            ctx.problem(path, f"{dotted(path)} needs at least {min_items} entr{'y' if min_items == 1 else 'ies'}")
            return INVALID
        results = [checker(ctx, element, (*path, index)) for index, element in enumerate(value)]
        if unique:
            seen: set[str] = set()
            for index, element in enumerate(value):
                if not isinstance(element, str):
                    continue
                if element in seen:
                    ctx.problem((*path, index), f"{dotted(path)} lists '{element}' twice")
                    return INVALID
                seen.add(element)
        return INVALID if any(r is INVALID for r in results) else results

    return check


def record(fields: Fields, name: str | None = None, extra_schema: dict | None = None) -> Checker:
    """A mapping with exactly these keys. ``extra_schema`` adds JSON Schema keywords for a rule a
    checker applies elsewhere (such as which keys only some kinds may have)."""

    @stated({"type": "object", "fields": fields, **(extra_schema or {})}, name)
    def check(ctx: CheckContext, value: Any, path: tuple) -> Any:
        if not isinstance(value, dict):
            ctx.problem(path, f"{dotted(path)} should be a mapping of keys to values, not {describe(value)}")
            return INVALID
        ok = True
        for key in value:
            if key not in fields:
                ok = False
                ctx.problem((*path, key), f"unknown key '{key}' in {dotted(path)}", _did_you_mean(key, fields))
        for key, field in fields.items():
            if field.required and key not in value:
                ok = False
                ctx.problem(path, f"{dotted(path)} is missing required key '{key}'")
        result = {}
        for key, element in value.items():
            if key in fields:
                checked = fields[key].check(ctx, element, (*path, key))
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
