"""A paragraph's sentences as items, by their wording and by the heading over them."""

from __future__ import annotations

from plancompare.plans.draft_sentences import ProseContext, add_paragraph, sentence_kind
from plancompare.plans.draft_write import DraftItem


def _items(paragraph: str, context: ProseContext) -> list[tuple[str, str]]:
    kept: list[DraftItem] = []

    def add(item: DraftItem) -> bool:
        kept.append(item)
        return True

    add_paragraph(paragraph, context, add)
    return [(item.kind, item.text) for item in kept]


def test_a_sentence_goes_by_its_own_wording_where_its_heading_names_no_kind() -> None:
    plain = ProseContext(listed=None, heading="Our economy")
    assert sentence_kind("We will build 500 new homes by 2026.", plain) in ("commitment", "target")
    assert sentence_kind("The borough has a robust economy.", plain) is None
    assert sentence_kind("What will we do next?", plain) is None


def test_the_heading_over_a_paragraph_changes_what_its_sentences_are() -> None:
    pictured = ProseContext(listed=None, heading=None, pictures=True)
    assert sentence_kind("The borough has a robust economy.", pictured) == "outcome"
    challenges = ProseContext(listed="challenge", heading="Our challenges", challenges=True)
    assert sentence_kind("Road congestion is significant in some areas.", challenges) == "challenge"
    assert sentence_kind("We continue to work with employers on skills.", challenges) == "commitment"
    aims = ProseContext(listed="objective", heading="Our aims")
    assert sentence_kind("To recreate a council that listens to residents.", aims) == "objective"
    assert sentence_kind("To recreate a council that listens to residents.", ProseContext(None, "Our town")) is None
    differences = ProseContext(listed="difference", heading="What you will see")
    assert sentence_kind("Cleaner streets in every ward.", differences) == "difference"


def test_a_sentence_pointing_back_finishes_the_item_before_it() -> None:
    items = _items("We will open a new library. To do this we will work with the university. We will plant trees.",
                   ProseContext(listed=None, heading=None))
    assert items == [("commitment", "We will open a new library. To do this we will work with the university."),
                     ("commitment", "We will plant trees.")]


def test_a_sentence_the_collector_refused_is_not_continued() -> None:
    seen: list[str] = []

    def refuse(item: DraftItem) -> bool:
        seen.append(item.text)
        return False

    add_paragraph("We will open a new library. To do this we will work with the university.", ProseContext(None, None), refuse)
    # (so the continuation is read as a sentence of its own)
    assert seen == ["We will open a new library.", "To do this we will work with the university."]
