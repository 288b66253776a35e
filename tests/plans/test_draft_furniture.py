"""A web page's furniture told by its look, each kind of furniture beside a plan line that resembles it."""

from __future__ import annotations

import pytest

from plancompare.plans.draft_furniture import (addresses_reader, attributes_quotation, describes_picture, is_caption,
                                               is_download, is_link_text, is_page_tool, is_quotation, is_site_notice, is_slogan,
                                               is_skip_link, without_glued_caption)


def test_page_regions_are_furniture_but_a_plan_heading_using_their_words_is_not() -> None:
    assert is_page_tool("Related pages") and is_page_tool("Share this page") and is_page_tool("On this page:")
    assert not is_page_tool("Related services for older people will be brought together")


def test_a_download_card_gives_a_files_type_and_size() -> None:
    assert is_download("Council Plan 2024-2028 (PDF, 2.3MB)") and is_download("Summary [Word, 120 KB]")
    assert not is_download("We will publish the plan as a PDF every year")


def test_captions_and_alt_text_are_furniture_but_sentences_about_people_are_not() -> None:
    assert is_caption("Open for business banner") and is_caption("Shrop Plan Image 5")
    assert describes_picture("A young boy helping his grandad in the garden")
    assert not describes_picture("A family will always have a named worker.")
    assert not is_caption("Improve the city's public image")  # (an action, however it ends)
    # Alt text saying what a photo shows, however long; a sentence about an image is the plan's.
    assert is_caption("photo of Cllr Karen Grinsell accepts the donation of laptops for care experienced young people from the "
                      "local business network at the civic centre")
    assert is_caption("Image showing the new library")
    assert not is_caption("Image of the borough matters to the businesses we want to attract.")


def test_notices_about_the_website_are_furniture() -> None:
    assert is_site_notice("Some online forms will be unavailable on Sunday due to planned maintenance")
    assert not is_site_notice("We will move more of our services online so residents can use them at any time")


@pytest.mark.parametrize("line", ["Update cookies preferences", "Accept all cookies", "Cookie settings",
                                  "We use cookies to make this website work and to understand how you use it."])
def test_the_sites_cookie_controls_and_banner_are_furniture(line: str) -> None:
    assert is_site_notice(line)


def test_a_few_words_wholly_in_quotation_marks_are_a_slogan_and_the_heading_after_it_no_attribution() -> None:
    slogan = '"Working with businesses and people to realise their potential"'
    assert is_slogan(slogan) and is_slogan("“Green is about being responsible now”")
    assert not attributes_quotation("Our commitment", slogan)
    # (A promise that quotes a name is the plan's own words.)
    assert not is_slogan('"Team Cheltenham" will deliver the new leisure centre')


@pytest.mark.parametrize("line", ["Published: 15 December 2023", "Last updated 3 May 2024", "Page last updated: March 2025"])
def test_the_pages_own_date_is_furniture(line: str) -> None:
    assert is_site_notice(line)
    assert not is_site_notice("Published our new housing strategy in December 2023")


def test_a_plan_item_that_names_cookies_in_passing_is_not_furniture() -> None:
    assert not is_site_notice("We will support local bakers to sell their biscuits and cookies at the market every Saturday")


def test_a_service_alert_about_the_weather_is_furniture_but_a_plan_for_bad_weather_is_not() -> None:
    assert is_site_notice("Due to the severe weather, there has been some disruption to council services and schools on Friday")
    assert is_site_notice("Storm Goretti: some bin collections are cancelled today")
    assert not is_site_notice("We will grit every school route when snow is forecast")


def test_a_pages_privacy_notice_is_furniture_but_a_promise_about_data_is_not() -> None:
    assert is_site_notice("Data protection: We will handle your personal information in line with the Data Protection Act 1998")
    assert is_site_notice("Privacy notice: how we use what you tell us")
    assert not is_site_notice("We will protect residents' data and make our digital services secure")
    assert is_page_tool("Was this information helpful?")


def test_skip_links_are_furniture_with_the_home_link_beside_them() -> None:
    assert is_skip_link("Lewisham Council Homepage Skip navigation") and is_skip_link("Skip to main content")
    assert not is_skip_link("We will not skip the hard work of improving our main roads and their navigation signs")


