"""`plancompare draft`: the worked example end to end, every bundled source drafted into a valid and
traceable plan file, the recall/precision floors, and the curator's validate warnings."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import FIXTURES, REPO
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.plans.draft import draft_plan, draft_yaml
from plancompare.plans.loader import load_plan

EXAMPLE = FIXTURES / "draft" / "eastbrook.txt"

spec = importlib.util.spec_from_file_location("draft_accuracy", REPO / "scripts" / "draft_accuracy.py")
draft_accuracy = importlib.util.module_from_spec(spec)
sys.modules["draft_accuracy"] = draft_accuracy  # (a dataclass looks its module up there)
spec.loader.exec_module(draft_accuracy)

RECALL_FLOOR = 0.85
PRECISION_FLOOR = 0.88


def test_worked_example_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    """The README's 'Adding a council' steps: draft, validate (tracing every text), then compare."""
    plans, sources = tmp_path / "plans", tmp_path / "sources"
    plans.mkdir()
    sources.mkdir()
    shutil.copy(EXAMPLE, sources / "eastbrook.txt")
    shutil.copy(REPO / "data" / "plans" / "coventry.yaml", plans)
    shutil.copy(REPO / "data" / "sources" / "coventry.txt", sources)
    result = runner.invoke(cli, ["draft", str(sources / "eastbrook.txt"), "--council-id", "eastbrook",
                                 "--name", "Eastbrook Borough Council", "--type", "district",
                                 "--region", "East of England", "-o", str(plans / "eastbrook.yaml")])
    assert result.exit_code == 0, result.stderr
    validated = runner.invoke(cli, ["validate", str(plans)])
    assert validated.exit_code == 0, validated.stderr
    assert validated.stdout == "2 plans, 159 items: OK\n"  # Coventry 147, Eastbrook 12
    assert "Note:" not in validated.stderr  # every text was traced to its source
    themes = runner.invoke(cli, ["--plans-dir", str(plans), "themes", "--format", "json"])
    assert themes.exit_code == 0, themes.stderr
    assert json.loads(themes.stdout)["councils"] == ["coventry", "eastbrook"]

    plan = load_plan(plans / "eastbrook.yaml")
    assert (plan.title, plan.period.start, plan.period.end) == ("Eastbrook Council Plan 2025-2029", 2025, 2029)
    assert [(p.number, p.title) for p in plan.main_priorities] == [(1, "A Greener Eastbrook"), (2, "Good Homes")]
    kinds = [(item.kind, item.text) for item in plan.priorities[0].items]
    assert ("challenge", "Air quality on the ring road is poor.") in kinds
    assert ("target", "We will plant 5,000 trees by 2027.") in kinds  # a figure and a deadline
    assert ("commitment", "Installing 200 electric vehicle charging points.") in kinds
    fuel = next(item for item in plan.items() if item.text == "Households in fuel poverty")
    assert (fuel.kind, fuel.local, fuel.comparator, fuel.comparator_label) == ("indicator", "17.2 %", "13.1 %", "National average")
    assert [i.text for i in plan.priorities[1].items if i.kind == "difference"] == ["More affordable homes", "Fewer people sleeping rough"]
    texts = " ".join(item.text for item in plan.items())
    assert "EASTBROOK BOROUGH COUNCIL" not in texts and "Contents" not in texts  # furniture dropped


def test_draft_marks_its_guesses() -> None:
    text = draft_yaml(draft_plan(EXAMPLE.read_text()), "eastbrook", "Eastbrook Borough Council", "eastbrook.txt")
    assert 'type: "unknown"  # check:' in text
    # Only what the drafter was unsure of is marked: a sentence naming a problem, not a "we will".
    assert "challenge.1  # check: a sentence naming a problem" in text
    # type, region, title, licence and that one item; the years were found, the sections numbered.
    assert text.count("  # check:") == 5
    assert "# Drafted 12 items in 2 sections: commitment 4, challenge 3, indicator 2, difference 2, target 1.\n" in text
    assert "# Marked '# check:' where the drafter was unsure: 1 item, 0 sections," in text
    assert "# Skipped 6 lines of the source as page furniture or contents (line numbers): 3, 5, 6, 8, 27, 44.\n" in text
    assert text.startswith("# yaml-language-server: $schema=../plan.schema.json\n")


