"""The command-line interface: parse options, call the core, hand a Table to the renderer."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from plancompare import __version__
from plancompare.errors import InvalidInput, PlancompareError

EXIT_INTERRUPTED = 130


@dataclass
class Settings:
    """Options given before the command name."""

    plans_dir: Path | None
    debug: bool

    def plans(self):
        """Load the plans the user pointed at (or the bundled ones)."""
        from plancompare.loader import default_plans_dir, load_plans

        return load_plans([self.plans_dir or default_plans_dir()])


class PlancompareGroup(click.Group):
    """A group that turns the project's own errors into one-line messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlancompareError as error:
            if _debugging(ctx):
                raise
            # Problems in input files already start with FILE:LINE:COL; other errors get a prefix.
            prefix = "" if isinstance(error, InvalidInput) else "Error: "
            for line in str(error).splitlines():
                click.echo(prefix + line, err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            if _debugging(ctx):
                raise
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


def _debugging(ctx: click.Context) -> bool:
    settings = ctx.find_object(Settings)
    return bool(settings and settings.debug) or os.environ.get("PLANCOMPARE_DEBUG", "") not in ("", "0")


def output_options(command: Callable) -> Callable:
    """Add --format and -o/--output to a command that prints a table; passes ``emit`` to it."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "markdown", "csv", "json"]),
        default="table",
        show_default=True,
        help="How to print the table.",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to this file instead of standard output (written whole, or not at all).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, fmt: str, output: Path | None, **kwargs: Any) -> Any:
        return command(*args, emit=functools.partial(_emit, fmt=fmt, output=output), **kwargs)

    return wrapper


def _emit(table, *, fmt: str, output: Path | None) -> None:
    from plancompare import render

    if output is not None:
        from plancompare.output import write_atomically

        write_atomically(output, render.render(table, fmt))
        click.echo(f"Wrote {output}", err=True)
        return
    from rich.console import Console

    render.print_table(table, fmt, Console(highlight=False, emoji=False, soft_wrap=False))


pass_settings = click.make_pass_decorator(Settings)


@click.group(cls=PlancompareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="plancompare")
@click.option(
    "--plans-dir",
    type=click.Path(path_type=Path),
    envvar="PLANCOMPARE_PLANS_DIR",
    show_envvar=True,
    help="Directory of plan files to use instead of the bundled plans.",
)
@click.option("--debug", is_flag=True, envvar="PLANCOMPARE_DEBUG", help="Show Python tracebacks, for bug reports.")
@click.pass_context
def cli(ctx: click.Context, plans_dir: Path | None, debug: bool) -> None:
    """Compare what UK councils promise in their corporate plans.

    \b
    Examples:
      plancompare list
      plancompare show stoke --priority healthier
      plancompare validate data/plans
    """
    ctx.obj = Settings(plans_dir=plans_dir, debug=debug)


@cli.command("list")
@output_options
@pass_settings
def list_command(settings: Settings, emit: Callable) -> None:
    """List the councils with their plan, period and counts of priorities, commitments and indicators.

    \b
    Example:
      plancompare list --format markdown
    """
    from plancompare.views import plans_table

    emit(plans_table(settings.plans()))


@cli.command()
@click.argument("council")
@click.option("-p", "--priority", help="Show only this priority: its number, id or the start of its title.")
@output_options
@pass_settings
def show(settings: Settings, council: str, priority: str | None, emit: Callable) -> None:
    """Show one council's plan as a tree: vision, values, then each priority and its items.

    COUNCIL is an id, name, short name, alias or unique prefix (stoke, cov).

    \b
    Example:
      plancompare show stoke --priority healthier
    """
    from plancompare.resolve import resolve_council, resolve_priority
    from plancompare.views import plan_table

    plan = resolve_council(council, settings.plans())
    section = resolve_priority(priority, plan) if priority else None
    emit(plan_table(plan, section))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_settings
def validate(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Check plan files (or directories of them) and report every problem, one per line.

    With no PATH, checks the plans in use (--plans-dir or the bundled ones). Each item's text is also
    looked up in the plan's source text when data/sources/ is beside the plans directory.

    \b
    Example:
      plancompare validate data/plans/coventry.yaml
    """
    from plancompare.checks import validate_plans

    report = validate_plans(list(paths) or [settings.plans_dir or _default_dir()])
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    click.echo(report.summary)


def _default_dir() -> Path:
    from plancompare.loader import default_plans_dir

    return default_plans_dir()


def main() -> None:
    """Entry point of the ``plancompare`` console script and ``python -m plancompare``."""
    cli.main(prog_name="plancompare")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
