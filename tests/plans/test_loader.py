"""Loading plan files: valid ones build the model, each kind of bad input gets its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import INVALID, INVALID_CASES, VALID_PLANS
from plancompare.errors import InvalidInput
from plancompare.paths import display_path
from plancompare.plans.loader import find_plan_files, load_plan, load_plans
from plancompare.plans.yamlfile import MAX_FILE_BYTES

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
    from plancompare.paths import default_plans_dir

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
    from plancompare.plans.yamlfile import read_yaml

    path = tmp_path / "value.yaml"
    path.write_text(f"key: {written}\n" if written != "text: not a key" else "key: 'text: not a key'\n")
    data, locations = read_yaml(path)
    assert data == {"key": value} and type(data["key"]) is type(value)
    assert locations.get(("key",)) == (1, 1)


def _run(runner, *args, cache: bool = False):
    from plancompare.cli.main import cli

    return runner.invoke(cli, [*([] if cache else ["--no-cache"]), *args])


# With the cache on, the files are first read to name the cache entry: that read must not block or
# run away either (it once opened a FIFO and read /dev/zero until memory ran out).
@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cache"])
@pytest.mark.parametrize("kind", ["fifo", "device", "sparse", "loop", "directory"])
def test_odd_files_among_plans_get_one_line_and_never_hang(runner, plan_copy: Path, kind: str, cache: bool) -> None:
    import os

    target = plan_copy / "odd.yaml"
    if kind == "fifo":
        os.mkfifo(target)
        expected = "is not a regular file (a pipe, socket or device) (give the path of a file)"
    elif kind == "device":
        target.symlink_to("/dev/zero")
        expected = "is not a regular file (a pipe, socket or device) (give the path of a file)"
    elif kind == "sparse":
        with open(target, "wb") as stream:
            stream.truncate(2 * 1024 ** 3)
        expected = "file is 2,147,483,648 bytes, over the 5,242,880-byte limit for plan files"
    elif kind == "loop":
        (plan_copy / "other.yaml").symlink_to(target)
        target.symlink_to(plan_copy / "other.yaml")
        expected = "a symbolic link that leads nowhere (broken, or a loop)"
    else:
        target.mkdir()
        expected = "is a directory, not a plan file (rename it, or move it out of the plans directory)"
    for command in (["list"], ["themes"]):
        result = _run(runner, "--plans-dir", str(plan_copy), *command, cache=cache)
        assert result.exit_code == 1, result.output
        assert f"odd.yaml: {expected}" in result.stderr and "Traceback" not in result.stderr


def test_a_file_that_grows_past_the_limit_is_not_read_whole(tmp_path: Path, monkeypatch) -> None:
    from plancompare.plans import inputfile

    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: " + b"x" * 100 + b"\n")
    with pytest.raises(InvalidInput, match="over the 50-byte limit"):
        inputfile.read_limited(path, "plan.yaml", 50)
    # The size on disk is checked first, and the read stops at the limit even if the file grew since.
    monkeypatch.setattr(Path, "stat", lambda self, **kw: type("S", (), {"st_mode": 0o100644, "st_size": 10})())
    with pytest.raises(InvalidInput, match="plan.yaml: file is over the 50-byte limit for plan files"):
        inputfile.read_limited(path, "plan.yaml", 50)


@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cache"])
def test_a_fifo_as_themes_file_or_draft_source_does_not_hang(runner, tmp_path: Path, cache: bool) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = _run(runner, "--plans-dir", str(VALID_PLANS), "--themes", str(fifo), "themes", cache=cache)
    assert result.exit_code == 1 and "is not a regular file" in result.stderr
    result = _run(runner, "draft", str(fifo), "--council-id", "x", "--name", "X")
    assert result.exit_code == 1 and "is not a regular file" in result.stderr


@pytest.mark.parametrize("cache", [False, True], ids=["no cache", "cache"])
def test_a_themes_file_that_is_a_link_loop_is_called_one_everywhere(runner, plan_copy: Path, tmp_path: Path, cache: bool) -> None:
    # The loader and the bounded reader once disagreed: a loop given as --themes read "Too many
    # levels of symbolic links" while the same loop among the plans was named for what it is.
    loop = tmp_path / "themes.yaml"
    (tmp_path / "other.yaml").symlink_to(loop)
    loop.symlink_to(tmp_path / "other.yaml")
    result = _run(runner, "--plans-dir", str(plan_copy), "--themes", str(loop), "themes", cache=cache)
    assert result.exit_code == 1, result.output
    assert "themes.yaml: a symbolic link that leads nowhere (broken, or a loop)" in result.stderr
    assert "Too many levels" not in result.stderr and "Traceback" not in result.stderr


def test_describe_os_error_names_dead_links_and_keeps_other_reasons(tmp_path: Path) -> None:
    import errno

    from plancompare.plans.inputfile import DEAD_LINK, describe_os_error

    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "nowhere.yaml")
    assert describe_os_error(broken, FileNotFoundError(errno.ENOENT, "No such file"), "cannot read it") == DEAD_LINK
    assert describe_os_error(tmp_path / "absent.yaml", FileNotFoundError(errno.ENOENT, "x"), "cannot read it") == "no such file"
    assert describe_os_error(tmp_path, OSError(errno.ELOOP, "Too many levels of symbolic links"), "cannot read it") == DEAD_LINK
    assert describe_os_error(tmp_path, PermissionError(errno.EACCES, "Permission denied"), "cannot read it") == "cannot read it: Permission denied"
