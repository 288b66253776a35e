"""Drafting rules for layouts the first development councils did not show: lead-ins without their
colon, named entries ("Name – what it is"), picture descriptions, context paragraphs and the plan's
own list of its priorities. Each test drafts a small made-up page laid out that way."""

from __future__ import annotations

import pytest

from plancompare.plans.draft import draft_plan


def _kinds(text: str) -> dict[str, str]:
    return {item.text: item.kind for item in draft_plan(text).items()}


def _page(*lines: str) -> str:
    return "\n".join(lines)


def test_a_lead_in_without_its_colon_gives_its_list_its_kind_and_is_not_an_item() -> None:
    page = _page(
        "Priority 1: Greener places",
        "",
        "Better outcomes for our parks",
        "",
        "For the next four years we will",
        "",
        "  • Ensure every park has a friends group",
        "  • Understand and support parks where visitor numbers are falling because of poverty",
        "  • Plant trees along main roads",
    )
    kinds = _kinds(page)
    assert "For the next four years we will" not in kinds
    assert kinds == {"Ensure every park has a friends group": "commitment",
                     "Understand and support parks where visitor numbers are falling because of poverty": "commitment",
                     "Plant trees along main roads": "commitment"}


def test_a_lead_in_kind_ends_with_its_list() -> None:
    # The title line after the list opens a section: the lead-in's kind does not make it an item.
    page = _page(
        "Priority 1: Greener places",
        "",
        "For the next four years we will",
        "",
        "  • Plant trees along main roads",
        "",
        "Poverty and fairness in the county",
        "",
        "One in eight children lives in poverty in the county, and the gap between the richest and poorest areas is wide.",
    )
    texts = [item.text for item in draft_plan(page).items()]
    assert "Poverty and fairness in the county" not in texts
    assert "Plant trees along main roads" in texts


def test_a_lead_in_ending_in_are_lists_what_it_names() -> None:
    # "…are:" introduces the list; it is not a state of things, so the aims it names give the kind.
    page = _page(
        "Priority 2: A working town",
        "",
        "Our ambitions for a working town are:",
        "",
        "  • A town with more and better jobs",
        "  • A town which helps people to find work",
    )
    assert _kinds(page) == {"A town with more and better jobs": "objective", "A town which helps people to find work": "objective"}


def test_a_photos_alt_text_naming_the_people_pictured_is_not_an_item() -> None:
    page = _page(
        "Priority 3: Living well",
        "",
        "What we will do",
        "",
        "  • A smiling grandmother in her garden",
        "  • Support carers to look after their own health",
        "  • A young girl reading with her dad",
        "  • A town which helps people to find work",
    )
    assert list(_kinds(page)) == ["Support carers to look after their own health", "A town which helps people to find work"]


def test_a_named_entry_keeps_its_description_as_the_item_and_the_name_as_its_heading() -> None:
    page = _page(
        "Our approach",
        "",
        "We do things differently, with five big ideas at the heart of our approach:",
        "",
        "Cooperation – we share knowledge, capacity and resources with our partners across the town.",
        "",
        "Helping people to help themselves – we work closely with community groups to help them run local services.",
        "",
        "A number of themes run through all our work:",
        "",
        "  • Age friendly – we want the town to meet the needs of its residents whatever their age.",
    )
    items = draft_plan(page).items()
    assert [(item.heading, item.text) for item in items] == [
        ("Cooperation", "we share knowledge, capacity and resources with our partners across the town."),
        ("Helping people to help themselves", "we work closely with community groups to help them run local services."),
        ("Age friendly", "we want the town to meet the needs of its residents whatever their age."),
    ]
    assert items[2].kind == "objective"


def test_a_name_before_a_colon_heads_its_description_too() -> None:
    page = _page(
        "Our themes",
        "",
        "The strategy is arranged around three main themes:",
        "",
        "Children and young people: A town where every child belongs and gets the best start in life.",
        "",
        "Health, care and wellbeing: Tackle health inequalities so that people stay healthier for longer.",
        "",
        "Note: figures are for the year to March.",
    )
    items = draft_plan(page).items()
    assert [(item.heading, item.text) for item in items] == [
        ("Children and young people", "A town where every child belongs and gets the best start in life."),
        ("Health, care and wellbeing", "Tackle health inequalities so that people stay healthier for longer."),
    ]


