"""A web page's furniture told by its look: the page's own regions and links, download cards, image
captions and alt text, notices about the website, skip links, and sentences pointing the reader
elsewhere. None of it is the plan's, and none of it is found by a list of any one plan's strings."""

from __future__ import annotations

import re

from plancompare.plans.draft_kinds import starts_with_action
from plancompare.plans.draft_layout import without_bullet


# The regions every council web page has around its text, in the words web pages use for them.
_PAGE_TOOL = re.compile(r"^(on this page|in this section|also in this section|explore this section|related (pages|links|content|documents|"
                        r"information|services)|useful links|quick links|see also|more information|share (this page|this|on [a-z]+)|"
                        r"follow us( on [a-z ]+)?|contact us|downloads?|documents|was this (page|information|article|advice) (helpful|useful)|back to top|"
                        r"print this page|page contents|skip to (main )?content|(main |site |open |close )?menu|close|"
                        r"(main |site )?navigation|your account|my account|sign in|log in|breadcrumbs?|you are here)\??:?$", re.IGNORECASE)
# A download card: a file's type and size ("Council Plan (PDF, 2.3MB)", "Summary [Word, 120 KB]").
_DOWNLOAD = re.compile(r"\b(pdf|docx?|word( document)?|excel|xlsx?|odt|csv|powerpoint|pptx?)\b[^a-z]{0,6}\d[\d.,]* ?[km]b\b", re.IGNORECASE)


def is_page_tool(line: str) -> bool:
    """Whether a line names one of a web page's own regions ("Related pages", "Share this page",
    "On this page", "Contact us", "Menu", "Your account"): what follows is the page's links, not the plan."""
    return len(line) <= 40 and _PAGE_TOOL.match(line.strip()) is not None


def is_download(line: str) -> bool:
    """Whether a line is a download card: it gives a file's type and size."""
    return len(line) <= 200 and _DOWNLOAD.search(line) is not None


# Alt text that says what a picture shows: "Photo of the leader", "image showing the new library".
_PICTURE_OF = re.compile(r"^(?:a |an )?(?:photo|photograph|picture|image|illustration) (?:of|showing)\b", re.IGNORECASE)


def is_caption(line: str) -> bool:
    """An image's caption or alt text left in the page: a short line ending in "icon", "image 5",
    "banner", "logo", "photo" … (the words web pages use for pictures, not any plan's words)."""
    if _PICTURE_OF.match(without_bullet(line)) and not line.endswith("."):
        return True  # ("photo of Cllr … accepts the donation of laptops…": the picture's alt text, however long)
    if len(line) > 120:
        return False
    if describes_picture(without_bullet(line)):
        return True  # (a bulleted card's picture too)
    words = line.lower().split()
    # (An action taking its object is a plan's item however it ends: "Improve the city's image",
    # where "Open for business banner" is a picture's label.)
    acts = starts_with_action(line) and len(words) > 2 and words[1] in ("the", "our", "a", "an", "its", "their", "your")
    if len(line) > 80 or not 1 < len(words) <= 6 or acts:
        return False
    last = words[-2] if words[-1].isdecimal() and len(words) > 2 else words[-1]
    return last in ("icon", "image", "banner", "logo", "photo", "photograph", "picture", "graphic", "illustration", "infographic")


# A notice the website shows on every page: the site's own systems ("our website", "online forms")
# and what is wrong with them (maintenance, disruption, unavailable…), or a teaser ending in a link.
_SITE = re.compile(r"\b(our |the )?(website|web site|online (forms?|services?|payments?|accounts?)|(website|web) systems)\b")
_SITE_TROUBLE = re.compile(r"\b(maintenance|disruption|disrupted|unavailable|outage|down|try again later|problems using|"
                           r"temporarily|not be available|planned work)\b")


# A service alert: the weather of the day and what it has closed or disrupted.
_WEATHER = re.compile(r"\b(severe weather|adverse weather|snow|ice|storm [a-z]+|weather warning)\b")
_SERVICE_TROUBLE = re.compile(r"\b(disruption|disrupted|closures?|closed|cancelled|suspended)\b")


