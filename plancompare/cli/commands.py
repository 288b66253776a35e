"""The commands that print a table: list, show, validate, themes, diff, search, neighbours,
indicators and items. Each parses its arguments, asks the workspace, builds a table and emits it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from plancompare.cli.options import PathArgument, output_options, pass_workspace, theme_option, threshold_option

if TYPE_CHECKING:
    from pathlib import Path

    from plancompare.workspace import Workspace


@click.command("list")
@output_options
@pass_workspace
def list_command(workspace: Workspace, emit: Callable) -> None:
    """List the councils with their plan, period and counts of priorities, commitments and indicators.

    \b
    Example:
      plancompare list --format markdown
    """
    from plancompare.output.views import plans_table

    emit(plans_table(workspace.plans()))


@click.command()
@click.argument("council")
@click.option("-p", "--priority", help="Show only this priority: its number, id or the start of its title.")
@output_options
@pass_workspace
def show(workspace: Workspace, council: str, priority: str | None, emit: Callable) -> None:
    """Show one council's plan as a tree: vision, values, then each priority and its items.

    COUNCIL is an id, name, short name, alias or unique prefix (stoke, cov).

    \b
    Example:
      plancompare show stoke --priority healthier
    """
    from plancompare.output.views import plan_table
    from plancompare.plans.resolve import resolve_priority

    (plan,) = workspace.councils([council])
    section = resolve_priority(priority, plan) if priority else None
    emit(plan_table(plan, section))


@click.command()
@click.argument("paths", nargs=-1, type=PathArgument())
@click.option("-v", "--verbose", is_flag=True, help="List every curation warning, not just a count per file.")
@click.option("--strict", is_flag=True, help="Fail on what a finished plan may not keep from its draft: '# check:' marks, "
              "an unknown council type or region, priorities with no items.")
@pass_workspace
def validate(workspace: Workspace, paths: tuple[Path, ...], verbose: bool, strict: bool) -> None:
    """Check plan files (or directories of them) and report every problem, one per line.

    With no PATH, checks the plans in use (--plans-dir or the bundled ones). Each item's text is also
    looked up in the plan's source text when data/sources/ is beside the plans directory. Warnings
    (valid, but worth a curator's look: near-duplicate items, priorities with no items, and a draft's
    leftovers: '# check:' marks, an unknown council type or region) go to standard error and do not
    change the exit status; with --strict, the leftovers and empty priorities fail it.

    \b
    Example:
      plancompare validate data/plans/coventry.yaml
      plancompare validate --strict data/plans/dudley.yaml
    """
    from plancompare.plans.validate import validate_plans

    report = validate_plans(list(paths) or [workspace.plans_dir_in_use()], strict=strict)
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    if verbose:
        for file, warning in report.warnings:
            click.echo(f"Warning: {file}: {warning}", err=True)
    else:
        from collections import Counter

        for file, count in sorted(Counter(file for file, _ in report.warnings).items()):
            click.echo(f"Warning: {file}: {count} curation warning{'s' if count != 1 else ''} (near-duplicate "
                       "items, empty priorities or a draft's leftovers; --verbose lists them)", err=True)
    from plancompare.cli import streams

    streams.write(report.summary + "\n")


@click.command()
@click.argument("councils", nargs=-1)
@theme_option
@output_options
@pass_workspace
def themes(workspace: Workspace, councils: tuple[str, ...], theme: str | None, emit: Callable) -> None:
    """Show the theme x council matrix: items per theme and share of each plan, as a heat map.

    With --theme, the councils' items on that theme side by side instead.

    \b
    Examples:
      plancompare themes
      plancompare themes stoke coventry --theme housing
    """
    from plancompare.output.comparisons import theme_matrix, theme_side_by_side

    theme_id, index = workspace.theme(theme), workspace.index()
    if theme_id:
        emit(theme_side_by_side(index, workspace.councils(councils), theme_id))
    else:
        emit(theme_matrix(index, workspace.council_records(councils)))


@click.command()
@click.argument("council_a")
@click.argument("council_b")
@theme_option
@threshold_option
@output_options
@pass_workspace
def diff(workspace: Workspace, council_a: str, council_b: str, theme: str | None, threshold: float, emit: Callable) -> None:
    """Compare two councils side by side: each item of A beside its closest item of B, per theme,
    then what only A and only B commit to, and where their emphasis differs most.

    \b
    Example:
      plancompare diff stoke coventry --theme housing
    """
    from plancompare.output.diff import diff_table

    a, b = workspace.councils([council_a, council_b])
    if a.council.id == b.council.id:
        raise click.UsageError(f"Both names mean {a.council.id}; name two different councils.")
    emit(diff_table(workspace.index(), a, b, threshold, workspace.theme(theme)))


@click.command("search")
@click.argument("query")
@click.option("-c", "--council", "councils", multiple=True, help="Only this council (repeatable).")
@theme_option
@click.option("-n", "--limit", type=click.IntRange(1), default=20, show_default=True, help="How many items to show.")
@output_options
@pass_workspace
def search_command(workspace: Workspace, query: str, councils: tuple[str, ...], theme: str | None, limit: int,
                   emit: Callable) -> None:
    """Find the items across plans that best match QUERY, best first.

    \b
    Example:
      plancompare search "affordable homes" --council stoke --limit 5
    """
    from plancompare.output.comparisons import search_table

    if not query.strip():
        raise click.UsageError("QUERY is empty; give some words to search for.")
    index = workspace.index()
    chosen = [council.id for council in workspace.council_records(councils)] if councils else None
    emit(search_table(index, query, chosen, workspace.theme(theme), limit, workspace.searchable()))


@click.command()
@click.argument("council")
@click.option("-n", "--limit", type=click.IntRange(1), default=10, show_default=True,
              help="How many of the most alike councils to show.")
@output_options
@pass_workspace
def neighbours(workspace: Workspace, council: str, limit: int, emit: Callable) -> None:
    """Rank the other councils by how alike their plans are to COUNCIL's, overall and by theme.

    \b
    Example:
      plancompare neighbours wolverhampton --limit 5
    """
    from plancompare.output.neighbours import neighbours_table

    (plan,) = workspace.councils([council])
    emit(neighbours_table(workspace.index(), plan, limit))


@click.command()
@click.argument("councils", nargs=-1)
@theme_option
@threshold_option
@output_options
@pass_workspace
def indicators(workspace: Workspace, councils: tuple[str, ...], theme: str | None, threshold: float, emit: Callable) -> None:
    """List performance indicators with their local and comparator figures, and which other
    councils measure something similar.

    \b
    Example:
      plancompare indicators stoke --theme health
    """
    from plancompare.output.indicators import indicators_table

    emit(indicators_table(workspace.index(), workspace.councils(councils), workspace.theme(theme), threshold))


@click.command()
@click.option("-c", "--council", "councils", multiple=True, help="Only this council (repeatable).")
@theme_option
@click.option("-n", "--limit", type=click.IntRange(1), help="Only the first N items (in every format).")
@output_options
@pass_workspace
def items(workspace: Workspace, councils: tuple[str, ...], theme: str | None, limit: int | None, emit: Callable) -> None:
    """List every item with its themes and scores: the raw material of the comparisons.

    \b
    Example:
      plancompare items --council sandwell --theme digital --format csv
    """
    from plancompare.output.comparisons import items_table

    emit(items_table(workspace.index(), workspace.councils(councils), workspace.theme(theme), limit))


#: In the order --help lists them.
TABLE_COMMANDS = (list_command, show, validate, themes, diff, search_command, neighbours, indicators, items)
