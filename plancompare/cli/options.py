"""What the commands share: path arguments, --format and -o, --theme and --threshold, the spinner,
and delivering a command's text or table to standard output or a file."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

# Only click is imported before a command runs, so that --help stays as quick as importing click
# (pathlib too is imported only when a path option is converted).
if TYPE_CHECKING:
    from pathlib import Path

#: The matcher's default threshold (plancompare.matching.config.MatcherConfig.threshold), written
#: out so that --help imports no dataclass machinery; a test keeps the two equal.
DEFAULT_THRESHOLD = 0.42
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
        root.call_on_close(root.obj.close)  # records what the run used in the cache, and prunes it
    return root.obj


def output_option(help_text: str) -> Callable:
    """-o/--output FILE: where a command writes instead of standard output ('-' is standard output)."""
    return click.option("-o", "--output", type=_OutputPath(dir_okay=False, allow_dash=True), callback=_dash_is_stdout,
                        help=help_text + " '-' is standard output.")


class _OutputPath(PathArgument):
    """A path, or '-' kept as the text itself: pathlib would make "./-" the same as "-"."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return value if value == "-" else super().convert(value, param, ctx)


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: Any) -> Path | None:
    # "-o -" is the usual spelling of standard output; "-o ./-" still names a file called "-".
    return None if isinstance(value, str) and value == "-" else value


def output_options(command: Callable) -> Callable:
    """Add --format and -o/--output to a command that prints a table; passes ``emit`` to it."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "markdown", "csv", "csv-excel", "json"]),
        default="table",
        show_default=True,
        help="How to print the table; csv-excel is CSV that Excel opens with every character intact.",
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


def deliver(text: str, output: Path | None, *, inputs: Sequence[Path] | None = None, overwrite: bool = True) -> None:
    """Text to standard output, or written to ``output`` with a note on standard error.

    ``inputs`` are the files the command read, which ``output`` must not be (by default the
    workspace's plan files and taxonomy); without ``overwrite`` an existing file is refused.
    """
    from plancompare.cli import streams

    if output is None:
        streams.write(text)
        return
    from plancompare.output.files import write_output

    write_output(output, text, inputs=_workspace_inputs() if inputs is None else inputs, overwrite=overwrite)
    click.echo(f"Wrote {output}", err=True)


def _workspace_inputs() -> list[Path]:
    """The files the run's Workspace reads, if the command used one."""
    workspace = click.get_current_context().find_root().obj
    return workspace.input_files() if workspace is not None else []


def _no_color() -> bool | None:
    """True when --no-color or NO_COLOR says so; None lets rich decide (it also reads NO_COLOR)."""
    ctx = click.get_current_context(silent=True)
    flag = ctx is not None and bool(ctx.meta.get(NO_COLOR))
    return True if flag or os.environ.get("NO_COLOR", "") else None


def progress(message: str):
    """A spinner on standard error while slow work runs, only when standard error is a terminal,
    and without colour under --no-color or NO_COLOR."""
    import contextlib

    if sys.stderr is None or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True, no_color=_no_color()).status(message)


def _emit(table, *, fmt: str, output: Path | None) -> None:
    from plancompare.output import render

    if output is not None or fmt != "table":
        deliver(render.render(table, fmt), output)
        return
    from rich.console import Console

    from plancompare.cli import streams

    # Rendered to text first, so that it reaches standard output through streams.write like every
    # other output (closed, broken pipe and encoding handled once); rich still sizes and colours
    # it for the real standard output.
    rendering = streams.Rendering()
    render.print_table(table, fmt, Console(file=rendering, highlight=False, emoji=False, soft_wrap=False,
                                           no_color=_no_color()))
    streams.write(rendering.getvalue())


def generated_date() -> str:
    """Today's date, or the date of SOURCE_DATE_EPOCH when set (for reproducible documents)."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()
