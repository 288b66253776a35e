"""Every text in every bundled plan is found, word for word, in its council's vendored source."""

from __future__ import annotations

import re

import pytest

from support import VALID_PLANS
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plan, load_plans
from plancompare.plans.textnorm import normalise
from plancompare.plans.trace import Untraced, source_path, untraced_texts

BUNDLED = load_plans([default_plans_dir()])


@pytest.mark.parametrize("plan", BUNDLED, ids=lambda plan: plan.council.id)
def test_every_bundled_text_is_in_the_source(plan) -> None:
    source = source_path(plan)
    assert source is not None and source.is_file(), f"missing source text {plan.source.file}"
    missing = untraced_texts(plan, source.read_text(encoding="utf-8"))
    assert not missing, "\n".join(str(m) for m in missing)


@pytest.mark.parametrize("plan", BUNDLED, ids=lambda plan: plan.council.id)
def test_no_item_text_is_encoded_twice_under_one_heading(plan) -> None:
    seen: dict[tuple, str] = {}
    for priority in plan.priorities:
        for item in priority.items:
            key = (priority.id, item.kind, item.heading, " ".join(item.text.split()))
            assert key not in seen, f"{item.id} repeats {seen[key]}: {item.text!r}"
            seen[key] = item.id


def test_a_changed_word_is_reported_with_id_and_text() -> None:
    plan = load_plan(VALID_PLANS / "northdale.yaml")
    source = source_path(plan).read_text(encoding="utf-8").replace("two new leisure", "three new leisure")
    assert untraced_texts(plan, source) == [
        Untraced("northdale.healthier.commitment.1", "text", "We will open two new leisure centres by 2026.")
    ]


def test_normalisation_ignores_quotes_dashes_tags_and_whitespace() -> None:
    plan = load_plan(VALID_PLANS / "southmoor.yaml")
    source = source_path(plan).read_text(encoding="utf-8")
    assert untraced_texts(plan, source) == []
    reflowed = source.replace("<p>We will plant 20,000", "<p>We   will\nplant 20,000")
    assert untraced_texts(plan, reflowed) == []


def test_titles_match_without_case_but_item_text_needs_case() -> None:
    plan = load_plan(VALID_PLANS / "southmoor.yaml")
    source = source_path(plan).read_text(encoding="utf-8")
    assert untraced_texts(plan, source.replace("Climate and Nature", "CLIMATE AND NATURE")) == []
    shouted = source.replace("We will plant", "WE WILL PLANT")
    assert [m.item_id for m in untraced_texts(plan, shouted)] == ["southmoor.climate.commitment.1"]


# Sentences with "we will" (or similar) that are deliberately not items: lead-ins to lists that are
# encoded item by item, contents-page lines, and sentences that describe the document itself.
NOT_COMMITMENTS = (
    "We will do this by:",
    "We will do this by being:",
    "We will create:",
    "key activity we will deliver includes:",
    "We aim to improve performance and meet / exceed national averages",
    "We will deliver our vision and key priorities through:",
    "This Plan sets out how we will deliver these priorities",
    "It explains how we will improve the wellbeing of our residents",
    "Later in the strategy, we set out the main actions we will pursue",
    "Some of these will be national indicators",
    "This will be difficult given our financial position",
    "These values define what is important to us",
    "We will: P Put people first",
    "We will underpin our work with the following key principles;",
    "How we will deliver this strategy",
    "Our One Coventry Values are at the heart of our approach to delivery",
)
_LEAD_INS = ("We will:",)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*•\s*|\s+- ")
_PROMISE = re.compile(r"\b(we will|we'll|we aim)\b", re.IGNORECASE)


@pytest.mark.parametrize("plan", BUNDLED, ids=lambda plan: plan.council.id)
def test_every_we_will_sentence_of_the_source_is_encoded(plan) -> None:
    """Completeness: each source sentence that promises something starts or ends an item's text."""
    lines = source_path(plan).read_text(encoding="utf-8").splitlines()
    sentences = [s for line in lines for s in _SENTENCE_BREAK.split(normalise(line))]
    encoded = "\n".join(normalise(item.text) for item in plan.items())
    missing = []
    for sentence in sentences:
        if sentence in _LEAD_INS or not _PROMISE.search(sentence) or any(skip in sentence for skip in NOT_COMMITMENTS):
            continue
        words = sentence.split()
        head, tail = " ".join(words[:10]), " ".join(words[-10:])
        if head not in encoded and tail not in encoded:
            missing.append(sentence[:120])
    assert not missing, "not encoded:\n" + "\n".join(missing)
