"""What the commands share: path arguments, --format and -o, --theme and --threshold, the spinner,
and delivering a command's text or table to standard output or a file."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

# Only click is imported before a command runs, so that --help stays as quick as importing click
# (pathlib too is imported only when a path option is converted).
if TYPE_CHECKING:
    from pathlib import Path

#: The matcher's default threshold (plancompare.matching.config.MatcherConfig.threshold), written
#: out so that --help imports no dataclass machinery; a test keeps the two equal.
DEFAULT_THRESHOLD = 0.3
#: Where the options given before the command keep the choices that only the CLI needs.
DEBUG, NO_COLOR, WORKSPACE = "plancompare.debug", "plancompare.no_color", "plancompare.workspace"


class PathArgument(click.Path):
    """click.Path giving a pathlib.Path."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from pathlib import Path

        return Path(super().convert(value, param, ctx))


def pass_workspace(command: Callable) -> Callable:
    """Pass the Workspace that the group made for this run to ``command`` as its first argument."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(_workspace(click.get_current_context()), *args, **kwargs)

    return wrapper


def _workspace(ctx: click.Context):
    """The run's Workspace, made from the group's options the first time a command asks."""
    root = ctx.find_root()
    if root.obj is None:
        from plancompare.workspace import Workspace

        root.obj = Workspace(**ctx.meta.get(WORKSPACE, {}), progress=lambda: progress("Comparing plans…"))
    return root.obj


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


theme_option = click.option("-t", "--theme", help="Only this theme: its id (housing) or label, or the start of either.")
threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Similarity (0-1) at which two items count as the same commitment.",
)


def deliver(text: str, output: Path | None, inputs: Iterable[Path] | None = None) -> None:
    """Text to standard output (no -o, or -o -), or written whole to ``output`` with a note on
    standard error. An output that is one of the ``inputs`` (by default the workspace's plan and
    theme files, when the command used them) is refused."""
    if output is None or str(output) == "-":
        _require_stdout()
        click.echo(text, nl=False)
        return
    from plancompare.output.files import write_atomically

    if inputs is None:
        workspace = click.get_current_context().find_root().obj
        inputs = workspace.input_files() if workspace is not None else ()
    write_atomically(output, text, inputs)
    click.echo(f"Wrote {output}", err=True)


def _require_stdout() -> None:
    """Fail with one line when standard output is closed (Python then has no sys.stdout, and
    writing would silently do nothing)."""
    if sys.stdout is None:
        from plancompare.output.files import OutputError

        raise OutputError("standard output is closed; nothing can be printed (give -o FILE to write a file)")


def progress(message: str):
    """A spinner on standard error while slow work runs, only when standard error is a terminal."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    # --no-color (or NO_COLOR, which rich reads itself when no_color is None) greys the spinner too.
    ctx = click.get_current_context(silent=True)
    no_color = True if ctx is not None and ctx.meta.get(NO_COLOR) else None
    return Console(stderr=True, no_color=no_color).status(message, spinner_style="" if no_color else "status.spinner")


def _emit(table, *, fmt: str, output: Path | None) -> None:
    from plancompare.output import render

    if output is not None and str(output) != "-":
        deliver(render.render(table, fmt), output)
        return
    _require_stdout()
    from rich.console import Console

    # None lets rich honour the NO_COLOR environment variable; --no-color forces it.
    no_color = True if click.get_current_context().meta.get(NO_COLOR) else None
    render.print_table(table, fmt, Console(highlight=False, emoji=False, soft_wrap=False, no_color=no_color))


def generated_date() -> str:
    """Today's date, or the date of SOURCE_DATE_EPOCH when set (for reproducible documents)."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()
