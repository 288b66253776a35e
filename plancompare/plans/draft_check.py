"""Checking a drafted plan file before it is emitted: it must pass ``plancompare validate`` as it
stands, or the command fails with one line saying why.

Most inputs that could spoil a draft are refused before drafting (plancompare.plans.draft_source)
or handled by the drafter; these checks keep the promise whatever the input: the council's options
are not blank, the source gave something to draft, the file is within the plan-file limit, and
parsing it, checking it against the plan format and tracing its texts to the source find nothing.
"""

from __future__ import annotations

from plancompare.errors import InvalidInput, PlancompareError, Problem
from plancompare.plans.inputfile import MAX_FILE_BYTES

_BUG = "please report this as a bug in plancompare draft, with the source text"


class DraftOptionError(PlancompareError):
    """An option of ``plancompare draft`` whose value cannot go in a valid plan file."""

    exit_code = 2


def check_options(name: str, council_type: str | None, region: str | None) -> None:
    """Refuse a blank --name, --type or --region: the plan format needs text in each."""
    for option, value, what in (("--name", name, "the council's full name"), ("--type", council_type, "the kind of authority"),
                                ("--region", region, "the English region")):
        if value is None:
            continue
        if not value.strip():
            leave_out = "" if option == "--name" else ", or leave the option out"
            raise DraftOptionError(f"Invalid value for {option}: it is blank; give {what}{leave_out} "
                                   "(see 'plancompare draft --help')")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal's encoding could not decode
            raise DraftOptionError(f"Invalid value for {option}: it holds bytes that are not text in the "
                                   "terminal's encoding; type it again (see 'plancompare draft --help')") from None


def nothing_to_draft(name: str) -> InvalidInput:
    """The error for a source in which the drafter found no items at all."""
    return InvalidInput([Problem(
        name, "found nothing to draft: no cue line such as 'We will do this by:' with items under it, and no 'We will…' sentence",
        hint="is it a plan's text? docs/adding-a-council.md shows what the drafter reads")])


def check_draft(text: str, source: str | None, name: str) -> None:
    """Raise InvalidInput, naming the source ``name``, unless the plan file ``text`` is within the
    plan-file limit, valid, and (when ``source`` is given) has every text traced to it."""
    from plancompare.plans.rules import build_plan
    from plancompare.plans.trace import untraced_texts
    from plancompare.plans.yamlfile import parse_yaml

    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise InvalidInput([Problem(name, f"the draft would be {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for plan files",
                                    hint="draft from a shorter text: the plan itself, without appendices, or a part at a time")])
    try:
        data, locations = parse_yaml(text, "draft")
        plan, problems = build_plan(data, locations, "draft")
    except InvalidInput as error:
        plan, problems = None, list(error.problems)
    if problems or plan is None:
        raise InvalidInput([Problem(name, f"the draft would not pass validate ({problems[0] if problems else 'no plan'})", hint=_BUG)])
    missing = untraced_texts(plan, source) if source else []
    if missing:
        raise InvalidInput([Problem(name, f"the draft would not pass validate ({missing[0]})", hint=_BUG)])