def test_the_lists_of_a_plans_documents_and_the_states_it_wants() -> None:
    page = _page(
        "About the strategy",
        "",
        "The strategy is supported by our Business Plan and Performance Framework:",
        "",
        "  • The Business Plan describes the specific actions we'll take to make progress on the priorities",
        "  • Adopt the Local Plan, which sets out where new homes will go",
        "",
        "We need a thriving town where:",
        "",
        "  • communities feel safe and well",
        "  • communities benefit from local economic growth",
    )
    assert [(item.kind, item.text) for item in draft_plan(page).items()] == [
        ("commitment", "Adopt the Local Plan, which sets out where new homes will go"),
        ("outcome", "communities feel safe and well"),
        ("outcome", "communities benefit from local economic growth"),
    ]


def test_actions_finishing_a_lead_in_that_ends_in_to_are_items_but_topics_are_not() -> None:
    page = _page(
        "Priority 1: Green growth",
        "",
        "Working alongside businesses and partners, the idea is to:",
        "",
        "  • renew the town centres that suffered most in the pandemic",
        "  • ensure everyone has a chance to succeed",
        "",
        "We asked residents about:",
        "",
        "  • how they travel to work",
        "  • renewing the high street",
    )
    assert [item.text for item in draft_plan(page).items()] == [
        "renew the town centres that suffered most in the pandemic", "ensure everyone has a chance to succeed"]


def test_a_dash_that_runs_on_with_a_list_or_an_example_is_not_a_name() -> None:
    page = _page(
        "What we will do",
        "",
        "  • Using greener travel options - walking, cycling, public transport and car sharing",
        "  • Supporting our most vulnerable – including people who are homeless or new to the town",
    )
    assert [item.text for item in draft_plan(page).items()] == [
        "Using greener travel options - walking, cycling, public transport and car sharing",
        "Supporting our most vulnerable – including people who are homeless or new to the town",
    ]


def test_paragraphs_under_a_context_heading_are_the_challenges_the_plan_faces() -> None:
    page = _page(
        "Priority 4: Healthy lives",
        "",
        "Why is this a priority?",
        "",
        "The county has an ageing and growing population with more older people than England as a whole. "
        "We want everyone to live longer, healthier lives.",
    )
    assert _kinds(page) == {
        "The county has an ageing and growing population with more older people than England as a whole.": "challenge",
        "We want everyone to live longer, healthier lives.": "objective",
    }


def test_the_plans_list_of_its_priorities_is_not_items() -> None:
    page = _page(
        "We want the town to be a fair and thriving place.",
        "",
        "Our priorities are:",
        "",
        "  • A working town: creating good jobs and helping local people develop the skills to do them.",
        "  • Decent neighbourhoods: working with communities to look after each other and the environment.",
        "",
        "Priority 1: A working town",
        "",
        "What we will do",
        "",
        "  • Open a jobs hub in the town centre",
    )
    texts = [item.text for item in draft_plan(page).items()]
    assert texts == ["We want the town to be a fair and thriving place.", "Open a jobs hub in the town centre"]


def test_challenges_a_lead_in_announces_under_their_own_titles_stay_challenges() -> None:
    page = _page(
        "Three challenges for the county",
        "",
        "Our priorities are grounded in three long-term challenges for the county:",
        "",
        "Climate change",
        "",
        "Climate change poses a serious threat to quality of life now and for future generations.",
        "",
        "A changing population",
        "",
        "The county's population is ageing and growing, with more older people than the national average.",
    )
    items = draft_plan(page).items()
    assert [(item.heading, item.kind, item.text) for item in items] == [
        ("Climate change", "challenge", "Climate change poses a serious threat to quality of life now and for future generations."),
        ("A changing population", "challenge",
         "The county's population is ageing and growing, with more older people than the national average."),
    ]


def test_a_lead_in_repeated_on_every_page_is_not_furniture() -> None:
    # A banner repeated page after page is furniture; a lead-in each priority's page repeats ("We
    # want:") still gives its list its kind.
    pages = []
    for number, (title, aim) in enumerate([("Greener places", "To cut the carbon the council emits"),
                                           ("Safer streets", "To make every street feel safe after dark"),
                                           ("Good jobs", "To bring well-paid work to every town")], start=1):
        pages += [f"Priority {number}: {title}", "", "We want:", f"- {aim}", ""]
    kinds = _kinds(_page(*pages))
    assert kinds == {"To cut the carbon the council emits": "objective",
                     "To make every street feel safe after dark": "objective",
                     "To bring well-paid work to every town": "objective"}


