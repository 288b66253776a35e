"""What a line of a plan's text is: cues, header rows, headings and kind-naming sub-headings."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_headings import cue, fits_column, header_cues, is_heading, is_title_line, names_kind, next_column, tells_detail
from plancompare.plans.draft_headings import measure_row, numbered_run, pictures_year, wrapped_row


@pytest.mark.parametrize("line, kind", [
    ("Key challenges:", "challenge"),
    ("Performance indicators", "indicator"),
    ("We will do this by:", "commitment"),
    ("We will create:", "commitment"),
    ("Target outcomes", "outcome"),
    ("Objectives", "objective"),
    ("Our city has many strengths.", None),
    ("Actions speak louder than words, and we have taken many of them over the years since the last plan", None),
])
def test_a_cue_line_names_the_kind_of_what_follows(line: str, kind: str | None) -> None:
    assert cue(line) == kind


def test_a_header_row_of_cues_gives_each_column_its_kind_and_any_other_row_gives_none() -> None:
    assert header_cues("Objectives\tTarget outcomes\tActions\tPerformance indicators") == [
        "objective", "outcome", "commitment", "indicator"]
    assert header_cues("Objectives\tHousing for all") is None
    assert header_cues("Objectives") is None  # one cell is a cue line, not a table's header


def test_a_header_row_may_head_columns_that_hold_no_item() -> None:
    # When an activity is due and who answers for it are columns of the table, not items.
    assert header_cues("Activity\tMilestone\tLead Director\tPortfolio Holder") == ["commitment", None, None, None]
    assert header_cues("Milestone\tLead Director") is None  # (no column of items: not a table of a plan's items)
    assert cue("Activity levels among older people have fallen") is None  # (a sentence, not a column's head)


def test_a_heading_may_say_how_we_will_but_a_promise_is_no_heading() -> None:
    assert is_title_line("Our desired outcomes and how we will achieve them", "Our desired outcomes and how we will achieve them",
                         "", loose=True)
    assert not is_title_line("We will plant trees on every street", "We will plant trees on every street", "", loose=True)


def test_a_label_saying_when_or_who_gives_an_items_detail() -> None:
    assert tells_detail("Timescale: March 2022.") and tells_detail("Lead officer: Director of Place")
    assert not tells_detail("Funding: we will secure £5 million for the new library")  # (what, not when or who)
    assert not tells_detail("We will review the timescale: every year")


def test_a_heading_may_ask_what_we_are_doing() -> None:
    assert names_kind("What we're aiming to achieve", "What we're aiming to achieve")


def test_headings_by_shape() -> None:
    assert is_heading("A HEALTHIER CITY", "A HEALTHIER CITY")
    assert not is_heading("WE WILL BUILD HOMES", "WE WILL BUILD HOMES")  # a promise, set in capitals
    assert is_title_line("Healthy people", "Healthy people", "Focused strategic objective", loose=True)
    # Before a paragraph a short line is a title; before a short line only when loose.
    long_paragraph = "We want everyone in the county to live a long and healthy life, with good care close to home when they need it."
    assert is_title_line("Healthy people", "Healthy people", long_paragraph)
    assert not is_title_line("Healthy people", "Healthy people", "Focused strategic objective")
    assert not is_title_line("- Healthy people", "- Healthy people", long_paragraph)  # a bullet
    assert not is_title_line("We will build homes", "We will build homes", long_paragraph, loose=True)


def test_a_short_line_naming_a_kind_is_a_sub_heading_unless_it_promises() -> None:
    assert names_kind("Key statistics", "Key statistics")
    assert names_kind("What we will do", "What we will do")
    assert not names_kind("We will plant trees", "We will plant trees")
    assert not names_kind("Key statistics.", "Key statistics.")


def test_a_cell_takes_the_next_column_its_wording_fits() -> None:
    columns = ["objective", "outcome", "commitment", "indicator"]
    assert fits_column("outcome", "Residents are able to live healthier lives.", bulleted=False)
    assert not fits_column("outcome", "Build health education into adult learning.", bulleted=False)
    assert fits_column("indicator", "Rates of self-harm.", bulleted=True)  # a bullet that says nothing else
    assert next_column(columns, -1, "Residents are able to live healthier lives.", False) == 1  # no objective in this row
    assert next_column(columns, 1, "Build health education into adult learning.", False) == 2
    assert next_column(columns, 3, "Develop preventative approaches.", False) == 0  # round again: the next row
    assert next_column(columns, 0, "Sheltered gardens", False) == 1  # fits none: simply the next


@pytest.mark.parametrize("line, row", [
    ("EN02 Proportion of waste sent for reuse (recycling and composting) High 45%",
     ("EN02", "Proportion of waste sent for reuse (recycling and composting)")),
    ("EN04 Carbon dioxide emission levels for the Council Low 18% reduction by 2023", ("EN04", "Carbon dioxide emission levels for the Council")),
    ("EN05 Number of trees planted by the Council  High a) 5 Hectares b) 500 Trees", ("EN05", "Number of trees planted by the Council")),
    ("KPI-12 Households in temporary accommodation", ("KPI-12", "Households in temporary accommodation")),
    ("CYP3a b) Children in care with a stable placement High New", ("CYP3a", "b) Children in care with a stable placement")),
    # (a name that says High is kept whole: no target follows it)
    ("ECO1 Number of empty High Street units", ("ECO1", "Number of empty High Street units")),
    # Not rows: names and words that carry digits, a code before a sentence going on in lower case, a lone word.
    ("COVID-19 has changed how we work", None),
    ("HS2 will bring new jobs to the city", None),
    ("Q1 Number of complaints", None),
    ("EN07 Trees", None),
    ("Number of trees planted", None),
])
def test_a_measures_table_row_flattened_onto_one_line(line: str, row: tuple[str, str] | None) -> None:
    assert measure_row(line) == row


def test_a_measures_table_row_wrapped_onto_the_lines_after_it_ends_at_its_target() -> None:
    lines = ["EN01a Fly tipping and environmental crime:", "", "a) Effective enforcement actions; fly-tipping", "High 37 plus",
             "EN02 Proportion of waste sent for reuse High 45%"]
    assert wrapped_row(lines, 0) == [2, 3]
    assert wrapped_row(lines, 4) == []  # (it ends on its own line)
    # A row whose target never comes before the next row (a table with no target column) takes no lines.
    assert wrapped_row(["EN01 Fly tipping incidents", "Recycling rate", "EN02 Missed bins"], 0) == []


@pytest.mark.parametrize("line, pictures", [
    ("In 2032...", True),
    ("By 2030:", True),
    ("By the year 2050, how does our city look and feel?", True),
    ("By the year 2050 how does our city, Southend-on-Sea, look and feel?", True),
    ("What will the borough be like in 2040?", True),
    ("How will our town centre look in 2035?", True),
    # (Not a picture: no year, a question about something else, or how the council looks after people.)
    ("What will it look like?", False),
    ("How will we know we have succeeded by 2030?", False),
    ("How do we look after our parks by 2030?", False),
    ("In 2030 we will have built 1,000 homes.", False),
])
def test_a_line_pictures_a_year_ahead(line: str, pictures: bool) -> None:
    assert pictures_year(line) is pictures


def test_a_run_of_numbered_goals_is_a_list_and_a_numbered_line_alone_a_heading() -> None:
    assert numbered_run("1.1. Good quality public services for all", "1.A. Good customer service", "")
    assert numbered_run("1.1.1. Support all our customers", "", "1.2. Improve the customer experience")
    assert not numbered_run("2.1 Our approach", "Introduction", "We set out here how the council will work with partners.")
