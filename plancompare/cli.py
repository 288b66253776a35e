"""The command-line interface: parse options, call the core, hand a Table to the renderer."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from plancompare import __version__

# Only click is imported before a command runs, so that --help stays as quick as importing click
# (pathlib too is imported only when a path option is converted).
if TYPE_CHECKING:
    from pathlib import Path


class PathArgument(click.Path):
    """click.Path giving a pathlib.Path."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from pathlib import Path

        return Path(super().convert(value, param, ctx))

EXIT_INTERRUPTED = 130
# Raised by click 8.2+ for a bare "plancompare": the help text, not an error.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())
#: Kept in step with plancompare.matcher.DEFAULT_THRESHOLD (a test checks) without importing it,
#: so that --help does not load scikit-learn.
DEFAULT_THRESHOLD = 0.3


class Settings:
    """Options given before the command name, and what they load (once per run)."""

    def __init__(self, plans_dir: Path | None, debug: bool, themes_file: Path | None = None,
                 no_color: bool = False, use_cache: bool = True):
        self.plans_dir, self.debug, self.themes_file = plans_dir, debug, themes_file
        self.no_color, self.use_cache = no_color, use_cache
        self._files: list[Path] | None = None
        self._store: Any = None
        self._index: Any = None

    def files(self) -> list[Path]:
        """The plan files in use: --plans-dir's, or the bundled ones."""
        from plancompare.loader import default_plans_dir
        from plancompare.workspace import plan_files

        if self._files is None:
            self._files = plan_files(self.plans_dir or default_plans_dir())
        return self._files

    def store(self):
        """The plans in use, loaded (through the cache) as they are needed."""
        from plancompare.workspace import PlanStore, plans_key

        if self._store is None:
            files = self.files()
            self._store = PlanStore(files, plans_key(files) if self.use_cache else None)
        return self._store

    def plans(self):
        """Every plan the user pointed at (or the bundled ones)."""
        return self.store().all()

    def index(self):
        """The matcher's index over every plan, with the chosen theme taxonomy, through the cache."""
        from plancompare.workspace import load_index

        if self._index is None:
            with progress("Comparing plans…"):
                self._index = load_index(self.store(), self.themes_file)
        return self._index

    def council_records(self, names) -> tuple:
        """The councils named (every council when none is named), in the order given, without
        loading their plans."""
        from plancompare.resolve import resolve_council_name

        known = self.store().councils()
        return tuple(resolve_council_name(name, known) for name in names) if names else known

    def councils(self, names) -> tuple:
        """The plans named (every plan when none is named), in the order given."""
        if not names:
            return self.plans()
        return tuple(self.store().plan(council.id) for council in self.council_records(names))

    def theme(self, name: str | None) -> str | None:
        """The id of the theme named, or None when no theme was asked for."""
        from plancompare.resolve import resolve_theme

        return resolve_theme(name, self.index().themes).id if name else None


class PlancompareGroup(click.Group):
    """A group that turns the project's own errors into one-line messages and exit codes."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the CLI; usage errors print one line (not click's usage block) and exit 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as error:
            click.echo(error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            where = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{where}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        from plancompare.errors import InvalidInput, PlancompareError

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


def output_option(help_text: str) -> Callable:
    """-o/--output FILE: where a command writes instead of standard output."""
    return click.option("-o", "--output", type=PathArgument(dir_okay=False), help=help_text)


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
    @output_option("Write to this file instead of standard output (written whole, or not at all).")
    @functools.wraps(command)
    def wrapper(*args: Any, fmt: str, output: Path | None, **kwargs: Any) -> Any:
        return command(*args, emit=functools.partial(_emit, fmt=fmt, output=output), **kwargs)

    return wrapper


def _deliver(text: str, output: Path | None) -> None:
    """Text to standard output, or written whole to ``output`` with a note on standard error."""
    if output is None:
        click.echo(text, nl=False)
        return
    from plancompare.output import write_atomically

    write_atomically(output, text)
    click.echo(f"Wrote {output}", err=True)


def progress(message: str):
    """A spinner on standard error while slow work runs, only when standard error is a terminal."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


