"""Draw random "partly covered" rows for a blind judgement of the band, and count the judgement.

    python scripts/band_sample.py SHEET.md KEY.yaml --seed 20261203 [--rows 40] [--plans-dir DIR]
    python scripts/band_sample.py --tally JUDGED.md KEY.yaml

The first form compares every pair of councils in use both ways, exactly as `plancompare diff` does
(the same index: plans, themes and concept lexicon through plancompare's Workspace, no cache), and
draws ``--rows`` of the rows whose verdict is "partly covered", with the seed given (recorded in
both files). SHEET.md holds only the two texts of each row, the item and its nearest counterpart,
in an order fixed by the seed: no score, verdict, council, kind or theme, so that a judge reads what
the texts promise and nothing else. KEY.yaml holds, for each row, the two item ids, councils, score,
top themes and the threshold and floor in force, for after the judgement.

The second form reads a judged sheet (each row's "- related:" line begun with "yes" or "no") and its
key, and prints how many rows are related, overall and by score.

The issue's gate for the band: at least half of 40 rows truly related commitments.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from itertools import combinations
from pathlib import Path

import yaml

GATE = 0.5

INSTRUCTIONS = """\
Each row below pairs a commitment (A) from one council's corporate plan with the closest item (B)
that plancompare found in another council's plan. Read only the two texts. For each row, answer:
are A and B truly related commitments, the same or an overlapping promise (not merely the same
broad area, or shared words)? Write `related: yes` or `related: no` after the row, optionally with
a few words of reason. Do not open the key file ({key}) before judging."""


def partly_rows(plans_dir: Path | None = None) -> tuple[list, dict]:
    """Every partly covered row of every council pair in use, both ways, in a fixed order (item
    id, then counterpart id), with the matcher's threshold and floor; and the index (for themes)."""
    from plancompare.matching.config import PARTLY
    from plancompare.matching.coverage import coverage
    from plancompare.workspace import Workspace

    workspace = Workspace(plans_dir=plans_dir, use_cache=False)
    index = workspace.index()
    rows = []
    for a, b in combinations(workspace.plans(), 2):
        compared = coverage(index, a, b)
        rows += [row for row in compared.forward + compared.backward if row.verdict == PARTLY]
    rows.sort(key=lambda row: (row.item.id, row.nearest.id))
    return rows, index


def one_line(text: str) -> str:
    """A plan text on one Markdown line: whitespace runs joined, Markdown's markup characters escaped."""
    return re.sub(r"([\\`*_#\[\]<>|])", r"\\\1", " ".join(text.split()))


def draw(sheet: Path, key: Path, seed: int, count: int, plans_dir: Path | None = None) -> int:
    """Write the blind sheet and its key; return how many partly covered rows there were to draw from."""
    rows, index = partly_rows(plans_dir)
    if len(rows) < count:
        raise SystemExit(f"only {len(rows)} partly covered rows; asked for {count}")
    picked = random.Random(seed).sample(rows, count)
    lines = [f"# {count} rows for a blind judgement (seed {seed})", "",
             INSTRUCTIONS.format(key=key.name), ""]
    entries = []
    for number, row in enumerate(picked, 1):
        lines += [f"## {number}", "", f"- A: {one_line(row.item.text)}", f"- B: {one_line(row.nearest.text)}",
                  "- related: ", ""]
        entries.append({"n": number, "a": row.item.id, "b": row.nearest.id,
                        "a_council": row.item.council_id, "b_council": row.nearest.council_id,
                        "score": row.score, "a_theme": index.top_theme(row.item),
                        "b_theme": index.top_theme(row.nearest)})
    config = index.config
    header = {"seed": seed, "rows": count, "drawn_from": len(rows), "threshold": config.threshold,
              "partly_floor": min(config.partly_floor, config.threshold), "sheet": sheet.name}
    sheet.write_text("\n".join(lines), encoding="utf-8")
    key.write_text("# The key of " + sheet.name + ": open only after the judgement.\n"
                   + yaml.safe_dump({**header, "entries": entries}, sort_keys=False), encoding="utf-8")
    return len(rows)


def read_judgement(text: str) -> dict[int, bool]:
    """Each judged row's number and whether its "related:" answer begins with yes."""
    answers = {}
    for number, answer in re.findall(r"^## (\d+)\s*$.*?^- related:[ \t]*(\S*)", text, re.M | re.S):
        word = answer.lower().strip("*_.,;:—-")
        if word in ("yes", "no"):
            answers[int(number)] = word == "yes"
    return answers


def tally(judged: Path, key: Path) -> dict:
    """How many judged rows are related, overall, by score (thirds of the band) and by whether the
    two texts share a top theme."""
    answers = read_judgement(judged.read_text(encoding="utf-8"))
    entries = yaml.safe_load(key.read_text(encoding="utf-8"))["entries"]
    missing = [entry["n"] for entry in entries if entry["n"] not in answers]
    if missing:
        raise SystemExit(f"{judged}: no yes/no answer for rows {', '.join(map(str, missing))}")
    judged_rows = [(entry["score"], answers[entry["n"]], entry["a_theme"] == entry["b_theme"]) for entry in entries]
    scores = sorted(score for score, _, _ in judged_rows)
    cuts = [scores[len(scores) // 3], scores[2 * len(scores) // 3]] if len(scores) >= 3 else []

    def count(selected):
        return {"rows": len(selected), "related": sum(1 for _, related, _ in selected if related)}

    by_score = {}
    edges = [None, *cuts, None]
    for low, high in zip(edges, edges[1:]):
        label = f"{'' if low is None else f'{low:.4f}'}..{'' if high is None else f'{high:.4f}'}"
        by_score[label] = count([row for row in judged_rows if (low is None or row[0] >= low) and (high is None or row[0] < high)])
    total = count(judged_rows)
    return {"all": total, "passes": total["related"] >= GATE * total["rows"], "by_score": by_score,
            "same_top_theme": count([row for row in judged_rows if row[2]]),
            "other_top_theme": count([row for row in judged_rows if not row[2]])}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sheet", type=Path, help="the blind sheet to write (or, with --tally, the judged sheet)")
    parser.add_argument("key", type=Path, help="its key file")
    parser.add_argument("--seed", type=int, help="the random seed (required when drawing)")
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--plans-dir", type=Path)
    parser.add_argument("--tally", action="store_true", help="count a judged sheet against its key")
    options = parser.parse_args(argv)
    if options.tally:
        print(yaml.safe_dump(tally(options.sheet, options.key), sort_keys=False), end="")
        return 0
    if options.seed is None:
        parser.error("--seed is required when drawing a sample")
    drawn_from = draw(options.sheet, options.key, options.seed, options.rows, options.plans_dir)
    print(f"{options.rows} of {drawn_from} partly covered rows (seed {options.seed}) -> {options.sheet}, key {options.key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
