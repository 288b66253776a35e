"""The JSON Schema of the plan format, generated from the checkers of plancompare.plans.rules.

``make schema`` writes it to data/plan.schema.json, which editors such as VS Code's YAML extension
read (each plan file's first line points at it); a test fails when the committed file is stale.
Run as ``python -m plancompare.plans.schema [FILE]`` (standard output without FILE).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from plancompare.plans.checkers import Checker
from plancompare.plans.rules import plan_file

HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://plancompare.invalid/schema/plan-1.json",
    "title": "plancompare plan file",
    "description": "One council's corporate plan, curated from its source text. See docs/plan-format.md.",
}


def plan_schema() -> dict[str, Any]:
    """The plan format as a JSON Schema (draft 2020-12): named checkers become $defs."""
    definitions: dict[str, Any] = {}
    root = _schema_of(plan_file, definitions, top=True)
    return {**HEADER, **root, "$defs": definitions}


def _schema_of(checker: Checker, definitions: dict[str, Any], top: bool = False) -> dict[str, Any]:
    name = getattr(checker, "schema_name", None)
    if name and not top:
        if name not in definitions:
            definitions[name] = {}  # claimed first, so that a definition can refer to itself
            definitions[name] = _expand(checker.json_schema, definitions)  # type: ignore[attr-defined]
        return {"$ref": f"#/$defs/{name}"}
    return _expand(checker.json_schema, definitions)  # type: ignore[attr-defined]


def _expand(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "fields":
            out["additionalProperties"] = False
            out["required"] = [field for field, spec in value.items() if spec.required]
            out["properties"] = {field: _field_schema(spec, definitions) for field, spec in value.items()}
        elif key == "items":
            out["items"] = _schema_of(value, definitions)
        else:
            out[key] = value
    return out


def _field_schema(field: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    schema = _schema_of(field.check, definitions)
    return {"description": field.description, **schema} if field.description else schema


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the file named, or to standard output."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        import os

        # Written beside the target and renamed over it, so a failed run leaves the old schema whole.
        temporary = f"{args[0]}.tmp"
        with open(temporary, "w", encoding="utf-8") as stream:
            stream.write(schema_text())
        os.replace(temporary, args[0])
    else:
        sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
