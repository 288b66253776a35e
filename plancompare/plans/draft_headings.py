"""What a line of a plan's text is, by its shape and words: a heading, a cue line that names the
kind of the items after it ("Key challenges:", "We will do this by:", "Performance indicators"), a
table's header row of cues, or a short line naming a kind ("Key statistics", "What we will do"); and
which of a table's columns a cell set out on its own line belongs to.
"""

from __future__ import annotations

import re

from plancompare.plans.draft_kinds import heading_kind, wording_kind
from plancompare.plans.draft_layout import clean, is_bulleted

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
    (r"(key )?activit(y|ies)$", "commitment"),
    (r"we will:?$", "commitment"),
    (r"target outcomes?", "outcome"),
    (r"outcomes?\b", "outcome"),
    (r"objectives?\b", "objective"),
)
_CUE_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in CUES]
# Every pattern is compiled here, where tests/plans/test_draft.py finds them all and times each on
# adversarial lines: each must run in linear time (a 1 MB line well under a second).
_LEAD_IN = re.compile(r"we will\b", re.IGNORECASE)
_HEADING_TAG = re.compile(r"<h[1-3]\b", re.IGNORECASE)
SUBHEADING_TAG = re.compile(r"<h3\b", re.IGNORECASE)
# A promise in a line that would otherwise pass for a heading ('’' folded to "'" first).
_PROMISE = re.compile(r"\b(we will|we'll|we are going to|we are committed to|we aim to|we plan to|we must|we need to|"
                      r"the (city )?council will|we intend to|we want|we're|we are working|our aim is|our vision is)\b",
                      re.IGNORECASE)
# "How we will…", "what we'll…" in a line: a heading's words for what follows, not a promise.
_ASKS_WHAT_WE_WILL = re.compile(r"\b(how|what|where|when|why) (we|the council) ?(will|'ll|are|'re|plan|aim|want|need|intend)\b",
                                re.IGNORECASE)


def _promises(text: str) -> bool:
    """Whether a line makes a promise, so is no heading ("We will plant trees"), rather than naming
    what or how ("What we will do", "Our desired outcomes and how we will achieve them")."""
    return _PROMISE.search(_ASKS_WHAT_WE_WILL.sub(" ", text.replace("’", "'"))) is not None


# A heading over who answers for a priority ("Accountability for delivery", "Lead members", "Responsible
# officers", "Portfolio holder"): plans list office holders under it, and an office is not an item.
# The whole line: "Responsible business" or "Accountability to residents" heads items, not offices.
_OFFICE_HOLDERS = re.compile(r"^((accountab(le|ility)|responsib(le|ility|ilities)) for (delivery|delivering( this| the \w+)?)|"
                             r"accountability|responsibilit(y|ies)|(lead|responsible|accountable) (cabinet )?(members?|officers?|"
                             r"directors?|portfolio holders?|councillors?)|portfolio holders?|cabinet leads?|"
                             r"who is (responsible|accountable)( for (delivery|this))?)$", re.IGNORECASE)
# The kinds a list's own sub-heading names, in the plural ("1. Priority outcomes", "- Key challenges").
_KINDS_PLURAL = re.compile(r"\b(outcomes|objectives|aims|challenges|indicators|measures|targets|actions|commitments)\b",
                           re.IGNORECASE)
# The labels of a table's columns that say when an item is due and who answers for it, also written
# before an item's detail on a line of its own ("Timescale: …", "Lead officer: …").
_WHEN_AND_WHO = (r"(key )?milestones?|timescales?|time ?frames?|deadlines?|target dates?|due( date)?|by when|"
                 r"status|rag( rating| status)?|owners?|leads?|lead (director|officer|member)s?|"
                 r"(accountable|responsible) (director|officer|member)s?|portfolio holders?|cabinet (lead|member)s?")