@pytest.mark.parametrize("council", ["coventry", "sandwell", "stoke-on-trent", "wolverhampton"])
def test_draft_of_each_bundled_source_validates_and_traces(tmp_path: Path, council: str) -> None:
    plans, sources = tmp_path / "plans", tmp_path / "sources"
    plans.mkdir()
    sources.mkdir()
    shutil.copy(REPO / "data" / "sources" / f"{council}.txt", sources)
    text = (sources / f"{council}.txt").read_text(encoding="utf-8")
    (plans / f"{council}.yaml").write_text(draft_yaml(draft_plan(text), council, f"{council} council", f"{council}.txt"))
    from plancompare.plans.validate import validate_plans

    report = validate_plans([plans])
    assert report.plans == 1 and report.traced == 1 and report.items > 100


def test_draft_recall_and_precision_floors() -> None:
    for row in draft_accuracy.measure(("bundled",)):
        accuracy = row.scores["text"]
        assert accuracy.recall >= RECALL_FLOOR, (row.council, accuracy)
        assert accuracy.precision >= PRECISION_FLOOR, (row.council, accuracy)


def test_draft_command_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad_id = runner.invoke(cli, ["draft", str(EXAMPLE), "--council-id", "East Brook", "--name", "X"])
    assert bad_id.exit_code == 2
    assert bad_id.stderr == ("Error: Invalid value for --council-id: use lower-case letters, digits and hyphens, "
                             "e.g. stoke-on-trent (see 'plancompare draft --help')\n")
    missing = runner.invoke(cli, ["draft", str(tmp_path / "none.txt"), "--council-id", "x", "--name", "X"])
    assert (missing.exit_code, missing.stderr) == (1, f"{tmp_path / 'none.txt'}: no such file\n")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    latin = runner.invoke(cli, ["draft", str(tmp_path / "latin.txt"), "--council-id", "x", "--name", "X"])
    assert latin.exit_code == 1 and "not UTF-8 text" in latin.stderr


def test_validate_warns_about_near_duplicates_and_empty_priorities(runner: CliRunner, plan_copy: Path) -> None:
    plan_file = plan_copy / "southmoor.yaml"
    plan_file.write_text(plan_file.read_text() + "  - id: southmoor.parks\n    title: Climate and Nature\n    items: []\n"
                         .replace("Climate and Nature", "Good Jobs"))
    text = plan_file.read_text().replace(
        "      - id: southmoor.climate.commitment.2",
        "      - id: southmoor.climate.commitment.3\n        kind: commitment\n"
        "        text: We will plant 20,000 trees across the district.\n      - id: southmoor.climate.commitment.2",
    )
    plan_file.write_text(text)
    result = runner.invoke(cli, ["validate", "--verbose", str(plan_copy)])
    assert result.exit_code == 0, result.stderr
    assert "priority southmoor.parks has no items" in result.stderr
    assert ("southmoor.climate.commitment.1 and southmoor.climate.commitment.3 are the same text: "
            "'We will plant 20,000 trees across the district.'") in result.stderr
    summary = runner.invoke(cli, ["validate", str(plan_copy)])
    assert "southmoor.yaml: 2 curation warnings" in summary.stderr


# -- degenerate and hostile sources: the draft passes validate as it stands, or draft says why -------

DEGENERATE = {
    # name: (source text, None if the draft is made, else the message after "FILE: ")
    "only headings": ("EASTBROOK PLAN\n\nA GREENER EASTBROOK\n\nGOOD HOMES\n", "nothing"),
    "only bullets": ("- trees\n- homes\n- parks\n", None),  # a list under any heading is drafted
    "one title line": ("Eastbrook Council Plan 2025-2029\n", "nothing"),
    "one promise": ("We will plant 5,000 trees by 2027.", None),
    "bullets under a cue": ("We will do this by:\n- Planting trees\n- Building homes\n", None),
    "headings and a cue": ("GOOD HOMES\nWe will do this by:\n• Building homes\nGOOD HOMES\n• Repairing homes\n", None),
    # Characters a YAML reader refuses or folds (DEL, C1 controls, NEL, line and paragraph separators,
    # a byte-order mark, U+FFFE) written raw made drafts that validate could not read.
    "characters YAML refuses": ("Key challenges:\n- Too few homes\x7f are warm\x85 enough\u2028 here\n"
                                "- Too many\u2029 empty\ufeff shops\x9b and\ufffe offices\n", None),
    "control characters": ("Key challenges:\n- Bell\x07 and escape\x1b[31m codes in a bullet\n", None),
    "many numbered sections": ("".join(f"Priority {n} - Theme {n}\nWe will act on theme {n}.\n" for n in range(1, 300)), None),
}
NOTHING = ("found nothing to draft: no cue line such as 'We will do this by:' with items under it, and no "
           "'We will…' sentence (is it a plan's text? docs/adding-a-council.md shows what the drafter reads)")