def _emit(table, *, fmt: str, output: Path | None) -> None:
    from plancompare import render

    if output is not None:
        _deliver(render.render(table, fmt), output)
        return
    from rich.console import Console

    settings = click.get_current_context().find_object(Settings)
    # None lets rich honour the NO_COLOR environment variable; --no-color forces it.
    no_color = True if settings and settings.no_color else None
    render.print_table(table, fmt, Console(highlight=False, emoji=False, soft_wrap=False, no_color=no_color))


pass_settings = click.make_pass_decorator(Settings)


@click.group("plancompare", cls=PlancompareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="plancompare")
@click.option(
    "--plans-dir",
    type=PathArgument(),
    envvar="PLANCOMPARE_PLANS_DIR",
    show_envvar=True,
    help="Directory of plan files to use instead of the bundled plans.",
)
@click.option(
    "--themes",
    "themes_file",
    type=PathArgument(),
    envvar="PLANCOMPARE_THEMES",
    show_envvar=True,
    help="Theme taxonomy file to use instead of the bundled data/themes.yaml.",
)
@click.option("--no-color", is_flag=True, help="No colour in terminal output (NO_COLOR=1 does the same).")
@click.option("--no-cache", is_flag=True, envvar="PLANCOMPARE_NO_CACHE",
              help="Parse and compute everything afresh, neither reading nor writing the cache.")
@click.option("--debug", is_flag=True, envvar="PLANCOMPARE_DEBUG", help="Show Python tracebacks, for bug reports.")
@click.pass_context
def cli(ctx: click.Context, plans_dir: Path | None, themes_file: Path | None, no_color: bool, no_cache: bool,
        debug: bool) -> None:
    """Compare what UK councils promise in their corporate plans.

    \b
    Examples:
      plancompare list
      plancompare show stoke --priority healthier
      plancompare themes
      plancompare diff stoke coventry
      plancompare search "affordable homes"
    """
    ctx.obj = Settings(plans_dir=plans_dir, debug=debug, themes_file=themes_file, no_color=no_color, use_cache=not no_cache)


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
    from plancompare.resolve import resolve_priority
    from plancompare.views import plan_table

    (plan,) = settings.councils([council])
    section = resolve_priority(priority, plan) if priority else None
    emit(plan_table(plan, section))


@cli.command()
@click.argument("paths", nargs=-1, type=PathArgument())
@click.option("-v", "--verbose", is_flag=True, help="List every curation warning, not just a count per file.")
@pass_settings
def validate(settings: Settings, paths: tuple[Path, ...], verbose: bool) -> None:
    """Check plan files (or directories of them) and report every problem, one per line.

    With no PATH, checks the plans in use (--plans-dir or the bundled ones). Each item's text is also
    looked up in the plan's source text when data/sources/ is beside the plans directory. Warnings
    (valid, but worth a curator's look: near-duplicate items, priorities with no items) go to
    standard error and do not change the exit status.

    \b
    Example:
      plancompare validate data/plans/coventry.yaml
    """
    from plancompare.checks import validate_plans

    report = validate_plans(list(paths) or [settings.plans_dir or _default_dir()])
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    if verbose:
        for file, warning in report.warnings:
            click.echo(f"Warning: {file}: {warning}", err=True)
    else:
        from collections import Counter

        for file, count in sorted(Counter(file for file, _ in report.warnings).items()):
            click.echo(f"Warning: {file}: {count} curation warning{'s' if count != 1 else ''} (near-duplicate "
                       "items or empty priorities; --verbose lists them)", err=True)
    click.echo(report.summary)


theme_option = click.option("-t", "--theme", help="Only this theme: its id (housing) or label, or the start of either.")
threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Similarity (0-1) at which two items count as the same commitment.",
)


@cli.command()
@click.argument("councils", nargs=-1)
@theme_option
@output_options
@pass_settings
def themes(settings: Settings, councils: tuple[str, ...], theme: str | None, emit: Callable) -> None:
    """Show the theme x council matrix: items per theme and share of each plan, as a heat map.

    With --theme, the councils' items on that theme side by side instead.

    \b
    Examples:
      plancompare themes
      plancompare themes stoke coventry --theme housing
    """
    from plancompare.comparisons import theme_matrix, theme_side_by_side

    theme_id, index = settings.theme(theme), settings.index()
    if theme_id:
        emit(theme_side_by_side(index, settings.councils(councils), theme_id))
    else:
        emit(theme_matrix(index, settings.council_records(councils)))


