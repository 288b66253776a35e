"""Finding plan files, loading them, and the checks that span several files."""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path

from plancompare.errors import InvalidInput, Problem
from plancompare.plans.inputfile import describe_os_error
from plancompare.plans.model import Plan
from plancompare.paths import display_path
from plancompare.plans.gcpause import paused_gc

# Reading and validating YAML (plancompare.plans.yamlfile, plancompare.plans.rules) is imported where a
# file is loaded, so that finding the plan files (all a cached run does) stays cheap.

PLAN_SUFFIXES = (".yaml", ".yml")


def find_plan_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into the plan files they hold (sorted); files are taken as given."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        name = display_path(path)
        try:
            # One stat, whose errors are reported: Path.is_dir() raises on a directory the user
            # cannot search, and hides it as "missing" on others.
            is_directory = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:
            problems.append(Problem(name, describe_os_error(path, error, "cannot read it", missing="no such file or directory")))
            continue
        if not is_directory:
            found.append(path)
            continue
        try:
            files = sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and not p.name.startswith("."))
            # A directory named like a plan file is a mistake to report, not a directory to search.
            folders = [file for file in files if _is_directory(file)]
        except OSError as error:
            problems.append(Problem(name, f"cannot list the directory: {error.strerror or error}"))
            continue
        for folder in folders:
            problems.append(Problem(display_path(folder), "is a directory, not a plan file",
                                    hint="rename it, or move it out of the plans directory"))
            files.remove(folder)
        if not files and not problems:
            problems.append(Problem(name, "no plan files (*.yaml) in this directory", hint="point --plans-dir at a directory of plan files"))
        found.extend(files)
    if problems:
        raise InvalidInput(problems)
    return found


def _is_directory(path: Path) -> bool:
    """Whether ``path`` is a directory; a file that cannot be looked at is left for its reader to report."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def load_plan(path: Path, content: bytes | None = None) -> Plan:
    """Load and validate one plan file (from ``content``, its bytes, when the caller has read
    them); raises InvalidInput listing every problem in it."""
    name = display_path(path)
    from plancompare.plans.rules import build_plan
    from plancompare.plans.yamlfile import read_yaml

    data, locations = read_yaml(path, name, content)
    plan, problems = build_plan(data, locations, name, path)
    if problems or plan is None:
        raise InvalidInput(problems)
    return plan


def load_plans(paths: Iterable[Path]) -> tuple[Plan, ...]:
    """Load every plan file under ``paths`` and check them together.

    Raises InvalidInput with the problems of all files at once: nothing is skipped.
    """
    files = find_plan_files(paths)
    plans: list[Plan] = []
    problems: list[Problem] = []
    with paused_gc():
        for file in files:
            try:
                plans.append(load_plan(file))
            except InvalidInput as error:
                problems.extend(error.problems)
    problems.extend(_cross_file_problems(plans))
    if problems:
        raise InvalidInput(problems)
    return tuple(sorted(plans, key=lambda plan: plan.council.id))


def check_together(plans: Iterable[Plan]) -> None:
    """Raise InvalidInput when plans loaded one at a time clash: a council or an id in two files."""
    problems = _cross_file_problems(list(plans))
    if problems:
        raise InvalidInput(problems)


def _cross_file_problems(plans: list[Plan]) -> list[Problem]:
    problems: list[Problem] = []
    council_files: dict[str, Plan] = {}
    item_files: dict[str, Plan] = {}
    for plan in plans:
        name = display_path(plan.path) if plan.path else plan.council.id
        earlier = council_files.setdefault(plan.council.id, plan)
        if earlier is not plan:
            problems.append(
                Problem(name, f"council '{plan.council.id}' is also the council of {display_path(earlier.path)}", hint="keep one plan file per council")
            )
            continue
        for identifier in [p.id for p in plan.priorities] + [i.id for i in plan.items()]:
            first = item_files.setdefault(identifier, plan)
            if first is not plan:
                problems.append(Problem(name, f"id '{identifier}' is also used in {display_path(first.path)}", hint="ids must be unique across plans"))
    return problems
