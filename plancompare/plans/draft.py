"""Drafting a plan file from a plan's plain-text extraction.

The draft is a starting point for a curator, not a finished encoding. It reads the text the way a
person skims a plan: headings open sections, cue lines ("Key challenges:", "We will do this by:",
"Performance indicators", "Supporting data:" …) say what kind of items follow, bullets, table cells
and "We will…" sentences become items, and the same fragment repeated by the extraction is kept
once. Text stays verbatim apart from tags and bullet marks. Anything the drafter guessed at is marked
with a ``# check:`` comment in the YAML so the curator knows where to look.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from plancompare.plans.textnorm import normalise

# Cue lines: (pattern at the start of a line, kind of the items that follow).
CUES: tuple[tuple[str, str], ...] = (
    (r"key challenges?", "challenge"),
    (r"(the )?key challenge\b", "challenge"),
    (r"supporting data", "indicator"),
    (r"(key )?performance indicators?", "indicator"),
    (r"key (system|council) indicators", "indicator"),
    (r"measuring (performance|success|progress)", "indicator"),
    (r"if we are successful", "difference"),
    (r".*difference you can expect", "difference"),
    (r"we want our (residents|partners|communities).*help us", "ask"),
    (r".*help us deliver this plan by", "ask"),
    (r"our ask\b", "ask"),
    (r"we will do this by", "commitment"),
    (r"to achieve these outcomes", "commitment"),
    (r"actions?\b", "commitment"),
    (r"we will:?$", "commitment"),
    (r"target outcomes?", "outcome"),
    (r"outcomes?\b", "outcome"),
    (r"objectives?\b", "objective"),
)
_CUE_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in CUES]
_PROMISE = re.compile(
    r"\b(we will|we'll|we are going to|we are committed to|we aim to|we plan to|we must|we need to|"
    r"the (city )?council will|we intend to|we want|we're|we are working|our aim is|our vision is)\b",
    re.IGNORECASE,
)
_PROBLEM = re.compile(
    r"\b(challenges?|problems?|lags? behind|lower than|worse than|too many|too few|significant gaps?|"
    r"inequalit(y|ies)|deprivation|disproportionately)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BULLET = re.compile(r"^\s*(?:[-•*▪●◦‣]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])")
# Leaders then a page number at the end of the line. Exactly three dots: any longer run ends in
# three, and "\.{3,}" retried at every dot of a long run of leaders is quadratic.
_CONTENTS_LINE = re.compile(r"(?:\.{3}|\t)\s*\d+\s*$")
_PRIORITY_LINE = re.compile(r"^priority\s+(\d+)\s*[-–—:]\s*(.+)$", re.IGNORECASE)
_REF = re.compile(r"^(\d+(?:\.\d+)+)\s+(.+)$")
_YEARS = re.compile(r"\b(20\d\d)\s*[-–/]\s*(20\d\d|\d\d)\b")


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


@dataclass
class Draft:
    """A drafted plan: its title, the years found, and its sections."""

    title: str
    period: tuple[int, int | None] | None
    sections: list[DraftSection]

    def items(self) -> list[DraftItem]:
        """Every drafted item, section by section."""
        return [item for section in self.sections for item in section.items]


# -- reading the text ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).replace("**", "").split())


def _segments(line: str) -> list[tuple[str, bool]]:
    """A line split into the units a reader would see: table cells, then bullets within them. Each
    comes with whether it is a whole unbulleted table cell (which may run several items together)."""
    parts: list[tuple[str, bool]] = []
    cells = line.split("\t")
    for cell in cells:
        cell = re.sub(r"<li[^>]*>|</li>|<br\s*/?>", " • ", cell)
        cell = _TAG.sub(" ", cell)
        # A bullet's whitespace is matched from the start of its run only: "\s+•" tried at every
        # space of a long run is quadratic.
        pieces = re.split(r"(?<!\s)\s+•\s+|^\s*•\s+", cell)
        for piece in pieces:
            piece = _BULLET.sub("", piece).replace("**", "")
            piece = " ".join(piece.split())
            if piece:
                parts.append((piece, len(cells) > 1 and len([p for p in pieces if p.strip()]) == 1))
    return parts


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _cue(text: str) -> str | None:
    stripped = text.strip().rstrip(":").strip()
    if len(stripped.split()) > 14:
        return None
    if text.strip().endswith(":") and re.match(r"we will\b", stripped, re.IGNORECASE) and len(stripped.split()) <= 8:
        return "commitment"  # a lead-in such as "We will create:"
    for pattern, kind in _CUE_PATTERNS:
        if pattern.match(stripped):
            return kind
    return None


def _is_heading(text: str, raw: str) -> bool:
    if re.search(r"<h[1-3]\b", raw, re.IGNORECASE):
        return True
    words = text.split()
    if not words or len(words) > 12 or text.endswith((".", ",", ";")) or _PROMISE.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3


def _next_lines(lines: list[str]) -> list[str]:
    """For each line, the next non-blank line after it ('' at the end)."""
    following, upcoming = [""] * len(lines), ""
    for position in range(len(lines) - 1, -1, -1):
        following[position] = upcoming
        if lines[position].strip():
            upcoming = _clean(lines[position])
    return following


def _is_title_line(text: str, raw: str, next_line: str) -> bool:
    """A short unpunctuated line standing alone before a paragraph or a cue: a section title."""
    words = text.split()
    if not words or len(words) > 12 or "\t" in raw.strip() or _BULLET.match(raw) or "•" in raw:
        return False
    if text.endswith((".", ",", ";", ":", "?", "!")) or not text[0].isupper() or _PROMISE.search(text):
        return False
    return len(next_line.split()) > 15 or _cue(next_line) is not None


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin sentences that a page break split: a line with no closing punctuation followed (after
    blank lines) by one starting in lower case."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped and out and stripped[0].islower() and "\t" not in stripped:
            previous = len(out) - 1
            while previous >= 0 and not out[previous].strip():
                previous -= 1
            if previous >= 0 and not out[previous].rstrip().endswith((".", ":", "!", "?")) and "\t" not in out[previous]:
                out[previous] = out[previous].rstrip() + " " + stripped
                del out[previous + 1:]
                continue
        out.append(line)
    return out


def draft_plan(text: str) -> Draft:
    """Read a plan's text and draft its sections and items."""
    raw_lines = _join_broken_lines(text.splitlines())
    counts = Counter(_clean(line) for line in raw_lines if _clean(line))
    furniture = {line for line, count in counts.items() if count >= 3 and len(line.split()) <= 14}
    title = next((_clean(line) for line in raw_lines if _clean(line) and not _CONTENTS_LINE.search(line)), "Untitled plan")
    period = _period(text)

    sections: list[DraftSection] = []
    current = DraftSection(title=title, role="cross-cutting", check="opening section: rename or merge it")
    sections.append(current)
    kind: str | None = None
    heading: str | None = None
    labels: tuple[str, str] | None = None
    seen: set[tuple[str, str]] = set()
    in_contents = False

    def add(item: DraftItem) -> None:
        key = (item.kind, normalise(item.text).casefold())
        if key in seen or len(item.text) < 3:
            return
        seen.add(key)
        current.items.append(item)

    following = _next_lines(raw_lines)
    for position, raw in enumerate(raw_lines):
        line = _clean(raw)
        if not line:
            continue
        if line.lower().rstrip(":") in ("contents", "table of contents"):
            in_contents = True
            continue
        if _CONTENTS_LINE.search(raw.rstrip()) or (in_contents and line.rstrip()[-1:].isdigit()):
            continue
        in_contents = False

        priority = _PRIORITY_LINE.match(line)
        if priority:
            current = _section(sections, priority.group(2).strip(), int(priority.group(1)))
            kind, heading, labels = None, None, None
            continue
        cue = _cue(line) if "\t" not in raw.strip() else None
        if cue:
            kind, heading = cue, line.rstrip(":").strip()
            continue
        header_cues = [_cue(_clean(cell)) for cell in raw.split("\t") if _clean(cell)]
        if len(header_cues) > 1 and all(header_cues):
            # A table's header row ("Outcomes  Objectives"): its cells take the last column's kind,
            # bar any numbered outcome in the first column.
            kind, heading = header_cues[-1], None
            continue
        if line in furniture:
            continue
        if "\t" in raw and raw.lower().startswith("indicator\t"):
            cells = [c.strip() for c in raw.split("\t")]
            labels = (cells[1] if len(cells) > 1 else "Local", cells[2] if len(cells) > 2 else "Comparator")
            kind = "indicator"
            continue
        if _is_heading(line, raw) or _is_title_line(line, raw, following[position]):
            if re.search(r"<h3\b", raw, re.IGNORECASE):
                heading = line
                continue
            current = _section(sections, line, None)
            kind, heading, labels = None, None, None
            continue

        cells = [c for c in raw.split("\t") if _clean(c)]
        if kind == "indicator" and labels and len(cells) >= 2:
            add(DraftItem("indicator", _clean(cells[0]), heading, local=_clean(cells[1]),
                          comparator=_clean(cells[2]) if len(cells) > 2 else None,
                          comparator_label=labels[1] if len(cells) > 2 else None))
            continue
        for segment, whole_cell in _segments(raw):
            ref_match = _REF.match(segment)
            if ref_match and len(segment.split()) <= 25:
                add(DraftItem("outcome", ref_match.group(2), heading, ref=ref_match.group(1)))
                continue
            if kind is not None and (len(segment.split()) <= 80 or whole_cell):
                # A bullet or paragraph under a cue is one item; an unbulleted table cell is split
                # into its sentences, since plans run several items together there.
                for sentence in (_sentences(segment) if whole_cell and kind != "indicator" else [segment]):
                    add(DraftItem(kind, sentence, heading))
                continue
            for sentence in _sentences(segment):
                if _PROMISE.search(sentence):
                    add(DraftItem("commitment", sentence, heading, check="a 'we will' sentence from a paragraph"))
                elif _PROBLEM.search(sentence):
                    add(DraftItem("challenge", sentence, heading, check="a sentence naming a problem: keep it only if it is a challenge the plan sets out"))
    return Draft(title=title, period=period, sections=[s for s in sections if s.items])


