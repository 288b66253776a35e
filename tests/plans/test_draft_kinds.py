"""The stated rule for each kind of drafted item, from its wording and from its heading."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_kinds import heading_kind, item_kind, numbered_kind, wording_kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Provide 1,000 homes direct by the Council", "target"),
    ("We will plant 5,000 trees by 2030.", "target"),
    ("62% of respondents give some form of unpaid help.", "indicator"),
    ("£6.1 billion contribution to the national economy", "indicator"),
    ("Number of bus passenger journeys", "indicator"),
    ("We’ll support our schools to support our young people.", "commitment"),  # a curly apostrophe
    ("The council will publish a new plan.", "commitment"),
    ("Working with landlords to insulate homes", "commitment"),
    ("Deliver the bus improvement plan", "commitment"),
    ("We want every child to be safe and happy.", "objective"),
    ("Ensure everyone can live well and safely together", "objective"),
    ("Too many households are living in fuel poverty.", "challenge"),
    # Problems in general English words, with no "problem" in them.
    ("There is a lack of affordable family housing in the county.", "challenge"),
    ("Rural residents face growing isolation and loneliness.", "challenge"),
    ("Many households face a fall in real incomes this winter.", "challenge"),
    # What should be is a state of things wanted; what something needs to do, or we should, an aim.
    ("Every neighbourhood should have a park within a short walk.", "outcome"),
    ("We should listen before we act.", "objective"),
    ("The local economy needs to work for everyone who lives here.", "objective"),
    ("Fewer children living in poverty", "outcome"),  # the change wanted, though it names a problem
    ("Better health for everyone", "outcome"),
    ("Children are healthy, safe and protected from harm", "outcome"),
    ("All residents will enjoy happier, healthier lives.", "outcome"),
    ("Our history", None),
    # A target is dated, or quantified by a figure that is not a year.
    ("We’ll open two new libraries in 2025.", "target"),
    ("Working with the Skills Board, deliver the ambitions of the Skills Strategy 2020-2030.", "commitment"),
    ("In 2020, almost 800 people died from COVID-19 across the county.", "indicator"),  # a past year's figure
    ("In 2021 we declared a climate emergency.", None),
    ("3.2 million Park and Ride journeys in the last year", "indicator"),
    ("With that in mind, we're planning to cut emissions.", "commitment"),
    # What the council is doing is a promise; what a thing "will" do, or how we are doing, is not.
    ("We will make rapid progress towards our target of 2,000 new homes.", "target"),  # names its quantified goal
    ("We will continue to support the 500 young people not in work.", "commitment"),  # a figure, but no target
    ("We're delivering our plans to revitalise the town centre.", "commitment"),
    ("We are working to build a better organisation.", "objective"),
    ("This will shape areas like education and transport.", None),
    ("It will give everyone more say in the decisions that affect them.", None),
    # An aim stated with "aim" as a noun, or with the words people use for wanting something done.
    ("Our overall aim is to increase life expectancy across the county.", "objective"),
    ("The partnership’s aim is to make sure families get the right support.", "objective"),
    ("We’re passionate about enabling people to achieve their full potential.", "objective"),
    ("We have a clear ambition to provide a good educational offer.", "objective"),
    ("We are keen to ensure that staff are proud to work here.", "objective"),
    ("We are aiming to recruit from the widest pool of talent.", "objective"),
    ("Our focus is the quality of life of residents.", "objective"),
    ("At its heart is our mission to tackle poverty and inequality.", "objective"),
    ("It is our intention to work tirelessly for the people of the county.", "objective"),
    # Being determined to do something promises it, as "we will" does.
    ("We’re determined to make more of these assets for residents.", "commitment"),
    ("We are ambitious for our city and its residents.", None),  # (a boast, not an aim)
    # What residents are asked to do.
    ("We need you to take responsibility for your own health and wellness.", "ask"),
    ("We’re asking schools to pick one commitment from the list.", "ask"),
    ("We need to ask ourselves hard questions.", "objective"),  # (not asking anyone)
    ("It is important that residents can reach the town centre by bus.", "objective"),  # (what matters is an aim)
    ("It is essential we ensure people start life well.", "objective"),
    # A figure reported as a sentence (what is or was, or how it changed) is a measurement.
    ("There were 41 road casualties per 10,000 residents last year.", "indicator"),
    ("The county has 1,400 miles of hedgerow.", "indicator"),
    ("Household recycling has risen 12% since 2019.", "indicator"),
    ("Only 48% of pupils are reaching the expected standard.", "indicator"),
    ("The gap in life expectancy between wards is 9 years.", "challenge"),  # (a problem named stays one)
    ("Bus use will have risen 20% by 2030.", "target"),  # (a figure ahead is a goal)
    # A sentence whose subject is the challenge states one, whatever it goes on to aim at.
    ("Our challenge is to make sure that more local people can secure good jobs.", "challenge"),
    ("The key challenges are the cost of housing and the condition of the roads.", "challenge"),
    # A plan's account of what it faces, in general English words for a problem.
    ("There is an urgent need to ensure the delivery of significant future growth.", "challenge"),
    ("COVID-19 has emphasised the fragility of our local economy.", "challenge"),
    ("We also face the challenge of supporting our communities to recover.", "challenge"),
    ("We are already seeing the impact of climate change locally.", "challenge"),
    ("We will meet the challenges of the next decade together.", "commitment"),  # (a promise stays one)
    # What the council is doing now, an adverb between.
    ("We are currently working with the local NHS to deliver a joint Place Plan.", "commitment"),
    ("We are now investing in every library.", "commitment"),
])
def test_wording_gives_each_kind(text: str, kind: str | None) -> None:
    assert wording_kind(text) == kind


@pytest.mark.parametrize(("heading", "kind"), [
    ("What this will mean for you", "difference"),
    # What residents will notice, however the plan puts it.
    ("What Islington will look and feel like for residents", "difference"),
    ("What this means for local people", "difference"),
    ("What the town will be like for families", "difference"),
    ("Key challenges", "challenge"),
    ("Key statistics", "indicator"),
    ("Annual Plan 2024-2025", "commitment"),  # (a year's actions under a plan of several years)
    ("Annual Delivery Plan", "commitment"),
    ("How we'll measure success", "indicator"),
    ("Our targets", "target"),
    ("Priority outcomes", "outcome"),
    # (the last noun names the kind: target outcomes are outcomes)
    ("Target outcomes", "outcome"),
    ("Our target outcome for 2040", "outcome"),
    ("Outcome targets", "target"),
    ("Our aims", "objective"),
    ("Focused strategic objective", "objective"),
    ("What we will do", "commitment"),
    ("How we will deliver the outcomes for thriving communities", "commitment"),
    ("How we will measure success", "indicator"),
    ("Your part", "ask"),
    ("What you can do", "ask"),
    ("How residents can help", "ask"),
    ("Our part", "commitment"),
    ("Partnerships", None),
    ("Healthy Cornwall", None),
    (None, None),
])
def test_headings_that_name_a_kind(heading: str | None, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_a_bullet_takes_its_headings_kind_and_a_sentence_its_own_words() -> None:
    assert item_kind("Create more homes and jobs", "Our aims", bulleted=True) == ("objective", None)
    assert item_kind("Provide 1,000 homes by 2030", "What we will do", bulleted=True) == ("target", None)
    assert item_kind("We will build homes.", "Our aims", bulleted=False) == ("commitment", None)
    assert item_kind("Sheltered gardens", None, bulleted=True) == (
        "commitment", "kind guessed: neither its wording nor its heading says what it is")


def test_an_ing_word_opening_a_paragraphs_sentence_is_its_subject_when_a_verb_follows() -> None:
    assert wording_kind("Growing the local economy is the foundation of everything.", in_prose=True) != "commitment"
    assert wording_kind("Growing the local economy is the foundation of everything.") == "commitment"  # as a bullet
    assert wording_kind("Working with landlords to improve private rented homes.", in_prose=True) == "commitment"


def test_how_we_are_doing_something_is_not_a_promise() -> None:
    assert wording_kind("Please read how we are supporting residents during the storm.") != "commitment"
    assert wording_kind("We have to know whether we are making progress.") != "commitment"


def test_an_infinitive_action_states_an_aim_but_to_do_this_and_to_date_do_not() -> None:
    from plancompare.plans.draft_kinds import states_aim

    assert states_aim("To recreate a council that's proactive and responsive to the needs of our residents.")
    assert states_aim("To make sure every child has a good school place.")
    assert not states_aim("To do this we will work with schools.")
    assert not states_aim("To date we have built 400 homes.")
    assert not states_aim("Together we will make the borough greener.")


def test_a_focus_on_is_an_aim() -> None:
    assert wording_kind("A focus on encouraging major business investment as well as supporting smaller businesses", in_prose=True) == "objective"



@pytest.mark.parametrize("sentence", [
    "Being Open for Business is a key priority for the Council to continue this growth.",
    "A key priority is also keeping children and young people safe.",
    "We know our role is to help preserve and protect our environment for future generations.",
])
def test_a_sentence_naming_its_subject_a_priority_or_the_councils_role_is_an_aim(sentence: str) -> None:
    assert wording_kind(sentence, in_prose=True) == "objective"


def test_the_word_priority_alone_states_no_aim() -> None:
    assert wording_kind("The priority list was agreed by cabinet in March.", in_prose=True) is None


def test_a_figure_reported_in_a_paragraph_is_context_not_a_measure_unless_it_is_a_share() -> None:
    # In prose a sentence with a figure mostly sets the scene; in a list or on a line of its own it
    # is what the plan reports, and so is a share reported in prose.
    assert wording_kind("The county has 1,400 miles of hedgerow.", in_prose=True) is None
    assert wording_kind("Council buildings make up 0.7 per cent of the borough's emissions.", in_prose=True) == "indicator"
    assert wording_kind("Satisfaction with the council has fallen to 47%.", in_prose=True) == "indicator"


@pytest.mark.parametrize(("heading", "kind"), [
    ("What we're aiming to achieve", "outcome"),
    ("What success will look like", "outcome"),
    ("What success looks like for you", "difference"),
    ("Tracking our progress", "indicator"),
    ("Progress with the new library", None),
])
def test_headings_naming_the_results_wanted_or_how_progress_is_tracked(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize("text, ref, kind", [
    ("Strengthen families where children need extra support", "1.1", "outcome"),  # a result wanted, however worded
    ("Transform the way the Council works", "1.B", "objective"),  # lettered: the aim above the results
    ("Support all our customers through our service plans", "1.1.1", "commitment"),  # a level down: the means
    ("Grazeley solar farm going live by the end of 2025", "3.2.1", "target"),
])
def test_a_numbered_goal_takes_its_kind_from_its_level(text: str, ref: str, kind: str) -> None:
    assert numbered_kind(text, ref) == kind
