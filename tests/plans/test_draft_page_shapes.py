"""Drafting rules about the shape of a priority's page: who answers for it, the sub-headings a list
carries, and an outcome set out again as the heading of its actions. Each test is a small made-up
plan page laid out as English council plan pages are."""

from __future__ import annotations

from plancompare.plans.draft import draft_plan
from plancompare.plans.draft_headings import names_achievements, names_office_holders, names_partners
from plancompare.plans.draft_layout import pipe_tables_as_cells


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
    assert not names_office_holders("Responsible business", "Responsible business")
    assert not names_office_holders("Accountability to residents", "Accountability to residents")
    assert names_office_holders("Who is responsible?", "Who is responsible?")


def _kinds(text: str) -> dict[str, str]:
    return {item.text: item.kind for item in draft_plan(text).items()}


NESTED_PAGE = "\n".join([
    "Priority 2: Cleaner neighbourhoods",
    "",
    "What we want to achieve",
    "",
    "  1. Priority outcomes",
    "",
    "    1. Greener and cleaner streets",
    "    2. Parks that families choose to visit",
    "  1. How we will deliver the outcomes for cleaner neighbourhoods",
    "",
    "    1. Greener and cleaner streets",
    "",
    "      1. Sweep every town centre street daily",
    "      2. Replace litter bins with larger ones",
])


def test_a_list_entry_naming_a_kind_heads_the_list_under_it() -> None:
    kinds = _kinds(NESTED_PAGE)
    assert "Priority outcomes" not in kinds
    assert not any(text.startswith("How we will deliver") for text in kinds)
    assert kinds["Greener and cleaner streets"] == "outcome"
    assert kinds["Parks that families choose to visit"] == "outcome"


def test_an_outcome_set_out_again_heads_its_actions_which_stay_commitments() -> None:
    draft = draft_plan(NESTED_PAGE)
    items = {item.text: item for item in draft.items()}
    assert [item.text for item in draft.items()].count("Greener and cleaner streets") == 1
    assert items["Sweep every town centre street daily"].kind == "commitment"
    assert items["Sweep every town centre street daily"].heading == "Greener and cleaner streets"
    assert items["Replace litter bins with larger ones"].kind == "commitment"


def test_an_unbulleted_outcome_set_out_again_over_a_list_is_not_a_new_section() -> None:
    page = "\n".join([
        "Priority 3: Learning",
        "Priority outcomes",
        "- Enough good school places for every child",
        "- More adults in work",
        "How we will deliver the outcomes for learning, skills and work across the whole county",
        "Enough good school places for every child",
        "- Open two new primary schools",
        "- Expand the sixth form college",
    ])
    draft = draft_plan(page)
    kinds = {item.text: item.kind for item in draft.items()}
    assert kinds["Enough good school places for every child"] == "outcome"
    assert kinds["Open two new primary schools"] == "commitment"
    assert kinds["Expand the sixth form college"] == "commitment"
    assert "Enough good school places for every child" not in [section.title for section in draft.sections]
    assert not any(text.startswith("How we will deliver") for text in kinds)


def test_a_longer_entry_naming_outcomes_or_actions_stays_an_item() -> None:
    page = "\n".join([
        "Key challenges",
        "- Inadequate housing contributes to poor health outcomes",
        "- Climate change strategy and actions",
        "- Loneliness among older residents",
    ])
    texts = [item.text for item in draft_plan(page).items()]
    assert "Inadequate housing contributes to poor health outcomes" in texts
    assert "Climate change strategy and actions" in texts


def test_a_lead_in_stating_the_result_wanted_leaves_its_list_to_its_own_wording() -> None:
    from plancompare.plans.draft_lead_ins import lead_in_kind

    assert lead_in_kind("To have enough good quality, affordable homes:") is None
    page = "\n".join([
        "Priority 4",
        "To have enough good quality, affordable homes:",
        "- Building 500 council homes by 2030",
        "- Working with landlords to improve private rented homes",
        "- Tackling empty homes across the borough",
    ])
    kinds = _kinds(page)
    assert kinds["Working with landlords to improve private rented homes"] == "commitment"
    assert kinds["Tackling empty homes across the borough"] == "commitment"
    assert kinds["Building 500 council homes by 2030"] == "target"


