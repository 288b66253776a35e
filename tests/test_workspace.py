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