@cli.command()
@click.argument("council_a")
@click.argument("council_b")
@theme_option
@threshold_option
@output_options
@pass_settings
def diff(settings: Settings, council_a: str, council_b: str, theme: str | None, threshold: float, emit: Callable) -> None:
    """Compare two councils side by side: each item of A beside its closest item of B, per theme,
    then what only A and only B commit to, and where their emphasis differs most.

    \b
    Example:
      plancompare diff stoke coventry --theme housing
    """
    from plancompare.comparisons import diff_table

    a, b = settings.councils([council_a, council_b])
    if a.council.id == b.council.id:
        raise click.UsageError(f"Both names mean {a.council.id}; name two different councils.")
    emit(diff_table(settings.index(), a, b, threshold, settings.theme(theme)))


@cli.command("search")
@click.argument("query")
@click.option("-c", "--council", "councils", multiple=True, help="Only this council (repeatable).")
@theme_option
@click.option("-n", "--limit", type=click.IntRange(1), default=20, show_default=True, help="How many items to show.")
@output_options
@pass_settings
def search_command(settings: Settings, query: str, councils: tuple[str, ...], theme: str | None, limit: int, emit: Callable) -> None:
    """Find the items across plans that best match QUERY, best first.

    \b
    Example:
      plancompare search "affordable homes" --council stoke --limit 5
    """
    from plancompare.comparisons import search_table

    if not query.strip():
        raise click.UsageError("QUERY is empty; give some words to search for.")
    emit(search_table(settings.index(), query, settings.councils(councils), settings.theme(theme), limit))


@cli.command()
@click.argument("council")
@click.option("-n", "--limit", type=click.IntRange(1), default=10, show_default=True,
              help="How many of the most alike councils to show.")
@output_options
@pass_settings
def neighbours(settings: Settings, council: str, limit: int, emit: Callable) -> None:
    """Rank the other councils by how alike their plans are to COUNCIL's, overall and by theme.

    \b
    Example:
      plancompare neighbours wolverhampton --limit 5
    """
    from plancompare.comparisons import neighbours_table

    (plan,) = settings.councils([council])
    emit(neighbours_table(settings.index(), plan, limit))


@cli.command()
@click.argument("councils", nargs=-1)
@theme_option
@threshold_option
@output_options
@pass_settings
def indicators(settings: Settings, councils: tuple[str, ...], theme: str | None, threshold: float, emit: Callable) -> None:
    """List performance indicators with their local and comparator figures, and which other
    councils measure something similar.

    \b
    Example:
      plancompare indicators stoke --theme health
    """
    from plancompare.comparisons import indicators_table

    emit(indicators_table(settings.index(), settings.councils(councils), settings.theme(theme), threshold))


@cli.command()
@click.option("-c", "--council", "councils", multiple=True, help="Only this council (repeatable).")
@theme_option
@output_options
@pass_settings
def items(settings: Settings, councils: tuple[str, ...], theme: str | None, emit: Callable) -> None:
    """List every item with its themes and scores: the raw material of the comparisons.

    \b
    Example:
      plancompare items --council sandwell --theme digital --format csv
    """
    from plancompare.comparisons import items_table

    emit(items_table(settings.index(), settings.councils(councils), settings.theme(theme)))


@cli.command()
@click.argument("councils", nargs=-1)
@click.option("-t", "--theme", "theme_names", multiple=True, help="Only this theme (repeatable); every theme by default.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html"]),
    help="Document format; by default html for an -o file ending in .html or .htm, else markdown.",
)
@output_option("Write the report to this file (written whole, or not at all); standard output if omitted.")
@threshold_option
@pass_settings
def report(settings: Settings, councils: tuple[str, ...], theme_names: tuple[str, ...], fmt: str | None,
           output: Path | None, threshold: float) -> None:
    """Write a complete comparison report to paste into a committee paper, in Markdown or HTML:
    the plans compared, coverage by theme, each theme's commitments side by side with the
    indicators used, a summary for each pair of councils, and the method with its measured accuracy.

    \b
    Examples:
      plancompare report -o report.md
      plancompare report stoke coventry --theme housing --format html -o housing.html
    """
    from plancompare.render_document import document_to_html, document_to_markdown
    from plancompare.report import build_report

    plans, index = settings.councils(councils), settings.index()
    if len({plan.council.id for plan in plans}) != len(plans):
        raise click.UsageError("A council is named twice; name each council once.")
    themes = [t for t in index.themes if t.id in {settings.theme(name) for name in theme_names}] if theme_names else list(index.themes)
    fmt = fmt or ("html" if output is not None and output.suffix.lower() in (".html", ".htm") else "markdown")
    with progress("Writing the report…"):
        document = build_report(index, plans, themes, threshold, _generated_date())
        text = document_to_html(document) if fmt == "html" else document_to_markdown(document)
    _deliver(text, output)


