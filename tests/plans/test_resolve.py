"""Council and priority names resolve the way a user types them."""

from __future__ import annotations

import pytest

from support import VALID_PLANS
from plancompare.errors import UnknownName
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.resolve import resolve_council, resolve_priority

FIXTURE_PLANS = load_plans([VALID_PLANS])
BUNDLED = load_plans([default_plans_dir()])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("northdale", "northdale"),
        ("NORTHDALE", "northdale"),
        ("Northdale Borough Council", "northdale"),
        ("ndale", "northdale"),
        ("north", "northdale"),
        ("South", "southmoor"),
        ("southmoor district", "southmoor"),
    ],
)
def test_fixture_names_resolve(query: str, expected: str) -> None:
    assert resolve_council(query, FIXTURE_PLANS).council.id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stoke", "stoke-on-trent"),
        ("Stoke on Trent", "stoke-on-trent"),
        ("cov", "coventry"),
        ("Coventry City Council", "coventry"),
        ("wolverhampton", "wolverhampton"),
        ("sand", "sandwell"),
    ],
)
def test_bundled_names_resolve(query: str, expected: str) -> None:
    assert resolve_council(query, BUNDLED).council.id == expected


def test_unknown_council_suggests_the_closest_and_lists_ids() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_council("covnetry", BUNDLED)
    assert str(caught.value) == (
        "Unknown council 'covnetry'. Did you mean 'coventry'? "
        "Known councils: coventry, sandwell, stoke-on-trent, wolverhampton."
    )
    assert caught.value.exit_code == 2


def test_unknown_council_without_a_close_match() -> None:
    with pytest.raises(UnknownName, match=r"^Unknown council 'zzz'\. Known councils: northdale, southmoor\.$"):
        resolve_council("zzz", FIXTURE_PLANS)


def test_prefix_shared_by_two_councils_is_ambiguous() -> None:
    with pytest.raises(UnknownName, match=r"^Council 's' is ambiguous: it could be 'sandwell' or 'stoke-on-trent'\.$"):
        resolve_council("s", BUNDLED)


@pytest.mark.parametrize("query", ["healthier", "northdale.healthier", "1", "A Healthier", "healthier northdale"])
def test_priority_resolves_by_slug_id_number_or_title(query: str) -> None:
    plan = resolve_council("northdale", FIXTURE_PLANS)
    assert resolve_priority(query, plan).id == "northdale.healthier"


def test_unknown_priority_lists_the_priorities() -> None:
    plan = resolve_council("northdale", FIXTURE_PLANS)
    with pytest.raises(UnknownName, match=r"^No priority 'parks' in northdale\. Priorities: healthier, homes\.$"):
        resolve_priority("parks", plan)


def test_an_exact_id_wins_over_another_councils_short_name() -> None:
    from plancompare.plans.model import Council

    alpha = Council(id="alpha", name="Alpha Borough Council", short_name="Alphaville", type="district", region="X")
    beta = Council(id="beta", name="Beta Council", short_name="Alpha", type="district", region="X", aliases=("bee",))
    from plancompare.plans.resolve import resolve_council_name

    assert resolve_council_name("alpha", [alpha, beta]) is alpha
    assert resolve_council_name(" ALPHA ", [alpha, beta]) is alpha
    assert resolve_council_name("beta", [alpha, beta]) is beta
    assert resolve_council_name("bee", [alpha, beta]) is beta


def test_validate_warns_when_a_name_is_another_councils_id(tmp_path) -> None:
    import shutil

    from plancompare.plans.validate import validate_plans

    shutil.copytree(VALID_PLANS.parent, tmp_path / "data")
    plans_dir = tmp_path / "data" / "plans"
    northdale, other_id = plans_dir / "northdale.yaml", "southmoor"
    northdale.write_text(northdale.read_text().replace("aliases: [ndale]", f"aliases: [ndale, {other_id}]"))
    report = validate_plans([plans_dir])
    assert any(f"council name '{other_id}' is also the id of {other_id}" in warning for _, warning in report.warnings)
