"""The drafted plan (Draft, its sections and items) and writing it as a plan file.

The file carries ``# check:`` comments wherever the drafter guessed, and is checked before it is
emitted (plancompare.plans.draft_check): it passes ``plancompare validate`` as it stands, or the
command fails with one line saying why.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from plancompare.plans.draft_check import check_draft, check_options, nothing_to_draft
from plancompare.plans.textnorm import normalise

_SLUG_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class DraftItem:
    """An item as drafted; ``check`` says what the curator should confirm."""

    kind: str
    text: str
    heading: str | None = None
    ref: str | None = None
    local: str | None = None
    comparator: str | None = None
    comparator_label: str | None = None
    check: str | None = None


@dataclass
class DraftSection:
    """A section (priority or cross-cutting) as drafted, with its items."""

    title: str
    number: int | None = None
    role: str = "priority"
    items: list[DraftItem] = field(default_factory=list)
    check: str | None = None
    #: Items of this section that the plan set out again, numbered, in another (moved there).
    moved: int = 0


@dataclass
class Draft:
    """A drafted plan: its title, the years found, its sections, and the text it was drafted from
    (kept so that the plan file can be checked against it before it is emitted)."""

    title: str
    period: tuple[int, int | None] | None
    sections: list[DraftSection]
    source: str = ""
    #: Why the title may be wrong, for its mark.
    title_check: str = "the plan's full title"
    #: Line numbers (1-based, after rejoining broken lines) skipped as furniture or contents.
    skipped: list[int] = field(default_factory=list)
    #: The plan's vision, values and principles (items of those kinds), in the order found.
    statements: list[DraftItem] = field(default_factory=list)
    #: The skipped lines' texts, to find them again in the source.
    skipped_texts: list[str] = field(default_factory=list)
    lines: int = 0
    #: Why the period may be wrong, for its mark (None when it came from the title or beside the plan's name).
    period_check: str | None = None

    def items(self) -> list[DraftItem]:
        """Every drafted item, section by section."""
        return [item for section in self.sections for item in section.items]


# Characters a YAML reader refuses in a file (DEL, C1 controls, U+FFFE/F) or reads as a line break
# inside a quoted scalar (NEL, U+2028/9), and a byte-order mark: written as \u escapes instead.
_YAML_UNSAFE = [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]
_YAML_ESCAPES = {code: f"\\u{code:04x}" for code in _YAML_UNSAFE}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML, once the few characters YAML
    refuses or folds are escaped too)."""
    return json.dumps(text, ensure_ascii=False).translate(_YAML_ESCAPES)


def _slug(text: str, taken: dict[str, int]) -> str:
    """A section's id: its first three words that are not stop words, numbered when taken.
    ``taken`` maps each slug given out to the next number to try for it as a base."""
    words = _SLUG_WORD.findall(normalise(text).lower())
    stop = {"a", "an", "the", "and", "of", "for", "to", "in", "our", "with", "that", "those", "all", "city"}
    base = "-".join([w for w in words if w not in stop][:3] or words[:3] or ["section"])
    # Numbering resumes where this base left off: counting from 2 each time was quadratic.
    slug, n = base, taken.get(base, 2)
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken[base] = n
    taken.setdefault(slug, 2)
    return slug


_COUNCIL_TYPES = ("city", "metropolitan borough", "borough", "district", "county")
_WORDS = {word: re.compile(re.escape(word), re.IGNORECASE) for word in ("council", *_COUNCIL_TYPES)}


def _short_name(name: str) -> str:
    """The name less a final "Council" and the kind of authority before it: what the pattern
    \\s+(city|metropolitan borough|borough|district|county)?\\s*council$ (ignoring case) removed,
    done by slicing, since the pattern took cubic time on a name with a long run of spaces."""
    body = name[:-1] if name.endswith("\n") else name  # '$' matches before a final newline too
    if not _same(body[-7:], "council"):
        return name.strip() or name
    rest = body[:-7]
    bare = rest.rstrip()
    # The leftmost match wins: a kind of authority (the longer "metropolitan borough" before
    # "borough") after a space, else the spaces before "council".
    for kind in _COUNCIL_TYPES:
        before = bare[:-len(kind)]
        if _same(bare[-len(kind):], kind) and before[-1:].isspace():
            return before.strip() or name
    return (rest if rest[-1:].isspace() else name).strip() or name


def _same(text: str, word: str) -> bool:
    """Whether ``text`` is ``word`` ignoring case, as the pattern matched it (a bounded match)."""
    return len(text) == len(word) and _WORDS[word].fullmatch(text) is not None