@pytest.mark.parametrize("case", sorted(DEGENERATE))
def test_draft_of_a_degenerate_source_validates_or_is_refused(runner: CliRunner, tmp_path: Path, case: str) -> None:
    text, refused = DEGENERATE[case]
    plans, sources = tmp_path / "plans", tmp_path / "sources"
    plans.mkdir()
    sources.mkdir()
    (sources / "eastbrook.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["draft", str(sources / "eastbrook.txt"), "--council-id", "eastbrook", "--name", "Eastbrook Council",
                                 "-o", str(plans / "eastbrook.yaml")])
    if refused:
        assert (result.exit_code, result.stderr) == (1, f"{sources / 'eastbrook.txt'}: {NOTHING}\n")
        assert list(plans.iterdir()) == []
        return
    assert result.exit_code == 0, result.stderr
    validated = runner.invoke(cli, ["validate", str(plans)])
    assert validated.exit_code == 0, validated.stderr
    assert "Note:" not in validated.stderr  # traced: every text is in the source


def test_draft_of_the_worked_example_validates_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "sources").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "sources" / "eastbrook.txt")
    drafted = runner.invoke(cli, ["draft", str(tmp_path / "sources" / "eastbrook.txt"), "--council-id", "eastbrook",
                                  "--name", "Eastbrook Borough Council"])
    assert drafted.exit_code == 0, drafted.stderr
    (tmp_path / "plans" / "eastbrook.yaml").write_text(drafted.stdout, encoding="utf-8")
    validated = runner.invoke(cli, ["validate", str(tmp_path / "plans")])
    assert (validated.exit_code, validated.stdout) == (0, "1 plan, 12 items: OK\n")


def test_blank_options_are_usage_errors(runner: CliRunner) -> None:
    for option, value, what in (("--name", " ", "give the council's full name"),
                                ("--type", "", "give the kind of authority, or leave the option out"),
                                ("--region", "\t", "give the English region, or leave the option out")):
        arguments = ["draft", str(EXAMPLE), "--council-id", "eastbrook", "--name", "Eastbrook Council", option, value]
        result = runner.invoke(cli, arguments)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"Error: Invalid value for {option}: it is blank; {what} (see 'plancompare draft --help')\n"


# -- every regex of the drafter runs in linear time ------------------------------------------------

from plancompare.plans import draft as draft_module  # noqa: E402
from plancompare.plans import (draft_cells, draft_fetch, draft_headings, draft_lead_ins, draft_html, draft_kinds, draft_layout, draft_pdf, draft_sentences,  # noqa: E402
                                draft_source, draft_write, textnorm)

DRAFT_MODULES = (draft_module, draft_source, draft_write, textnorm, draft_kinds, draft_headings, draft_layout, draft_html, draft_pdf,
                 draft_fetch, draft_sentences, draft_cells, draft_lead_ins)
#: Repeated to a megabyte: runs of dots (contents leaders), spaces, tabs, digits, letters, bullets,
#: tags, brackets, escape sequences, and the alternating patterns each regex could backtrack over.
ATOMS = [".", " ", "\t", "1", "a", "•", "• ", ". 1", "...\t1 ", "<a", "<li", "<br ", "[a](b", "\x1b[0", "\x9b0", "1.",
         "we will ", "we want our residents ", "\t1", " council"]
MEGABYTE = 1_000_000


def _patterns() -> list[tuple[str, re.Pattern]]:
    """Every compiled pattern the drafting modules hold, in module globals or in tables of them."""
    found = []
    for module in DRAFT_MODULES:
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
            for element in values:
                for pattern in element if isinstance(element, tuple) else (element,):
                    if isinstance(pattern, re.Pattern):
                        found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", pattern))
    return found


def test_the_drafting_modules_compile_every_regex_where_the_audit_finds_it() -> None:
    """No re.sub(r"…", …) inside a function, where the timing test below would not see it."""
    import ast
    import inspect

    inline = []
    for module in DRAFT_MODULES:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re" and node.func.attr != "compile" and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))):
                inline.append(f"{module.__name__}:{node.lineno}")
    assert inline == []
    assert len(_patterns()) >= 40


