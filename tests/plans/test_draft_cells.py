"""Tables whose cells a capture ran together along each line, split back into cells."""

from __future__ import annotations

import pytest

from plancompare.plans.draft import draft_plan
from plancompare.plans.draft_cells import cells_of, run_together_rows, run_together_tables_as_cells

TABLE = [
    "Preparing for the future Delivering for local residents Focusing on prevention",
    "Local renewable energy Carbon-neutral, social, and affordable housing Local Outbreak Management Plan",
    "High-skill economy Energy efficient homes Statutory health and care services",
    "",
    "Walking, micro mobility (cycling), car-sharing, buses, and rail Effective approach to fly-tipping Reduce health inequalities",
]


@pytest.mark.parametrize("line, cells", [
    ("Local renewable energy Carbon-neutral, social, and affordable housing Local Outbreak Management Plan",
     ["Local renewable energy", "Carbon-neutral, social, and affordable housing", "Local Outbreak Management Plan"]),
    # A closing bracket ends a cell; a word a phrase cannot end with ("in Bath") and a capitalised word
    # ("Wigan Borough") go on into the next.
    ("Planting more trees (for example) Tailor our approach to engagement in Bath", ["Planting more trees (for example)",
                                                                                   "Tailor our approach to engagement in Bath"]),
    ("Make Wigan Borough a place where everyone is valued Be kind to others",
     ["Make Wigan Borough a place where everyone is valued", "Be kind to others"]),
    # Two spaces or more always part cells.
    ("Help you to be safe  stay safe", ["Help you to be safe", "stay safe"]),
    ("We will plant 5,000 trees by 2027", ["We will plant 5,000 trees by 2027"]),
])
def test_where_a_run_together_line_parts_into_cells(line: str, cells: list[str]) -> None:
    assert cells_of(line) == cells


def test_three_lines_in_a_row_of_the_same_number_of_cells_are_a_tables_rows() -> None:
    out = run_together_tables_as_cells(TABLE)
    assert out[0] == "Preparing for the future\tDelivering for local residents\tFocusing on prevention"
    assert out[4].split("\t") == ["Walking, micro mobility (cycling), car-sharing, buses, and rail", "Effective approach to fly-tipping",
                                  "Reduce health inequalities"]
    assert out[3] == "" and len(out) == len(TABLE)


@pytest.mark.parametrize("lines", [
    # Two rows are not enough to tell a table from two lines that happen to split alike.
    TABLE[:2],
    # Sentences, bullets, lead-ins and a coded measure's row are never rows of one.
    ["We will plant trees Across the borough.", "We will open libraries Across the borough.", "We will fix roads Across the borough."],
    ["- Plant trees Across the borough", "- Open libraries Across the borough", "- Fix roads Across the borough"],
    ["EN02 Waste recycled High 45%", "EN03 Street complaints Low 190", "EN04 Carbon emissions Low 18%"],
    # A paragraph a PDF wrapped, its lines ending mid-phrase, with a place's name in each.
    ["At the heart of our vision are commitments to make Luton a town built on fairness and",
     "social justice, give our children the best start in life by making Luton a",
     "child friendly town and make Luton a carbon neutral town"],
    # Lines that split into different numbers of cells.
    ["Our parks Clean streets", "Good schools Safe roads Healthy people", "Jobs"],
])
def test_lines_that_are_not_a_run_together_table_stay_as_they_are(lines: list[str]) -> None:
    assert run_together_rows(lines) == {}
    assert run_together_tables_as_cells(lines) == lines


def test_a_drafted_run_together_table_gives_an_item_a_cell() -> None:
    page = "\n".join(["Priority 1: Children and young people", "", "The Deal for Children and Young People",
                      "Help you to be healthier Look after your own health", "Support you to learn and grow Be the best you can be",
                      "Make sure we listen to you Share your views", "", "How do I get involved?"])
    texts = [item.text for item in draft_plan(page).items()]
    assert texts == ["Help you to be healthier", "Look after your own health", "Support you to learn and grow", "Be the best you can be",
                     "Make sure we listen to you", "Share your views"]
