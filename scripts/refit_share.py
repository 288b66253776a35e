"""How many everyday edits of a plan the incremental refit can take (README, cache section).

    python scripts/refit_share.py            # 200 edits of the bundled plans
    python scripts/refit_share.py --plans DIR --edits 50

Each edit changes one item of one plan, chosen at random (seeded): a word replaced by another word
of the corpus, a corpus word inserted, a word deleted, a number changed, or the text's own words
put in another order. For each it reports whether matching.incremental.refit takes it (only the
edited council weighted again) or declines it (everything fitted again), by kind of edit.
"""

from __future__ import annotations

import dataclasses
import random
import re
import sys
from collections import Counter
from pathlib import Path

from plancompare.matching.concepts import concepts_found
from plancompare.matching.config import DEFAULT_CONFIG
from plancompare.matching.fit import fitted_index
from plancompare.matching.incremental import fit_state, refit
from plancompare.paths import default_plans_dir
from plancompare.plans.concepts import load_concepts
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

SEED = 20261204
WORD = re.compile(r"[A-Za-z]{3,}")


def _edited(text: str, kind: str, rng: random.Random, corpus: list[str]) -> str | None:
    words = text.split(" ")
    plain = [number for number, word in enumerate(words) if WORD.fullmatch(word)]
    if kind == "replace a word" and plain:
        words[rng.choice(plain)] = rng.choice(corpus)
    elif kind == "insert a word":
        words.insert(rng.randrange(len(words) + 1), rng.choice(corpus))
    elif kind == "delete a word" and len(plain) > 1:
        del words[rng.choice(plain)]
    elif kind == "change a number" and re.search(r"\d", text):
        return re.sub(r"\d+", lambda match: str(int(match.group()) + rng.randint(1, 9)), text, count=1)
    elif kind == "reorder words" and len(plain) > 2:
        first, second = rng.sample(plain, 2)
        words[first], words[second] = words[second], words[first]
    else:
        return None
    return " ".join(words)


def _with_text(plan, item_id: str, text: str):
    priorities = tuple(dataclasses.replace(priority, items=tuple(
        dataclasses.replace(item, text=text) if item.id == item_id else item for item in priority.items))
        for priority in plan.priorities)
    return dataclasses.replace(plan, priorities=priorities)


def main(argv: list[str]) -> int:
    folder = Path(argv[argv.index("--plans") + 1]) if "--plans" in argv else default_plans_dir()
    count = int(argv[argv.index("--edits") + 1]) if "--edits" in argv else 200
    plans = tuple(load_plans([folder]))
    themes = load_themes()
    concepts = tuple(load_concepts(themes))
    _, fit = fitted_index(plans, themes, concepts=concepts)
    state = fit_state(fit)
    corpus = sorted({word for plan in plans for item in plan.items() for word in WORD.findall(item.text)})
    rng = random.Random(SEED)
    kinds = ["replace a word", "insert a word", "delete a word", "change a number", "reorder words"]
    taken, tried = Counter(), Counter()
    while sum(tried.values()) < count:
        plan = rng.choice(plans)
        items = [item for priority in plan.priorities for item in priority.items]
        item, kind = rng.choice(items), rng.choice(kinds)
        text = _edited(item.text, kind, rng, corpus)
        if text is None or text == item.text:
            continue
        new = _with_text(plan, item.id, text)
        found = [concepts_found([version], concepts)[0] for version in (plan, new)]
        tried[kind] += 1
        taken[kind] += refit(state, themes, DEFAULT_CONFIG, concepts, (plan, found[0]), (new, found[1])) is not None
    print(f"{len(plans)} plans ({folder}), {count} edits, seed {SEED}:")
    for kind in kinds:
        print(f"  {kind}: {taken[kind]}/{tried[kind]} refitted alone")
    print(f"  all: {sum(taken.values())}/{sum(tried.values())} ({sum(taken.values()) / sum(tried.values()):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
