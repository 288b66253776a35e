"""The kind of a drafted item, from its wording and from the heading it sits under.

The rules, one per kind (checked in this order on the item's own words; ``'`` and ``’`` alike):

- **indicator**: a measurement: it starts with a figure, perhaps qualified ("62% of respondents…",
  "£6.1 billion…", "Over 1 in 4 (27%) said…", "Only 57% of…", "3.2 million journeys…"), names a
  measure ("Number of…", "Percentage of…", "Proportion of…", "Rate of…"), or gives a figure for a
  past year. Outside a paragraph (a bullet, a line of its own), a sentence that reports a figure as
  what is, was or has changed ("There were 59 crimes per 1,000 people", "The county has 2,100 miles
  of…", "…has increased 58% since 2015") is one too, unless it names a problem or looks ahead; in a
  paragraph such a sentence mostly sets the scene, and is read by its other words, unless it reports
  a share ("…make up 0.7 per cent of the borough's emissions").
- **target**: a dated or quantified goal: a deadline ("by 2030"; "in 2025" only beside a future,
  "will", "aim"…), or a figure that is not a year (a number of two or more digits, a decimal, a
  percentage, an amount, "3 million") with an action or aim verb at the start ("Provide 1,000 homes",
  "Ensuring every neighbourhood… by planting 2,000 trees a year"; not "Deliver the Skills Strategy 2020-2030"), or a promise or aim naming its "target" with such a
  figure ("…towards our target of 36,000 new homes"). A figure given for a past year ("In 2020, almost 800
  people…") is a measurement: an indicator.
- **outcome** (first form): it starts with a comparative ("More…", "Fewer…", "Better…", "Less…",
  "Improved…"): the change wanted, even when it names a problem ("Fewer children in poverty").
- **commitment** (first form): it starts with an action verb, even one acting on a problem ("Reduce
  health inequalities", "Tackling poverty…"): the action, not the problem.
- **challenge**: it names a problem: problem(s), gaps, inequality, deprivation, poverty, "too
  many/too few", "lower/worse than", "remains a concern", "a lack of", uncertainty, unemployment,
  isolation, "a fall in", "hardest hit", difficulties, a crisis or shortfall… (general English for
  what is wrong, not words from any one plan; not the word "challenge" itself, which plans use as
  often for ambition, "rise to the challenge", as for a problem). Under a heading over the plan's
  context ("Our context", "Why this matters") or naming its challenges ("Our shared challenge"), a
  sentence whose words give it no kind, or state the present, is a challenge too, unless it praises without naming a problem (``tells_strength``: "…has a rich
  cultural scene", "…is home to award-winning…", "…is doing well, with low unemployment"): a place's
  strengths are not its challenges.
- **commitment**: a promise or an action: "we will / we'll / we are going to / we are committed to
  / we commit to / we pledge / we are planning to", "the council will", anyone who "will" + an
  action verb ("Trading Standards will respond…"; not "this / it / that / what will…", which is
  what a thing does), or it starts with an action verb ("Deliver…", "Working with…"; in a paragraph
  not an -ing subject followed by its verb, "Growing the economy is…"). After the aims: "we are /
  we're" + an action in -ing ("We're delivering…"), unless it is asked how or whether.
- **objective**: an aim: "we want / we aim / our aim / our ambition / we need to / we must / we
  are working to / we should", what anything "needs to" do ("Our economy needs to work for
  everyone"), "a focus on…", "it is important/essential that…", or it starts with "Ensure", "Aim", "Aspire". Under a heading naming
  aims, a paragraph that opens with an infinitive action ("To recreate a council that's…") is the
  aim too (``states_aim``).
- **outcome** (second form): a state of things: a subject that is not "we" followed by "will be /
  will have / will enjoy / should be / should have / are / is / feel" ("All residents will
  enjoy…", "Homes should be safe and warm", "Children are healthy…"); in a paragraph (not a list)
  only the "will" and "should" forms count (``looks_ahead``), since prose describes the present,
  except under a line picturing a year ahead ("In 2032..."), where the present tense describes it.
- **difference**: only from a heading ("What this will mean for you", "the difference you will see").
- **vision / value / principle** (plan-level statements, not items): a list under a heading that is
  nothing else ("Our vision", "Our values", "Principles"). Paragraphs there are read as anywhere
  else: plans write their priorities' aims under such headings too.

A heading that names a kind ("Our aims", "Key challenges", "What we will do", "Priority outcomes",
"Key statistics", "What this will mean for you") gives the kind of the bullets under it, bar a
bullet whose own words make it a target or an indicator, or a state of things (outcome) under a
heading that names aims in general words ("Our priorities and goals" - "All residents will
enjoy…"; not "Strategic objectives", nor an infinitive aim, "To make every street feel safe"); a paragraph's
sentence goes by its own wording, except under a difference heading, since wording alone never says
"difference". A lead-in line ending in ":" gives its list a kind the same way (``lead_in_kind``),
bar one whose wording states the result wanted ("To have enough good homes:", "Have a growing
economy:"): that is the aim the list works towards, and its entries go by their own wording.
Anything else is a commitment, marked "kind guessed".

Sentences about the document itself, and sentences finishing the one before, are told apart in
``draft_prose``.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[a-z]+")
# Linear: each is a fixed alternation at a word boundary.
_PROMISE = re.compile(r"\b(we will|we'll|we are going to|we're going to|we are committed to|we're committed to|we commit to|is committed to|"
                      r"we pledge|we promise|the (city |county )?council will|we shall|we have committed|we are planning to|we.re planning to|"
                      r"(we are|we're|we remain) (similarly |absolutely |fully )?determined to)\b")
# (Grouped by their first word, so that a long line is scanned quickly: each "we" is tried once.)
_AIM = re.compile(r"\b(we (want|aim|need to|must|are working to|intend|would like|aspire|hope|should|are aiming to)|"
                  r"we're (working|aiming) to|our (aim|ambition|goal|intention|(overall |shared )?mission (is )?to|"
                  r"(main |overall )?focus is|(role|job|purpose) is to)|needs to|aims? (is|are)|keen to|passionate about|"
                  r"(clear|shared) ambition (to|is|for)|it is (important|essential|vital|crucial) (that|to|we))\b")
# Aims named at a sentence's start ("A focus on…", "A key priority is…"), and a subject named a
# priority ("Being open for business is a key priority…"): apart from _AIM, so that its search over a
# long line stays as fast as it was (the second is looked for only where "priorit" is).
_AIM_OPENING = re.compile(r"(an? (clear |strong |key |particular |sharp )?focus on|(a|our|one|another) (key |top |main |major )?priority (is|will be))\b")
_NAMED_PRIORITY = re.compile(r"\b(is|are|remains?) (a|an|our|one of our) (key |top |main |major |clear |overriding )?priorit(y|ies)\b")


def _names_aim(folded: str) -> bool:
    return _AIM.search(folded) is not None or _AIM_OPENING.match(folded) is not None \
        or ("priorit" in folded and _NAMED_PRIORITY.search(folded) is not None)


_PROBLEM = re.compile(r"\b(problems?|lags? behind|lower than|worse than|too many|too few|significant gaps?|gaps? in|"
                      r"inequalit(y|ies)|deprivation|deprived|poverty|disproportionately|remains? a concern|pressures?|"
                      r"decline|shortage|struggl(e|es|ing)|risks?|unaffordable|barriers?|lack(s|ing)?( of)?|uncertain(ty)?|unevenly|"
                      r"poorer|poor (health|quality|housing|outcomes)|worst|least (socially|likely|affluent)|(drop|fall|falls|fell) in|"
                      r"hardest[- ]hit|difficult(y|ies)?|loneliness|isolation|(?<!low )(?<!lower )(?<!levels of )unemployment|low(er)? levels?(?! of (unemployment|crime|deprivation|poverty))|shorter|cost of living|"
                      r"crisis|crises|shortfall|disproportionate|negative (effect|impact)|urgent need|fragil(e|ity)|disadvantage|"
                      r"the challenges? of|face (the |a |many )?challenges?|(rising|increasing|growing) demand|"
                      r"impact of (the )?(covid(-19)?|coronavirus|pandemic|climate change)|"
                      r"(covid(-19)?|the pandemic|coronavirus) (has|have) (impacted|affected|disrupted|changed|emphasised|highlighted|exposed))\b")
# What a plan asks of residents: "We need you to…", "we're asking schools to…".
_ASKS = re.compile(r"\b(we need (you|residents|everyone) to|we('re| are) asking (you|residents|everyone|people|schools|businesses)|"
                   r"we ask (that )?(you|residents|everyone)( to)?|we ask of (you|residents)|please help us)\b")
# Fixed-length alternatives, so no scan backtracks over a run of digits.
_FIGURE = re.compile(r"\d ?%|\d per ?cent|[£$€] ?\d|\b\d\d|\b\d in \d|\b\d\.\d|\d (million|billion|thousand)\b")
# A verb that makes a sentence of an -ing subject: "Growing the economy is…", "Delivering it requires…".
_FINITE = re.compile(r" (is|are|was|were|requires|required|remains|means|has) ")
# A year or a span of years ("2020-2030", "2023/24"): a date, not a quantity.
_YEAR = re.compile(r"\b(19|20)\d\d(\s*[-–/]\s*(20)?\d\d)?\b")
# "Over 1 in 4 (27%)…", "Just under 1 in 5…", "Only 57.6% of…": a figure after words that qualify it.
_QUALIFIER = re.compile(r"^((only|just) )?((over|under|around|about|nearly|almost|approximately|roughly|some|up to|more than|less than|fewer than) )?")
_DEADLINE = re.compile(r"\b(by|before|until|in) (the end of )?(20\d\d|\d\d/\d\d)\b")
# "In 2020, almost 800 people died…" reports the past: "in <year>" is a deadline only beside a future.
_FUTURE = re.compile(r"\b(will|shall|aim|aims|ambition|target|to be|going to)\b|'ll\b")
_MEASURE_START = re.compile(r"^(the )?(number|percentage|proportion|rate|share|level|amount) of\b")
_STATE = re.compile(r"^(all |every |our |the |more |each )?[a-z’' ,()-]{0,60}?\b(will be|will have|will enjoy|will feel|will live|"
                    r"should (be|have|feel|live|experience|know|expect|get)|are|is|feel|have)\b")
# A verb reporting what is or was, or how it changed: with a figure, a measurement stated as a sentence.
_SHARE = re.compile(r"\d ?%|\d per ?cent")
_REPORTED = re.compile(r"\b(is|are|was|were|has|have|had|makes? up|accounts? for|increased|decreased|rose|risen|fell|fallen|grew|grown|recovered|doubled|halved)\b")
_SPELLS_OUT = re.compile(r"^(?:this|these|that|it) (?:includes?|will include|means|will mean|involves|will involve) ([a-z]+ing)\b")
_COMPARATIVE = ("more", "fewer", "better", "less", "lower", "higher", "improved", "reduced", "increased", "greater",
                "stronger", "safer", "healthier", "cleaner", "happier", "quicker", "faster")
_AIM_START = ("ensure", "ensuring", "aim", "aspire", "aspiring", "enable", "enabling")
#: Verbs an action starts with (common English, not words from any one plan).
ACTION_VERBS = frozenset("""
adopt agree align attract bring build champion close commission continue create cut deliver design develop drive embed
encourage engage enhance establish expand explore extend focus give grow help implement improve increase introduce invest keep
launch lead lobby maintain make modernise offer open plan plant promote protect provide publish put raise reduce refresh renew
review roll secure seek set start strengthen support tackle take transform upgrade use work address respond prioritise
celebrate co-produce collaborate install maximise minimise progress prepare prevent recruit replace restore revitalise ensure
identify enable empower listen link connect deploy monitor run shape share sustain target treat value welcome widen complete
""".split())

# A line asking how or what "we will" do: a heading over what the council will do, however long.
_ASKS_HOW = re.compile(r"^(how|what) (we will|we'll|we are going to|we're going to|we plan to)\b")
_ASKS_HOW_LONGEST = 20

# A heading over the context a plan is written in, or why a priority matters: its account of what it faces.
_CONTEXT = r"^(why (is |are )?(this|these|it)\b|why (this|it) matters\b|(our |the )?context\b)"


def names_context(heading: str | None) -> bool:
    """Whether a heading is over the plan's context or why a priority matters ("Why is this a
    priority?", "The context we are delivering in"): its paragraphs set out what the plan faces."""
    return bool(heading) and re.match(_CONTEXT, fold(heading).strip()) is not None


