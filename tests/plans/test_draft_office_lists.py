"""Drafting rules about the shape of a priority's page: who answers for it, the sub-headings a list
carries, and an outcome set out again as the heading of its actions. Each test is a small made-up
plan page laid out as English council plan pages are."""

from __future__ import annotations

from plancompare.plans.draft import draft_plan
from plancompare.plans.draft_headings import names_office_holders


def _texts(text: str) -> list[str]:
    return [item.text for item in draft_plan(text).items()]


def test_office_holders_under_an_accountability_heading_are_not_items() -> None:
    page = "\n".join([
        "Priority 1: Safer streets",
        "",
        "Accountability for delivery",
        "",
        "  • Cabinet Member for Roads and Transport",
        "  • Director of Place",
        "  • The Leader of the Council has oversight across every priority",
        "",
        "What we will do",
        "",
        "  • Repair potholes within a week of their being reported",
        "  • Light every underpass",
    ])
    texts = _texts(page)
    assert texts == ["Repair potholes within a week of their being reported", "Light every underpass"]


def test_office_holder_headings_are_recognised_by_their_wording() -> None:
    assert names_office_holders("Accountability for delivery", "Accountability for delivery")
    assert names_office_holders("Lead cabinet member:", "Lead cabinet member:")
    assert names_office_holders("Responsible officers", "Responsible officers")
    # Not a bullet, not a sentence, and not a heading that merely mentions responsibility later on.
    assert not names_office_holders("Responsible officers", "- Responsible officers")
    assert not names_office_holders("We are accountable to residents.", "We are accountable to residents.")
    assert not names_office_holders("Taking responsibility for our streets", "Taking responsibility for our streets")