_DETAIL_LABEL = re.compile(rf"^({_WHEN_AND_WHO})$", re.IGNORECASE)
# A table column that holds no item: when it is due, who answers for it, how it is going, what it costs.
_NOT_ITEM_COLUMN = re.compile(rf"^({_WHEN_AND_WHO}|dates?|when|progress|ref(erence)?|no\.?|directors?|portfolio|funding|budget|costs?)$",
                              re.IGNORECASE)
#: No heading, cue or title is longer than this many characters (cheaper to test than its words).
LONGEST_HEADING = 200


def cue(text: str) -> str | None:
    if len(text) > LONGEST_HEADING:
        return None
    stripped = text.strip().rstrip(":").strip()
    if len(stripped.split()) > 14:
        return None
    if text.strip().endswith(":") and _LEAD_IN.match(stripped) and len(stripped.split()) <= 8:
        return "commitment"  # a lead-in such as "We will create:"
    for pattern, kind in _CUE_PATTERNS:
        if pattern.match(stripped):
            return kind
    return None


def header_cues(raw: str) -> list[str | None] | None:
    """The kinds of a table's header row, every cell of which is a cue or heads a column that holds
    no item (None: "Milestone", "Lead Director", "Portfolio Holder"), at least one a cue; None for any
    other line."""
    kinds: list[str | None] = []
    for cell in raw.split("\t"):
        cell = clean(cell)
        if cell:
            kind = cue(cell)
            if kind is None and not _NOT_ITEM_COLUMN.match(cell.rstrip(":").strip()):
                return None  # at the first cell that is neither, not after every cell of the line
            kinds.append(kind)
    return kinds if len(kinds) > 1 and any(kinds) else None


