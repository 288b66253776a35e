"""The draft is checked before it is emitted: within the plan-file limit, valid, and traced to its
source, or the command fails with one line naming the source — never a file validate rejects."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from support import FIXTURES
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.plans import draft_write
from plancompare.plans.draft import draft_plan, draft_yaml, read_source_text
from plancompare.paths import display_path
from plancompare.plans.draft_check import DraftOptionError, check_draft, check_options
from plancompare.plans.draft_source import SourceText
from plancompare.plans.yamlfile import MAX_FILE_BYTES

EXAMPLE = FIXTURES / "draft" / "eastbrook.txt"
BUG = "(please report this as a bug in plancompare draft, with the source text)"


def test_a_draft_over_the_plan_file_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    # 3.6 MB of distinct promises: under the 20 MB source limit, but a draft of over 5 MB.
    source = tmp_path / "long.txt"
    source.write_text("".join(f"We will carry out project number {n} for the people of the borough.\n" for n in range(50_000)))
    result = runner.invoke(cli, ["draft", str(source), "--council-id", "long", "--name", "Long Council", "-o", str(tmp_path / "long.yaml")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{source}: the draft would be ")
    assert result.stderr.endswith(f" bytes, over the {MAX_FILE_BYTES:,}-byte limit for plan files "
                                  "(draft from a shorter text: the plan itself, without appendices, or a part at a time)\n")
    assert not (tmp_path / "long.yaml").exists()


def test_the_size_is_counted_in_bytes() -> None:
    with pytest.raises(InvalidInput, match="the draft would be 5,242,881 bytes, over the 5,242,880-byte limit"):
        check_draft("é" * (MAX_FILE_BYTES // 2) + "x", None, "plan.txt")


def test_a_draft_that_would_not_pass_validate_fails_the_command(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the drafter ever write a file validate rejects, draft fails and says so, in one line."""
    monkeypatch.setattr(draft_write, "_q", lambda text: '"' + text)  # an unclosed quote
    result = runner.invoke(cli, ["draft", str(EXAMPLE), "--council-id", "eastbrook", "--name", "Eastbrook Council"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{display_path(EXAMPLE)}: the draft would not pass validate (draft:")
    assert result.stderr.endswith(f") {BUG}\n") and result.stderr.count("\n") == 1


def test_a_draft_whose_text_is_not_in_its_source_fails() -> None:
    source = read_source_text(EXAMPLE)
    text = draft_yaml(draft_plan(source), "eastbrook", "Eastbrook Council", "eastbrook.txt")
    with pytest.raises(InvalidInput) as raised:
        check_draft(text, source.replace("Air quality on the ring road is poor.", ""), "eastbrook.txt")
    assert str(raised.value) == ("eastbrook.txt: the draft would not pass validate (eastbrook.greener-eastbrook.challenge.2 "
                                 f"text: 'Air quality on the ring road is poor.' is not in the source) {BUG}")


def test_errors_name_the_source_as_given() -> None:
    # read_source_text's text remembers the file, so a later problem names it as the user gave it.
    with pytest.raises(InvalidInput, match=r"^some/where/plan\.txt: found nothing to draft: "):
        draft_yaml(draft_plan(SourceText("HEADINGS ONLY\n", "some/where/plan.txt")), "eastbrook", "Eastbrook Council", "eastbrook.txt")
    with pytest.raises(InvalidInput, match=r"^eastbrook\.txt: found nothing to draft: "):  # text from elsewhere
        draft_yaml(draft_plan("HEADINGS ONLY\n"), "eastbrook", "Eastbrook Council", "eastbrook.txt")


def test_option_checks() -> None:
    check_options("Eastbrook Council", None, None)
    check_options("Eastbrook Council", "district", "East of England")
    with pytest.raises(DraftOptionError) as raised:
        check_options("Eastbrook \udcff Council", None, None)  # an undecodable byte in the terminal's arguments
    assert raised.value.exit_code == 2
    assert str(raised.value) == ("Invalid value for --name: it holds bytes that are not text in the terminal's encoding; "
                                 "type it again (see 'plancompare draft --help')")


def test_validate_strict_fails_on_what_a_draft_leaves_and_plain_validate_warns(tmp_path) -> None:
    """A raw draft validates (it is a valid file), with warnings; --strict fails on its leftovers."""
    import shutil

    from click.testing import CliRunner

    from support import FIXTURES
    from plancompare.cli.main import cli

    runner = CliRunner()
    plans, sources = tmp_path / "plans", tmp_path / "sources"
    plans.mkdir()
    sources.mkdir()
    shutil.copy(FIXTURES / "draft" / "eastbrook.txt", sources)
    drafted = runner.invoke(cli, ["draft", str(sources / "eastbrook.txt"), "--council-id", "eastbrook", "--name", "Eastbrook Council",
                                  "-o", str(plans / "eastbrook.yaml")])
    assert drafted.exit_code == 0, drafted.stderr
    plan_file = plans / "eastbrook.yaml"
    plain = runner.invoke(cli, ["validate", "--verbose", str(plans)])
    assert plain.exit_code == 0 and plain.stdout == "1 plan, 12 items: OK\n"
    assert "Warning: " + str(plan_file) + ": council type is 'unknown'\n" in plain.stderr
    assert "'# check:' marks left from the draft (lines 12, 13, 15, 21, 29)" in plain.stderr
    strict = runner.invoke(cli, ["validate", "--strict", str(plans)])
    assert (strict.exit_code, strict.stdout) == (1, "")
    hint = " (finish curating the draft: see docs/adding-a-council.md)"
    assert strict.stderr.splitlines() == [
        f"{plan_file}: council type is 'unknown'{hint}",
        f"{plan_file}: council region is 'unknown'{hint}",
        f"{plan_file}: 5 '# check:' marks left from the draft (lines 12, 13, 15, 21, 29){hint}",
    ]
    # Curated: marks resolved, type and region given; an empty priority still fails --strict.
    text = plan_file.read_text()
    text = "\n".join(line.split("  # check:")[0] for line in text.splitlines()) + "\n"
    text = text.replace('type: "unknown"', 'type: "district"').replace('region: "unknown"', 'region: "East of England"')
    plan_file.write_text(text + "  - id: eastbrook.empty\n    title: Good Homes\n    items: []\n")
    empty = runner.invoke(cli, ["validate", "--strict", str(plans)])
    assert empty.exit_code == 1 and empty.stderr == f"{plan_file}: priority eastbrook.empty has no items{hint}\n"
    plan_file.write_text(text)
    assert runner.invoke(cli, ["validate", "--strict", str(plans)]).stdout == "1 plan, 12 items: OK\n"
