"""The drafter's item collector and section bookkeeping."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_collect import ItemCollector, Sections, blank, cut_before_object, section_level, sentences
from plancompare.plans.draft_layout import CutWords
from plancompare.plans.draft_write import DraftItem, DraftSection


def _collector(*lines: str) -> ItemCollector:
    return ItemCollector(CutWords(list(lines)))


def test_an_item_is_kept_once_whatever_its_spacing_and_case() -> None:
    section = DraftSection(title="Homes")
    collector = _collector()
    assert collector.add(DraftItem("commitment", "Build 500 new homes.", None), section)
    assert not collector.add(DraftItem("commitment", "build  500 new homes.", None), section)
    assert [item.text for item in section.items] == ["Build 500 new homes."]


def test_the_same_words_of_another_kind_are_another_item() -> None:
    section = DraftSection(title="Homes")
    collector = _collector()
    collector.add(DraftItem("commitment", "More homes", None), section)
    assert collector.add(DraftItem("outcome", "More homes", None), section)
    assert len(section.items) == 2


def test_the_numbered_copy_replaces_the_overview_copy() -> None:
    overview, numbered = DraftSection(title="Overview"), DraftSection(title="Homes")
    collector = _collector()
    collector.add(DraftItem("outcome", "High quality homes", None), overview)
    assert collector.add(DraftItem("outcome", "High quality homes", None, ref="1.2"), numbered)
    assert overview.items == [] and overview.moved == 1
    assert [item.ref for item in numbered.items] == ["1.2"]


def test_statements_are_kept_apart_from_the_sections_items() -> None:
    section = DraftSection(title="Opening")
    collector = _collector()
    collector.add(DraftItem("principle", "Working with residents", None), section)
    assert section.items == [] and [s.text for s in collector.statements] == ["Working with residents"]


def test_fragments_and_pointers_to_a_list_are_not_items() -> None:
    section = DraftSection(title="Homes")
    collector = _collector("We will work with partners", "We will w")
    assert not collector.add(DraftItem("commitment", "We will w", None), section)
    assert not collector.add(DraftItem("indicator", "We track progress in the following key indicators:", None), section)
    assert not collector.add(DraftItem("commitment", "ab", None), section)
    assert section.items == []


def test_an_indicator_keeps_its_first_measure_and_the_measures_after_it() -> None:
    section = DraftSection(title="Health")
    collector = _collector()
    collector.add(DraftItem("indicator", "72% of adults are active. This remains a concern. 15% smoke.", None), section)
    assert [item.text for item in section.items][0].startswith("72% of adults are active")
    assert not any("concern" in item.text for item in section.items)


def test_a_heading_seen_again_reopens_its_section() -> None:
    opening = DraftSection(title="Our plan")
    sections = Sections(opening)
    homes = sections.open("Good homes", 1, None)
    sections.open("Jobs", 2, None)
    assert sections.open("GOOD  homes", None, "check") is homes
    assert [s.title for s in sections.all] == ["Our plan", "Good homes", "Jobs"]
    assert sections.titled("our plan") and not sections.titled("Transport") and len(sections) == 3


@pytest.mark.parametrize(("lines", "level"), [
    (["# Title", "## A", "## B"], 2),
    (["# Title", "text"], 2),
    (["# One", "# Two", "## A", "## B"], 1),
    (["### A", "### B", "#### c"], 3),
])
def test_the_section_level_is_the_shallowest_repeated_heading_level(lines: list[str], level: int) -> None:
    assert section_level(lines) == level


def test_sentences_split_at_stops_but_not_after_abbreviations() -> None:
    assert sentences("We will act. Then we review, e.g. Annually. Done!") == ["We will act.", "Then we review, e.g. Annually.", "Done!"]
    assert sentences("   ") == [] and sentences("No stop here") == ["No stop here"]


def test_blank_counts_outside_the_text_as_blank() -> None:
    lines = ["a", "", "b"]
    assert blank(lines, -1) and blank(lines, 1) and blank(lines, 3) and not blank(lines, 0)


@pytest.mark.parametrize(("text", "signpost"), [
    ("Take a look at our case studies to find out how the fund has helped.", True),
    ("Find out more about our plan.", True),
    ("Watch our video and find out what the council is doing:", True),
    ("For more information, contact the team.", True),
    ("Visit our website to apply.", True),
    ("Visit every care home at least once a year.", False),  # (an action: visits are what is promised)
    ("We will find out what residents need by asking them.", False),
    ("Seeing more people into work", False),
])
def test_the_page_pointing_its_reader_elsewhere_is_not_an_item(text: str, signpost: bool) -> None:
    section = DraftSection(title="Our deal")
    assert _collector().add(DraftItem("commitment", text, None), section) is not signpost


def test_a_sentence_of_three_words_about_what_we_do_cut_before_its_object_is_no_item() -> None:
    assert cut_before_object("We will start") and cut_before_object("We are improving")
    assert cut_before_object("Children, adults, and") and cut_before_object("Whilst some")
    assert cut_before_object("is a key priority within our Workforce Strategy.")
    assert not cut_before_object("Is this the right place to build homes?") and not cut_before_object("have a positive impact on health")
    assert not cut_before_object("Tenant safety") and not cut_before_object("Promote walking, cycling and public transport")
    assert not cut_before_object("We will build homes") and not cut_before_object("We will start.")
    collector = _collector("We will start")
    section = DraftSection(title="Homes")
    assert not collector.add(DraftItem("commitment", "We will start"), section)
    # (A value may be as short: statements are kept.)
    assert collector.add(DraftItem("value", "We listen"), section)