def test_no_drafting_regex_matches_nothing_in_the_middle_of_a_line() -> None:
    """A pattern that can match the empty string anywhere makes a search of a long line build one
    match per character: a million of them on a megabyte line, which failed the timing test below
    under load. Such a pattern must be anchored at the start."""
    empty_inside = [name for name, pattern in _patterns()
                    if any(found.group(0) == "" and found.start() > 0 for found in pattern.finditer("ab cd"))]
    assert empty_inside == []


# The time bounds below are of this process's CPU time, not the wall clock, so that other work on a
# busy machine cannot fail them; a quadratic step on these lines takes minutes either way.
@pytest.mark.parametrize("atom", ATOMS, ids=repr)
def test_every_drafting_regex_takes_a_megabyte_line_in_under_a_second(atom: str) -> None:
    # Ending in a letter, so that patterns anchored at the end ("… page number$") fail only there.
    line = (atom * (MEGABYTE // len(atom) + 1))[:MEGABYTE] + "x"
    slow = []
    for name, pattern in _patterns():
        started = time.process_time()
        # The cue patterns are only ever matched at the start of a line; every other pattern is
        # searched, substituted or split with, and findall does what all of those do.
        pattern.match(line) if name == "draft_headings._CUE_PATTERNS" else pattern.findall(line)
        if time.process_time() - started > 1.0:
            slow.append(name)
    assert slow == []


@pytest.mark.parametrize("atom", [".", " ", "\t", "1", "• ", ". 1", "<li", "<br ", ".\t", "\t1", "a\t", "we will ", "\x9b0", "sAb c "], ids=repr)
def test_drafting_a_quarter_megabyte_line_takes_under_a_second(atom: str) -> None:
    """The whole drafter, not just its regexes: quadratic steps (contents leaders, runs of spaces
    before a bullet, thousands of cells) took minutes on lines like these. Linear is what is
    asserted: a line four times as long takes at most about four times as long (a quadratic step
    takes sixteen), or under a second, so that a slow machine does not fail a linear drafter."""

    def seconds(size: int) -> float:
        line = (atom * (size // len(atom) + 1))[:size]
        started = time.process_time()
        for text in (line + "\n", "Key challenges:\n" + line + "1\nContents\n" + line + "\n"):
            draft = draft_plan(text)
            try:
                draft_yaml(draft, "eastbrook", "Eastbrook Council", "eastbrook.txt")
            except InvalidInput as error:
                assert "found nothing to draft" in str(error)
        return time.process_time() - started

    quarter, whole = seconds(MEGABYTE // 16), seconds(MEGABYTE // 4)
    assert whole < 1.0 or whole < 7 * quarter + 0.05, (quarter, whole)
    assert whole < 10.0


def test_a_name_with_a_long_run_of_spaces_is_shortened_at_once() -> None:
    # \s+(city|…)?\s*council$ took 47 s on 3,000 spaces (cubic); a megabyte now takes milliseconds.
    started = time.process_time()
    text = draft_yaml(draft_plan(EXAMPLE.read_text()), "eastbrook", "East" + " " * MEGABYTE + "brook x", "eastbrook.txt")
    assert time.process_time() - started < 2.0 and "short_name: \"East" in text


def test_many_headings_and_sections_draft_in_linear_time() -> None:
    # Each heading was looked up in a list of every section (5,000 headings: 47 s), and each
    # repeated slug numbered from 2.
    text = "".join(f"PART {n:05d} OF THE PLAN\nWe will do thing {n}.\n" for n in range(5_000))
    text += "".join(f"LOCAL PLAN AREA X{n}\nWe will do item {n}.\n" for n in range(5_000))
    started = time.process_time()
    draft = draft_plan(text)
    yaml_text = draft_yaml(draft, "eastbrook", "Eastbrook Council", "eastbrook.txt")
    assert time.process_time() - started < 10.0
    assert len(draft.sections) == 10_000 and "id: eastbrook.local-plan-area-5000\n" in yaml_text.replace("  # check", "\n")


# -- the linear rewrites give what the originals gave -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from plancompare.plans.draft_layout import is_contents_line as _is_contents_line, join_broken_lines as _join_broken_lines, segments as _segments  # noqa: E402


def _old_segments(line: str) -> list[tuple[str, bool]]:
    parts = []
    cells = line.split("\t")
    for cell in cells:
        cell = re.sub(r"<li[^>]*>|</li>|<br\s*/?>", " • ", cell)
        cell = re.sub(r"</?[A-Za-z][^<>]*>", " ", cell)
        pieces = re.split(r"\s+•\s+|^\s*•\s+", cell)
        for piece in pieces:
            piece = " ".join(re.sub(r"^\s*(?:[-•*▪●◦‣]|\d+[.)])\s+", "", piece).replace("**", "").split())
            if piece:
                parts.append((piece, len(cells) > 1 and len([p for p in pieces if p.strip()]) == 1))
    return parts


def _old_join_broken_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped and out and stripped[0].islower() and "\t" not in stripped:
            previous = len(out) - 1
            while previous >= 0 and not out[previous].strip():
                previous -= 1
            if previous >= 0 and not out[previous].rstrip().endswith((".", ":", "!", "?")) and "\t" not in out[previous]:
                out[previous] = out[previous].rstrip() + " " + stripped
                del out[previous + 1:]
                continue
        out.append(line)
    return out


LINE_PARTS = st.sampled_from([" ", "  ", "\t", "•", " • ", "- ", "1. ", "2)", "<li>", "<li class='x'>", "</li>", "<br/>", "<br >",
                              "<p>", "<b", "**", "a", "We will act.", "x", "...", "..", ".", "1", "12", "\u0663", "\u00a0", ":"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(LINE_PARTS, max_size=10).map("".join))
def test_segments_and_contents_lines_are_found_as_before(line: str) -> None:
    assert _segments(line) == _old_segments(line)
    assert _is_contents_line(line) == bool(re.search(r"(\.{3,}|\t)\s*\d+\s*$", line))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "Heading", "a line", "ends.", "ends:", "\tcell", "cell\tcell", "lower case",
                                 "  indented lower", "Upper"]), max_size=12))
def test_broken_lines_are_joined_as_before(lines: list[str]) -> None:
    assert _join_broken_lines(lines) == _old_join_broken_lines(lines)


def test_a_long_run_of_lower_case_lines_joins_in_linear_time() -> None:
    # Each join copied the growing line: 400,000 lines of a word took 21 s. Linear is what is
    # asserted (four times the lines in at most about four times the time, or under a second), so
    # that a slow machine does not fail a linear join.
    def seconds(lines: int) -> float:
        started = time.process_time()
        joined = _join_broken_lines(["the"] + ["word"] * lines)
        assert len(joined) == 1 and len(joined[0]) == 3 + 5 * lines
        return time.process_time() - started

    quarter, whole = seconds(100_000), seconds(400_000)
    assert whole < 1.0 or whole < 7 * quarter + 0.05, (quarter, whole)


def test_the_guides_pdf_example_drafts_the_same_items_as_its_text(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/adding-a-council.md, steps 2 and 4, on tests/fixtures/draft/eastbrook.pdf."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "plans").mkdir(parents=True)
    shutil.copy(FIXTURES / "draft" / "eastbrook.pdf", tmp_path)
    result = runner.invoke(cli, ["draft", "eastbrook.pdf", "--council-id", "eastbrook", "--name", "Eastbrook Borough Council",
                                 "--type", "district", "--region", "East of England", "-o", "data/plans/eastbrook.yaml"])
    assert (result.exit_code, result.stderr) == (0, "Wrote data/sources/eastbrook.txt\nWrote data/plans/eastbrook.yaml\n")
    from_pdf = load_plan(tmp_path / "data" / "plans" / "eastbrook.yaml")
    from_text = draft_plan(EXAMPLE.read_text())
    assert [(i.kind, i.text) for i in from_pdf.items()] == [(i.kind, i.text) for i in from_text.items()]
    assert (from_pdf.source.format, from_pdf.title) == ("pdf", "Eastbrook Council Plan 2025-2029")
    text = (tmp_path / "data" / "plans" / "eastbrook.yaml").read_text()
    assert "# Drafted 12 items in 2 sections: commitment 4, challenge 3, indicator 2, difference 2, target 1.\n" in text
    strict = runner.invoke(cli, ["--plans-dir", "data/plans", "validate", "--strict", "data/plans/eastbrook.yaml"])
    assert strict.stderr == ("data/plans/eastbrook.yaml: 3 '# check:' marks left from the draft (lines 15, 21, 29) "
                             "(finish curating the draft: see docs/adding-a-council.md)\n")


LAYOUT = """Storm Goretti: our services today
School Closures Today (Alert 1 of 3)
Our Council Plan 2024-2028

Our values

- We listen
- We act fairly

10 priorities for the next 18 months

Healthy people
Focused strategic objective
- Reduce the number of people who smoke
- Better mental health for young people

Open for business banner

What this will mean for you
- Quicker answers when you call us

Libraries

We’ll open two new libraries in 2025. The town has a long history.
"""


def test_structure_comes_from_the_layout_not_from_known_phrases(tmp_path: Path) -> None:
    draft = draft_plan(LAYOUT)
    assert draft.title == "Our Council Plan 2024-2028"  # not the weather banner or the alert
    assert [(s.kind, s.text) for s in draft.statements] == [("value", "We listen"), ("value", "We act fairly")]
    by_section = {section.title: [(i.kind, i.heading, i.text) for i in section.items] for section in draft.sections}
    assert by_section["Healthy people"] == [
        ("objective", "Focused strategic objective", "Reduce the number of people who smoke"),
        ("objective", "Focused strategic objective", "Better mental health for young people"),
        ("difference", "What this will mean for you", "Quicker answers when you call us"),
    ], by_section
    assert by_section["Libraries"] == [("target", None, "We’ll open two new libraries in 2025.")]  # a curly "We’ll"
    texts = [item.text for item in draft.items()]
    assert "Open for business banner" not in texts and "The town has a long history." not in texts
    assert "10 priorities for the next 18 months" not in texts  # a heading starting with a digit
    noted = draft_plan("# source: https://www.example.gov.uk/plan\n\nOur Plan 2024-2028\n\nHomes\n\n- Build 500 homes by 2027\n")
    assert noted.title == "Our Plan 2024-2028"  # not the note of where the page came from
    written = draft_yaml(draft, "eastbrook", "Eastbrook Council", "eastbrook.txt")
    assert "  values:  # check: drafted from under a heading 'Our values'" in written
    assert "    - id: eastbrook.value.2\n      text: \"We act fairly\"\n" in written


def test_a_paragraph_about_the_document_is_not_drafted_and_a_detailing_sentence_joins_its_promise() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nHousing\n\nThis plan sets out our vision for the borough over four years. "
            "We will deliver more responsive enforcement across the borough. To do this we will establish a "
            "coordination board. We will do this by working with landlords.\n")
    items = [item.text for section in draft_plan(text).sections for item in section.items]
    assert items == ["We will deliver more responsive enforcement across the borough. To do this we will establish a coordination board.",
                     "We will do this by working with landlords."]


def test_a_list_of_the_plans_own_priorities_is_not_drafted_as_items() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nOur plan has three priorities:\n\n- Good homes for all\n- Thriving economy\n"
            "- Healthy, inclusive communities\n\nGood homes for all\n\nWe will build 500 new council homes across the borough.\n\n"
            "Thriving economy\n\nWe will help small firms to grow and to take on apprentices.\n")
    items = [item.text for section in draft_plan(text).sections for item in section.items]
    # (Including the priority with no section of its own: the lead-in says the list names priorities.)
    assert items == ["We will build 500 new council homes across the borough.",
                     "We will help small firms to grow and to take on apprentices."]


def test_each_cell_of_a_table_under_column_cue_lines_takes_its_columns_kind() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nA Greener Borough\n\nObjectives\n\nTarget outcomes\n\nActions\n\nPerformance indicators\n\n"
            "Cut the borough's carbon emissions.\tMore residents cycle to work.\tBuild a network of cycle lanes, e.g. "
            "on the ring road.\tNumber of cycle journeys.\n")
    items = {item.text: item.kind for section in draft_plan(text).sections for item in section.items}
    assert items == {"Cut the borough's carbon emissions.": "objective", "More residents cycle to work.": "outcome",
                     "Build a network of cycle lanes, e.g. on the ring road.": "commitment",
                     "Number of cycle journeys.": "indicator"}