#: Heading words -> the kind of the items under that heading, looked for in this order.
HEADING_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), kind) for pattern, kind in (
    # A heading that is only the plan's vision, values or principles: what follows are plan-level
    # statements, not a priority's items.
    (r"^(our |the )?(council's |city's |county's )?vision( statement)?$", "vision"),
    (r"^(our |the )?(council's |core )?values$", "value"),
    (r"^(our |the )?(guiding |core )?principles$", "principle"),
    # "How we will deliver the outcomes…" promises what follows, whatever else it names; "How we
    # will measure success" introduces measures.
    # What a priority is to achieve, or what its success looks like: the results wanted.
    (r"^what (we('re| are) aiming to achieve|we (want|aim|hope) to achieve|we will achieve|success (looks|will look) like)$", "outcome"),
    (r"^(how|what) (we will|we'll) (know|measure|track|monitor|report)", "indicator"),
    (r"^(how|what) (we will|we'll|we are going to)\b", "commitment"),
    # What residents are asked to do in return ("Your part", "What you can do", "How you can help"),
    # and the council's own side of such a deal ("Our part").
    (r"^(your|residents'|the community's|everyone's) (part|role)$|^(what|how) (you|residents) can (do|help)\b|"
     r"^(what )?we (ask|need) (of|from) you\b", "ask"),
    (r"^(our|the council's) part$", "commitment"),
    # What residents will notice: what it will mean, look or feel like for them.
    (r"\b(difference|you will see|you can expect|you'll see|what success looks like for you|"
     r"(means?|(looks?|feels?|be) like) for (you|(our |local )?(residents|people|communities|families)))\b", "difference"),
    (r"\b(challenges?|issues?|problems?|risks?|what we face)\b", "challenge"),
    # The context a plan is written in, and why a priority matters, are its account of what it faces.
    (_CONTEXT, "challenge"),
    (r"\b(indicators?|statistics|measures?|measuring|kpis?|key facts|facts and figures|data|how we will know|in numbers|performance)\b"
     r"|^(tracking|monitoring) (our )?(progress|success)$", "indicator"),
    # ("Target outcomes" are outcomes: the last noun names the kind, the first qualifies it.)
    (r"\btargets?\b(?! outcomes?\b)", "target"),
    (r"\boutcomes?\b", "outcome"),
    (r"\b(objectives?|aims?|ambitions?|goals?|priorities|what we want)\b", "objective"),
    # (A year's plan under a plan of several years lists that year's actions: "Annual Plan 2024-2025".)
    (r"\b(we will|we'll|actions?|commitments?|pledges?|promises?|what we will do|how we will|deliver(ing|y)?|plans? for|"
     r"annual (\w+ )?plans?)\b", "commitment"),
))


