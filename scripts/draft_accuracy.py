"""Run the drafter on each plan source and compare its draft with the curated plan.

    python scripts/draft_accuracy.py            # the table
    python scripts/draft_accuracy.py --misses   # and, per council, what the text draft missed or added
    python scripts/draft_accuracy.py --dev      # without the held-out councils (while developing)

Three sets: the four bundled plans (data/plans, the texts the first drafter was written against), the
development councils of the drafting test set (tests/data/drafting) and its held-out pair. The first
held-out pair (liverpool and manchester, drawn by seed 20261201 before any drafting work) moved to
development on 2026-12-02 after three measurements. The second, devon and newcastle (curated and
audited by sessions that never ran the drafter), moved to development on 2026-12-02 after one
measurement. The third, bradford and gloucestershire (curated and audited the same way while the
drafter was developed on the other ten), moved to development on 2026-12-02 after one measurement.
The fourth, camden and worcestershire (curated and audited the same way while the drafter was
developed on the other twelve), was measured once, at 2026-12-02 18:02 UTC, and is development data
since (see tests/data/drafting/README.md).
Each source is drafted three ways: as its text, as an HTML page and as a PDF made from the same text
by scripts/source_formats.py, each read through the same reader ``plancompare draft`` uses.

Items are the curated items under priorities (vision, values and principles are left out: the
drafter does not look for them). The matching rule (plancompare/plans/draft_score.py): texts are the
same item when, normalised and case-folded, they are equal or have a rapidfuzz ratio >= 90, paired
one to one, best first. Recall = curated items paired / curated items; precision = drafted items
paired / drafted items; kind = pairs whose kind agrees / pairs. "PDF = text" is the share of the text
draft's items that the PDF draft also has (same rule).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import source_formats  # noqa: E402

from plancompare.paths import default_plans_dir  # noqa: E402
from plancompare.plans.draft_score import DraftScore, pair_texts, score_draft  # noqa: E402
from plancompare.plans.loader import load_plans  # noqa: E402
from plancompare.plans.trace import source_path  # noqa: E402

DRAFTING = REPO / "tests" / "data" / "drafting"
# Held out: none until the twentieth round's councils are merged. The first nineteen rounds (liverpool and
# manchester, devon and newcastle, bradford and gloucestershire, camden and worcestershire, dorset and
# wigan, buckinghamshire alone, cumberland and rotherham, cheshire-west-and-chester and kirklees, gateshead
# and telford-and-wrekin, bath-and-north-east-somerset and solihull, essex and luton, cheltenham and
# islington, chorley with southend-on-sea and stockton-on-tees, kensington-and-chelsea and woking,
# west-berkshire alone, bournemouth-christchurch-and-poole and dover, hammersmith-and-fulham alone, horsham with
# north-northamptonshire and rushmoor, lewes and west-northamptonshire), each
# measured once or more, are development data.
HELD_OUT: tuple[str, ...] = ()
FORMATS = ("text", "html", "pdf")


@dataclass
class Row:
    council: str
    group: str  # bundled, development or held-out
    scores: dict[str, DraftScore | None]  # by format; None when the format was refused
    pdf_same: float | None
    curated: list[tuple[str, str]]
    drafted: list[tuple[str, str]]  # the text draft


def _draft(data: bytes, suffix: str) -> list[tuple[str, str]] | None:
    """Draft the source given as bytes, through the CLI's reader; None when it is refused."""
    import tempfile

    from plancompare.errors import PlancompareError
    from plancompare.plans.draft import draft_plan, read_source_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"source{suffix}"
        path.write_bytes(data)
        try:
            text = read_source_text(path)
        except PlancompareError:
            return None
        return [(item.kind, item.text) for item in draft_plan(text).items()]


def _groups() -> list[tuple[str, str, Path, object]]:
    out = []
    for plan in load_plans([default_plans_dir()]):
        out.append((plan.council.id, "bundled", source_path(plan), plan))
    for plan in load_plans([DRAFTING / "plans"]):
        group = "held-out" if plan.council.id in HELD_OUT else "development"
        out.append((plan.council.id, group, DRAFTING / "sources" / plan.source.file, plan))
    return out