def test_a_lead_in_gives_its_kind_to_its_list_but_is_not_an_item() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nHousing\n\nWe will work with the people of Eastbrook and use our resources wisely to:\n\n"
            "- Build 500 council homes\n- Bring empty homes back into use\n")
    items = [(item.kind, item.text) for section in draft_plan(text).sections for item in section.items]
    assert items == [("target", "Build 500 council homes"), ("commitment", "Bring empty homes back into use")]


def test_a_list_of_names_and_a_question_are_not_items() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nClimate\n\nShare this page?\n\nOur pathways:\n\n1. Low Emission Development\n\n"
            "2. Circular Economic Development\n\n- Plant 5,000 trees by 2027\n")
    items = [item.text for section in draft_plan(text).sections for item in section.items]
    assert items == ["Plant 5,000 trees by 2027"]


def test_a_measurement_under_a_lead_in_that_promises_stays_an_indicator() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nTransport\n\nWe will improve transport across the borough so that we:\n\n"
            "- keep the borough well connected\n- 1 in 5 (19%) people named cleaner air as their top concern\n")
    items = [(item.kind, item.text) for section in draft_plan(text).sections for item in section.items]
    assert ("indicator", "1 in 5 (19%) people named cleaner air as their top concern") in items


def test_an_overviews_copies_of_items_set_out_again_are_dropped_but_a_measure_named_twice_stays() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nOur outcomes\n\n1 Good homes\n\n- Access to a secure home for all\n- Safe and healthy homes\n\n"
            "2 Good jobs\n\n- Help create good quality jobs\n- More people in skilled work\n\n"
            "GOOD HOMES\n\n4.1 Access to a secure home\tWe will prevent homelessness wherever we can.\n"
            "4.2 Safe and healthy homes\tWe will insulate 500 council homes.\n\n"
            "GOOD JOBS\n\n5.1 Help create good quality local jobs\tWe will help small firms to grow.\n"
            "5.2 More people in skilled work\tWe will fund apprenticeships.\n")
    items = [(section.title, item.text) for section in draft_plan(text).sections for item in section.items]
    assert items == [("GOOD HOMES", "Access to a secure home"), ("GOOD HOMES", "We will prevent homelessness wherever we can."),
                     ("GOOD HOMES", "Safe and healthy homes"), ("GOOD HOMES", "We will insulate 500 council homes."),
                     ("GOOD JOBS", "Help create good quality local jobs"), ("GOOD JOBS", "We will help small firms to grow."),
                     ("GOOD JOBS", "More people in skilled work"), ("GOOD JOBS", "We will fund apprenticeships.")]
    # One measure under two priorities, each with items of its own: no overview, both copies stay.
    text = ("Eastbrook Plan 2024-2028\n\nHealth\n\nWe will open two clinics.\n\nWe will train more nurses.\n\nKey indicators\n\n"
            "- Healthy life expectancy at birth\n\nWork\n\nWe will help small firms to grow.\n\nWe will fund apprenticeships.\n\n"
            "Key indicators\n\n- Healthy life expectancy at birth (years)\n")
    indicators = [(section.title, item.text) for section in draft_plan(text).sections for item in section.items if item.kind == "indicator"]
    assert indicators == [("Health", "Healthy life expectancy at birth"), ("Work", "Healthy life expectancy at birth (years)")]


