"""What several test modules share: the fixture paths, the exact messages of the invalid fixtures,
a reader of Markdown tables, a probe of what a command imports and reads in a fresh process, and where the real user's cache is (so that the suite can keep out of it)
with the environment a subprocess needs to keep out of it too. Importable as ``support`` (pytest puts
tests/ on the path)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from markdown_it import MarkdownIt

FIXTURES = Path(__file__).parent / "fixtures"
VALID_PLANS = FIXTURES / "valid" / "plans"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parent.parent


def _real_user_caches() -> tuple[Path, ...]:
    """Every place plancompare would keep the real user's cache: $XDG_CACHE_HOME/plancompare, and
    ~/.cache/plancompare for $HOME and for the home directory in the password database (where a
    subprocess given no HOME looks). Read when this module is first imported, which conftest.py does
    before its session fixture points HOME and XDG_CACHE_HOME at temporary directories."""
    homes = {Path.home()}
    try:
        import pwd

        homes.add(Path(pwd.getpwuid(os.getuid()).pw_dir))
    except (ImportError, KeyError):
        pass
    places = {home / ".cache" / "plancompare" for home in homes}
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        places.add(Path(xdg) / "plancompare")
    return tuple(sorted(places))


#: The real user's cache directories, which no test may write to.
REAL_USER_CACHES = _real_user_caches()


def subprocess_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The environment for a subprocess: ``base`` (by default this process's whole environment) with
    the suite's private HOME and XDG_CACHE_HOME (set by conftest.py), then ``extra``. A subprocess
    given a bare environment without them would find the real user's home in the password database
    and write its cache entries there."""
    env = dict(os.environ if base is None else base)
    env["HOME"], env["XDG_CACHE_HOME"] = os.environ["HOME"], os.environ["XDG_CACHE_HOME"]
    env.update(extra)
    return env


#: Modules a repeat run of a cached command should not need to import.
HEAVY_MODULES = ("numpy", "scipy", "sklearn", "yaml")


def run_probed(argv: list[str], env: Mapping[str, str], setup: str = "", report: str = ""):
    """Run ``plancompare argv`` in a fresh Python process with ``env``, after the code ``setup`` (to
    record what the run does) and before ``report`` (which prints what was recorded to stderr, its
    last line); by default the report is which of HEAVY_MODULES were imported, as a list."""
    import subprocess
    import sys

    report = report or f"print(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules), file=sys.stderr)\n"
    probe = (
        "import sys\n" + setup +
        "from plancompare.cli.main import cli\n"
        f"try:\n    cli.main({argv!r}, prog_name='plancompare')\nexcept SystemExit:\n    pass\n" + report
    )
    return subprocess.run([sys.executable, "-c", probe], env=dict(env), capture_output=True, text=True, check=True)


def cache_dir_for(env: Mapping[str, str]) -> Path | None:
    """The cache directory plancompare would use in a process with environment ``env`` (as
    plancompare.store.location.cache_dir decides it: a relative XDG_CACHE_HOME is ignored, and a
    missing HOME falls back on the password database like Path.home()), or None for none."""
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "plancompare"
    home = env.get("HOME")
    if not home:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return Path(home) / ".cache" / "plancompare"


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


def _inline_text(token) -> str:
    return "".join(child.content if child.type in ("text", "code_inline") else " " for child in token.children or [])


def markdown_cells(markdown: str) -> list[list[str]]:
    """The cells of the first table in ``markdown``, as plain text, header row first."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.level >= 3:
            rows[-1].append(_inline_text(token))
    return rows


def run_json(runner, plans: Path, *args: str) -> str:
    """``plancompare --plans-dir PLANS ARGS --format json`` through ``runner``: its standard output,
    after checking it succeeded."""
    from plancompare.cli.main import cli

    result = runner.invoke(cli, ["--plans-dir", str(plans), *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout
