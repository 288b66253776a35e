"""The JSON Schema for editors and the loader agree: same keys, same verdicts on the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from support import INVALID, VALID_PLANS
from plancompare.plans import rules as validation
from plancompare.errors import InvalidInput
from plancompare.paths import default_plans_dir, schema_path
from plancompare.plans.loader import load_plan

SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Invalid fixtures whose fault the JSON Schema can see (the others are YAML-level faults such as
# duplicate keys or aliases, or cross-references such as id nesting, which only the loader checks).
SCHEMA_DETECTABLE = [
    "bad_kind", "date_value", "figure_on_commitment", "missing_field", "no_priorities", "schema_version",
    "top_level_list", "unknown_key", "wrong_types", "year_as_text",
]


def _plan_files() -> list[Path]:
    return sorted(default_plans_dir().glob("*.yaml")) + sorted(VALID_PLANS.glob("*.yaml"))


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", _plan_files(), ids=lambda p: p.name)
def test_valid_plans_pass_schema_and_loader(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []
    load_plan(path)


@pytest.mark.parametrize("path", _plan_files(), ids=lambda p: p.name)
def test_plan_files_point_editors_at_the_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
    assert target == schema_path().resolve() or target.name == "plan.schema.json" and target.is_file()


@pytest.mark.parametrize("name", SCHEMA_DETECTABLE)
def test_invalid_fixtures_fail_schema_and_loader(name: str) -> None:
    path = INVALID / f"{name}.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(document)), f"the schema accepts {name}"
    with pytest.raises(InvalidInput):
        load_plan(path)


def _schema_keys(node: dict) -> set[str]:
    return set(node["properties"])


@pytest.mark.parametrize(
    ("fields", "schema_node"),
    [
        (validation.PLAN_FILE_FIELDS, SCHEMA),
        (validation.COUNCIL_FIELDS, SCHEMA["properties"]["council"]),
        (validation.PLAN_FIELDS, SCHEMA["properties"]["plan"]),
        (validation.SOURCE_FIELDS, SCHEMA["properties"]["plan"]["properties"]["source"]),
        (validation.STATEMENT_FIELDS, SCHEMA["$defs"]["statement"]),
        (validation.PRIORITY_FIELDS, SCHEMA["$defs"]["priority"]),
        (validation.ITEM_FIELDS, SCHEMA["$defs"]["item"]),
    ],
    ids=["file", "council", "plan", "source", "statement", "priority", "item"],
)
def test_schema_and_loader_know_the_same_keys(fields: dict, schema_node: dict) -> None:
    assert set(fields) == _schema_keys(schema_node)
    required = {key for key, (is_required, _) in fields.items() if is_required}
    assert required == set(schema_node.get("required", []))


def test_schema_and_model_know_the_same_kinds() -> None:
    from plancompare.plans.model import FIGURE_FIELDS, ITEM_KINDS

    assert set(SCHEMA["$defs"]["item"]["properties"]["kind"]["enum"]) == set(ITEM_KINDS)
    assert set(SCHEMA["$defs"]["item"]["then"]["properties"]) == set(FIGURE_FIELDS)