def test_like_items_with_other_figures_are_not_an_overviews_copies() -> None:
    text = "Eastbrook Plan 2024-2028\n" + "".join(
        f"\nWARD {i}\n\n- We will build new homes in ward {i} and street {i * 7}\n- We will build new homes in ward {i} and lane {i * 3}\n"
        for i in range(1, 40))
    assert len(draft_plan(text).items()) == 78


def test_an_indicator_is_its_name_with_its_figures_and_its_first_sentence() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nSkills\n\nKey statistics\n\n- Education attainment 75.3% (data source: DfE).\n"
            "- Housing affordability: 8.9 in 2021/2\n- Suicide rate per 100,000\n"
            "- On average, men live to 80 years old compared to 79 years old nationally. This varies across the borough.\n"
            "- 1 in 5 (20%) people named parks as a top priority. The same share named libraries.\n"
            "- 2 in 5 (41%) people named mental health. The number of calls to the helpline doubled.\n")
    items = [(item.text, item.local, item.comparator) for section in draft_plan(text).sections for item in section.items]
    assert items == [("Education attainment", "75.3%", None), ("Housing affordability", "8.9", None),
                     ("Suicide rate per 100,000", None, None),
                     ("On average, men live to 80 years old", None, "79 years old nationally"),
                     ("1 in 5 (20%) people named parks as a top priority.", None, None),
                     ("2 in 5 (41%) people named mental health.", None, None),
                     ("The number of calls to the helpline doubled.", None, None)]