@cli.command()
@click.argument("source", type=PathArgument(dir_okay=False))
@click.option("--council-id", required=True, help="The new council's id: lower-case words joined by hyphens (e.g. dudley).")
@click.option("--name", required=True, help='The council\'s full name, e.g. "Dudley Metropolitan Borough Council".')
@click.option("--type", "council_type", help="Kind of authority (metropolitan borough, unitary authority…).")
@click.option("--region", help="English region, e.g. West Midlands.")
@output_option("Write the draft plan file here (written whole, or not at all); standard output if omitted.")
def draft(source: Path, council_id: str, name: str, council_type: str | None, region: str | None, output: Path | None) -> None:
    """Draft a plan file from a plan's plain-text extraction, for a curator to finish.

    Headings become priorities; cue lines ("Key challenges:", "We will do this by:", "Performance
    indicators", "Supporting data:" tables…) say what kind the following bullets, cells and lines
    are; "We will…" sentences in paragraphs become commitments. Page furniture and repeated
    fragments are dropped and text is kept verbatim. Guesses are marked with '# check:' comments.

    \b
    Example:
      plancompare draft dudley.txt --council-id dudley --name "Dudley Council" -o data/plans/dudley.yaml
    """
    import re as _re

    from plancompare.draft import draft_plan, draft_yaml
    from plancompare.errors import InvalidInput, Problem
    from plancompare.loader import display_path

    if not _re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", council_id):
        raise click.BadParameter("use lower-case letters, digits and hyphens, e.g. stoke-on-trent", param_hint="--council-id")
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput([Problem(display_path(source), "no such file")]) from None
    except UnicodeDecodeError as error:
        raise InvalidInput([Problem(display_path(source), f"not UTF-8 text (byte {error.start})", hint="save it as UTF-8")]) from None
    except OSError as error:
        raise InvalidInput([Problem(display_path(source), f"cannot read the file: {error.strerror or error}")]) from None
    source_name = source.name if _re.fullmatch(r"[A-Za-z0-9._-]+\.txt", source.name) else f"{council_id}.txt"
    _deliver(draft_yaml(draft_plan(text), council_id, name, source_name, council_type=council_type, region=region), output)


@cli.group("cache")
def cache_group() -> None:
    """Look after the cache of parsed plans and computed themes ($XDG_CACHE_HOME/plancompare).

    \b
    Examples:
      plancompare cache info
      plancompare cache clear
    """


@cache_group.command("info")
def cache_info() -> None:
    """Show where the cache is and how much it holds.

    \b
    Example:
      plancompare cache info
    """
    from plancompare import cache

    files = cache.entries()
    size = sum(path.stat().st_size for path in files)
    click.echo(f"{cache.cache_dir()}: {len(files)} entries, {size / 1e6:.1f} MB")


@cache_group.command("clear")
def cache_clear() -> None:
    """Remove every cache entry; the next run rebuilds what it needs.

    \b
    Example:
      plancompare cache clear
    """
    from plancompare import cache

    removed, size = cache.clear()
    click.echo(f"Removed {removed} entries ({size / 1e6:.1f} MB) from {cache.cache_dir()}")


def _generated_date() -> str:
    """Today's date, or the date of SOURCE_DATE_EPOCH when set (for reproducible documents)."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()


def _default_dir() -> Path:
    from plancompare.loader import default_plans_dir

    return default_plans_dir()


def main() -> None:
    """Entry point of the ``plancompare`` console script and ``python -m plancompare``."""
    cli.main(prog_name="plancompare")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
