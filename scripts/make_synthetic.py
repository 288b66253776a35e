"""Write N synthetic plan files, built by recombining and perturbing the bundled plans, for scale tests.

    python scripts/make_synthetic.py 400 /tmp/synthetic-plans
    python scripts/make_synthetic.py --items 50000 /tmp/big-plan    # one plan of 50,000 items

Council k takes the priorities of bundled plan k mod 4, keeps each item with probability 0.85,
borrows items of the same kind from the other plans, and perturbs numbers, place names and words (one
swapped for another word of the corpus, one dropped), so the texts are realistic but almost all
distinct. Deterministic for a given N. The files validate as plan
files (they have no source texts, so they are not traced).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans

PLACES = ("Northdale", "Southmoor", "Eastbrook", "Westford", "Ashby", "Kingsmere", "Redhill", "Lowfield")
NAMES = re.compile(r"\b(Coventry|Sandwell|Stoke-on-Trent|Stoke|Wolverhampton)\b")


def _perturb(text: str, rng: random.Random, place: str, lexicon: list[str] | None = None) -> str:
    text = NAMES.sub(place, text)
    text = re.sub(r"\d+", lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3))) if len(m.group()) < 5 else m.group(), text)
    words = text.split(" ")
    if lexicon and len(words) > 3:
        # One word swapped for another from the corpus and one dropped, so that (as in real plans)
        # almost no two councils share a sentence word for word, and caching repeated texts gains nothing.
        words[rng.randrange(1, len(words))] = rng.choice(lexicon)
        del words[rng.randrange(1, len(words))]
    return " ".join(words)


def synthetic_plan(number: int, plans, rng: random.Random, lexicon: list[str]) -> dict:
    base = plans[number % len(plans)]
    council_id = f"synthetic-{number:03d}"
    place = f"{rng.choice(PLACES)} {number}"
    by_kind: dict[str, list] = {}
    for plan in plans:
        for item in plan.items():
            if item.priority_id:
                by_kind.setdefault(item.kind, []).append(item)
    priorities = []
    for p_index, priority in enumerate(base.priorities):
        pid = f"{council_id}.section-{p_index + 1}"
        items, counters = [], {}
        chosen = [item for item in priority.items if rng.random() < 0.85]
        chosen += [rng.choice(by_kind[item.kind]) for item in priority.items if rng.random() < 0.15]
        for item in chosen:
            counters[item.kind] = counters.get(item.kind, 0) + 1
            record = {"id": f"{pid}.{item.kind}.{counters[item.kind]}", "kind": item.kind, "text": _perturb(item.text, rng, place, lexicon)}
            if item.kind == "indicator" and item.local:
                record["local"] = item.local
            items.append(record)
        priorities.append({"id": pid, "title": _perturb(priority.title, rng, place), "role": priority.role, "items": items})
    return {
        "schema_version": 1,
        "council": {"id": council_id, "name": f"{place} Council", "short_name": place, "type": "synthetic", "region": "Nowhere"},
        "plan": {
            "title": f"{place} Plan",
            "period": {"start": 2025, "end": 2030},
            "source": {"file": f"{council_id}.txt", "title": f"{place} Plan", "publisher": f"{place} Council",
                       "licence": "synthetic test data"},
            "vision": [{"id": f"{council_id}.vision.1", "text": _perturb(base.vision[0].text, rng, place)}] if base.vision else [],
        },
        "priorities": priorities,
    }


def one_plan(items: int, plans, rng: random.Random, lexicon: list[str]) -> dict:
    """One council's plan of exactly ``items`` items: the priorities of successive synthetic plans,
    renumbered under one council (how a plan too large for validate's old pairwise check looks)."""
    council_id = "synthetic-big"
    document = synthetic_plan(0, plans, rng, lexicon)
    document["council"]["id"], document["vision"] = council_id, None
    document["plan"]["vision"] = [dict(document["plan"]["vision"][0], id=f"{council_id}.vision.1")] if document["plan"]["vision"] else []
    priorities, total, number = [], len(document["plan"]["vision"]), 0
    while total < items:
        for priority in synthetic_plan(number, plans, rng, lexicon)["priorities"]:
            pid = f"{council_id}.section-{len(priorities) + 1}"
            kept = priority["items"][: items - total]
            for item in kept:
                item["id"] = pid + item["id"][len(priority["id"]):]
            priorities.append(dict(priority, id=pid, items=kept))
            total += len(kept)
            if total >= items:
                break
        number += 1
    document["priorities"] = priorities
    del document["vision"]
    return document


def main(argv: list[str]) -> int:
    single = argv[:1] == ["--items"]
    if single:
        argv = argv[1:]
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: make_synthetic.py N OUTDIR  or  make_synthetic.py --items N OUTDIR", file=sys.stderr)
        return 2
    count, out = int(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    plans = load_plans([default_plans_dir()])
    rng = random.Random(count)
    lexicon = sorted({word for plan in plans for item in plan.items() for word in item.text.split() if word.isalpha()})
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    if single:
        with open(out / "synthetic-big.yaml", "w", encoding="utf-8") as stream:
            yaml.dump(one_plan(count, plans, rng, lexicon), stream, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110)
        print(f"wrote one plan with {count} items to {out / 'synthetic-big.yaml'}")
        return 0
    total = 0
    for number in range(count):
        document = synthetic_plan(number, plans, rng, lexicon)
        total += sum(len(p["items"]) for p in document["priorities"])
        with open(out / f"synthetic-{number:03d}.yaml", "w", encoding="utf-8") as stream:
            yaml.dump(document, stream, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110)
    print(f"wrote {count} plans with {total} items to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
