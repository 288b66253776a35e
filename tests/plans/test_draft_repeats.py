"""Lines repeated page after page: a site's banners and menus, or a plan's own repeated headings."""

from __future__ import annotations

from plancompare.plans.draft_furniture import is_site_notice
from plancompare.plans.draft_layout import next_lines
from plancompare.plans.draft import draft_plan
from plancompare.plans.draft_repeats import listed_entry, page_titles, repeated_furniture


def _page(lines: list[str]) -> set[str]:
    return repeated_furniture(lines, lines, next_lines(lines, is_site_notice))


def test_a_short_line_on_every_page_is_a_banner() -> None:
    pages = []
    for number in range(3):
        pages += ["Report it online", f"Priority {number}", f"We will do thing {number} for residents."]
    assert _page(pages) == {"Report it online"}


def test_a_repeated_heading_naming_a_kind_a_lead_in_or_a_pictured_year_is_the_plans_own() -> None:
    pages = []
    for number in range(3):
        pages += ["Key statistics", "We want:", "By the year 2050, how does our city look and feel?", f"We will do thing {number}."]
    assert _page(pages) == set()


def test_a_heading_the_plan_lists_is_still_a_heading_where_a_paragraph_follows_it() -> None:
    paragraph = "Our residents told us that good homes matter to them more than anything else, and we have listened to what they said."
    lines = ["- Good homes", "Good homes", paragraph, "Good homes", paragraph, "Good homes", paragraph]
    assert "Good homes" not in _page(lines)
    assert "Good homes" in _page(["Good homes", "Short line.", "Good homes", "Short line.", "Good homes", "Short line."])


def test_a_listed_entry_loses_its_mark_and_page_number() -> None:
    assert listed_entry("  • Good homes ........ 12") == "Good homes"


def test_page_titles_sharing_a_name_are_each_pages_own_heading() -> None:
    lines = ["The Town Plan - 2023 to 2026 - Inclusive growth for everyone", "We will grow.",
             "The Town Plan - 2023 to 2026 - Better homes", "We will build.",
             "A safer town | Anytown Council", "Our parks | Anytown Council", "Our roads | Anytown Council",
             "The Town Plan - 2023 to 2026 - A safer borough", "Outcome - Fewer people sleeping rough",
             "Outcome - More homes", "Outcome - Cleaner air", "Corporate Plan 2023 - 2028", "Corporate Plan 2023 - 2028"]
    assert page_titles(lines, lines) == {0: "Inclusive growth for everyone", 2: "Better homes", 4: "A safer town", 5: "Our parks",
                                         6: "Our roads", 7: "A safer borough"}


def test_a_name_shared_by_fewer_than_three_titles_or_a_table_row_is_no_page_title() -> None:
    lines = ["Plan - Homes", "Plan - Roads", "Our Plan - Homes", "Our Plan - Roads", "- Our Plan - Parks"]
    assert page_titles(lines, lines) == {}
    rows = ["Activity | Milestone | Lead", "Activity | Milestone | Owner", "Activity | Milestone | Date"]
    assert page_titles(rows, [row.replace(" | ", "\t") for row in rows]) == {}


def test_a_page_title_opens_a_section_even_after_a_heading_naming_a_kind() -> None:
    page = []
    for name in ("Inclusive growth", "Better homes", "Safer streets"):
        page += [f"The Town Plan - 2023 to 2026 - {name}", "", "Published: 15 December 2023", "",
                 f"We will make {name.lower()} happen for every resident of the borough over the next three years.", "",
                 "Short term goals", "", "In the short term, we will:", "", f"  • deliver a {name.lower()} strategy", "", ""]
    sections = draft_plan("\n".join(page)).sections
    assert [section.title for section in sections][-3:] == ["Inclusive growth", "Better homes", "Safer streets"]
    assert [item.text for item in sections[-1].items] == ["We will make safer streets happen for every resident of the borough over the next three years.",
                                                          "deliver a safer streets strategy"]
