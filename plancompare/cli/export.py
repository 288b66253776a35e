"""plancompare export FILE.db: the plans, their themes, matches and indicators as a SQLite database."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from plancompare.cli.options import PathArgument, pass_workspace, threshold_option

if TYPE_CHECKING:
    from pathlib import Path

    from plancompare.workspace import Workspace


@click.command("export")
@click.argument("file", type=PathArgument(dir_okay=False))
@click.option("-c", "--council", "councils", multiple=True, help="Only this council (repeatable; default: all).")
@threshold_option
@pass_workspace
def export(workspace: Workspace, file: Path, councils: tuple[str, ...], threshold: float) -> None:
    """Write every plan, item, theme score, match and indicator to FILE as a SQLite database, for
    Datasette, sqlite-utils or any SQL client: tables councils, plans, priorities, themes, items,
    item_themes, matches (every pair of items at or above the threshold) and indicators, with
    foreign keys, a _columns table describing every column, and full-text search (items_fts).
    The file is written whole or not at all.

    \b
    Examples:
      plancompare export plans.db
      datasette plans.db
    """
    import tempfile
    from pathlib import Path

    from plancompare.output.export import write_database
    from plancompare.output.files import write_output
    from plancompare.store import location

    plans = workspace.councils(councils)
    index = workspace.index()
    cache = location.database_path()
    inputs = [*workspace.input_files(), *([cache] if cache is not None else [])]
    with tempfile.TemporaryDirectory(prefix="plancompare-export-") as scratch:
        built = Path(scratch) / "export.db"
        write_database(built, index, plans, threshold)
        write_output(file, built.read_bytes(), inputs=inputs)
    click.echo(f"Wrote {file}", err=True)
