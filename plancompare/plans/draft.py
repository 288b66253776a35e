"""Drafting a plan file from a plan's plain-text extraction.

The draft is a starting point for a curator, not a finished encoding. It reads the text the way a
person skims a plan: headings open sections, cue lines ("Key challenges:", "We will do this by:",
"Performance indicators", "Supporting data:" …) say what kind of items follow, bullets, table cells
and "We will…" sentences become items, and the same fragment repeated by the extraction is kept
once. Text stays verbatim apart from tags and bullet marks. Anything the drafter guessed at is marked
with a ``# check:`` comment in the YAML so the curator knows where to look.
"""

from __future__ import annotations

import re

# The CLI reads a source and writes the draft through this module; those jobs are draft_source's
# (reading and refusing sources) and draft_write's (the plan file, checked before it is emitted).
from plancompare.plans.draft_source import SourceText, read_source_text  # noqa: F401
from plancompare.plans.draft_write import Draft, DraftItem, DraftSection, draft_yaml  # noqa: F401
from plancompare.plans.draft_prose import describes_document
from plancompare.plans.draft_sentences import ProseContext, add_paragraph
from plancompare.plans.draft_kinds import (heading_kind, item_kind, listed_kind, names_context, numbered_kind, starts_with_action,
                                           wording_kind)
from plancompare.plans.draft_lead_ins import lead_in_kind, promises_with_examples, sets_out_approach
from plancompare.plans.draft_headings import (LONGEST_HEADING, NUMBERED_REFERENCE, SUBHEADING_TAG, cue, header_cues, next_column, is_heading, is_title_line,
                                              entry_heads_paragraph, heads_list, lead_in_without_colon, numbered_run, pictures_year, lists_priorities, names_achievements, names_kind, measure_row, wrapped_row, tells_detail, names_office_holders, names_partners, counts_plan_parts,
                                              names_plan_parts)
from plancompare.plans.draft_layout import (CutWords, cell_segments, clean, is_bulleted, is_label, is_contents_line, join_broken_lines, next_lines,
                                            pipe_tables_as_cells,
                                            without_repeated_headings, indicator_parts, named_entry, without_summary_copies, repeats_item)
from plancompare.plans.draft_furniture import (addresses_reader, attributes_quotation, is_caption, is_download, is_link_text, is_page_tool,
                                                is_quotation, is_site_notice, is_skip_link, is_slogan, without_glued_caption)
from plancompare.plans.draft_cells import run_together_tables_as_cells
from plancompare.plans.draft_collect import MARKDOWN_HEADING, ItemCollector, Sections, blank, section_level, sentences
from plancompare.plans.draft_repeats import listed_entry, page_titles, repeated_furniture
from plancompare.plans.draft_title import plan_period, plan_title_of
from plancompare.plans.textnorm import normalise

# "Priority 2 - Good homes", "Priority b) Education and skills: …", "Ambition 1 Helping people…":
# a numbered section, by the words plans number their sections with.
_PRIORITY_LINE = re.compile(r"^(?:(?:key|strategic|corporate|our) )?(?:priority|ambition|theme|goal|mission|pillar|aim)\s+(\d+|[a-z](?=\)))\)?\s*(?:[-–—:.]\s*)?(\S.*)$",
                            re.IGNORECASE)
# "1.2 High quality homes", "1.5.1. Always aiming for…", "1.B. Transform the way…": a numbered goal.
_REF = re.compile(rf"^({NUMBERED_REFERENCE})\.?\s+(.+)$")


# -- reading the text ---------------------------------------------------------------------------------


_LEAD_IN_DASH = re.compile(r":\s?[-–—]$")