def measure(groups: tuple[str, ...] = ("bundled", "development", "held-out")) -> list[Row]:
    """One Row per council of the groups asked for."""
    rows = []
    for council, group, source, plan in _groups():
        if group not in groups:
            continue
        text = source.read_text(encoding="utf-8")
        curated = [(item.kind, item.text) for priority in plan.priorities for item in priority.items]
        inputs = {
            "text": (text.encode("utf-8"), ".txt"),
            "html": (source_formats.to_html(text, plan.title).encode("utf-8"), ".html"),
            "pdf": (source_formats.to_pdf(text, plan.title), ".pdf"),
        }
        drafts = {fmt: _draft(data, suffix) for fmt, (data, suffix) in inputs.items()}
        scores = {fmt: (score_draft(curated, d) if d is not None else None) for fmt, d in drafts.items()}
        pdf_same = None
        if drafts["pdf"] is not None and drafts["text"]:
            pairs = pair_texts([t for _, t in drafts["text"]], [t for _, t in drafts["pdf"]])
            pdf_same = len(pairs) / len(drafts["text"])
        rows.append(Row(council, group, scores, pdf_same, curated, drafts["text"] or []))
    return rows


def _pooled(scores: list[DraftScore]) -> DraftScore:
    return DraftScore(sum(s.curated for s in scores), sum(s.drafted for s in scores), sum(s.paired for s in scores),
                      sum(s.kind_right for s in scores))


def _cells(score: DraftScore | None) -> str:
    if score is None:
        return "refused | | "
    return f"{score.recall:.0%} ({score.paired}/{score.curated}) | {score.precision:.0%} | {score.kind_accuracy:.0%}"


def main(argv: list[str]) -> int:
    # --dev leaves the held-out councils out, for the runs made while developing the drafter.
    rows = measure(("bundled", "development") if "--dev" in argv else ("bundled", "development", "held-out"))
    print("| set | council | text: recall | precision | kind | HTML: recall | precision | kind | PDF: recall | precision | kind | PDF = text |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for group in ("bundled", "development", "held-out"):
        members = [row for row in rows if row.group == group]
        if not members:
            continue
        for row in members + [None]:
            if row is None:
                pooled = {fmt: ([r.scores[fmt] for r in members if r.scores[fmt]]) for fmt in FORMATS}
                cells = [_cells(_pooled(pooled[fmt]) if pooled[fmt] else None) for fmt in FORMATS]
                same = [r.pdf_same for r in members if r.pdf_same is not None]
                same_cell = f"{min(same):.0%} (min)" if same else "—"
                print(f"| **{group}** | **pooled** | " + " | ".join(cells) + f" | {same_cell} |")
                continue
            cells = [_cells(row.scores[fmt]) for fmt in FORMATS]
            same_cell = f"{row.pdf_same:.0%}" if row.pdf_same is not None else "—"
            print(f"| {group} | {row.council} | " + " | ".join(cells) + f" | {same_cell} |")
    if "--misses" in argv:
        for row in rows:
            score = row.scores["text"]
            paired_c = {c for c, _ in score.pairs}
            paired_d = {d for _, d in score.pairs}
            print(f"\n== {row.council}: curated items the text draft missed")
            for index, (kind, text) in enumerate(row.curated):
                if index not in paired_c:
                    print(f"  - [{kind}] {text[:110]}")
            print(f"== {row.council}: drafted items that are not curated items")
            for index, (kind, text) in enumerate(row.drafted):
                if index not in paired_d:
                    print(f"  + [{kind}] {text[:110]}")
            print(f"== {row.council}: kind wrong (curated -> drafted)")
            for c, d in score.pairs:
                if row.curated[c][0] != row.drafted[d][0]:
                    print(f"  ~ {row.curated[c][0]} -> {row.drafted[d][0]}: {row.curated[c][1][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