def test_a_lead_in_naming_what_the_plan_will_bring_still_lists_outcomes() -> None:
    from plancompare.plans.draft_lead_ins import lead_in_kind

    assert lead_in_kind("These steps will:") == "outcome"


def test_an_action_on_a_problem_is_a_commitment_and_the_problem_alone_a_challenge() -> None:
    from plancompare.plans.draft_kinds import wording_kind

    assert wording_kind("Reduce health inequalities across the borough.") == "commitment"
    assert wording_kind("Tackling child poverty in every ward") == "commitment"
    assert wording_kind("Health inequalities remain wide across the borough.") == "challenge"
    assert wording_kind("Fewer children living in poverty") == "outcome"


def test_a_numbered_entry_standing_alone_between_paragraphs_heads_the_paragraph() -> None:
    page = "\n".join([
        "Our priorities for the next year",
        "",
        "We have chosen five priorities for the year ahead. The priorities are:",
        "",
        "  1. Cleaner streets",
        "",
        "    We will double the number of street cleaning crews working in the town centre at weekends.",
        "",
        "  2. Better buses",
        "",
        "    We will work with operators to restore the evening services cut during the pandemic.",
    ])
    draft = draft_plan(page)
    items = {item.text: item for item in draft.items()}
    assert "Cleaner streets" not in items and "Better buses" not in items
    promise = "We will double the number of street cleaning crews working in the town centre at weekends."
    assert items[promise].heading == "Cleaner streets"


def test_the_last_entry_of_a_list_and_a_lone_bullet_after_a_lead_in_stay_items() -> None:
    page = "\n".join([
        "Our priorities",
        "",
        "Everything we do this year serves these priorities, set by residents in the spring survey.",
        "",
        "- Safer streets",
        "- Thriving town centres",
        "",
        "All that we do as a council will support delivery of these priorities in every ward.",
        "",
        "We want our residents to help us deliver this plan by:",
        "",
        "- Recycling more",
        "",
        "We will report on how we are doing every quarter to the cabinet and to residents.",
    ])
    texts = [item.text for item in draft_plan(page).items()]
    assert "Thriving town centres" in texts
    assert "Recycling more" in texts


def test_a_dated_goal_under_a_measures_cue_is_a_target_and_a_measure_stays_an_indicator() -> None:
    page = "\n".join([
        "Priority 5: Good jobs",
        "",
        "We will work with employers to bring well paid jobs to the borough and help residents into them.",
        "",
        "Measuring performance",
        "",
        "- By 2030, the employment rate in every ward will have risen to the county average.",
        "- Number of residents claiming out-of-work benefits",
    ])
    kinds = _kinds(page)
    assert kinds["By 2030, the employment rate in every ward will have risen to the county average."] == "target"
    assert kinds["Number of residents claiming out-of-work benefits"] == "indicator"


OPENING = "\n".join([
    "Council Plan 2025 to 2029",
    "",
    "We will work with residents and use our resources wisely to:",
    "",
    "  • keep our towns clean and safe",
    "  • build more homes for local families",
    "",
    "Our plan is structured around two priorities:",
    "",
    "  • Safer towns",
    "  • More homes",
    "",
    "Safer towns",
    "",
    "  • Light every underpass",
    "  • Repair potholes within a week",
])


def test_the_list_a_plan_opens_with_under_a_lead_in_is_plan_level() -> None:
    draft = draft_plan(OPENING)
    statements = [item.text for item in draft.statements]
    assert statements == ["keep our towns clean and safe", "build more homes for local families"]
    texts = [item.text for item in draft.items()]
    assert "keep our towns clean and safe" not in texts
    assert "Light every underpass" in texts and "Repair potholes within a week" in texts