def _summary(draft: Draft) -> list[str]:
    """The comment lines at the top of a draft: what was drafted, what is marked, what was skipped."""
    items = draft.items()
    kinds = Counter(item.kind for item in items)
    marked_items = sum(1 for item in items if item.check)
    marked_sections = sum(1 for section in draft.sections if section.check)
    out = [f"# Drafted {len(items)} items in {len(draft.sections)} sections: "
           + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()) + ".",
           f"# Marked '# check:' where the drafter was unsure: {marked_items} item{'s' if marked_items != 1 else ''}, {marked_sections} section{'s' if marked_sections != 1 else ''}, and the"
           " council and plan fields it could not know."]
    skipped = _source_line_numbers(draft)
    if skipped:
        shown = ", ".join(str(number) for number in skipped[:60]) + (f" and {len(skipped) - 60} more" if len(skipped) > 60 else "")
        words = f"Skipped {len(skipped)} line{'' if len(skipped) == 1 else 's'} of the source as page furniture or contents (line numbers): {shown}.".split()
        line = "#"
        for word in words:
            if len(line) + len(word) > 100:
                out.append(line)
                line = "#"
            line += " " + word
        out.append(line)
    else:
        out.append("# Skipped no lines of the source as page furniture or contents.")
    return out


def _source_line_numbers(draft: Draft) -> list[int]:
    """The source's own line numbers of the lines the drafter skipped (the drafter numbers lines
    after rejoining broken sentences; a skipped line is found again by its text)."""
    from plancompare.plans.draft_layout import clean

    if not draft.skipped or not draft.source:
        return []
    wanted = set(draft.skipped_texts)
    return [number for number, line in enumerate(draft.source.splitlines(), start=1) if line.strip() and clean(line) in wanted]


def draft_yaml(draft: Draft, council_id: str, name: str, source_file: str, *, council_type: str | None = None,
               region: str | None = None, url: str | None = None, retrieved: str | None = None) -> str:
    """The draft as a plan file, with a summary at the top and ``# check:`` comments where the
    drafter was unsure. ``url`` and ``retrieved`` record where and when the document was fetched;
    the sha256 and format of the original come with the draft's source. Raises InvalidInput naming
    the source when there is nothing to draft or the file would not pass ``plancompare validate`` as
    it stands, and DraftOptionError for a blank option."""
    where = getattr(draft.source, "name", None) or source_file
    check_options(name, council_type, region)
    if not draft.sections:
        raise nothing_to_draft(where)  # (statements alone make no plan: it needs a priority)
    short = _short_name(name)
    start, end = draft.period if draft.period else (None, None)
    out = [
        "# yaml-language-server: $schema=../plan.schema.json",
        f"# Draft made by plancompare draft from {source_file}: curate it against the source, then remove",
        "# the '# check:' comments as you resolve them ('plancompare validate --strict' fails while any is left).",
        *_summary(draft),
        "schema_version: 1",
        "council:",
        f"  id: {council_id}",
        f"  name: {_q(name)}",
        f"  short_name: {_q(short)}",
        f"  type: {_q(council_type or 'unknown')}" + ("" if council_type else "  # check: metropolitan borough, unitary authority…"),
        f"  region: {_q(region or 'unknown')}" + ("" if region else "  # check: the English region"),
        "plan:",
        f"  title: {_q(draft.title)}  # check: {draft.title_check}",
        f"  period: {{start: {start or 2000}" + (f", end: {end}" if end else "") + "}" + ("  # check: no years found" if not start else f"  # check: {draft.period_check}" if draft.period_check else ""),
        "  source:",
        f"    file: {_q(source_file)}",
        f"    title: {_q(draft.title)}",
        f"    publisher: {_q(name)}",
        '    licence: "Open Government Licence v3.0"  # check: the licence the council states',
    ]
    if url:
        out.append(f"    url: {_q(url)}")
    if retrieved:
        out.append(f"    retrieved: {_q(retrieved)}")
    digest, original = getattr(draft.source, "sha256", ""), getattr(draft.source, "original_format", "")
    if digest:
        out.append(f"    sha256: {digest}")
    if original:
        out.append(f"    format: {original}")
    for kind, key in (("vision", "vision"), ("value", "values"), ("principle", "principles")):
        found = [item for item in draft.statements if item.kind == kind]
        if found:
            out.append(f"  {key}:  # check: drafted from under a heading '{found[0].heading or key}': keep the plan's own statements")
            for number, item in enumerate(found, start=1):
                out.append(f"    - id: {council_id}.{kind}.{number}")
                out.append(f"      text: {_q(item.text)}")
    out.append("priorities:")
    taken: dict[str, int] = {}
    for section in draft.sections:
        section_id = f"{council_id}.{_slug(section.title, taken)}"
        comment = f"  # check: {section.check}" if section.check else ""
        out.append(f"  - id: {section_id}{comment}")
        if section.number is not None:
            out.append(f"    number: {section.number}")
        out.append(f"    title: {_q(section.title)}")
        if section.role != "priority":
            out.append(f"    role: {section.role}")
        out.append("    items:")
        counters: Counter[str] = Counter()
        for item in section.items:
            counters[item.kind] += 1
            comment = f"  # check: {item.check}" if item.check else ""
            out.append(f"      - id: {section_id}.{item.kind}.{counters[item.kind]}{comment}")
            out.append(f"        kind: {item.kind}")
            for key in ("heading", "ref"):
                value = getattr(item, key)
                if value:
                    out.append(f"        {key}: {_q(value)}")
            out.append(f"        text: {_q(item.text)}")
            for key in ("local", "comparator", "comparator_label"):
                value = getattr(item, key)
                if value:
                    out.append(f"        {key}: {_q(value)}")
    text = "\n".join(out) + "\n"
    check_draft(text, draft.source or None, where)
    return text
