"""The package's layers point one way: cli -> workspace -> output -> matching -> plans, with the
store beside the workspace and errors and paths beneath everything. Every import is read from the
source (module level and inside functions alike), so a violation or a cycle fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "plancompare"
MAX_LINES = 400

#: Layer of each top-level part of the package; a module may import its own part or a lower layer.
LAYERS = {
    "errors": 0, "paths": 0, "__init__": 0,
    "plans": 1,
    "matching": 2,
    "output": 3,
    "store": 4, "workspace": 4,
    "cli": 5,
    "__main__": 6,
}
#: Parts on the same layer that may import one another, one way only.
SIDEWAYS = {("workspace", "store")}
#: Third-party packages that only some parts may import: the core speaks neither click nor rich.
RESTRICTED = {"click": {"cli"}, "rich": {"cli", "output"}}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    """Every module named by an import statement anywhere in the file (TYPE_CHECKING ones included:
    a type-only import upward is still a dependency a reader has to follow)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from plancompare.output import render" imports the module plancompare.output.render.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {target for target in _imports(path) if target in modules and target != name}
            for name, path in modules.items()}


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {_part(module) for module in _modules()} <= set(LAYERS)


def _allowed(source: str, target: str) -> bool:
    a, b = _part(source), _part(target)
    return a == b or LAYERS[b] < LAYERS[a] or (a, b) in SIDEWAYS


def test_imports_point_down_the_layers_only() -> None:
    violations = sorted(f"{source} imports {target}" for source, targets in _graph().items()
                        for target in targets if not _allowed(source, target))
    assert violations == []


def test_the_layering_check_can_fail() -> None:
    assert not _allowed("plancompare.matching.align", "plancompare.output.table")
    assert not _allowed("plancompare.store.database", "plancompare.workspace")
    assert not _allowed("plancompare.plans.model", "plancompare.matching.config")
    assert _allowed("plancompare.workspace", "plancompare.store.database")


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize(("package", "allowed"), sorted(RESTRICTED.items()))
def test_presentation_libraries_stay_in_their_layers(package: str, allowed: set[str]) -> None:
    offenders = sorted(name for name, path in _modules().items() if _part(name) not in allowed
                       and any(target == package or target.startswith(package + ".") for target in _imports(path)))
    assert offenders == []


def test_subpackage_inits_are_empty() -> None:
    """So that importing plancompare.cli.main (all --help needs) loads nothing it does not use."""
    assert [str(path) for path in PACKAGE.glob("*/__init__.py") if path.read_text().strip()] == []


def test_no_module_is_over_the_size_limit() -> None:
    long = {name: lines for name, path in _modules().items() if (lines := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


#: Modules whose behaviour is tested through another module's tests, and where.
TESTED_IN = {
    "plancompare.__main__": "tests/test_cli.py",
    # Reading the index back and storing it is what the cache database tests exercise end to end.
    "plancompare.store.stored_index": "tests/store/test_database.py",
    "plancompare.errors": "tests/test_robustness.py",
    "plancompare.paths": "tests/test_packaging.py",
    "plancompare.cli.main": "tests/test_cli.py",
    "plancompare.cli.options": "tests/test_cli.py",
    "plancompare.cli.commands": "tests/test_cli.py",
    "plancompare.cli.documents": "tests/output/test_report.py",
    "plancompare.cli.cache": "tests/store/test_database.py",
    "plancompare.matching.accuracy": "tests/matching/test_evaluation.py",
    "plancompare.output.document": "tests/output/test_report.py",
    "plancompare.output.table": "tests/output/test_render.py",
    "plancompare.output.views": "tests/test_cli.py",
    "plancompare.plans.checkers": "tests/plans/test_loader.py",
    "plancompare.plans.gcpause": "tests/plans/test_loader.py",
    "plancompare.plans.draft_html": "tests/plans/test_draft_source.py",
    "plancompare.plans.draft_pdf": "tests/plans/test_draft_source.py",
    "plancompare.plans.draft_layout": "tests/plans/test_draft.py",
    # The title and period of a draft are asserted through draft_plan, whose title tests live there.
    "plancompare.plans.draft_title": "tests/plans/test_draft.py",
    "plancompare.plans.model": "tests/plans/test_loader.py",
    "plancompare.plans.rules": "tests/plans/test_loader.py",
    "plancompare.plans.taxonomy": "tests/output/test_comparisons.py",
    "plancompare.plans.validate": "tests/test_cli.py",
    "plancompare.plans.yamlfile": "tests/test_robustness.py",
    "plancompare.plans.inputfile": "tests/plans/test_loader.py",
}


def test_tests_mirror_the_modules() -> None:
    """plancompare/matching/align.py is tested in tests/matching/test_align.py, or TESTED_IN says where."""
    missing = []
    for name, path in _modules().items():
        if path.name == "__init__.py":
            continue
        relative = path.relative_to(PACKAGE)
        mirror = REPO / "tests" / relative.parent / f"test_{relative.name}"
        if not mirror.is_file() and not (REPO / TESTED_IN.get(name, "-")).is_file():
            missing.append(name)
    assert missing == []
    assert set(TESTED_IN) <= set(_modules()), "TESTED_IN names a module that no longer exists"
