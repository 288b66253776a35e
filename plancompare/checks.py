"""What ``plancompare validate`` checks: the plan format, then that every text is in its source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plancompare.errors import InvalidInput, Problem
from plancompare.loader import display_path, load_plans
from plancompare.trace import source_path, untraced_texts


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a successful validation."""

    plans: int
    items: int
    traced: int
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return f"{self.plans} plan{'s' if self.plans != 1 else ''}, {self.items} items: OK"


def validate_plans(paths: Iterable[Path]) -> ValidationReport:
    """Validate plan files and directories; raises InvalidInput listing every problem found."""
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
    if problems:
        raise InvalidInput(problems)
    return ValidationReport(plans=len(plans), items=sum(len(p.items()) for p in plans), traced=traced, notes=tuple(notes))