def test_sentences_pointing_the_reader_elsewhere_are_signposting() -> None:
    assert addresses_reader("Take a look at our case studies.") and addresses_reader("Find out more about the plan")
    assert addresses_reader("Visit our website for the full strategy")
    assert not addresses_reader("We will find new ways to reach residents who need support")
    # The page pointing at what comes next on it.
    assert addresses_reader("Here are some of the programmes we've launched to help us get there.")
    assert addresses_reader("Below are the actions for this year")
    assert not addresses_reader("Here in Islington we will build 1,000 new council homes")


def test_a_sites_menu_is_furniture_and_so_are_the_links_listed_under_it() -> None:
    from plancompare.plans.draft import draft_plan

    assert is_page_tool("Menu") and is_page_tool("Close menu") and is_page_tool("Your Account")
    assert not is_page_tool("Menu of support for carers")
    page = "\n".join(["Logo: Eastbrook Borough Council", "Your Account", "  • Menu", "Close menu", "  • Housing",
                      "  • Bins and recycling", "  • See all news", "  1. Home", "  2. Council plan", "",
                      "Priority 1: Greener places", "", "We will plant 5,000 trees."])
    assert [item.text for item in draft_plan(page).items()] == ["We will plant 5,000 trees."]


def test_alt_text_saying_how_a_picture_is_placed_describes_it() -> None:
    assert describes_picture("Little Amal puppet next to hare and minotaur sculpture in Cheltenham")
    assert describes_picture("Councillor Max Wilkinson with a representative from Vision21, holding garden tools at the "
                             "High Street entrance to Sandford Park")
    assert describes_picture("Aerial view of Cheltenham's Imperial Gardens and surrounding streets")
    # A plan's own lines with the same words state something, or end as a sentence does.
    assert not describes_picture("We will keep standing up for residents next to the new bypass")
    assert not describes_picture("Holding the council to account")
    assert not describes_picture("Residents holding down two jobs are still struggling to pay their rent.")


def test_a_long_paragraph_opening_with_a_quotation_mark_is_a_quotation() -> None:
    quoted = ("“They helped me out of a very tricky situation following a divorce six years ago, they have been "
              "amazing.”")
    assert is_quotation(quoted) and is_quotation('"CBC is a council with ambition and a focus on the projects to deliver '
                                                 'that ambition, and more.')
    # A quoted slogan or vision is short, and kept.
    assert not is_quotation("“A healthy, prosperous and greener future for everyone”")
    assert not is_quotation("We will listen to what residents tell us about the services they use every day.")
    # The line after a closed quotation names who said it; after one the capture cut off, it may be a heading.
    assert attributes_quotation("Charlotte Smith, Cyber Skills Growth Lead and Coordinator, Cynam", quoted)
    assert not attributes_quotation("Key priority 3 - Affordable homes", quoted[:-10])
    assert not attributes_quotation("We will build more homes.", quoted)


def test_a_short_line_pointing_the_reader_on_is_a_link() -> None:
    assert is_link_text("Read more about key priority 1") and addresses_reader("Read more about key priority 1")
    assert not is_link_text("Read more about the steps we are taking to cut carbon in our own buildings and fleet.")


def test_alt_text_run_into_the_text_after_it_is_taken_off() -> None:
    assert without_glued_caption("  • Cheltenham Borough homes officers and Cheltenham Borough Council members standing "
                                 "socially distanced outside new homes at Ingleborough MewsIncrease the supply of "
                                 "affordable homes") == "  • Increase the supply of affordable homes"
    assert without_glued_caption("A group of school childrenAll properties in the borough are connected") == \
        "All properties in the borough are connected"
    # (The text after it may open on a one-letter word.)
    assert without_glued_caption("A photo of a large flag carried by people at a paradeA wide range of people take part") == \
        "A wide range of people take part"
    # Spaces left after the text do not move where the alt text ends.
    assert without_glued_caption("  • A group of school childrenAll properties in the borough are connected   ") == \
        "  • All properties in the borough are connected"
    # Names written in one word, and glued text whose first part is no picture, stay whole.
    for line in ("  • increase the number of people supported by LiveWell Dorset to be more active", "Our partYour part",
                 "Theme 4: climate emergency and environment resilienceEnhancing environmental resilience by"):
        assert without_glued_caption(line) == line