def _section(sections: list[DraftSection], title: str, number: int | None) -> DraftSection:
    folded = normalise(title).casefold()
    for section in sections:
        if normalise(section.title).casefold() == folded:
            return section
    check = None if number is not None else "heading taken as a priority: confirm, or set role: cross-cutting"
    section = DraftSection(title=title, number=number, check=check)
    sections.append(section)
    return section


def _period(text: str) -> tuple[int, int | None] | None:
    match = _YEARS.search(text[:3000])
    if not match:
        return None
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return (start, end_year) if end_year >= start else (start, None)


# -- writing the YAML ---------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", normalise(text).lower())
    stop = {"a", "an", "the", "and", "of", "for", "to", "in", "our", "with", "that", "those", "all", "city"}
    base = "-".join([w for w in words if w not in stop][:3] or words[:3] or ["section"])
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def draft_yaml(draft: Draft, council_id: str, name: str, source_file: str, *, council_type: str | None = None,
               region: str | None = None) -> str:
    """The draft as a plan file, with ``# check:`` comments where the drafter guessed."""
    short = re.sub(r"\s+(city|metropolitan borough|borough|district|county)?\s*council$", "", name, flags=re.IGNORECASE).strip() or name
    start, end = draft.period if draft.period else (None, None)
    out = [
        "# yaml-language-server: $schema=../plan.schema.json",
        f"# Draft made by plancompare draft from {source_file}: curate it against the source, then remove",
        "# the '# check:' comments as you resolve them.",
        "schema_version: 1",
        "council:",
        f"  id: {council_id}",
        f"  name: {_q(name)}",
        f"  short_name: {_q(short)}",
        f"  type: {_q(council_type or 'unknown')}" + ("" if council_type else "  # check: metropolitan borough, unitary authority…"),
        f"  region: {_q(region or 'unknown')}" + ("" if region else "  # check: the English region"),
        "plan:",
        f"  title: {_q(draft.title)}  # check: the plan's full title",
        f"  period: {{start: {start or 2000}" + (f", end: {end}" if end else "") + "}" + ("" if start else "  # check: no years found"),
        "  source:",
        f"    file: {_q(source_file)}",
        f"    title: {_q(draft.title)}",
        f"    publisher: {_q(name)}",
        '    licence: "Open Government Licence v3.0"  # check: the licence the council states',
        "priorities:",
    ]
    taken: set[str] = set()
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
    return "\n".join(out) + "\n"


#: A plan's text is a few hundred KB; anything far larger is not one (and would draft a plan file
#: over the plan-file limit).
MAX_SOURCE_BYTES = 20 * 1024 * 1024


def read_source_text(path: Path) -> str:
    """The text of a plan's plain-text extraction (UTF-8, a byte-order mark allowed); raises
    InvalidInput with one line naming the file when it cannot be read as such."""
    from plancompare.errors import InvalidInput, Problem
    from plancompare.paths import display_path
    from plancompare.plans.yamlfile import read_limited

    name = display_path(path)
    data = read_limited(path, name, MAX_SOURCE_BYTES, "source texts")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput([Problem(name, f"not UTF-8 text (byte {error.start})", hint="save it as UTF-8")]) from None