def _acting(word: str) -> bool:
    """Whether a word is an action verb in -ing ("delivering", "strengthening", "improving")."""
    return word.endswith("ing") and (word[:-3] in ACTION_VERBS or word[:-3] + "e" in ACTION_VERBS)


def fold(text: str) -> str:
    """A text lower-cased with its curly apostrophes made plain, as every wording rule reads it."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _will_act(folded: str) -> bool:
    """Whether someone "will" do an action: "Trading Standards will respond…", "The plan will keep…"."""
    at = folded.find(" will ")
    if at < 0:
        return False
    if folded[max(0, at - 12):at].split()[-1:] in (["this"], ["it"], ["these"], ["they"], ["that"], ["which"], ["what"], ["who"]):
        # "This will shape…", "It will give…", "…are what will drive…": what something does, not a
        # promise someone makes. (A named plan or strategy that "will deliver…" is the council's
        # instrument: it promises.)
        return False
    following = _WORD.match(folded, at + 6)
    return following is not None and (following.group() in ACTION_VERBS or following.group() in ("respond", "continue", "keep"))


#: Words that may stand between "we are" and what the council is doing.
_NOW_WORDS = frozenset(("currently", "now", "already", "also", "actively", "still", "increasingly"))
# "Our challenge is to…", "The key challenges are…": a sentence whose subject is the challenge.
_CHALLENGE_SUBJECT = re.compile(r"^(?:our|the) (?:main |key |biggest |big |greatest |shared |real |next )?challenges? (?:is|are|will be|remains?)\b")


def _doing(folded: str) -> bool:
    """Whether "we are" / "we're" doing an action: "We're delivering our plans…", "we are investing…",
    but not in a question ("how we are supporting…")."""
    for lead in ("we're ", "we are "):
        at = folded.find(lead)
        while at >= 0:
            following = _WORD.match(folded, at + len(lead))
            if following and following.group() in _NOW_WORDS:  # ("we are currently working with…")
                following = _WORD.match(folded, following.end() + 1)
            word = following.group() if following else ""
            before = folded[max(0, at - 12):at].split()[-1:]  # (a bounded look back: linear on a line of "we are we are…")
            # (Not "…how we are supporting…", "…whether we are making progress": a question, not a claim.)
            if _acting(word) \
                    and before not in (["how"], ["whether"], ["if"], ["what"], ["where"], ["when"], ["why"]):
                return True
            at = folded.find(lead, at + 1)
    return False


def names_objectives(heading: str | None) -> bool:
    """Whether a heading names objectives as such ("Focused strategic objective"), rather than aims
    in general words ("Our priorities and goals"), which leave a state of things an outcome."""
    return bool(heading) and "objective" in fold(heading)


def heading_kind(heading: str | None) -> str | None:
    """The kind a heading gives the items under it, or None if it names none."""
    if not heading:
        return None
    folded = fold(heading).strip().rstrip(":").strip()
    # (A heading asking how or what "we will" do may name the whole priority after it: "How we will
    # deliver the outcomes for high quality and inclusive education, skills and employment".)
    if len(folded.split()) > (_ASKS_HOW_LONGEST if _ASKS_HOW.match(folded) else 14):
        return None
    for pattern, kind in HEADING_KINDS:
        if pattern.search(folded):
            return kind
    return None


def wording_kind(text: str, in_prose: bool = False) -> str | None:
    """The kind an item's own words give it, or None if they say nothing. ``in_prose``: a sentence
    of a paragraph, where a word in -ing at the start followed by a verb is the sentence's subject
    ("Growing the economy is…"), not an action as in a list or a verbless line ("Working with
    landlords to improve…")."""
    folded = fold(text.strip())
    words = _WORD.findall(folded[:80])
    first = words[0] if words else ""
    gerund = _acting(first)
    starts_with_action = first in ACTION_VERBS or (gerund and not (in_prose and _FINITE.search(folded[:200])))
    # ("This includes strengthening the economy, helping people gain skills…", "This means supporting
    # businesses…"): the actions a sentence spells out, even where they name a problem.
    spelled = _SPELLS_OUT.match(folded)
    starts_with_action = starts_with_action or bool(spelled and _acting(spelled.group(1)))
    # (Whether a figure other than a year is there: looked for once, when first asked, since the
    # search is over the whole text.)
    beyond_years = functools.cache(lambda: _FIGURE.search(_YEAR.sub(" ", folded)) is not None)
    qualifier = _QUALIFIER.match(folded)
    if _FIGURE.match(folded, qualifier.end() if qualifier else 0) or _MEASURE_START.match(folded):
        return "indicator"
    figure = _FIGURE.search(folded)
    deadline = _DEADLINE.search(folded)
    if deadline and deadline.group(1) == "in" and not _FUTURE.search(folded):
        if _FIGURE.search(folded[:deadline.start()] + " " + folded[deadline.end():]):
            return "indicator"  # "In 2020, almost 800 people died…": a figure reported for a past year
        deadline = None
    # Dated (a deadline), or quantified by a figure that is not a year and begun by an action.
    if (figure and deadline) or (starts_with_action and beyond_years()):
        return "target"
    if " target" in folded and (_PROMISE.search(folded) or _names_aim(folded)) and beyond_years():
        return "target"  # "…towards our target of 36,000 new homes": a promise of a quantified goal
    if _CHALLENGE_SUBJECT.match(folded):
        return "challenge"  # ("Our challenge is to make sure that more local people can access…")
    if _ASKS.search(folded):
        return "ask"  # ("We need you to take control…": what residents are asked to do)
    if _PROMISE.search(folded) or _will_act(folded):
        return "commitment"
    if _names_aim(folded) or first in _AIM_START:
        return "objective"
    if _doing(folded):
        return "commitment"  # (after the aims: "we are working to…" is one)
    if first in _COMPARATIVE:
        return "outcome"  # "Fewer children living in poverty": the change wanted, though it names a problem
    if starts_with_action:
        return "commitment"  # "Reduce health inequalities": the action on a problem, not the problem
    if _PROBLEM.search(folded):
        return "challenge"
    if (not in_prose or _SHARE.search(folded)) and _REPORTED.search(folded) and beyond_years() \
            and not _FUTURE.search(folded):
        return "indicator"  # ("There were 59.6 crimes per 1,000 people", "X has 2,100 miles of…"): a figure reported
    if first not in ("we", "i", "this", "it", "there", "these", "they") and _STATE.match(folded):
        return "outcome"
    return None


def names_problem(text: str) -> bool:
    """Whether a text names a problem in general English words (the challenge rule's words)."""
    return _PROBLEM.search(fold(text)) is not None


def starts_with_action(text: str) -> bool:
    """Whether a text opens with an action ("Adopt the Local Plan…", "Delivering…")."""
    words = _WORD.findall(fold(text.strip())[:40])
    first = words[0] if words else ""
    return first in ACTION_VERBS or _acting(first)


def states_aim(sentence: str) -> bool:
    """Whether a sentence opens with an infinitive action ("To recreate a council that's proactive…",
    "To make sure every child…"): under a heading naming aims, the aim itself. Not "To do this" or
    "To date", which point back or tell the past."""
    words = _WORD.findall(fold(sentence.strip())[:40])
    if len(words) < 3 or words[0] != "to" or words[1] in ("do", "date", "this", "that", "help", "support"):
        return False
    verb = words[1][2:] if words[1].startswith("re") and words[1][2:] in ACTION_VERBS else words[1]
    return verb in ACTION_VERBS or verb in ("be", "have", "become")


def item_kind(text: str, heading: str | None, bulleted: bool) -> tuple[str, str | None]:
    """The kind of an item and, when it was guessed, why (for its ``# check:`` mark)."""
    from_heading = heading_kind(heading)
    from_wording = wording_kind(text)
    if bulleted and from_heading:
        if from_wording == "target" and from_heading in ("commitment", "objective", "outcome"):
            return "target", None
        if from_wording == "outcome" and from_heading == "objective" and not names_objectives(heading) and not states_aim(text):
            return "outcome", None
        return from_heading, None
    if from_wording:
        return from_wording, None
    if from_heading:
        return from_heading, None
    return "commitment", "kind guessed: neither its wording nor its heading says what it is"


def listed_kind(segment: str, listed: str, heading: str | None) -> str:
    """A bullet under a heading or lead-in that names a kind takes that kind, bar a quantified goal
    or a measurement."""
    own = wording_kind(segment)
    if own in ("target", "indicator") and listed in ("commitment", "objective", "outcome"):
        return own  # (a measurement is never a promise or an aim, whatever the lead-in before it)
    if own == "outcome" and listed == "objective" and not names_objectives(heading) and not states_aim(segment):
        # (a state of things under "Our priorities": an outcome, unless the heading says "objectives"
        # or the bullet is an infinitive aim, "To make every street feel safe")
        return own
    return listed


def numbered_kind(text: str, ref: str) -> str:
    """The kind of a numbered goal under no heading naming one: "1.1 Strengthen families…" is a result
    wanted, however it is worded; "1.B Transform the way we work", lettered, the aim above such
    results; "1.5.1 Always aiming for…", a level further down, the means, by its own wording."""
    parts = ref.split(".")
    if any(part.isalpha() for part in parts):
        return "objective"
    return (wording_kind(text) or "commitment") if len(parts) >= 3 else "outcome"
