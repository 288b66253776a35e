"""A document: headings, paragraphs, bullet lists and tables, in order. Reports are built as one
and rendered to Markdown or HTML by plancompare.output.render_document. Plain data; no formatting here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plancompare.output.table import Table


@dataclass(frozen=True)
class Heading:
    """A section heading; ``anchor`` is its stable link target."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``emphasis`` renders it as a note (italic in Markdown, muted in HTML)."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class BulletList:
    """A list of short texts."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Contents:
    """A table of contents of the document's level-2 and level-3 headings."""


Block = Heading | Paragraph | BulletList | Table | Contents


@dataclass(frozen=True)
class Document:
    """A title and its blocks."""

    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def headings(self) -> list[Heading]:
        """The headings under the title, in order."""
        return [block for block in self.blocks if isinstance(block, Heading)]


def anchor(text: str) -> str:
    """A link target for a heading, as GitHub and pandoc both derive it from ASCII text:
    lower case, punctuation dropped, spaces as hyphens."""
    slug = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.ASCII)
    return re.sub(r"\s", "-", slug.strip())