# The privacy notice under a page's feedback form ("Data protection: We will handle your personal
# information in line with the Data Protection Act…"): labelled as one, or the law it cites beside
# the reader's own data.
_PRIVACY_LABEL = re.compile(r"^(data protection|privacy( notice| statement)?|your privacy) ?: ")
_PRIVACY_LAW = re.compile(r"\b(data protection act|gdpr|general data protection regulation|privacy notice)\b")
_READERS_DATA = re.compile(r"\byour (personal )?(information|data|details)\b")
# When the page was published or last changed ("Published: 15 December 2023", "Last updated 3 May 2024").
_PAGE_DATE = re.compile(r"^(date )?(published|last updated|updated|last reviewed|reviewed|page last updated|last modified)( on)?:? "
                        r"(\d{1,2}(st|nd|rd|th)? )?[a-z]+ \d{4}$")
# The site's cookie controls ("Update cookies preferences", "Accept all cookies", "Cookie settings"),
# and its cookie banner ("We use cookies to make this site work…").
_COOKIES = re.compile(r"\bcookies?\b")
_USES_COOKIES = re.compile(r"\b(we|this (web)?site) (use|uses|would like to use|places?|sets?) (some )?(essential |optional |analytics? )?cookies\b")


def is_site_notice(line: str) -> bool:
    """Whether a line is the website's notice about itself (maintenance, disruption), its privacy
    notice, its cookie controls or the page's date, not the plan's: every council site shows them around its pages, and the captures keep them."""
    folded = line.lower()
    if len(line) > 300:
        return False
    if _PRIVACY_LABEL.match(folded) or (_PRIVACY_LAW.search(folded) and _READERS_DATA.search(folded)):
        return True
    if (len(folded.split()) <= 6 and _COOKIES.search(folded)) or _USES_COOKIES.search(folded):
        return True
    if _PAGE_DATE.match(folded.strip()):
        return True  # (the page's date: when the website published it, not one of the plan's)
    if _WEATHER.search(folded) and _SERVICE_TROUBLE.search(folded):
        return True  # (a banner about today's services: "Due to the severe weather, there has been some disruption…")
    return _SITE.search(folded) is not None and _SITE_TROUBLE.search(folded) is not None


# The accessibility links at the top of a page ("Skip to main content", "Lewisham Council Homepage Skip navigation").
_SKIP_LINK = re.compile(r"\bskip (to )?(the )?(main )?(navigation|content|main)\b", re.IGNORECASE)


def is_skip_link(line: str) -> bool:
    """Whether a line is a page's skip link (with the home link beside it, as captures run them
    together): the website's, not the plan's."""
    return len(line.split()) <= 8 and _SKIP_LINK.search(line) is not None


# A web page talking to its reader about the page: where to look, what to click or read next.
_TO_THE_READER = re.compile(r"^\W*(take a look|find out (more|how|what|about|if|why)|read (more|about|our|the full)|click|tap|"
                            r"watch (our|the|this)|see (our|more|how|the full)|learn more|for (more|further) (information|details)|"
                            r"more information (is|can)|discover more|visit (our|the|this) (website|web ?page|page|site)|"
                            # "Here are some of the programmes we've launched…", "Below are…": the page
                            # pointing at what comes next on it.
                            r"here(?: are|'s| is) (?:some|a few|the|our|more|details|examples|links)|below (?:are|is|you))\b")


# What ends a sentence or a lead-in: link text, alt text and attributions end in none of these.
_SENTENCE_ENDS = (".", ":", ";", "!", "?")


# A paragraph opening with a quotation mark: someone's words quoted on the page (a partner's, a
# resident's, a review's), not the plan's. A short one is a quoted slogan or vision, kept.
_QUOTED = re.compile(r'^["“]')
_CLOSING_QUOTES = ('"', "”")


def is_quotation(paragraph: str) -> bool:
    """Whether a paragraph is a quotation: it opens with a double quotation mark and runs to more
    than twelve words."""
    return _QUOTED.match(paragraph) is not None and len(paragraph.split()) > 12