def test_under_a_challenge_heading_a_plain_sentence_is_a_challenge_but_a_strength_is_not() -> None:
    page = _page(
        "Priority 2: Good jobs",
        "",
        "Our shared challenge",
        "",
        "Our local economy is doing well, with low levels of unemployment. Road congestion is significant in "
        "some areas. Economic resilience is also an issue for us. We continue to work with employers on skills.",
    )
    # (What the council goes on doing about it is its action, not another challenge.)
    assert _kinds(page) == {"Road congestion is significant in some areas.": "challenge",
                            "Economic resilience is also an issue for us.": "challenge",
                            "We continue to work with employers on skills.": "commitment"}


def test_paragraphs_under_a_pictured_year_state_the_outcomes_wanted() -> None:
    # A vision set out as the place it will be ("In 2032... The borough has a robust economy"): the
    # present tense describes the year pictured, on every page that pictures it.
    pages = []
    for number, state in enumerate(["The borough has a robust economy. Entrepreneurs thrive.",
                                    "Every neighbourhood is safe and clean.", "Residents live longer, healthier lives."], start=1):
        pages += [f"Ambition {number}", "", "In 2032...", "", state, ""]
    pages += ["Our history", "", "The borough grew up around its new town."]
    assert _kinds(_page(*pages)) == {"The borough has a robust economy.": "outcome", "Entrepreneurs thrive.": "outcome",
                                     "Every neighbourhood is safe and clean.": "outcome",
                                     "Residents live longer, healthier lives.": "outcome"}


@pytest.mark.parametrize("picture", ["By the year 2050, how does our city look and feel?",
                                     "What will the borough be like in 2040?"])
def test_paragraphs_under_a_question_picturing_a_year_state_the_outcomes_wanted(picture: str) -> None:
    # The year pictured as a question over each theme's page, repeated page after page (not a banner).
    pages = []
    for number, state in enumerate(["People are proud of living here. We are so much more than a commuting town.",
                                    "Everyone can get around easily.", "Older people can be independent for longer."], start=1):
        pages += [f"Theme {number}", "", picture, "", state, ""]
    pages += ["Our history", "", "The borough grew up around its new town."]
    assert _kinds(_page(*pages)) == {"People are proud of living here.": "outcome",
                                     "We are so much more than a commuting town.": "outcome",
                                     "Everyone can get around easily.": "outcome",
                                     "Older people can be independent for longer.": "outcome"}


def test_a_we_will_lead_in_gives_its_kind_to_its_list_and_not_to_the_paragraphs_after_it() -> None:
    page = _page(
        "Priority 2: Sustainable growth",
        "",
        "We will:",
        "",
        "  • Secure the funding for the infrastructure needed to deliver this growth.",
        "  • Make sure that training is linked to the jobs being created.",
        "",
        "House prices are at an all-time high, as supply remains low and demand high. Currently there is no "
        "county-wide growth strategy.",
    )
    # The paragraph is read sentence by sentence: neither is a promise, so neither is drafted one.
    assert _kinds(page) == {"Secure the funding for the infrastructure needed to deliver this growth.": "commitment",
                            "Make sure that training is linked to the jobs being created.": "commitment"}


def test_a_cue_lead_in_over_numbered_labels_still_gives_its_kind_to_the_paragraphs_under_them() -> None:
    # "We will do this by:" over "1. Low Emission Development" and its paragraph: the labels head the
    # paragraphs that are the list, as Coventry sets out its development pathways.
    page = _page(
        "Priority 3: Climate change",
        "",
        "We will do this by:",
        "",
        "1. Low Emission Development",
        "",
        "Investing in technology solutions with businesses and universities to cut emissions.",
        "",
        "2. Nature-based Development",
        "",
        "Promote biodiversity and greenspace across the city.",
    )
    kinds = _kinds(page)
    assert kinds["Investing in technology solutions with businesses and universities to cut emissions."] == "commitment"
    assert kinds["Promote biodiversity and greenspace across the city."] == "commitment"


