"""The data model: plain frozen dataclasses for councils, plans, priorities and items."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Kinds an item under a priority may have, in the order they are shown.
ITEM_KINDS = ("outcome", "objective", "commitment", "difference", "target", "ask", "challenge", "indicator")
#: Kinds of the plan-level statements.
STATEMENT_KINDS = ("vision", "value", "principle")
PRIORITY_ROLES = ("priority", "cross-cutting")
#: Fields that carry an indicator's figures; allowed on indicators only.
FIGURE_FIELDS = (
    "local",
    "local_value",
    "comparator",
    "comparator_value",
    "comparator_label",
    "gap",
    "unit",
    "year",
)


@dataclass(frozen=True)
class Council:
    """Who made the plan."""

    id: str
    name: str
    short_name: str
    type: str
    region: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name a user may type for this council."""
        return (self.id, self.name, self.short_name, *self.aliases)


@dataclass(frozen=True)
class Period:
    """The years a plan covers; ``end`` is None when the plan states none."""

    start: int
    end: int | None = None

    def __str__(self) -> str:
        return f"{self.start}-{self.end}" if self.end is not None else f"{self.start}-"


@dataclass(frozen=True)
class Source:
    """The document a plan file was curated from."""

    file: str
    title: str
    publisher: str
    licence: str
    year: int | None = None
    url: str | None = None
    #: The day the original was fetched (YYYY-MM-DD), its sha256 and format (text, html or pdf).
    retrieved: str | None = None
    sha256: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Item:
    """One thing a plan says: a commitment, an outcome, an indicator, a value…

    Indicator figures are kept twice: as printed (``local``, ``comparator``, ``gap``) so nothing is
    lost, and as numbers (``local_value``, ``comparator_value``) where the printed figure is one.
    """

    id: str
    kind: str
    text: str
    council_id: str
    priority_id: str | None = None
    name: str | None = None
    heading: str | None = None
    ref: str | None = None
    local: str | None = None
    local_value: float | None = None
    comparator: str | None = None
    comparator_value: float | None = None
    comparator_label: str | None = None
    gap: str | None = None
    unit: str | None = None
    year: str | None = None

    def figures(self) -> str:
        """The indicator's figures as one short line, or '' when it has none."""
        parts = []
        if self.local:
            parts.append(self.local)
        if self.comparator:
            label = self.comparator_label or "comparator"
            parts.append(f"{label}: {self.comparator}")
        elif self.comparator_label and self.gap:
            parts.append(f"vs {self.comparator_label}")
        if self.gap:
            parts.append(f"gap: {self.gap}")
        if self.year:
            parts.append(f"({self.year})")
        return " · ".join(parts)


@dataclass(frozen=True)
class Priority:
    """A priority, or a cross-cutting section such as an enabler, with its items."""

    id: str
    title: str
    items: tuple[Item, ...] = ()
    number: int | None = None
    role: str = "priority"
    summary: str | None = None

    def count(self, kind: str) -> int:
        """How many of this priority's items are of ``kind``."""
        return sum(1 for item in self.items if item.kind == kind)


@dataclass(frozen=True)
class Plan:
    """One council's plan, as curated in one plan file."""

    council: Council
    title: str
    period: Period
    source: Source
    priorities: tuple[Priority, ...]
    subtitle: str | None = None
    published: str | None = None
    vision: tuple[Item, ...] = ()
    values: tuple[Item, ...] = ()
    principles: tuple[Item, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def statements(self) -> tuple[Item, ...]:
        """The plan-level statements: vision, values and principles."""
        return self.vision + self.values + self.principles

    def items(self) -> tuple[Item, ...]:
        """Every item of the plan, plan-level statements first, then priority by priority."""
        return self.statements() + tuple(item for p in self.priorities for item in p.items)

    def count(self, kind: str) -> int:
        """How many items of ``kind`` the plan has."""
        return sum(1 for item in self.items() if item.kind == kind)

    @property
    def main_priorities(self) -> tuple[Priority, ...]:
        """The plan's priorities proper, without cross-cutting sections."""
        return tuple(p for p in self.priorities if p.role == "priority")

    def priority(self, priority_id: str) -> Priority | None:
        """The priority with this id, or None."""
        return next((p for p in self.priorities if p.id == priority_id), None)


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy, with the words that make up its profile."""

    id: str
    label: str
    description: str
    keywords: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()

    def profile(self) -> str:
        """All of the theme's words as one text, for the matcher to vectorise."""
        return " . ".join((self.label, self.description, *self.keywords, *self.synonyms))


@dataclass(frozen=True)
class Concept:
    """One idea of the concept lexicon and the phrases councils write it in; ``themes`` are the
    themes it belongs to, the first its main one; ``broader`` the ids of the concepts it is a
    narrower case of (bus services of public transport)."""

    id: str
    label: str
    themes: tuple[str, ...]
    phrases: tuple[str, ...]
    broader: tuple[str, ...] = ()
