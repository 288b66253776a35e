"""Sentences of a plan's prose: about the document, finishing the one before, praising the place, looking ahead."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_prose import continues_previous, describes_document, reports_past, tells_strength


@pytest.mark.parametrize("sentence, describes", [
    ("This strategy sets out our vision for raising the quality of life for everyone.", True),
    ("The Council Plan identifies what the Council will aim to deliver with partners.", True),
    ("It also provides an overview of the county as a place now.", True),
    ("Our plan is structured around 6 priorities shaped by local people:", True),
    ("These are the things we will achieve for people who live and work here.", True),
    ("Under each priority is a list of activities that reflect the type of work we will do.", True),
    ("This is the City Council's plan for how we are going to play our role.", True),
    # A plan that sets out how we will do something promises it; governance is kept; so are aims.
    ("This plan sets out how we will work with our partners to build a fairer city.", False),
    ("The plan will be subject to an annual review process.", False),
    ("It is our ambition to raise the standard of life for all our residents.", False),
    ("We will set out a new transport strategy by 2025.", False),
    ("We will provide 500 new homes.", False),
])
def test_sentences_that_describe_the_document(sentence: str, describes: bool) -> None:
    assert describes_document(sentence) is describes


@pytest.mark.parametrize("sentence, continues", [
    ("To do this we will establish a coordination board.", True),
    ("In particular, we will tackle health inequalities.", True),
    ("These include a new rail link and an innovation campus.", True),
    ("Where this isn’t possible, we will find a safe home for children.", True),
    ("We will do this by working with local suppliers.", False),
    ("This will include continuing our work with partners.", False),
    ("We will build 500 homes.", False),
])
def test_sentences_that_finish_the_one_before(sentence: str, continues: bool) -> None:
    assert continues_previous(sentence) is continues


def test_how_a_document_came_about_describes_it() -> None:
    assert describes_document("This strategy has been developed with residents and partners over the last year.")
    assert describes_document("The framework is designed to give members a clear view of progress.")
    assert not describes_document("We have developed a new apprenticeship scheme with local employers.")


def test_a_sentence_pointing_at_the_plans_own_aims_or_a_report_describes_the_document() -> None:
    assert describes_document("Our corporate strategy sets out how we will achieve our aims and deliver our priorities.")
    assert describes_document("Progress on delivering the Council's priorities during 2020-21 has been captured in the Council Priority report.")
    # (A plan setting out how the council will do something else still promises it.)
    assert not describes_document("This plan sets out how we will work with partners to build 1,000 homes.")


def test_a_sentence_saying_where_the_priorities_are_written_describes_the_document() -> None:
    assert describes_document("All of these priorities and much more are contained in our Corporate Plan 2023 to 2027.")
    assert not describes_document("We will keep the details of every contract in one public register.")
    assert describes_document("This plan demonstrates how we will work to achieve our vision and priorities.")


@pytest.mark.parametrize(("sentence", "strength"), [
    ("The borough has a vibrant arts scene and award-winning parks.", True),
    ("We are home to world-class universities.", True),
    ("The district has a rich history, but too many of its young people leave school without qualifications.", False),
    ("House prices have risen faster than wages for a decade.", False),
])
def test_a_sentence_that_praises_without_naming_a_problem_tells_a_strength(sentence: str, strength: bool) -> None:
    assert tells_strength(sentence) is strength


@pytest.mark.parametrize(("sentence", "past"), [
    ("In July 2024, the Family Hubs programme officially opened its doors.", True),
    ("Since the full inspection in October 2022, our services have received six monitoring visits.", True),
    ("Since 2010, child poverty has risen in every ward.", False),  # (a problem, however dated)
    ("In 2030 we will have planted a million trees.", False),  # (ahead, not past)
    ("The borough's roads carry more traffic each year.", False),
    # What the council has done, undated, is progress too; a problem that has grown is not.
    ("We have also launched a Family Helpline to provide support.", True),
    ("Our Health and Wellbeing Strategy was finalised in autumn 2024.", True),
    ("Mental health challenges have grown during the pandemic.", False),
    ("House prices have risen faster than wages.", False),
])
def test_a_context_sentence_dated_in_the_past_reports_progress(sentence: str, past: bool) -> None:
    assert reports_past(sentence) is past