def test_a_table_set_out_one_cell_a_line_gives_each_cell_the_next_column_its_wording_fits() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nA Healthier Borough\n\nObjectives\n\nTarget outcomes\n\nActions\n\nPerformance indicators\n\n"
            # The first row has no objective: its outcome is the first cell.
            "Residents are able to live healthier lives.\n\nBuild health education into adult learning.\n\n"
            "- Percentage of adults who are overweight.\n- Rates of self-harm.\n\n"
            "Develop preventative approaches to ill health.\n\nMore children receive a good education.\n\n"
            "Work with schools on mental health support.\n\n- Number of children admitted to hospital.\n")
    items = [(item.kind, item.text) for section in draft_plan(text).sections for item in section.items]
    assert items == [("outcome", "Residents are able to live healthier lives."),
                     ("commitment", "Build health education into adult learning."),
                     ("indicator", "Percentage of adults who are overweight."), ("indicator", "Rates of self-harm."),
                     ("objective", "Develop preventative approaches to ill health."),
                     ("outcome", "More children receive a good education."),
                     ("commitment", "Work with schools on mental health support."),
                     ("indicator", "Number of children admitted to hospital.")]


def test_lead_ins_that_list_results_or_aims_and_lines_that_are_not_items() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nTransport\n\nOur roads matter to everyone. Together, these steps will:\n\n"
            "- keep the borough well connected\n- cut congestion\n\n"
            "For the next ten years, we'll focus on:\n\n- improving health in all our communities\n\n"
            "We will underpin our work with the following principles;\n\n"
            "- We aim to meet national averages in the following key indicators:\n- Number of bus journeys\n\n"
            "KEEP LEFT\n\nto help social distancing\n\n"
            "Growing the local economy is the foundation of everything we do. In 2020, almost 800 people died of the virus.\n\n"
            "Employers\n\nWe will w\n")
    items = [(item.kind, item.text) for section in draft_plan(text).sections for item in section.items]
    assert items == [("outcome", "keep the borough well connected"), ("outcome", "cut congestion"),
                     ("objective", "improving health in all our communities"), ("indicator", "Number of bus journeys"),
                     ("indicator", "In 2020, almost 800 people died of the virus.")]