def is_slogan(line: str) -> bool:
    """Whether a line is a few words wholly in quotation marks ("Working with businesses and people
    to realise their potential"): a priority's slogan, or, under a vision heading, the vision."""
    return _QUOTED.match(line) is not None and len(line.split()) <= 12 and line.rstrip().endswith(_CLOSING_QUOTES)


def attributes_quotation(line: str, quotation: str) -> bool:
    """Whether a short unpunctuated line names who said the quotation before it ("Charlotte Smith,
    Cyber Skills Growth Lead, Cynam"). Only after a quotation that closes: a quotation the capture
    cut off is followed by whatever came next on the page."""
    return is_quotation(quotation) and quotation.endswith(_CLOSING_QUOTES) and len(line.split()) <= 12 \
        and not line.endswith(_SENTENCE_ENDS)


def is_link_text(line: str) -> bool:
    """Whether a line is short and unpunctuated, as a link's words are ("Read more about key priority 1")."""
    return len(line.split()) <= 10 and not line.endswith(_SENTENCE_ENDS)


def addresses_reader(text: str) -> bool:
    """Whether a sentence points the reader somewhere ("Take a look at our case studies…", "Find out
    more about…", "Watch our video…"): the page's own signposting, not something the plan promises."""
    return _TO_THE_READER.match(text.lower().replace("’", "'")) is not None


# The people a photo shows, as its alt text names them ("A smiling lady in her garden").
_PEOPLE = frozenset("man men woman women lady ladies boy boys girl girls child children baby family families mother father "
                    "mum dad parent parents couple person people group grandad grandfather grandmother gran nan student "
                    "students pupil pupils worker workers volunteer volunteers teenager teenagers".split())


# How alt text says where things are in a picture, after naming them ("Councillor … holding garden
# tools at…", "Little Amal puppet next to hare and minotaur sculpture"), or that it is a view.
_POSED = re.compile(r"(?<=[\w,]) (?:standing|sitting|holding|smiling|posing|pictured|wearing|next to|in front of|surrounded by)\b|"
                    r"^(?:an? )?(?:aerial )?view (?:of|from|over)\b")
_STATES = frozenset(("is", "are", "was", "were", "will", "we", "our", "us", "you", "your", "has", "have", "can", "should", "must"))


def describes_picture(line: str) -> bool:
    """A photo's alt text left in the page: a short unpunctuated line, with no verb that states
    anything, that opens with "A"/"An" and names, straight after it (an adjective at most between),
    the people pictured ("A mother and father with their young daughter", "A young boy helping his
    grandad…"), or that says how what it shows is placed ("… standing outside new homes", "… next to
    …", "Aerial view of …")."""
    words = line.lower().replace("’", "'").split()
    if not 2 < len(words) <= 25 or line.endswith(_SENTENCE_ENDS) or any(word in _STATES for word in words):
        return False
    if words[0] in ("a", "an", "two", "three") and len(words) <= 16 and any(word.strip(",") in _PEOPLE for word in words[1:3]):
        return True
    return _POSED.search(" ".join(words)) is not None


# Where a capture ran a picture's alt text into the text after it, with no space: a lower-case
# letter then a capitalised word ("…at Ingleborough MewsIncrease the supply…", "A group of school
# childrenAll properties…").
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]* [a-z])")


def without_glued_caption(raw: str) -> str:
    """``raw`` without a picture's alt text that the capture ran into the start of its text (the
    line's bullet or indent kept); any other line as it is. Only alt text the caption rules know is
    taken off, so names written in one word ("LiveWell Dorset", "BeWigan") stay whole."""
    line = raw.rstrip()
    text = without_bullet(line.strip())
    if not line.endswith(text):
        return raw
    mark = line[:len(line) - len(text)]  # (the indent and bullet before the text)
    for glue in _GLUED.finditer(text, 0, 250):  # (alt text is short: 25 words at most)
        if is_caption(text[:glue.start()]) or describes_picture(text[:glue.start()]):
            return mark + text[glue.start():]
    return raw
