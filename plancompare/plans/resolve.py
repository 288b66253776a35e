"""Turning what a user types ('stoke', 'Cov', 'Coventry City Council') into a council's plan."""

from __future__ import annotations

import re
from collections.abc import Sequence

from plancompare.errors import UnknownName
from plancompare.plans.model import Council, Plan, Priority, Theme

_SEPARATORS = re.compile(r"[\s_-]+")


def folded(name: str) -> str:
    """A name as it is compared: case-folded, with spaces and hyphens alike."""
    return _SEPARATORS.sub(" ", name.casefold()).strip()


_fold = folded


def resolve_council(query: str, plans: Sequence[Plan]) -> Plan:
    """The plan whose council is named by ``query`` (see resolve_council_name)."""
    council = resolve_council_name(query, [plan.council for plan in plans])
    return next(plan for plan in plans if plan.council is council)


def resolve_council_name(query: str, councils: Sequence[Council]) -> Council:
    """The council named by ``query``.

    A council's exact id always names it. Otherwise a council matches by id, full name, short name or
    alias, ignoring case, spaces and hyphens; failing
    that, by a prefix that only one council's names start with. Raises UnknownName (with a
    suggestion) for no match and for a prefix that fits several councils.
    """
    wanted = _fold(query)
    known = ", ".join(council.id for council in councils)
    if not wanted:
        raise UnknownName(f"No council named ''. Known councils: {known}.")
    # A council's own id always wins, even when it is also another council's short name or alias.
    by_id = [council for council in councils if council.id == query.strip().lower()]
    if len(by_id) == 1:
        return by_id[0]
    exact = [council for council in councils if any(_fold(name) == wanted for name in council.names())]
    if len(exact) == 1:
        return exact[0]
    prefixed = exact or [council for council in councils if any(_fold(name).startswith(wanted) for name in council.names())]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        options = " or ".join(f"'{council.id}'" for council in prefixed)
        raise UnknownName(f"Council '{query}' is ambiguous: it could be {options}.")
    suggestion = _closest(wanted, councils)
    hint = f" Did you mean '{suggestion}'?" if suggestion else ""
    raise UnknownName(f"Unknown council '{query}'.{hint} Known councils: {known}.")


def _closest(wanted: str, councils: Sequence[Council]) -> str | None:
    from rapidfuzz import fuzz, process

    choices = {(council.id, name): _fold(name) for council in councils for name in council.names()}
    best = process.extractOne(wanted, choices, scorer=fuzz.ratio, score_cutoff=60)
    return best[2][0] if best else None


def resolve_priority(query: str, plan: Plan) -> Priority:
    """The priority of ``plan`` named by ``query``: its id or id's last part, its number, or its title
    (or the start of it), ignoring case. Raises UnknownName otherwise."""
    wanted = _fold(query)
    for priority in plan.priorities:
        last_part = priority.id.rsplit(".", 1)[-1]
        if wanted in (_fold(priority.id), _fold(last_part), _fold(priority.title)) or wanted == str(priority.number):
            return priority
    matches = [p for p in plan.priorities if _fold(p.title).startswith(wanted) or wanted in _fold(p.title)]
    if len(matches) == 1:
        return matches[0]
    available = ", ".join(p.id.rsplit(".", 1)[-1] for p in plan.priorities)
    if matches:
        raise UnknownName(f"Priority '{query}' is ambiguous in {plan.council.id}. Priorities: {available}.")
    raise UnknownName(f"No priority '{query}' in {plan.council.id}. Priorities: {available}.")


def resolve_theme(query: str, themes: Sequence[Theme]) -> Theme:
    """The theme named by ``query``: its id or label, ignoring case, or a unique prefix of either."""
    wanted = _fold(query)
    for theme in themes:
        if wanted in (_fold(theme.id), _fold(theme.label)):
            return theme
    prefixed = [t for t in themes if _fold(t.id).startswith(wanted) or _fold(t.label).startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    known = ", ".join(theme.id for theme in themes)
    if prefixed:
        options = " or ".join(f"'{t.id}'" for t in prefixed)
        raise UnknownName(f"Theme '{query}' is ambiguous: it could be {options}.")
    from rapidfuzz import fuzz, process

    best = process.extractOne(wanted, {t.id: _fold(t.id) for t in themes}, scorer=fuzz.ratio, score_cutoff=60)
    hint = f" Did you mean '{best[2]}'?" if best else ""
    raise UnknownName(f"Unknown theme '{query}'.{hint} Themes: {known}.")