def test_a_web_pages_own_regions_and_download_cards_are_furniture() -> None:
    """A page's breadcrumb, "On this page" list, download cards, related links, feedback question,
    share buttons and contact block around one promise (tests/fixtures/draft/page-furniture.txt)."""
    draft = draft_plan((FIXTURES / "draft" / "page-furniture.txt").read_text(encoding="utf-8"))
    assert [(section.title, item.text) for section in draft.sections for item in section.items] == [
        ("A thriving economy", "We will help small firms to grow and take on apprentices.")]
    skipped = set(draft.skipped_texts)
    assert {"Related pages", "- Facebook", "- Download the Council Plan 2024-2028 (PDF, 2.3MB)", "Was this page helpful?"} <= skipped


def test_under_a_difference_heading_a_short_sentence_is_a_difference() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nWarm homes\n\nWhat this will mean for you\n\n"
            "Access to support that will help you insulate your home. Lower energy bills for every council tenant.\n")
    items = [(item.kind, item.text) for section in draft_plan(text).sections for item in section.items]
    assert items == [("difference", "Access to support that will help you insulate your home."),
                     ("difference", "Lower energy bills for every council tenant.")]


def test_a_heading_repeated_in_contents_and_summary_is_still_a_heading_where_a_paragraph_follows() -> None:
    text = ("Eastbrook Plan 2024-2028\n\nMenu\n\nOur priorities:\n\n- Greener streets for all\n- Good homes\n\nMenu\n\nGreener streets for all\n\n"
            "Greener streets for all\n\nWe will plant five thousand trees along the borough's streets and in its parks over the next four years.\n\n"
            "Menu\n")
    draft = draft_plan(text)
    assert [(section.title, [item.text for item in section.items]) for section in draft.sections] == [
        # (The list's other entry, "Good homes", is not an item either: "Our priorities:" says it names a priority.)
        ("Greener streets for all", ["We will plant five thousand trees along the borough's streets and in its parks over the next four years."])]
    assert "Menu" in draft.skipped_texts  # a line repeated on its own is still furniture
