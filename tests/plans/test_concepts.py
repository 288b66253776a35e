"""The concept lexicon is checked like a plan file: one line per problem, naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from support import VALID_PLANS
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.paths import display_path
from plancompare.plans.concepts import load_concepts, phrase_key
from plancompare.plans.taxonomy import load_themes

THEMES = load_themes()
GOOD = """schema_version: 1
concepts:
  - id: rough-sleeping
    label: Rough sleeping
    themes: [housing]
    phrases: [rough sleeping, sleeping rough, Street-Homeless]
  - id: fly-tipping
    label: Fly-tipping
    themes: [clean-streets, community-safety]
    phrases: [fly-tipping, fly tipping, illegal dumping]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "concepts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_lexicon_is_valid_and_covers_every_theme() -> None:
    concepts = load_concepts(THEMES)
    assert len(concepts) >= 300
    main_themes = {concept.themes[0] for concept in concepts}
    assert main_themes == {theme.id for theme in THEMES}
    phrases = [phrase for concept in concepts for phrase in concept.phrases]
    assert len(phrases) == len(set(phrases))


def test_phrases_are_kept_as_compared_and_the_same_phrase_twice_in_one_concept_once(tmp_path: Path) -> None:
    concepts = load_concepts(THEMES, _write(tmp_path, GOOD))
    assert [concept.id for concept in concepts] == ["rough-sleeping", "fly-tipping"]
    assert concepts[0].phrases == ("rough sleeping", "sleeping rough", "street homeless")
    assert concepts[1].phrases == ("fly tipping", "illegal dumping")
    assert concepts[1].themes == ("clean-streets", "community-safety")
    assert phrase_key("  Anti-Social   behaviour!") == "anti social behaviour"


@pytest.mark.parametrize("change, line, message", [
    (("themes: [housing]", "themes: [housing, parking]"), 5,
     "concept 'rough-sleeping' names theme 'parking', which the taxonomy does not have"),
    (("id: fly-tipping", "id: rough-sleeping"), 7, "concept id 'rough-sleeping' is used twice"),
    (("illegal dumping]", "illegal dumping, sleeping rough]"), 10,
     "phrase 'sleeping rough' is also a phrase of concept 'rough-sleeping'"),
    (("phrases: [rough sleeping", "phrases: ['--', rough sleeping"), 6, "phrase '--' has no letters or digits"),
    (("themes: [clean-streets, community-safety]", "themes: [clean-streets, community-safety]\n    broader: [waste-crime]"), 10,
     "concept 'fly-tipping' names broader concept 'waste-crime', which the lexicon does not have"),
    (("themes: [clean-streets, community-safety]", "themes: [clean-streets, community-safety]\n    broader: [fly-tipping]"), 10,
     "concept 'fly-tipping' names itself as broader"),
])
def test_each_problem_is_one_line_naming_the_file_and_line(tmp_path: Path, change, line: int, message: str) -> None:
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(InvalidInput) as raised:
        load_concepts(THEMES, path)
    problems = raised.value.problems
    assert len(problems) == 1
    assert problems[0].line == line and problems[0].message == message


def test_a_missing_field_and_a_non_mapping_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        load_concepts(THEMES, _write(tmp_path, GOOD.replace("    label: Rough sleeping\n", "")))
    with pytest.raises(InvalidInput) as raised:
        load_concepts(THEMES, _write(tmp_path, "- just a list\n"))
    assert "must be a mapping" in raised.value.problems[0].message


def test_the_cli_reports_a_bad_lexicon_in_one_line_with_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("themes: [housing]", "themes: [parking]"))
    runner = CliRunner()
    for arguments, env in ((["--concepts", str(path)], {}), ([], {"PLANCOMPARE_CONCEPTS": str(path)})):
        result = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), *arguments, "--no-cache", "themes"], env=env)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith(f"{display_path(path)}:5")
        assert "names theme 'parking'" in lines[0]


def test_another_lexicon_changes_the_answers_and_the_cache_key(tmp_path: Path) -> None:
    """A changed lexicon is part of the index's cache key: the cached run refits with it."""
    runner = CliRunner()
    empty = _write(tmp_path, "schema_version: 1\nconcepts: []\n")
    plain = runner.invoke(cli, ["--concepts", str(empty), "search", "sleeping rough", "--format", "json"])
    assert plain.exit_code == 0, plain.output
    full = runner.invoke(cli, ["search", "sleeping rough", "--format", "json"])
    assert full.exit_code == 0, full.output
    assert plain.stdout != full.stdout
    again = runner.invoke(cli, ["--concepts", str(empty), "search", "sleeping rough", "--format", "json"])
    assert again.stdout == plain.stdout


def test_broader_links_are_kept_and_a_loop_of_them_is_refused(tmp_path: Path) -> None:
    linked = GOOD.replace("themes: [housing]", "themes: [housing]\n    broader: [fly-tipping]")
    concepts = load_concepts(THEMES, _write(tmp_path, linked))
    assert concepts[0].broader == ("fly-tipping",) and concepts[1].broader == ()
    looped = linked.replace("themes: [clean-streets, community-safety]", "themes: [clean-streets, community-safety]\n    broader: [rough-sleeping]")
    with pytest.raises(InvalidInput) as raised:
        load_concepts(THEMES, _write(tmp_path, looped))
    assert [problem.message for problem in raised.value.problems] == [
        "concept 'rough-sleeping' is broader than itself through its broader concepts"]


def test_the_bundled_lexicons_hierarchy_has_no_loop_and_names_known_concepts() -> None:
    concepts = load_concepts(THEMES)
    ids = {concept.id for concept in concepts}
    assert all(set(concept.broader) <= ids - {concept.id} for concept in concepts)