def test_a_measures_table_flattened_into_lines_gives_one_indicator_a_row() -> None:
    # A table of coded measures whose cells the capture ran together with spaces, one row wrapped onto
    # three lines: each row is its measure, with its code; which way is good and the target are left out.
    page = _page(
        "Council Plan theme - A cleaner, greener local environment",
        "",
        "Performance measures",
        "",
        "Ref Key performance indicators Good is Target 2022/23",
        "EN01a Fly tipping and environmental crime:",
        "a) Effective enforcement actions; fly-tipping",
        "High 37 plus",
        "EN02 Proportion of waste sent for reuse (recycling and composting) High 45%",
        "EN03 Number of trees planted by the Council  High a) 5 Hectares b) 500 Trees",
        "",
        "Back to Council Plan homepage",
    )
    items = [(item.kind, item.ref, item.text) for item in draft_plan(page).items()]
    assert items == [("indicator", "EN01a", "Fly tipping and environmental crime: a) Effective enforcement actions; fly-tipping"),
                     ("indicator", "EN02", "Proportion of waste sent for reuse (recycling and composting)"),
                     ("indicator", "EN03", "Number of trees planted by the Council")]


def test_a_web_page_with_pictures_quotes_and_links_drafts_its_priorities_only() -> None:
    # "Key Priority 2 - …" opens a section as "Priority 2: …" does; a picture's alt text is no
    # heading, a quotation and the line naming who said it are no items, and neither is a link.
    page = _page(
        "Key priority 2 - Net zero Cheltenham",
        "",
        "Councillor Jo Bloggs with a representative from a charity, holding garden tools at the park gates",
        "",
        "We will take action, offer advice and share ideas.",
        "",
        "Read more about key priority 2",
        "",
        "\"Working with the council has helped us unlock the potential of the whole town, and we are excited "
        "about what comes next.\"",
        "",
        "Jo Smith, Growth Lead, Example Partnership",
        "",
        "Key Priority 3 - Affordable homes",
        "",
        "  • A family standing outside their new home at Example MewsIncrease the supply of affordable homes",
    )
    draft = draft_plan(page)
    assert [section.title for section in draft.sections if section.items] == ["Net zero Cheltenham", "Affordable homes"]
    assert [item.text for item in draft.items()] == ["We will take action, offer advice and share ideas.",
                                                     "Increase the supply of affordable homes"]


def test_a_lead_in_paragraph_keeps_its_opening_sentences_and_a_whole_promise_before_its_examples() -> None:
    page = _page(
        "Priority 3: A great place to live",
        "",
        "We will make the borough a great place to live. We will focus on place making with communities, including:",
        "",
        "  • delivering the town centre masterplan",
        "  • renewing our parks",
        "",
        "We will work with partners to:",
        "",
        "  • reduce fly-tipping",
    )
    assert _kinds(page) == {"We will make the borough a great place to live.": "commitment",
                            "We will focus on place making with communities, including:": "commitment",
                            "delivering the town centre masterplan": "commitment", "renewing our parks": "commitment",
                            "reduce fly-tipping": "commitment"}


def test_a_priority_slogan_in_quotation_marks_is_no_item() -> None:
    page = _page(
        "An enterprising economy",
        "",
        '"Working with businesses and people to realise their potential"',
        "",
        "Our commitment",
        "",
        "  • Deliver the town centre masterplan",
    )
    assert _kinds(page) == {"Deliver the town centre masterplan": "commitment"}


def test_goals_numbered_with_a_stop_after_the_number_are_items_with_their_references() -> None:
    page = _page(
        "Priority 1: Good services",
        "",
        "1.B. Transform the way the Council works",
        "1.1. Good quality public services for all",
        "1.1.1. Support all our customers through ongoing delivery of our service plans",
        "1.5.1. Always aiming for investments that save money. For example, investing in solar panels",
    )
    items = {item.text: (item.kind, item.ref) for item in draft_plan(page).items()}
    assert items == {"Transform the way the Council works": ("objective", "1.B"),
                     "Good quality public services for all": ("outcome", "1.1"),
                     "Support all our customers through ongoing delivery of our service plans": ("commitment", "1.1.1"),
                     "Always aiming for investments that save money. For example, investing in solar panels": ("commitment", "1.5.1")}
