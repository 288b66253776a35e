"""Where plancompare's own data lives, and how paths are shown to the user.

The bottom layer with plancompare.errors: every other module may use it, it uses none of them.
"""

from __future__ import annotations

import os
from pathlib import Path


def bundled_data_dir() -> Path:
    """The data shipped with plancompare: inside the installed package, or the checkout's data/."""
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent / "data"


def default_themes_path() -> Path:
    """The bundled theme taxonomy."""
    return bundled_data_dir() / "themes.yaml"


def default_concepts_path() -> Path:
    """The bundled concept lexicon."""
    return bundled_data_dir() / "concepts.yaml"


def default_plans_dir() -> Path:
    """The bundled plan files."""
    return bundled_data_dir() / "plans"


def schema_path() -> Path:
    """The JSON Schema of the plan format."""
    return bundled_data_dir() / "plan.schema.json"


def display_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)
