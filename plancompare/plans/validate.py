"""What ``plancompare validate`` checks: the plan format, then that every text is in its source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plancompare.errors import InvalidInput, Problem
from plancompare.paths import display_path
from plancompare.plans.loader import load_plans
from plancompare.plans.trace import source_path, untraced_texts


#: Two items of one plan whose normalised texts score at least this (rapidfuzz ratio) are flagged.
NEAR_DUPLICATE_SCORE = 95
#: ... when both texts are at least this long; identical texts are flagged whatever their length.
NEAR_MIN_LENGTH = 60


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a successful validation: counts, notes, and warnings for the curator."""

    plans: int
    items: int
    traced: int
    notes: tuple[str, ...] = ()
    #: (file, warning) pairs: things a curator should look at that do not make a file invalid.
    warnings: tuple[tuple[str, str], ...] = ()

    @property
    def summary(self) -> str:
        return f"{self.plans} plan{'s' if self.plans != 1 else ''}, {self.items} items: OK"


def validate_plans(paths: Iterable[Path], strict: bool = False) -> ValidationReport:
    """Validate plan files and directories; raises InvalidInput listing every problem found. With
    ``strict``, what a finished plan may not keep from its draft is a problem too (see
    draft_leftovers), and so is a priority with no items."""
    plans = load_plans(paths)
    problems: list[Problem] = []
    notes: list[str] = []
    traced = 0
    for plan in plans:
        name = display_path(plan.path) if plan.path else plan.council.id
        source = source_path(plan)
        if source is None or not source.is_file():
            notes.append(f"{name}: source text {plan.source.file} not found beside the plans, so texts were not traced")
            continue
        try:
            source_text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(display_path(source), f"cannot read the source text: {error}"))
            continue
        traced += 1
        for missing in untraced_texts(plan, source_text):
            problems.append(
                Problem(name, f"{missing.item_id} {missing.field} not found in {plan.source.file}: {missing.text[:80]!r}", hint="copy the plan's words exactly")
            )
    if strict:
        for plan in plans:
            name = display_path(plan.path) if plan.path else plan.council.id
            leftovers = draft_leftovers(plan) + [f"priority {p.id} has no items" for p in plan.priorities if not p.items]
            problems.extend(Problem(name, leftover, hint="finish curating the draft: see docs/adding-a-council.md") for leftover in leftovers)
    if problems:
        raise InvalidInput(problems)
    warnings = tuple(
        (display_path(plan.path) if plan.path else plan.council.id, warning)
        for plan in plans for warning in curation_warnings(plan) + draft_leftovers(plan) + name_clashes(plan, plans)
    )
    return ValidationReport(plans=len(plans), items=sum(len(p.items()) for p in plans), traced=traced,
                            notes=tuple(notes), warnings=warnings)


#: The values plancompare draft writes for what it cannot know, and which a curator must replace.
UNKNOWN = "unknown"


def draft_leftovers(plan) -> list[str]:
    """What a draft leaves for its curator and a finished plan may not keep: '# check:' marks
    (comments, so the file's own lines are read for them) and an unknown council type or region."""
    leftovers = [f"council {field} is '{UNKNOWN}'" for field in ("type", "region") if getattr(plan.council, field).strip().lower() == UNKNOWN]
    if plan.path is not None:
        try:
            lines = plan.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []  # (the file was read once already to load it; a failure now is not a mark)
        marked = [number for number, line in enumerate(lines, start=1) if _has_check_mark(line)]
        if marked:
            shown = ", ".join(str(number) for number in marked[:20]) + (f" and {len(marked) - 20} more" if len(marked) > 20 else "")
            leftovers.append(f"{len(marked)} '# check:' mark{'s' if len(marked) != 1 else ''} left from the draft (line{'s' if len(marked) != 1 else ''} {shown})")
    return leftovers


def _has_check_mark(line: str) -> bool:
    """Whether a line of a plan file carries a '# check:' comment: at its start, or after a space
    outside quotes (a '#' inside a quoted text is the text's)."""
    stripped = line.lstrip()
    if stripped.startswith("# check:"):
        return True
    at = line.find(" # check:")
    if at < 0:
        return False
    before = line[:at]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def curation_warnings(plan) -> list[str]:
    """What a curator should look at in a valid plan: priorities with no items, and pairs of items
    whose texts are the same or nearly so (a repeat the extraction made, or one the plan makes).

    Short texts that differ by a word are different items ("Male …" / "Female …"), so
    near-duplicates must both be NEAR_MIN_LENGTH long. The pairs are found by blocking
    (plancompare.plans.duplicates), not by scoring all n² of them."""
    from plancompare.plans.duplicates import near_duplicates
    from plancompare.plans.textnorm import normalise

    warnings = [f"priority {p.id} has no items" for p in plan.priorities if not p.items]
    items = plan.items()
    texts = [normalise(item.text).casefold() for item in items]
    for first, second, score in near_duplicates(texts, NEAR_DUPLICATE_SCORE, NEAR_MIN_LENGTH):
        same = "the same text" if texts[first] == texts[second] else f"near-duplicates ({score:.0f})"
        warnings.append(f"{items[first].id} and {items[second].id} are {same}: {items[first].text[:60]!r}")
    return warnings


def name_clashes(plan, plans) -> list[str]:
    """Warnings for names of this council that are another council's id: the id wins when a user
    types it, so this council cannot be named that way."""
    from plancompare.plans.resolve import folded

    ids = {folded(other.council.id): other.council.id for other in plans if other is not plan}
    return [f"council name {name!r} is also the id of {ids[folded(name)]}, which that name will select"
            for name in (plan.council.name, plan.council.short_name, *plan.council.aliases) if folded(name) in ids]
