"""The command-line interface: the plancompare group, its global options, and turning the project's
errors into one-line messages and exit codes. The commands themselves live beside this module."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

import click

from plancompare import __version__
from plancompare.cli.cache import cache_group
from plancompare.cli.export import export
from plancompare.cli.documents import draft, report
from plancompare.cli.commands import TABLE_COMMANDS
from plancompare.cli.options import DEBUG, NO_COLOR, WORKSPACE, PathArgument

if TYPE_CHECKING:
    from pathlib import Path

EXIT_INTERRUPTED = 130
#: What is said when a signal ends the run (while an output file is written; see output.files).
_SIGNAL_MESSAGES = {signal.SIGINT: "Interrupted.", getattr(signal, "SIGTERM", -1): "Terminated.",
                    getattr(signal, "SIGHUP", -2): "Hung up."}
# Raised by click 8.2+ for a bare "plancompare": the help text, not an error.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


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
        except Exception as error:
            # Help or version text written to a closed standard output (streams.ClosedStandardOutput).
            from plancompare.errors import PlancompareError

            if not isinstance(error, PlancompareError) or getattr(error, "for_debugging", False) or _debugging(None):
                raise
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with the whole first sentence of each one's help, wrapped rather
        than cut off (click shortens it to fit one line)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, first_sentence(command.help or command.short_help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from plancompare.errors import InvalidInput, PlancompareError
        from plancompare.output.files import signals_interrupt

        try:
            # SIGTERM and SIGHUP end the run the way Ctrl-C does, at any point of it, so that every
            # clean-up (an output file's or a cache entry's temporary file) runs before the exit.
            with signals_interrupt():
                return super().invoke(ctx)
        except PlancompareError as error:
            if _debugging(ctx):
                error.for_debugging = True  # main() passes it on too
                raise
            # Problems in input files already start with FILE:LINE:COL; other errors get a prefix.
            prefix = "" if isinstance(error, InvalidInput) else "Error: "
            for line in str(error).splitlines():
                click.echo(prefix + line, err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt as error:
            if _debugging(ctx):
                raise
            # Ctrl-C, or SIGTERM/SIGHUP (output.files.Terminated).
            number = getattr(error, "signal_number", signal.SIGINT)
            # After SIGHUP the terminal may be gone; the exit status still tells.
            with contextlib.suppress(OSError):
                click.echo(_SIGNAL_MESSAGES.get(number, "Interrupted."), err=True)
            ctx.exit(128 + number)
        except BrokenPipeError:
            # The reader of standard output has gone (`plancompare items | head -1`): stop quietly,
            # with the status a shell gives a process that SIGPIPE ended.
            from plancompare.cli import streams

            streams.quiet_broken_pipe()
            ctx.exit(streams.EXIT_BROKEN_PIPE)


def first_sentence(text: str) -> str:
    """The first sentence of a help text, whole, on one line: up to its first full stop followed by
    a space (or the end), within its first paragraph."""
    import re

    paragraph = " ".join(text.strip().split("\n\n", 1)[0].split())
    match = re.search(r"\.(?=\s|$)", paragraph)
    return paragraph[:match.end()] if match else paragraph


def _debugging(ctx: click.Context | None) -> bool:
    return bool(ctx is not None and ctx.meta.get(DEBUG)) or os.environ.get("PLANCOMPARE_DEBUG", "") not in ("", "0")


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
@click.option(
    "--concepts",
    "concepts_file",
    type=PathArgument(),
    envvar="PLANCOMPARE_CONCEPTS",
    show_envvar=True,
    help="Concept lexicon to use instead of the bundled data/concepts.yaml.",
)
@click.option("--no-color", is_flag=True, help="No colour in terminal output (NO_COLOR=1 does the same).")
@click.option("--no-cache", is_flag=True, envvar="PLANCOMPARE_NO_CACHE",
              help="Parse and compute everything afresh, neither reading nor writing the cache.")
@click.option("--debug", is_flag=True, envvar="PLANCOMPARE_DEBUG", help="Show Python tracebacks, for bug reports.")
@click.pass_context
def cli(ctx: click.Context, plans_dir: Path | None, themes_file: Path | None, concepts_file: Path | None,
        no_color: bool, no_cache: bool, debug: bool) -> None:
    """Compare what UK councils promise in their corporate plans.

    \b
    Examples:
      plancompare list
      plancompare show stoke --priority healthier
      plancompare themes
      plancompare diff stoke coventry
      plancompare search "affordable homes"
    """
    ctx.meta[DEBUG], ctx.meta[NO_COLOR] = debug, no_color
    # The workspace is made when a command first asks for it, so that `COMMAND --help` imports nothing.
    ctx.meta[WORKSPACE] = {"plans_dir": plans_dir, "themes_file": themes_file, "concepts_file": concepts_file,
                           "use_cache": not no_cache}


for _command in (*TABLE_COMMANDS, report, export, draft, cache_group):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``plancompare`` console script and ``python -m plancompare``."""
    from plancompare.cli import streams

    streams.prepare()  # the real process's own standard streams (a closed standard output)
    cli.main(prog_name="plancompare")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
