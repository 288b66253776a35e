"""Loading and checking a theme taxonomy file (data/themes.yaml or the user's --themes FILE)."""

from __future__ import annotations

from pathlib import Path

from plancompare.errors import InvalidInput
from plancompare.paths import default_themes_path, display_path
from plancompare.plans.model import Theme
from plancompare.plans.checkers import INVALID, CheckContext, Field, constant, list_of, record, text
from plancompare.plans.rules import slug
from plancompare.plans.yamlfile import read_yaml

#: Comparing every item with every theme costs memory in proportion to their product: a taxonomy is
#: a few dozen themes, and 500 keeps even 100,000 items within a few hundred MB.
MAX_THEMES = 500

THEME_FIELDS = {
    "id": Field(True, slug),
    "label": Field(True, text),
    "description": Field(True, text),
    "keywords": Field(False, list_of(text)),
    "synonyms": Field(False, list_of(text)),
}
THEMES_FILE_FIELDS = {
    "schema_version": Field(True, constant(1)),
    "themes": Field(True, list_of(record(THEME_FIELDS), min_items=1)),
}


def load_themes(path: Path | None = None, content: bytes | None = None) -> tuple[Theme, ...]:
    """Load and validate a taxonomy (from ``content``, the file's bytes, when the caller has read
    them); raises InvalidInput listing every problem."""
    path = path or default_themes_path()
    name = display_path(path)
    data, locations = read_yaml(path, name, content)
    ctx = CheckContext(name, locations)
    checked = record(THEMES_FILE_FIELDS)(ctx, data, ()) if isinstance(data, dict) else INVALID
    if not isinstance(data, dict):
        ctx.problem((), "a themes file must be a mapping with keys schema_version and themes")
    if checked is INVALID:
        raise InvalidInput(ctx.problems)
    if len(checked["themes"]) > MAX_THEMES:
        ctx.problem(("themes",), f"the taxonomy has {len(checked['themes']):,} themes; at most {MAX_THEMES} are allowed",
                    "merge themes, or split the taxonomy")
        raise InvalidInput(ctx.problems)
    seen: dict[str, int] = {}
    labels: dict[str, int] = {}
    for index, theme in enumerate(checked["themes"]):
        if theme["id"] in seen:
            ctx.problem(("themes", index, "id"), f"theme id '{theme['id']}' is used twice", "give each theme its own id")
        seen[theme["id"]] = index
        label = " ".join(theme["label"].casefold().split())
        if label in labels:
            ctx.problem(("themes", index, "label"), f"theme label '{theme['label']}' is also the label of "
                        f"{checked['themes'][labels[label]]['id']}", "give each theme its own label")
        labels.setdefault(label, index)
    if ctx.problems:
        raise InvalidInput(ctx.problems)
    return tuple(
        Theme(
            id=t["id"],
            label=t["label"],
            description=t["description"],
            keywords=tuple(t.get("keywords", ())),
            synonyms=tuple(t.get("synonyms", ())),
        )
        for t in checked["themes"]
    )