def draft_plan(text: str, title: str | None = None) -> Draft:
    """Read a plan's text and draft its sections and items. ``title`` is the document's own title
    (an HTML page's <title>, a PDF's metadata), when it has one."""
    title = title if title is not None else (text.document_title if isinstance(text, SourceText) else None)
    # (Alt text a capture ran into the text after it comes off first, so the text reads as itself.)
    lines = [without_glued_caption(line) for line in text.splitlines()]
    raw_lines = join_broken_lines(run_together_tables_as_cells(pipe_tables_as_cells(lines)))
    # (A lead-in written ":-", as older plans do, ends in a colon like any other.)
    cleaned = [_LEAD_IN_DASH.sub(":", clean(line)) for line in raw_lines]
    ahead = next_lines(raw_lines, is_site_notice)
    furniture = repeated_furniture(cleaned, raw_lines, ahead)
    plan_title, title_check = plan_title_of(title, cleaned, furniture)
    # Each page's title, captured with the name every page's title carries: its own heading opens a section.
    page_heads = page_titles(cleaned, raw_lines)
    for position, own in page_heads.items():
        cleaned[position] = own
    period, period_check = plan_period(text, plan_title)
    opening_level = section_level(raw_lines)

    current = DraftSection(title=plan_title, role="cross-cutting", check="opening section: rename or merge it")
    sections = Sections(current)  # (a heading seen again reopens its section)
    kind: str | None = None  # the kind an explicit cue line gave the lines after it
    listed: str | None = None  # the kind a heading or lead-in gave the bullets after it
    heading: str | None = None
    labels: tuple[str, str] | None = None
    skipped: list[int] = []
    in_contents = in_tools = in_offices = False
    # The kinds of a table's columns, from the cue lines or header row heading it (None: a column of no items).
    columns: list[str | None] = []
    # A table set out one cell a line: its columns' kinds, the column of the last cell, and whether that cell was a list.
    cell_columns: list[str] = []
    cell_at, cell_listed = -1, False
    after_cue = False  # whether the last line that was not blank was a cue
    lead_in_list: str | None = None  # the lead-in whose list is being read, and the kind before it
    before_lead_in: str | None = None
    plain_lead_in = False  # after a lead-in line that names no kind, until the next line that is not a bullet
    opening_bullet = False  # after a bullet ending in ':', until the next line that is not a lower-case bullet
    # After a lead-in naming the plan's parts (themes, pillars…), its priorities, its partners or what it
    # has already done, until a line that is not a bullet.
    names_parts = names_priorities = partners_listed = achieved_listed = False
    opening_list: str | None = None  # a lead-in of the opening section saying how the plan will go about its vision
    collector = ItemCollector(CutWords(cleaned))
    challenges_headed = False  # after a lead-in announcing challenges set out one title and paragraph each
    # After a line picturing a year ahead ("In 2032..."): the section and heading under which the
    # paragraphs describe that year, so their present tense states the outcomes wanted.
    pictured: tuple[DraftSection, str | None] | None = None
    named_run = False  # after a lead-in ending in ":", while each paragraph is a named entry
    # A cue line that is a lead-in ("We will:") gives its kind to its list only: 0 none, 1 read, 2 its list begun.
    cue_list = 0

    def add(item: DraftItem) -> bool:
        return collector.add(item, current)

    def open_section(name: str, number: int | None, check: str | None = "heading guessed from its shape: "
                     "confirm it is a priority, or set role: cross-cutting") -> None:
        nonlocal current, kind, listed, heading, labels, challenges_headed
        current = sections.open(name, number, check)
        challenges_headed = False
        kind, listed, heading, labels = None, None, None, None

    following = ahead
    consumed: set[int] = set()  # lines read with the one before them (a table row's wrapped cells)
    before = ""  # the last line that was not blank
    for position, raw in enumerate(raw_lines):
        line = cleaned[position]
        if not line or position in consumed:
            continue
        before, previous_line = raw, before
        if not is_bulleted(raw):
            opening_list = None  # (the opening list ends at the first line that is not a bullet)
            names_parts = names_priorities = partners_listed = achieved_listed = False
            # (A sentence counting the plan's parts over a list: the list names them.)
            names_parts = is_bulleted(following[position]) and counts_plan_parts(line)
            if lead_in_list is not None:
                listed, lead_in_list = before_lead_in, None
            if cue_list == 2 and "\t" not in raw.strip() and blank(raw_lines, position - 1):
                # (the paragraph after a "We will:" list goes by its own words; not the rest of a
                # bullet a PDF wrapped onto the next line)
                kind, cue_list = None, 0
        elif cue_list and not is_label(listed_entry(raw)):
            cue_list = 2  # (a numbered label, "1. Low Emission Development", heads paragraphs rather than listing items)
        if line.lower().rstrip(":") in ("contents", "table of contents"):
            in_contents = True
            skipped.append(position)
            continue
        if is_contents_line(raw) or (in_contents and line.rstrip()[-1:].isdecimal()):
            skipped.append(position)
            continue
        in_contents = False
        if is_page_tool(line.lstrip("# ")) or is_download(line) or (in_tools and (is_bulleted(raw) or len(line.split()) == 1)):
            # A web page's own regions ("Related pages", "Share this page", "On this page") and the
            # links listed under them, and download cards: the page's furniture, not the plan's.
            in_tools = in_tools or is_page_tool(line.lstrip("# "))
            skipped.append(position)
            continue
        in_tools = False
        if names_office_holders(line.lstrip("# "), raw) or (in_offices and is_bulleted(raw)):
            in_offices = True  # (the list of who answers for the priority, up to the next line that is not a bullet)
            skipped.append(position)
            continue
        in_offices = False
        if position in page_heads:
            open_section(line, None)
            continue
        entry = (cell_segments(raw)[:1] or [("", False, 0)])[0][0] if is_bulleted(raw) else line
        if (is_bulleted(raw) or is_bulleted(following[position])) and "\t" not in raw.strip() \
                and not is_heading(line, raw) and not sections.titled(entry) and repeats_item(entry, current.items):
            # An outcome set out again over the actions that deliver it ("Priority outcomes: 1. Greener
            # streets … How we will deliver them: 1. Greener streets - Sweep …"): the heading of the
            # lines under it, which keep the kind the enclosing heading gave them. (Not a section's own
            # title set out again: that reopens the section.)
            heading = entry
            continue
        if is_bulleted(raw) and entry_heads_paragraph(entry, raw, previous_line, following[position]):
            heading = entry  # ("…ten priorities: 1. Improving the council / The improvement plan, …")
            continue
        if is_bulleted(raw) and heads_list(entry, following[position]):
            kind, listed, heading, labels = None, heading_kind(entry), entry, None  # (a list's own sub-heading)
            continue
        marked = MARKDOWN_HEADING.match(raw)
        if marked:
            words = clean(marked.group(2))
            named = heading_kind(words)
            if len(marked.group(1)) <= opening_level and named is None:
                open_section(words, None, None)
            else:
                kind, listed, heading, labels = None, named, words, None
            continue
        priority = _PRIORITY_LINE.match(line)
        if priority:
            mark = priority.group(1)
            open_section(priority.group(2).strip(), int(mark) if mark.isdecimal() else ord(mark.lower()) - 96, None)
            continue
        named_cue = cue(line) if "\t" not in raw.strip() else None
        if named_cue:
            # Cue lines one after another ("Objectives", "Target outcomes", "Actions", "Performance
            # indicators") head a table's columns, in order.
            columns = columns + [named_cue] if after_cue else [named_cue]
            kind, listed, heading, after_cue = named_cue, None, line.rstrip(":").strip(), True
            cue_list = 1 if line.endswith(":") else 0
            continue
        after_cue = False
        header_kinds = header_cues(raw)
        if header_kinds:
            # A table's header row ("Outcomes  Objectives"): each cell under it takes its column's kind
            # (and a cell under "Milestone" or "Lead Director" is no item).
            columns, kind, heading = header_kinds, _last_kind(header_kinds), None
            continue
        if "\t" not in raw:
            if len(columns) > 1 and None not in columns:
                cell_columns, cell_at, cell_listed = columns, -1, False
            elif None in columns:
                kind = None  # (a header row with milestones or owners gave only its table's rows their kinds)
            columns = []
        if is_quotation(line) or attributes_quotation(line, previous_line.strip()) or (addresses_reader(line) and is_link_text(line)) \
                or (is_slogan(line) and "vision" not in (heading or current.title).lower()):
            skipped.append(position)  # (someone's words quoted on the page, the line naming who said them, a link, a slogan)
            continue
        if line in furniture or is_caption(line) or is_site_notice(line) or is_skip_link(line) or (not is_bulleted(raw) and tells_detail(line)):
            skipped.append(position)  # (a "Timescale: March 2022." under a deliverable is its detail, not an item)
            continue
        if pictures_year(line):
            pictured = (current, heading)
            continue
        if "\t" in raw and raw.lower().startswith("indicator\t"):
            cells = [c.strip() for c in raw.split("\t")]
            labels = (cells[1] if len(cells) > 1 else "Local", cells[2] if len(cells) > 2 else "Comparator")
            kind = "indicator"
            continue
        if names_kind(line, raw):
            kind, listed, heading, labels = None, heading_kind(line), line, None
            continue
        coded = measure_row(line) if "indicator" in (kind, listed) and not is_bulleted(raw) and "\t" not in raw else None
        if coded:
            # A row of a measures table on its line ("EN02 Proportion of waste… High 45%"), or wrapped
            # onto the lines after it, as far as the target that ends its row ("…crime: / a) Effective
            # enforcement… / High 37 plus").
            wrapped = wrapped_row(cleaned, position)
            consumed.update(wrapped)
            code, name = (measure_row(" ".join([line, *(cleaned[at] for at in wrapped)])) or coded) if wrapped else coded
            add(DraftItem("indicator", name, heading, ref=code))
            continue
        blank_around = blank(raw_lines, position - 1) and (blank(raw_lines, position + 1) or is_bulleted(raw_lines[position + 1]))
        if (is_heading(line, raw) or is_title_line(line, raw, following[position], loose=kind is None or blank_around)) \
                and not numbered_run(line, previous_line, following[position]):
            named = heading_kind(line)
            if SUBHEADING_TAG.search(raw) or named:
                kind, listed, heading, labels = None, named, line, None
                continue
            if listed and wording_kind(line) and len(following[position].split()) > 15 and not names_context(heading) \
                    and not is_bulleted(following[position]):
                # A short line under a heading that names a kind, before its paragraph: an item
                # ("Our priorities" … "Ensure every child can belong"), and the paragraph's heading.
                add(DraftItem(listed, line, heading))
                heading = line
                continue
            if challenges_headed:
                heading = line  # (one of the challenges a lead-in announced, set out under its own title)
                continue
            open_section(line, None)
            continue
        if (line.endswith(":") or (line.endswith(";") and " following " in line) or lead_in_without_colon(line, raw, following[position])) \
                and not is_bulleted(raw) and "\t" not in raw:
            # A lead-in ("We will work with partners to:"): its kind is the bullets' kind. It is not
            # an item itself, however long: it is unfinished until its list ("…in the following
            # key indicators:", "…we must do two things:"), and curators encode the list; unless it
            # is a whole promise before its examples ("…, including:").
            *opening, last = sentences(line) or [line]
            led = lead_in_kind(last)
            if opening:
                # (The sentences before a lead-in are read as any paragraph's.)
                add_paragraph(" ".join(opening), ProseContext(listed, heading), add)
            if promises_with_examples(last):
                add(DraftItem("commitment", last, heading))  # ("We will invest in housing…, including:"): whole before its examples
            # (A lead-in's kind is its list's: the heading's comes back after the list.)
            before_lead_in = listed if lead_in_list is None else before_lead_in
            listed, lead_in_list = led or listed, line
            plain_lead_in = led is None
            names_priorities = lists_priorities(line)
            names_parts = names_priorities or names_plan_parts(line)
            partners_listed = names_partners(line)
            achieved_listed = names_achievements(last)
            # (Only before the plan's first item: a page whose first heading was missed still has
            # its items after it.)
            challenges_headed = (led or heading_kind(line)) == "challenge" and not is_bulleted(following[position])
            opening_list = line if len(sections) == 1 and not current.items and sets_out_approach(line) else None
            continue
        if not is_bulleted(raw):
            plain_lead_in = opening_bullet = False
        elif opening_list and "\t" not in raw and cell_segments(raw):
            # The list a plan opens with, before its priorities, finishing how it will go about its
            # vision ("We will work with the people of the county and use our resources wisely to: -
            # protect…"): plan-level statements, as curators encode them, not a priority's items.
            add(DraftItem("principle", cell_segments(raw)[0][0], opening_list, check="the plan's opening list: vision or principle?"))
            continue
        elif opening_bullet and "\t" not in raw and cell_segments(raw)[:1] and cell_segments(raw)[0][0][:1].islower():
            continue  # the rest of a bullet that ends in ":" ("- Partnerships that deliver our priorities: - increasing…")
        else:
            opening_bullet = line.endswith(":")

        cells = [c for c in raw.split("\t") if clean(c)] if kind == "indicator" and labels else []
        if len(cells) >= 2:
            add(DraftItem("indicator", clean(cells[0]), heading, local=clean(cells[1]),
                          comparator=clean(cells[2]) if len(cells) > 2 else None,
                          comparator_label=labels[1] if len(cells) > 2 else None))
            continue
        bulleted = is_bulleted(raw) or "\t" in raw.strip()
        line_kind = kind
        if cell_columns and kind == cell_columns[-1] and "\t" not in raw:
            # Each cell takes the next column its wording fits; a list's lines stay in one cell.
            if not (cell_listed and is_bulleted(raw)):
                cell_at = next_column(cell_columns, cell_at, " ".join(p for p, _, _ in cell_segments(raw)), is_bulleted(raw))
            line_kind, cell_listed = cell_columns[cell_at], is_bulleted(raw)
        # Under a table's column heads (cue lines or a header row), each cell takes its own column's kind.
        by_column = len(columns) > 1 and kind == _last_kind(columns) and "\t" in raw
        for segment, whole_cell, column in cell_segments(raw):
            if len(segment) < 3:
                continue  # (no item is this short; and a line of thousands of cells is read at once)
            cue_kind = columns[min(column, len(columns) - 1)] if by_column else line_kind
            if by_column and cue_kind is None:
                continue  # (a milestone, an owner: the row's item is in another column)
            named = named_entry(segment) if cue_kind is None and not ("\t" in raw and not bulleted) else None
            # "Name – what it is": the name is the heading. A bullet, or a one-sentence paragraph of a run
            # of them after a lead-in, is one item; a paragraph of several sentences is read as prose.
            named_run = bool(named) and not bulleted and (previous_line.rstrip().endswith(":") or named_run)
            if named and not bulleted and len(sentences(named[1])) > 1:
                segment = named[1]
            elif named and (bulleted or named_run or wording_kind(named[1])):
                found, check = (listed_kind(named[1], listed, heading), None) if listed else item_kind(named[1], named[0], True)
                add(DraftItem(found, named[1], named[0], check=check))
                continue
            ref_match = _REF.match(segment) if segment[:1].isdecimal() else None
            # (A reference is followed by its heading's capital, "1.2 High quality…"; a figure by a
            # word in lower case, "3.2 million journeys…", and stays the measurement it is.)
            if ref_match and len(segment.split()) <= 40 and not ref_match.group(2)[:1].islower():
                numbered, ref = ref_match.group(2), ref_match.group(1)
                add(DraftItem(listed_kind(numbered, listed, heading) if listed else numbered_kind(numbered, ref), numbered, heading, ref=ref))
                continue
            if cue_kind is not None and (len(segment.split()) <= 80 or whole_cell):
                # A bullet or paragraph under a cue is one item; an unbulleted table cell is split
                # into its sentences, since plans run several items together there.
                for sentence in (sentences(segment) if whole_cell and cue_kind != "indicator" else [segment]):
                    if is_label(sentence) and wording_kind(sentence) is None and cue_kind != "indicator":
                        continue
                    if bulleted or not describes_document(sentence):
                        # (A goal set for a date under a measures cue is a target, not a measure:
                        # "Measuring performance - By 2030, pay will have risen in every area". Under
                        # an actions cue, curators keep a quantified action a commitment.)
                        own = wording_kind(sentence) if cue_kind == "indicator" else None
                        add(DraftItem("target" if own == "target" else cue_kind, sentence, heading))
                continue
            if bulleted and len(segment.split()) <= 80:
                # (But "…is to: - renew the parts of our county…": actions, each finishing "to".)
                to_act = (lead_in_list or "").rstrip().endswith(" to:") and starts_with_action(segment)
                if (plain_lead_in and segment.lstrip("'‘\"“")[:1].islower() and not to_act) or _PRIORITY_LINE.match(segment):
                    # The rest of a sentence the lead-in began ("…we asked you about: - how the
                    # pandemic…"), or the plan's list of its own priorities: not items.
                    continue
                if partners_listed and wording_kind(segment) is None:
                    continue  # (the organisations the council will work with: who, not what)
                if achieved_listed and " will " not in f" {segment.lower()} ":
                    continue  # (what the council has done already: its record, not what the plan promises)
                if names_priorities and len(segment.split()) <= 30:
                    continue  # (the plan's list of its priorities, each set out in its own section)
                if (is_label(segment) or (names_parts and len(segment.split()) <= 6)) and wording_kind(segment) is None:
                    continue  # a list of names ("Low Emission Development", the plan's themes), not of items
                if describes_document(segment) and not starts_with_action(segment):
                    continue  # ("The Business Plan describes the actions we'll take"): the plan's documents, described
                if listed:
                    add(DraftItem(listed_kind(segment, listed, heading), segment, heading))
                else:
                    found, check = item_kind(segment, heading or current.title, True)
                    add(DraftItem(found, segment, heading, check=check))
                continue
            pictures = pictured is not None and pictured[0] is current and pictured[1] == heading
            challenges = names_context(heading) or challenges_headed or listed == "challenge"
            add_paragraph(segment, ProseContext(listed, heading, pictures, challenges), add)
    without_repeated_headings(sections.all)
    without_summary_copies(sections.all)
    drafted = [s for s in sections.all if s.items]
    return Draft(title=plan_title, period=period, period_check=period_check, sections=drafted, source=text, title_check=title_check, statements=collector.statements,
                 skipped=[position + 1 for position in skipped], skipped_texts=[cleaned[position] for position in skipped],
                 lines=len(raw_lines))


def _last_kind(columns: list[str | None]) -> str | None:
    """The kind of a table's last column of items."""
    return next((kind for kind in reversed(columns) if kind), None)
