"""Near-duplicate texts found by blocking: exactly the pairs and scores of scoring every pair with
rapidfuzz's cdist (the way validate used to, in n² time and memory), for far fewer comparisons."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from support import REPO
from plancompare.plans import duplicates
from plancompare.plans.duplicates import candidate_pairs, max_distance, near_duplicates
from plancompare.plans.loader import load_plans
from plancompare.plans.textnorm import normalise
from plancompare.plans.validate import NEAR_DUPLICATE_SCORE, NEAR_MIN_LENGTH, curation_warnings


def every_pair(texts: list[str], cutoff: float, min_length: int) -> list[tuple[int, int, float]]:
    """The old way: score all n² pairs."""
    if len(texts) < 2:
        return []
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
    return [(i, j, 100.0 if texts[i] == texts[j] else float(scores[i, j]))
            for i in range(len(texts)) for j in range(i + 1, len(texts))
            if scores[i, j] and (texts[i] == texts[j] or min(len(texts[i]), len(texts[j])) >= min_length)]


def _edited(rng: random.Random, text: str, alphabet: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        where = rng.randint(0, len(chars))
        choice = rng.random()
        if choice < 0.4 or not chars:
            chars.insert(where, rng.choice(alphabet))
        elif choice < 0.8:
            del chars[min(where, len(chars) - 1)]
        else:
            chars[min(where, len(chars) - 1)] = rng.choice(alphabet)
    return "".join(chars)


@st.composite
def families(draw):
    """A few texts over a tiny alphabet (so every chunk is common: the blocking's worst case), each
    copied with a handful of edits: many pairs at and around the cutoff, and exact copies."""
    alphabet = draw(st.sampled_from(["ab ", "ab c", "abcdefgh ", "a\u00e9\U0001f600 \ud800"]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    bases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 140))) for _ in range(draw(st.integers(1, 4)))]
    return [_edited(rng, rng.choice(bases), alphabet, rng.randint(0, 8)) for _ in range(draw(st.integers(1, 30)))]


@settings(max_examples=300, deadline=None)
@given(families(), st.sampled_from([(95, 60), (95, 0), (97, 30), (90, 20), (80, 5)]))
def test_blocking_finds_exactly_the_pairs_and_scores_of_every_pair(texts: list[str], settings_: tuple[int, int]) -> None:
    cutoff, min_length = settings_
    assert near_duplicates(texts, cutoff, min_length) == every_pair(texts, cutoff, min_length)


def test_pairs_at_the_edges_of_the_cutoff_and_the_minimum_length() -> None:
    base = "we will plant twenty thousand trees across the district by 2030"  # 63 characters
    texts = [base, base[:-1] + "1", base + " and more", base.upper().casefold(), "short", "short", base[:59], base[:59] + "x"]
    found = near_duplicates(texts, 95, 60)
    assert found == every_pair(texts, 95, 60)
    assert (0, 3, 100.0) in found and (4, 5, 100.0) in found  # copies, however short
    assert not any(pair[:2] == (6, 7) for pair in found)  # near but under 60 characters


def test_every_pair_within_the_distance_bound_is_a_candidate() -> None:
    # The bound the pigeonhole rests on: a pair scoring the cutoff is within max_distance edits.
    rng = random.Random(7)
    for _ in range(2000):
        a = "".join(rng.choice("ab c") for _ in range(rng.randint(60, 200)))
        b = _edited(rng, a, "ab c", rng.randint(0, 12))
        shorter = min(len(a), len(b))
        if fuzz.ratio(a, b) >= 95:
            from rapidfuzz.distance import Indel

            assert Indel.distance(a, b) <= max_distance(shorter, 95)


def _plan_like_texts(count: int, seed: int = 3) -> list[str]:
    """Sentences from a small vocabulary of plan words, with near-copies: like a large plan."""
    rng = random.Random(seed)
    words = ("we will work with partners to improve deliver support residents communities services health "
             "housing homes city council children young people jobs skills climate safe clean green local "
             "across our and the of for in by more new better access").split()
    texts: list[str] = []
    while len(texts) < count:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(10, 30)))
        texts.append(text)
        for _ in range(rng.randint(0, 3)):
            texts.append(_edited(rng, text, "abcdefghijklmnopqrstuvwxyz ", rng.randint(1, 10)))
    return texts[:count]


def test_candidates_grow_far_slower_than_all_pairs() -> None:
    """Sub-quadratic: the pairs scored (the cost validate pays) are a small multiple of the number of
    texts, where scoring every pair costs n²/2 — and doubling the texts about doubles them."""
    counts = {}
    for n in (1500, 3000):
        texts = list(dict.fromkeys(_plan_like_texts(n)))
        counts[n] = sum(len(batch) for batch in candidate_pairs(texts, NEAR_DUPLICATE_SCORE, NEAR_MIN_LENGTH))
        assert counts[n] <= 3 * n  # where scoring every pair scores n(n - 1)/2: 750 n and 1500 n
    assert counts[3000] < 3 * counts[1500]
    texts = _plan_like_texts(1500)
    assert near_duplicates(texts, 95, 60) == every_pair(texts, 95, 60)


def test_memory_is_bounded_by_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hits are expanded a block at a time; tiny blocks give the same answer (the blocks are sound)."""
    texts = _plan_like_texts(800, seed=5)
    expected = near_duplicates(texts, 95, 60)
    monkeypatch.setattr(duplicates, "_BLOCK", 7)
    monkeypatch.setattr(duplicates, "_PROBES", 101)
    monkeypatch.setattr(duplicates, "_SCORED", 13)
    assert near_duplicates(texts, 95, 60) == expected


def test_bundled_plans_get_exactly_the_warnings_of_scoring_every_pair() -> None:
    for plan in load_plans([REPO / "data" / "plans"]):
        items = plan.items()
        texts = [normalise(item.text).casefold() for item in items]
        old = [f"priority {p.id} has no items" for p in plan.priorities if not p.items]
        for i, j, score in every_pair(texts, NEAR_DUPLICATE_SCORE, NEAR_MIN_LENGTH):
            same = "the same text" if texts[i] == texts[j] else f"near-duplicates ({score:.0f})"
            old.append(f"{items[i].id} and {items[j].id} are {same}: {items[i].text[:60]!r}")
        assert curation_warnings(plan) == old
    assert len(curation_warnings(next(p for p in load_plans([REPO / "data" / "plans"]) if p.council.id == "stoke-on-trent"))) == 22


def test_validate_scores_a_few_pairs_per_item_not_all_of_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The defect: validate scored all n² pairs (a 50,000-item plan: 282 s, and 9.9 GB for the
    matrix). Counting the comparisons rapidfuzz is asked for shows it now scores a few per item."""
    from types import SimpleNamespace

    compared = []
    real_cdist, real_cpdist = process.cdist, process.cpdist

    def cdist(queries, choices, **options):
        compared.append(len(queries) * len(choices))
        return real_cdist(queries, choices, **options)

    def cpdist(queries, choices, **options):
        compared.append(len(queries))
        return real_cpdist(queries, choices, **options)

    monkeypatch.setattr(process, "cdist", cdist)
    monkeypatch.setattr(process, "cpdist", cpdist)
    texts = _plan_like_texts(6000, seed=11)
    items = [SimpleNamespace(id=f"big.s.commitment.{n}", text=text) for n, text in enumerate(texts)]
    plan = SimpleNamespace(priorities=[SimpleNamespace(id="big.s", items=items)], items=lambda: items)
    warnings = curation_warnings(plan)
    assert sum(compared) <= 3 * len(texts)  # scoring every pair: 36,000,000 comparisons
    assert len(warnings) == len(near_duplicates([normalise(t).casefold() for t in texts], 95, 60)) > 3000


def test_the_benchmark_plan_is_one_valid_plan_of_exactly_the_items_asked_for(tmp_path) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "--items", "700", str(tmp_path)],
                   check=True, capture_output=True)
    (plan,) = load_plans([tmp_path])
    assert len(plan.items()) == 700
    texts = [normalise(item.text).casefold() for item in plan.items()]
    assert [(i, j) for i, j, _ in near_duplicates(texts, 95, 60)] == [(i, j) for i, j, _ in every_pair(texts, 95, 60)]
