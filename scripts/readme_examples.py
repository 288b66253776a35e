"""Regenerate the example output and the counts table in README.md from the real commands.

    python scripts/readme_examples.py          # rewrite README.md
    python scripts/readme_examples.py --check  # exit 1 if README.md is stale (used by the tests)
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plancompare.cli.main import cli  # noqa: E402
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"

EXAMPLES = {
    "list": [["list"]],
    "show": [["show", "cov", "--priority", "finance"]],
    "validate": [["validate"], ["validate", "tests/fixtures/invalid/unknown_key.yaml"]],
    "themes": [["themes"], ["themes", "stoke", "coventry", "--theme", "digital"]],
    # The same matrix in an 80-column terminal (or any pipe): council names shortened, with a key.
    "themes-80": [["themes"]],
    "diff": [["diff", "sandwell", "coventry", "--theme", "digital"]],
    "search": [["search", "affordable homes", "--limit", "5"]],
    "neighbours": [["neighbours", "wolverhampton"]],
    "indicators": [["indicators", "--theme", "transport"]],
    "items": [["items", "--council", "coventry", "--theme", "digital"]],
}


#: Examples are shown as a 100-column terminal prints them, unless their name ends in -WIDTH.
DEFAULT_WIDTH = 100


def _run(args: list[str], width: int = DEFAULT_WIDTH) -> str:
    result = CliRunner().invoke(cli, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    text = result.stdout + result.stderr
    lines = [line.rstrip() for line in text.splitlines()]
    prefix = "" if width == DEFAULT_WIDTH else f"COLUMNS={width} "
    return f"$ {prefix}plancompare " + shlex.join(args) + "\n" + "\n".join(lines)


def _example_block(name: str) -> str:
    width = int(name.rsplit("-", 1)[1]) if name.rsplit("-", 1)[-1].isdigit() else DEFAULT_WIDTH
    body = "\n".join(_run(args, width) for args in EXAMPLES[name])
    return f"<!-- example:{name} -->\n```console\n{body}\n```\n<!-- /example:{name} -->"


def _counts_block() -> str:
    rows = []
    for plan in load_plans([default_plans_dir()]):
        cross_cutting = len(plan.priorities) - len(plan.main_priorities)
        rows.append(
            f"| {plan.council.short_name} | {plan.title} | {plan.period} | {len(plan.main_priorities)} | "
            f"{cross_cutting} | {plan.count('commitment')} | {plan.count('indicator')} | {len(plan.items())} |"
        )
    header = (
        "| council | plan | period | priorities | cross-cutting sections | commitments | indicators | items |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
    )
    return "<!-- counts:start -->\n" + header + "\n" + "\n".join(rows) + "\n<!-- counts:end -->"


def _splits_block() -> str:
    """Each pair of bundled councils: how many of each one's distinct items are matched, partly
    covered or only in it, compared with the other."""
    from itertools import combinations

    from plancompare.matching.config import MATCHED, ONLY, PARTLY
    from plancompare.matching.coverage import coverage
    from plancompare.workspace import Workspace

    # The index diff uses (the concept lexicon included), built afresh rather than read from a cache.
    workspace = Workspace(use_cache=False)
    index = workspace.index()
    rows = []
    for a, b in combinations(workspace.plans(), 2):
        compared = coverage(index, a, b)
        for first, second, direction in ((a, b, compared.forward), (b, a, compared.backward)):
            counts = compared.counts(direction)
            total = len(direction)
            rows.append(f"| {first.council.short_name} | {second.council.short_name} | {total} | "
                        + " | ".join(f"{counts[v]} ({counts[v] / total:.0%})" for v in (MATCHED, PARTLY, ONLY)) + " |")
    header = ("| items of | compared with | distinct items | matched | partly covered | only in |\n"
              "| --- | --- | ---: | ---: | ---: | ---: |")
    return "<!-- splits:start -->\n" + header + "\n" + "\n".join(rows) + "\n<!-- splits:end -->"


def _evaluation_block() -> str:
    import io
    from contextlib import redirect_stdout

    import evaluate

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        evaluate.main([])
    return "<!-- evaluation:start -->\n```console\n$ python scripts/evaluate.py\n" + buffer.getvalue() + "```\n<!-- evaluation:end -->"


def _draft_accuracy_block() -> str:
    import io
    from contextlib import redirect_stdout

    import draft_accuracy

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        draft_accuracy.main([])
    return "<!-- draft-accuracy:start -->\n" + buffer.getvalue() + "<!-- draft-accuracy:end -->"


def updated(text: str) -> str:
    """README text with every generated block replaced by fresh output."""
    for name in EXAMPLES:
        # A generated block runs to its closing marker; a new one is just the opening marker.
        closed = re.compile(rf"<!-- example:{name} -->.*?<!-- /example:{name} -->", re.S)
        pattern = closed if closed.search(text) else re.compile(rf"<!-- example:{name} -->")
        text = pattern.sub(lambda _: _example_block(name), text, count=1)
    text = re.sub(r"<!-- draft-accuracy:start -->.*?<!-- draft-accuracy:end -->", lambda _: _draft_accuracy_block(), text, count=1, flags=re.S)
    text = re.sub(r"<!-- splits:start -->.*?<!-- splits:end -->", lambda _: _splits_block(), text, count=1, flags=re.S)
    text = re.sub(r"<!-- evaluation:start -->.*?<!-- evaluation:end -->", lambda _: _evaluation_block(), text, count=1, flags=re.S)
    return re.sub(r"<!-- counts:start -->.*?<!-- counts:end -->", lambda _: _counts_block(), text, count=1, flags=re.S)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = updated(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md is stale: run python scripts/readme_examples.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
