"""The JSON Schema for editors and the loader agree: same keys, same verdicts on the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from support import INVALID, VALID_PLANS
from plancompare.plans import rules
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
        (rules.PLAN_FILE_FIELDS, SCHEMA),
        (rules.COUNCIL_FIELDS, SCHEMA["properties"]["council"]),
        (rules.PLAN_FIELDS, SCHEMA["properties"]["plan"]),
        (rules.SOURCE_FIELDS, SCHEMA["properties"]["plan"]["properties"]["source"]),
        (rules.STATEMENT_FIELDS, SCHEMA["$defs"]["statement"]),
        (rules.PRIORITY_FIELDS, SCHEMA["$defs"]["priority"]),
        (rules.ITEM_FIELDS, SCHEMA["$defs"]["item"]),
    ],
    ids=["file", "council", "plan", "source", "statement", "priority", "item"],
)
def test_schema_and_loader_know_the_same_keys(fields: dict, schema_node: dict) -> None:
    assert set(fields) == _schema_keys(schema_node)
    required = {key for key, field in fields.items() if field.required}
    assert required == set(schema_node.get("required", []))


def test_schema_and_model_know_the_same_kinds() -> None:
    from plancompare.plans.model import FIGURE_FIELDS, ITEM_KINDS

    assert set(SCHEMA["$defs"]["item"]["properties"]["kind"]["enum"]) == set(ITEM_KINDS)
    assert set(SCHEMA["$defs"]["item"]["then"]["properties"]) == set(FIGURE_FIELDS)


def test_committed_schema_is_generated_from_the_rules() -> None:
    """data/plan.schema.json is what `make schema` writes; edit plancompare/plans/rules.py, not it."""
    from plancompare.plans.schema import schema_text

    assert schema_path().read_text(encoding="utf-8") == schema_text(), "stale schema: run `make schema`"


def test_schema_generation_follows_the_rules(monkeypatch) -> None:
    """A rule changed in the checkers changes the generated schema (so the staleness test can fail)."""
    from plancompare.plans.checkers import Field
    from plancompare.plans.schema import plan_schema

    before = plan_schema()
    monkeypatch.setitem(rules.COUNCIL_FIELDS, "motto", Field(True, rules.text, "A motto."))
    after = plan_schema()
    assert "motto" in after["properties"]["council"]["required"]
    assert after["properties"]["council"]["properties"]["motto"] == {"description": "A motto.", "$ref": "#/$defs/text"}
    assert "motto" not in before["properties"]["council"]["properties"]


@pytest.mark.parametrize("url", ["https://www.example.gov.uk/plan.pdf", "http://x.y/z"])
def test_schema_and_loader_agree_on_urls(url: str) -> None:
    import re

    pattern = SCHEMA["properties"]["plan"]["properties"]["source"]["properties"]["url"]["pattern"]
    for candidate, ok in ((url, True), (url + " trailing words", False), ("ftp://x.y", False)):
        assert bool(re.search(pattern, candidate)) is ok
        assert bool(re.fullmatch(r"https?://\S+", candidate)) is ok
