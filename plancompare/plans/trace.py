"""Tracing plan text back to the source it was curated from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plancompare.plans.model import Plan
from plancompare.plans.textnorm import normalise


@dataclass(frozen=True)
class Untraced:
    """A text in a plan file that its source does not contain."""

    item_id: str
    field: str
    text: str

    def __str__(self) -> str:
        return f"{self.item_id} {self.field}: {self.text!r} is not in the source"


def source_path(plan: Plan) -> Path | None:
    """Where the plan's source text lives: data/sources/ beside the plans directory."""
    if plan.path is None:
        return None
    return plan.path.resolve().parent.parent / "sources" / plan.source.file


def untraced_texts(plan: Plan, source_text: str) -> list[Untraced]:
    """Every text of the plan that cannot be found in ``source_text`` after normalising both.

    Item text, summaries and indicator figures must match exactly (case included); titles, names and
    headings are matched without regard to case, because plans often set them in capitals.
    """
    source = normalise(source_text)
    haystacks = {False: source, True: source.casefold()}
    # Each text is looked for from where the last was found, and only then from the start: a plan
    # follows its source's order, so most searches are short. (Searching the whole source for every
    # text made tracing a large plan take time proportional to its items times its source.)
    found_at = {False: 0, True: 0}
    missing: list[Untraced] = []

    def check(identifier: str, field: str, value: str | None, fold: bool = False) -> None:
        if value is None:
            return
        wanted = normalise(value).casefold() if fold else normalise(value)
        haystack = haystacks[fold]
        at = haystack.find(wanted, found_at[fold])
        if at < 0:
            at = haystack.find(wanted)
        if at < 0:
            missing.append(Untraced(identifier, field, value))
        else:
            found_at[fold] = at

    check(plan.council.id, "plan.title", plan.title, fold=True)
    for item in plan.statements():
        check(item.id, "text", item.text)
        check(item.id, "name", item.name, fold=True)
    for priority in plan.priorities:
        check(priority.id, "title", priority.title, fold=True)
        check(priority.id, "summary", priority.summary)
        for item in priority.items:
            check(item.id, "text", item.text)
            check(item.id, "heading", item.heading, fold=True)
            for field in ("local", "comparator", "gap"):
                check(item.id, field, getattr(item, field))
    return missing
