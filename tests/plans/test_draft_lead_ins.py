"""What a lead-in line ending in ":" says about the list after it."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_lead_ins import lead_in_kind, promises_with_examples, sets_out_approach


@pytest.mark.parametrize("lead_in, kind", [
    ("The outcomes we will focus on", "outcome"),  # (what the subject names, before what it focuses on)
    ("The challenges we face are:", "challenge"),
    ("Our areas of focus for the next 2 years will be on:", "objective"),  # what a plan focuses on are its aims
    ("Our focus areas are:", "objective"),
    ("Together, these steps will:", "outcome"),
    ("This plan will:", "outcome"),
    ("We will:", "commitment"),
    ("For the next ten years, we'll focus on:", "objective"),
    ("Our priorities are:", "objective"),
    ("Our priorities are to:", "objective"),  # ("…are to:" names its list as "…are:" does)
    ("Our commitments are to:", "commitment"),
    ("Our aim is to:", "objective"),
    ("We asked you about:", None),
    ("We need a thriving city where:", "outcome"),  # (the states it wants, each finishing the sentence)
    ("We need a sustainable town where the:", "outcome"),
    ("In return, we ask that you:", "ask"),
    ("Everything we do will be built on the following principles:", "principle"),
    ("We work with partners with the aim of tackling the key challenges in the District identified as:", "challenge"),
    ("Our priorities to tackle these challenges are:", "objective"),  # (the subject names the list)  # (what residents are asked to do, each finishing the sentence)
    ("What we ask of residents:", "ask"),
    ("To measure progress on this priority we will be regularly monitoring the following target outcomes:", "outcome"),
    ("Our target outcomes are:", "outcome"),
    # (a lead-in counting its list names it)
    ("For this priority there are five target outcomes:", "outcome"),
    ("There are three key challenges:", "challenge"),
])
def test_a_lead_in_gives_the_kind_of_what_finishes_it(lead_in: str, kind: str | None) -> None:
    assert lead_in_kind(lead_in) == kind


def test_a_lead_in_that_says_how_the_council_will_go_about_its_vision_sets_out_its_approach() -> None:
    assert sets_out_approach("We will work with the people of the county and use our resources wisely to:")
    assert not sets_out_approach("Our plan is structured around six priorities:")


@pytest.mark.parametrize("lead_in, whole", [
    ("We will invest in housing suitable for all the city's residents, including:", True),
    ("We will focus on place making and working with communities to improve the places that matter, including:", True),
    ("We will improve our parks and open spaces, such as:", True),
    # (Unfinished until its list, or no promise.)
    ("We will work with partners to:", False),
    ("We have a number of challenges including:", False),
    ("We have worked alongside partners to put support in place, including:", False),
])
def test_a_promise_whole_before_its_examples_is_an_item(lead_in: str, whole: bool) -> None:
    assert promises_with_examples(lead_in) is whole
