"""Lines repeated page after page: a site's banners and menus, or a plan's own repeated headings."""

from __future__ import annotations

from plancompare.plans.draft_furniture import is_site_notice
from plancompare.plans.draft_layout import next_lines
from plancompare.plans.draft_repeats import listed_entry, repeated_furniture


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
