"""The workspace is usable without the command line: plans, councils by any name, themes, index."""

from __future__ import annotations

import pytest

from plancompare.errors import UnknownName
from plancompare.workspace import Workspace
from support import VALID_PLANS


def test_a_workspace_over_a_plans_directory() -> None:
    workspace = Workspace(plans_dir=VALID_PLANS, use_cache=False)
    ids = [plan.council.id for plan in workspace.plans()]
    assert ids == sorted(ids) and len(ids) >= 2
    (plan,) = workspace.councils([ids[0][:4].upper()])
    assert plan.council.id == ids[0]
    assert workspace.theme("hous") == "housing" and workspace.theme(None) is None
    assert workspace.index().councils == tuple(ids)


def test_the_bundled_plans_by_default(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    workspace = Workspace()
    assert workspace.plans_dir_in_use().name == "plans"
    assert {council.id for council in workspace.council_records([])} >= {"coventry", "stoke-on-trent"}


def test_unknown_council_names_the_choices() -> None:
    with pytest.raises(UnknownName):
        Workspace(plans_dir=VALID_PLANS, use_cache=False).councils(["nowhere"])


def test_progress_is_shown_while_the_index_is_built() -> None:
    shown = []

    class Spinner:
        def __enter__(self):
            shown.append("on")

        def __exit__(self, *exc):
            shown.append("off")

    workspace = Workspace(plans_dir=VALID_PLANS, use_cache=False, progress=Spinner)
    workspace.index()
    workspace.index()
    assert shown == ["on", "off"]


def test_a_changed_concept_lexicon_is_never_served_from_the_cache(runner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicon is one of the index's inputs: a run with an edited lexicon reads the edit (here,
    a mistake it must report) instead of the index fitted with the old one."""
    from plancompare.cli.main import cli
    from plancompare.paths import default_concepts_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lexicon = tmp_path / "concepts.yaml"
    lexicon.write_bytes(default_concepts_path().read_bytes())
    first = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "--concepts", str(lexicon), "themes"])
    assert first.exit_code == 0, first.output
    text = lexicon.read_text(encoding="utf-8")
    first_theme = next(line for line in text.splitlines() if line.strip().startswith("themes:"))
    lexicon.write_text(text.replace(first_theme, first_theme.split(":")[0] + ": [no-such-theme]", 1), encoding="utf-8")
    second = runner.invoke(cli, ["--plans-dir", str(VALID_PLANS), "--concepts", str(lexicon), "themes"])
    assert second.exit_code == 1 and "no-such-theme" in second.stderr


def _json_run(runner, plans, *args: str) -> str:
    from plancompare.cli.main import cli

    result = runner.invoke(cli, ["--plans-dir", str(plans), *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_after_an_edit_only_the_edited_plan_is_searched_for_concepts(runner, plan_copy, tmp_path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The concepts found in a plan's items are kept per plan file: the refit after an edit looks
    for them in the edited plan's texts (and the theme profiles) alone, and prints exactly what a
    fresh run prints."""
    from plancompare.matching import concepts
    from plancompare.matching.index import item_text
    from plancompare.plans.loader import load_plans

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _json_run(runner, plan_copy, "themes")
    plan_file = plan_copy / "southmoor.yaml"
    plan_file.write_text(plan_file.read_text().replace("We will plant 20,000 trees", "We will plant 30,000 oak trees"))
    searched: list[str] = []
    real_find = concepts.ConceptFinder.find
    monkeypatch.setattr(concepts.ConceptFinder, "find", lambda self, text: (searched.append(text), real_find(self, text))[1])
    edited = {"themes": _json_run(runner, plan_copy, "themes"),
              "diff": _json_run(runner, plan_copy, "diff", "northdale", "southmoor")}
    plans = {plan.council.id: plan for plan in load_plans([plan_copy])}
    southmoor = {item_text(item) for item in plans["southmoor"].items()}
    northdale = {item_text(item) for item in plans["northdale"].items()} - southmoor
    assert southmoor <= set(searched), "the edited plan was not searched"
    assert not northdale & set(searched), "an unchanged plan was searched again"
    assert edited == {"themes": _json_run(runner, plan_copy, "--no-cache", "themes"),
                      "diff": _json_run(runner, plan_copy, "--no-cache", "diff", "northdale", "southmoor")}


def test_a_new_council_changes_the_stop_words_and_the_cached_run_follows(runner, plan_copy, tmp_path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Councils' names are stop words, so adding a council changes every plan's weights: the run
    after it prints what a fresh run prints, though every other plan's concepts are read back."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _json_run(runner, plan_copy, "themes")
    text = (plan_copy / "southmoor.yaml").read_text()
    (plan_copy / "eastbrook.yaml").write_text(text.replace("southmoor", "eastbrook").replace("Southmoor", "Eastbrook"))
    sources = plan_copy.parent / "sources"
    (sources / "eastbrook.txt").write_text((sources / "southmoor.txt").read_text().replace("Southmoor", "Eastbrook"))
    northdale = plan_copy / "northdale.yaml"
    northdale.write_text(northdale.read_text().replace("text: ", "text: Eastbrook ", 1))
    for command in (["themes"], ["diff", "northdale", "eastbrook"], ["search", "eastbrook trees"]):
        assert _json_run(runner, plan_copy, *command) == _json_run(runner, plan_copy, "--no-cache", *command), command