def test_lead_ins_introducing_the_plans_parts_do_not_set_out_its_approach() -> None:
    from plancompare.plans.draft_lead_ins import sets_out_approach

    assert sets_out_approach("We will work with residents and use our resources wisely to:")
    assert sets_out_approach("To make our vision a reality we must:")
    assert not sets_out_approach("Our plan is structured around two priorities:")
    assert not sets_out_approach("We will focus on the following:")
    assert not sets_out_approach("The council has published its plan:")


def test_a_sentence_saying_what_the_document_details_is_not_an_item() -> None:
    from plancompare.plans.draft_prose import describes_document

    assert describes_document("It details the goals that everyone in our city will work towards.")
    assert describes_document("This plan presents our priorities for the next four years.")
    assert not describes_document("We will publish the details of every contract we let.")


def test_a_lower_case_bullet_in_quotes_still_finishes_its_lead_in() -> None:
    page = "\n".join([
        "Working with partners",
        "",
        "We have worked alongside partners to put support in place, including:",
        "",
        "  • social care",
        "  • 'warm spaces' across the county to help people through the winter.",
        "",
        "We will keep the warm spaces open every winter until 2028.",
    ])
    texts = [item.text for item in draft_plan(page).items()]
    assert not any("warm spaces' across" in text for text in texts)
    assert "We will keep the warm spaces open every winter until 2028." in texts


def test_an_aim_verb_with_a_figure_is_a_target_and_without_one_an_aim() -> None:
    from plancompare.plans.draft_kinds import wording_kind

    assert wording_kind("Ensuring every ward has a park by planting 2,000 new trees a year") == "target"
    assert wording_kind("Ensure every ward has a park within walking distance") == "objective"


def test_a_decimal_figure_opening_a_bullet_is_a_measurement_not_a_section_reference() -> None:
    page = "\n".join([
        "Key statistics",
        "- 4.5 million bus journeys in the last year.",
        "",
        "Outcomes",
        "- 1.2 High quality homes for every family",
    ])
    items = {item.text: item for item in draft_plan(page).items()}
    assert items["4.5 million bus journeys in the last year."].kind == "indicator"
    assert items["High quality homes for every family"].ref == "1.2"


def test_a_short_item_cut_off_in_a_three_letter_stub_is_a_fragment() -> None:
    from plancompare.plans.draft_layout import CutWords

    cut = CutWords(["We will invest in prevention and early help.", "- Embed pre"])
    assert cut.fragment("Embed pre")
    # Not a whole word the text writes, nor a stub in a longer item, which keeps enough to mean something.
    assert not CutWords(["Arts for all", "Sport for all", "Parks for all"]).fragment("Arts for all")
    assert not cut.fragment("Work with schools and partners to embed pre")



def test_a_single_word_cut_off_where_an_excerpt_ends_is_a_fragment_however_long() -> None:
    from plancompare.plans.draft_layout import CutWords

    cut = CutWords(["We will support families.", "- support children with speech and language", "- suppo"])
    assert cut.fragment("suppo")
    assert not cut.fragment("support")  # (a whole word the text writes elsewhere)


def test_a_lead_in_saying_what_the_council_has_already_provided_lists_its_record() -> None:
    for lead_in in ("Despite the difficult financial conditions, we have provided:", "Since 2019 we’ve built:", "So far we have delivered:"):
        assert names_achievements(lead_in), lead_in
    for lead_in in ("We have identified:", "We have to:", "We have two priorities:"):
        assert not names_achievements(lead_in), lead_in
    page = "\n".join(["Good services", "", "We will keep services running for every resident of the borough, whatever the cost pressures we face.", "",
                      "Despite the difficult financial conditions, we have provided:", "", "  • abolished home care charges",
                      "  • maintained weekly bin collections.", "", "We will keep council tax low."])
    assert _texts(page) == ["We will keep services running for every resident of the borough, whatever the cost pressures we face.",
                            "We will keep council tax low."]