def is_heading(text: str, raw: str) -> bool:
    if len(raw) > LONGEST_HEADING:
        return False
    if _HEADING_TAG.search(raw):
        return True
    words = text.split()
    if not words or len(words) > 12 or text.endswith((".", ",", ";")) or _promises(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3


def is_title_line(text: str, raw: str, next_line: str, loose: bool = False) -> bool:
    """A short unpunctuated line standing alone before a paragraph or a cue: a section title. When
    ``loose`` (no cue line's items are being read, or blank lines stand round it), any short
    unpunctuated line that is not a bullet: a heading followed by a short line is a heading too."""
    if len(text) > LONGEST_HEADING:
        return False
    words = text.split()
    if not words or len(words) > 12 or "\t" in raw.strip() or is_bulleted(raw) or "•" in raw:
        return False
    if text.endswith((".", ",", ";", ":", "?", "!")) or not (text[0].isupper() or text[0].isdecimal()):
        return False
    if _promises(text):
        return False
    return loose or len(next_line.split()) > 15 or cue(next_line) is not None


def names_kind(line: str, raw: str) -> bool:
    """A short unpunctuated line that names a kind of item ("Key statistics", "What we will do",
    "How we'll measure success"): a sub-heading whose kind the items under it take. A line that
    makes a promise ("We will plant trees") is one only when it asks what or how."""
    if len(line) > LONGEST_HEADING:
        return False
    words = line.split()
    asks = words[:1] and words[0].lower() in ("what", "how")
    if not words or len(words) > (20 if asks else 10) or line.endswith((".", ",", ";", ":", "!")) or is_bulleted(raw) \
            or "\t" in raw.strip():
        return False
    if _promises(line):
        return False
    return heading_kind(line) is not None


def names_office_holders(line: str, raw: str) -> bool:
    """A short unbulleted line over the list of who answers for a priority ("Accountability for
    delivery", "Lead cabinet member", "Responsible officers:"): the offices listed under it ("Cabinet
    Member for Housing", "Corporate Director of …") are the plan's furniture, not its items."""
    words = line.rstrip(":").split()
    return 0 < len(words) <= 8 and not is_bulleted(raw) and _OFFICE_HOLDERS.match(line.rstrip(":?").strip()) is not None


def heads_list(entry: str, next_line: str) -> bool:
    """A list entry that is the sub-heading of the list after it ("1. Priority outcomes" over "1.1
    Greener streets", "- How we will deliver the outcomes for thriving communities" over the actions):
    followed by another entry, unpunctuated, asking how or what "we will" do, or of four words at
    most naming a kind in the plural with no wording of its own that makes it an item (an action, an
    aim, a measure)."""
    words = entry.split()
    asks = bool(words) and words[0].lower() in ("how", "what") and heading_kind(entry) == "commitment"
    # (Four words at most, unless it asks: a longer entry naming outcomes or actions is an item
    # about them, "Inadequate housing contributes to poor health outcomes", "Climate change strategy and actions".)
    if not words or len(words) > (20 if asks else 4) or entry.endswith((".", ",", ";", ":", "!", "?")) or not is_bulleted(next_line):
        return False
    if asks:
        return True
    return _KINDS_PLURAL.search(entry) is not None and heading_kind(entry) is not None and wording_kind(entry) is None


def entry_heads_paragraph(entry: str, raw: str, previous_line: str, next_line: str) -> bool:
    """A numbered or bulleted entry standing alone between paragraphs, short and unpunctuated ("1.
    Improving the council" between the lead-in and the paragraph that sets the priority out): the
    heading of the paragraph after it, not an item. The last entry of a list is not one (a list
    entry comes before it), nor a list of one bulleted entry after a lead-in ending in ":"."""
    words = entry.split()
    if not 0 < len(words) <= 6 or entry.endswith((".", ",", ";", ":", "!", "?")) or not entry[:1].isupper():
        return False
    # (Not the one bulleted entry of a list a lead-in opens, "…help us deliver this plan by: - Accessing
    # services digitally", nor an entry before a cue line. A numbered entry after a lead-in starts a
    # sequence set out entry by entry: "The priorities are: 1. Improving the council / The plan…".)
    numbered = raw.lstrip()[:1].isdecimal()
    return bool(previous_line.strip()) and not is_bulleted(previous_line) and (numbered or not previous_line.rstrip().endswith(":")) \
        and len(next_line.split()) > 8 and not is_bulleted(next_line) and not next_line.rstrip().endswith(":")


# The names plans give the parts that organise them rather than their items.
_PARTS = re.compile(r"\b(themes|pillars|principles|values|strands|workstreams)\b", re.IGNORECASE)


def names_plan_parts(lead_in: str) -> bool:
    """A lead-in to the list of the plan's own parts ("Three cross-cutting principles feature
    throughout the plan. These are:", "Our work is organised in four themes:"): the short entries
    under it are the parts' names, not items."""
    return lead_in.rstrip().endswith(":") and _PARTS.search(lead_in) is not None


# "…across the 3 Pillars of the plan", "our four themes": a count of the plan's parts, which the
# list after the sentence names.
_COUNTED_PARTS = re.compile(r"\b(\d|two|three|four|five|six|seven|eight|nine|ten) (\w+ )?(themes|pillars|principles|values|strands|"
                            r"workstreams|priorities|missions|ambitions|goals)\b", re.IGNORECASE)


def counts_plan_parts(sentence: str) -> bool:
    """A sentence over a list that counts the plan's parts ("We will achieve our mission by focusing on
    the 3 Pillars of the Best City Ambition", unpunctuated, then "1. Health and wellbeing"): the short
    entries under it are the parts' names, as under a lead-in that names them."""
    return len(sentence) <= 300 and _COUNTED_PARTS.search(sentence) is not None


# The words a sentence cannot end on: a lead-in whose colon the page left out ("For the next four years
# we will" over its list) still stops on one.
_UNFINISHED = frozenset("will to by are is include includes including be being our the a an and of for with through on "
                        "must should can shall we".split())


def lead_in_without_colon(line: str, raw: str, next_line: str) -> bool:
    """An unbulleted line over a list that stops where its sentence cannot end ("For the next four
    years we will", "Our plans include"): a lead-in whose colon the page left out, read as one
    ending in ":" (not an item: the list after it finishes it)."""
    words = line.split()
    if not 1 < len(words) <= 25 or is_bulleted(raw) or "\t" in raw.strip() or line.endswith((".", ":", ";", "!", "?", ",")):
        return False
    return words[-1].lower() in _UNFINISHED and is_bulleted(next_line)


# "Our priorities are:", "The Council Plan has 7 priorities:", "…sets out three interconnected priorities:".
# "Who we will work with:", "Our key partners are:", "Partners:": the line stops on the partners.
_PARTNERS_LEAD_IN = re.compile(r"^(who (we|we'll|we will|the council will) (work|partner) with|((our|key|main|delivery) )*partners?"
                               r"( (include|are|we will work with))?|(working|work) (closely )?with|in partnership with):$", re.IGNORECASE)
_ACHIEVED_LEAD_IN = re.compile(r"\b((so far|to date|since then|already|recently|together),? )?(we have|we've)( already| so far| recently)?"
                               r"( (achieved|delivered|done|completed|provided|built|introduced|opened|launched|secured|created|supported|helped|made|"
                               r"established|reduced|increased|improved|won|funded|given|planted|installed))?( so far| to date| already)?:$|\bachievements( so far| to date)?"
                               r"( include| are)?:$|\bwhat we have (achieved|done|delivered)( so far| to date)?:$", re.IGNORECASE)
_PRIORITIES_LEAD_IN = re.compile(r"(\bpriorities( are)?|\b(\d+|two|three|four|five|six|seven|eight|nine|ten)( [\w-]+){0,2} priorities\b[^:]{0,40}):$",
                                 re.IGNORECASE)


def lists_priorities(lead_in: str) -> bool:
    """A lead-in to the plan's list of its own priorities ("Our priorities are:", "The plan has
    seven priorities:"): the entries under it name the priorities, with a line on each, and each is
    set out in its own section; they are not items."""
    return len(lead_in) <= LONGEST_HEADING and _PRIORITIES_LEAD_IN.search(lead_in.strip()) is not None


def tells_detail(line: str) -> bool:
    """Whether a line gives an item's detail under a label that names no item ("Timescale: March
    2022.", "Lead officer: Director of Place", "Status: on track"): when, who or how, as a table's
    milestone and owner columns do."""
    label, colon, rest = line.partition(":")
    return bool(colon) and len(label) <= 30 and _DETAIL_LABEL.match(label.strip()) is not None


def names_achievements(lead_in: str) -> bool:
    """A lead-in to the list of what the council has already done ("Recognising this, we have:", "Our
    achievements so far include:"): its record, set out to show progress, not the plan's items."""
    return len(lead_in) <= 120 and _ACHIEVED_LEAD_IN.search(lead_in.strip().replace("’", "'")) is not None


def names_partners(lead_in: str) -> bool:
    """A lead-in to the list of whom the council will work with ("Who we will work with:", "Our
    partners include:"): the organisations named under it are the plan's furniture, not its items.
    (Not "Working with partners to:", whose list is what will be done.)"""
    return len(lead_in) <= 60 and _PARTNERS_LEAD_IN.match(lead_in.strip().replace("’", "'")) is not None


def fits_column(column: str, text: str, bulleted: bool) -> bool:
    """Whether a table cell's wording fits a column of the given kind: an action or an aim fits an
    objectives or actions column, a state of things an outcomes column, a measure (or a bullet
    whose wording says nothing) an indicators column; otherwise the cell's kind must be the column's."""
    own = wording_kind(text)
    if column == "indicator":
        return own == "indicator" or (bulleted and own is None)
    if column in ("commitment", "objective"):
        return own in ("commitment", "objective", "target")
    return own == column


def next_column(columns: list[str], at: int, text: str, bulleted: bool) -> int:
    """The column of a table set out one cell a line with its empty cells left out: the next column
    after ``at``, in order and round again, that the cell's wording fits, else simply the next."""
    for step in range(1, len(columns) + 1):
        candidate = (at + step) % len(columns)
        if fits_column(columns[candidate], text, bulleted):
            return candidate
    return (at + 1) % len(columns)


# A row of a measures table flattened onto one line: the measure's code ("EN02", "KPI-12", "CYP3a"),
# its name, then perhaps the columns saying which way is good and the target ("… High 45%").
_MEASURE_CODE = re.compile(r"^([A-Z]{2,5}-?\d{1,3}[a-z]?)\s+((?:[A-Z(]|[a-z]\)).*)$")
# "High 45%", "Low 18% reduction by 2023", "High New", "High a) 5 Hectares": which way is good, then
# the target, at the end of the row.
_GOOD_IS_THEN_TARGET = re.compile(r"(?<!\S)(High|Low|Higher|Lower)\s+(\d|New\b|TBC\b|N/A\b|Baseline\b|[a-z]\)).*$")


def ends_row(line: str) -> bool:
    """Whether a measures table's row ends on this line, with which way is good and the target."""
    return bool(_GOOD_IS_THEN_TARGET.search(line))


def wrapped_row(lines: list[str], position: int, most: int = 3) -> list[int]:
    """The positions of the lines (blank lines between them skipped) that a measures table's row
    starting at ``position`` wrapped onto: none when it ends on its own line, else those up to the
    one holding its target, if one of the next ``most`` lines does and none opens another row."""
    if ends_row(lines[position]):
        return []
    taken: list[int] = []
    for at in range(position + 1, len(lines)):
        if not lines[at]:
            continue
        if measure_row(lines[at]) or len(taken) == most:
            return []
        taken.append(at)
        if ends_row(lines[at]):
            return taken
    return []


def measure_row(line: str) -> tuple[str, str] | None:
    """(code, measure) of a measures table's row set out on one line ("EN02 Proportion of waste sent
    for reuse High 45%" -> ("EN02", "Proportion of waste sent for reuse")), or None. Only a code of
    capitals and digits opens one; the columns after the name (which way is good, the target) are
    left out, as curators encode the measure's name."""
    found = _MEASURE_CODE.match(line.strip())
    if not found:
        return None
    name = _GOOD_IS_THEN_TARGET.sub("", found.group(2)).strip()
    return (found.group(1), name) if len(name.split()) >= 2 else None


# A line of its own picturing a year ahead ("In 2032...", "By 2030:", "In 2035 …"), or asking what a
# place will look or feel like then ("By the year 2050, how does our city look and feel?", "What will
# the borough be like in 2040?").
_YEAR_AHEAD = re.compile(r"^(in|by) (the year )?20\d\d ?(\.\.\.|…|:)$", re.IGNORECASE)
_ASKS_PICTURE = re.compile(r"^(((in|by) (the year )?20\d\d),? )?(how|what) (does|do|will|would|might) \S[^?]*\b(look|feel|be like)\b(?! (after|for|at|into|to|forward)\b)[^?]*\?$",
                           re.IGNORECASE)
_A_YEAR_AHEAD = re.compile(r"\b20\d\d\b")


def pictures_year(line: str) -> bool:
    """Whether a line of its own pictures a year ahead: the paragraphs under it describe that year, so
    their present tense states the outcomes wanted."""
    if len(line) > 160:
        return False
    return _YEAR_AHEAD.match(line) is not None or (_ASKS_PICTURE.match(line) is not None and _A_YEAR_AHEAD.search(line) is not None)


#: A numbered goal's reference: "1.2", "1.5.1", "1.B" (written with or without a stop after it).
NUMBERED_REFERENCE = r"\d+(?:\.(?:\d+|[A-Z]))+"
# One at the start of a line, before the goal's words.
_NUMBERED = re.compile(rf"^{NUMBERED_REFERENCE}\.? +\S")


def numbered_run(line: str, previous: str, following: str) -> bool:
    """Whether a line opening with a numbered goal's reference ("1.1. Good quality public services")
    sits in a run of such lines: a list of goals, each an item, not a section heading ("2.1 Our
    approach", alone before its text)."""
    return _NUMBERED.match(line) is not None and (_NUMBERED.match(previous.strip()) is not None
                                                  or _NUMBERED.match(following.strip()) is not None)
