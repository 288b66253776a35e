"""Loading plan files: valid ones build the model, each kind of bad input gets its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INVALID, VALID_PLANS
from plancompare.errors import InvalidInput
from plancompare.loader import display_path, find_plan_files, load_plan, load_plans
from plancompare.yamlfile import MAX_FILE_BYTES

# fixture name -> the exact lines of the error, after "FILE:"
INVALID_CASES = {
    "alias_bomb": ["1:4: YAML anchors and aliases are not allowed in plan files (write the value out in full)"],
    "bad_kind": [
        "22:9: priorities[0].items[0].kind 'promise' is not one of: outcome, objective, commitment, difference, "
        "target, ask, challenge, indicator"
    ],
    "comment_only": ["1:1: the file holds no YAML document (is it empty?)"],
    "date_value": ["11:14: '2024-02-01' reads as a date (put it in quotes to keep it as text)"],
    "duplicate_id": [
        "24:9: id 'testshire.roads.commitment.1' is used twice (first used on line 21; give each item its own id)"
    ],
    "duplicate_key": ["7:3: key 'short_name' appears twice in the same mapping (keep one of them)"],
    "empty": ["1:1: the file holds no YAML document (is it empty?)"],
    "figure_on_commitment": [
        "24:9: 'local' is only allowed on indicators, and this item is a commitment "
        "(set kind: indicator or remove the figure)"
    ],
    "id_prefix": [
        "21:9: id 'testshire.bridges.commitment.1' should start with 'testshire.roads.' "
        "(ids nest: council.priority.kind.N)"
    ],
    "merge_key": ["6:3: YAML merge keys ('<<') are not allowed in plan files (write the keys out in full)"],
    "missing_field": ["3:1: council is missing required key 'region'"],
    "no_priorities": ["17:1: priorities needs at least 1 entry"],
    "python_tag": ["10:10: YAML tag '!!python/object/apply:os.system' is not allowed (remove the tag)"],
    "schema_version": ["2:1: schema_version is 2; this version of plancompare reads 1"],
    "syntax_error": [
        "19:12: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream "
        "(check the indentation and quoting)"
    ],
    "tab_indent": ["19:1: YAML syntax error: a tab character where YAML expects spaces (indent with spaces, not tabs)"],
    "top_level_list": [
        "1:1: a plan file must be a mapping with keys schema_version, council, plan, priorities, not a list"
    ],
    "unknown_key": [
        "23:9: unknown key 'txt' in priorities[0].items[0] (did you mean 'text'?)",
        "21:9: priorities[0].items[0] is missing required key 'text'",
    ],
    "wrong_types": [
        "4:3: council.id should be text, not a number (42) (put it in quotes)",
        "6:3: council.short_name should be text, not nothing (null) (write the text after the colon, or remove the key)",
        "23:9: priorities[0].items[0].text should be text, not a list",
    ],
    "year_as_text": ["11:12: plan.period.start should be a whole number, not text"],
}


def test_every_invalid_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in INVALID.glob("*.yaml")) == sorted(INVALID_CASES)


@pytest.mark.parametrize("name", sorted(INVALID_CASES))
def test_invalid_fixture_gives_exact_messages(name: str) -> None:
    path = INVALID / f"{name}.yaml"
    with pytest.raises(InvalidInput) as caught:
        load_plan(path)
    prefix = display_path(path) + ":"
    assert [str(problem) for problem in caught.value.problems] == [prefix + line for line in INVALID_CASES[name]]


def test_valid_fixture_plan_builds_the_model() -> None:
    plan = load_plan(VALID_PLANS / "northdale.yaml")
    assert plan.council.id == "northdale"
    assert plan.council.aliases == ("ndale",)
    assert str(plan.period) == "2024-2027"
    assert [p.id for p in plan.priorities] == ["northdale.healthier", "northdale.homes"]
    assert plan.priorities[0].number == 1 and plan.priorities[0].role == "priority"
    indicator = plan.priorities[0].items[1]
    assert (indicator.kind, indicator.local, indicator.local_value) == ("indicator", "21.5 %", 21.5)
    assert indicator.comparator_value == 14.5 and indicator.priority_id == "northdale.healthier"
    assert [item.kind for item in plan.statements()] == ["vision", "value"]
    assert plan.count("commitment") == 3 and len(plan.items()) == 7


def test_load_plans_sorts_by_council_and_counts_items() -> None:
    plans = load_plans([VALID_PLANS])
    assert [p.council.id for p in plans] == ["northdale", "southmoor"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "northdale.yaml"
    target.write_bytes(b"\xef\xbb\xbf" + (VALID_PLANS / "northdale.yaml").read_bytes())
    assert load_plan(target).council.id == "northdale"


def test_non_utf8_bytes_name_line_and_column(tmp_path: Path) -> None:
    target = tmp_path / "latin1.yaml"
    target.write_bytes("schema_version: 1\ncouncil: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInput) as caught:
        load_plan(target)
    assert str(caught.value) == f"{display_path(target)}:2:13: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    target = tmp_path / "huge.yaml"
    target.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(InvalidInput, match="over the 5,242,880-byte limit"):
        load_plan(target)


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").mkdir()
    with pytest.raises(InvalidInput, match="is a directory, not a YAML file"):
        load_plan(tmp_path / "plan.yaml")


def test_every_problem_in_every_file_is_reported_together(tmp_path: Path) -> None:
    for name in ("bad_kind", "missing_field"):
        (tmp_path / f"{name}.yaml").write_text((INVALID / f"{name}.yaml").read_text())
    with pytest.raises(InvalidInput) as caught:
        load_plans([tmp_path])
    assert len(caught.value.problems) == 2
    assert {Path(p.file).name for p in caught.value.problems} == {"bad_kind.yaml", "missing_field.yaml"}


def test_two_files_claiming_one_council(tmp_path: Path) -> None:
    text = (VALID_PLANS / "northdale.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    with pytest.raises(InvalidInput) as caught:
        load_plans([tmp_path])
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(tmp_path / 'b.yaml')}: council 'northdale' is also the council of "
        f"{display_path(tmp_path / 'a.yaml')} (keep one plan file per council)"
    ]


def test_ids_must_be_unique_across_plans(tmp_path: Path) -> None:
    northdale = (VALID_PLANS / "northdale.yaml").read_text()
    (tmp_path / "northdale.yaml").write_text(northdale)
    clash = (VALID_PLANS / "southmoor.yaml").read_text().replace(
        "      - id: southmoor.jobs.difference.1", "      - id: southmoor.jobs.difference.1\n"
        "        kind: outcome\n        text: Jobs for all.\n      - id: southmoor.jobs.commitment.1"
    )
    (tmp_path / "southmoor.yaml").write_text(clash)
    with pytest.raises(InvalidInput, match="id 'southmoor.jobs.commitment.1' is used twice"):
        load_plans([tmp_path])


def test_empty_directory_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        find_plan_files([tmp_path, tmp_path / "nope"])
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(tmp_path)}: no plan files (*.yaml) in this directory "
        "(point --plans-dir at a directory of plan files)",
        f"{display_path(tmp_path / 'nope')}: no such file or directory",
    ]


def test_bundled_plans_load() -> None:
    from plancompare.loader import default_plans_dir

    plans = load_plans([default_plans_dir()])
    assert {"coventry", "sandwell", "stoke-on-trent", "wolverhampton"} <= {p.council.id for p in plans}
    for plan in plans:
        assert plan.main_priorities, plan.council.id
        assert plan.count("commitment") > 20, plan.council.id


@pytest.mark.parametrize(
    ("written", "value"),
    [("42", 42), ("'42'", "42"), ('"42"', "42"), ("!!str 42", "42"), ("4.5", 4.5), ("yes", True), ("~", None),
     ("", None), ("null", None), ("Yesterday", "Yesterday"), ("0x1F", 31), ("text: not a key", "text: not a key")],
)
def test_scalars_are_read_by_the_safe_schema(tmp_path: Path, written: str, value: object) -> None:
    from plancompare.yamlfile import read_yaml

    path = tmp_path / "value.yaml"
    path.write_text(f"key: {written}\n" if written != "text: not a key" else "key: 'text: not a key'\n")
    data, locations = read_yaml(path)
    assert data == {"key": value} and type(data["key"]) is type(value)
    assert locations.get(("key",)) == (1, 1)
