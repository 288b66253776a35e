"""The commands that write a whole document: report (Markdown or HTML) and draft (a plan file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from plancompare.cli.options import PathArgument, deliver, generated_date, output_option, pass_workspace, progress, threshold_option

if TYPE_CHECKING:
    from pathlib import Path

    from plancompare.workspace import Workspace

#: The file names a report may be written to: a file without a suffix is written as Markdown.
REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@click.command()
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
@pass_workspace
def report(workspace: Workspace, councils: tuple[str, ...], theme_names: tuple[str, ...], fmt: str | None,
           output: Path | None, threshold: float) -> None:
    """Write a complete comparison report to paste into a committee paper, in Markdown or HTML:
    the plans compared, coverage by theme, each theme's commitments side by side with the
    indicators used, a summary for each pair of councils, and the method with its measured accuracy.

    \b
    Examples:
      plancompare report -o report.md
      plancompare report stoke coventry --theme housing --format html -o housing.html
    """
    from plancompare.output.render_document import document_to_html, document_to_markdown
    from plancompare.output.report import build_report

    suffix = output.suffix.lower() if output is not None else ""
    if suffix and suffix not in REPORT_SUFFIXES:
        raise click.BadParameter(f"plancompare writes reports as Markdown (.md) or HTML (.html), not {suffix}; "
                                 "for PDF or Word, write HTML and print or save it from a browser",
                                 param_hint="-o/--output")
    plans, index = workspace.councils(councils), workspace.index()
    if len({plan.council.id for plan in plans}) != len(plans):
        raise click.UsageError("A council is named twice; name each council once.")
    wanted = {workspace.theme(name) for name in theme_names}
    themes = [t for t in index.themes if t.id in wanted] if theme_names else list(index.themes)
    fmt = fmt or ("html" if output is not None and output.suffix.lower() in (".html", ".htm") else "markdown")
    with progress("Writing the report…"):
        document = build_report(index, plans, themes, threshold, generated_date())
        text = document_to_html(document) if fmt == "html" else document_to_markdown(document)
    deliver(text, output)


@click.command()
@click.argument("source")
@click.option("--council-id", required=True, help="The new council's id: lower-case words joined by hyphens (e.g. dudley).")
@click.option("--name", required=True, help='The council\'s full name, e.g. "Dudley Metropolitan Borough Council".')
@click.option("--type", "council_type", help="Kind of authority (metropolitan borough, unitary authority…).")
@click.option("--region", help="English region, e.g. West Midlands.")
@output_option("Write the draft plan file here (written whole, or not at all); standard output if omitted. "
               "The text drafted from is saved where validate traces items to, ../sources/ beside it: a text "
               "file under its own name, a PDF's, page's or address's text as ID.txt.")
@click.option("--force", is_flag=True, help="Replace the -o file (and its saved source text) if they already exist.")
def draft(source: str, council_id: str, name: str, council_type: str | None, region: str | None, output: Path | None,
          force: bool) -> None:
    """Draft a plan file from a plan's document, for a curator to finish: a plain-text extraction,
    an HTML page, a PDF, or the http(s) address of a page or PDF.

    Headings (by numbering, capitals, length and the blank lines round them; HTML h1–h6; a PDF's
    larger type) open sections; lists under any heading and sentences that promise, aim, or name a
    problem or a figure become items, each kind from its wording and heading; menus, banners,
    captions and contents are dropped, and text is kept verbatim. A summary at the top says what was
    drafted and skipped; '# check:' marks only what the drafter was unsure of.

    \b
    Examples:
      plancompare draft dudley.pdf --council-id dudley --name "Dudley Council" -o data/plans/dudley.yaml
      plancompare draft https://www.dudley.gov.uk/council-plan --council-id dudley --name "Dudley Council" -o data/plans/dudley.yaml
    """
    import contextlib
    import os
    import re
    from pathlib import Path

    from plancompare.output.files import check_writable
    from plancompare.paths import display_path
    from plancompare.plans.draft import draft_plan, draft_yaml, read_source_text
    from plancompare.plans.draft_fetch import fetch_source, is_url
    from plancompare.plans.rules import SLUG_PATTERN, SOURCE_FILE_PATTERN

    # The plan format's own rules, checked before any file is read.
    if not re.fullmatch(SLUG_PATTERN, council_id):
        raise click.BadParameter("use lower-case letters, digits and hyphens, e.g. stoke-on-trent", param_hint="--council-id")
    url = retrieved = path = None
    inputs: list[Path] = []
    if is_url(source):
        with progress(f"Fetching {source}…"):
            fetched = fetch_source(source)
        text, url, retrieved = fetched.text, fetched.url, fetched.retrieved.isoformat()
    else:
        path = Path(source)
        try:
            is_directory = path.is_dir()
        except OSError:  # a directory on the way cannot be searched: reading it says so in one line
            is_directory = False
        if is_directory:
            raise click.BadParameter(f"'{source}' is a directory; give a plan's text, page or PDF", param_hint="SOURCE")
        text = read_source_text(path)
        inputs = [path]
    # A plain-text source keeps its name; a PDF's, page's or address's text is saved as ID.txt.
    keep_name = text.original_format == "text" and not url and re.fullmatch(SOURCE_FILE_PATTERN, Path(source).name)
    source_name = Path(source).name if keep_name else f"{council_id}.txt"
    with progress("Drafting…"):
        plan_text = draft_yaml(draft_plan(text), council_id, name, source_name, council_type=council_type, region=region,
                               url=url, retrieved=retrieved)
    if output is None:
        if not keep_name:
            click.echo(f"Note: the document's text was not saved; draft with -o to save it as sources/{source_name} beside the plans.",
                       err=True)
        deliver(plan_text, None)
        return
    # The text every item is traced to goes where validate looks for it: sources/ beside the plans
    # directory (trace.source_path). That directory is made only in the layout plancompare documents
    # (data/plans beside data/sources), never one level above an arbitrary directory.
    # Nothing is written until both files are known to be writable.
    check_writable(output, inputs=inputs, overwrite=force)
    sources = output.absolute().parent.parent / "sources"
    saved: Path | None = Path(display_path(sources / source_name))
    if _holds_text(saved, path if keep_name else None, text):
        saved = None  # (drafted from the file validate will read, or one with the same text)
    elif not sources.is_dir() and output.absolute().parent.name != "plans":
        click.echo(f"Note: the document's text was not saved: validate looks for it as {saved}; make the directory "
                   f"{display_path(sources)}, or draft into a plans/ directory, to save it there.", err=True)
        saved = None
    else:
        check_writable(saved, inputs=inputs, overwrite=force)
    made_directory = created = None
    try:
        if saved is not None:
            if output.parent.is_dir() and not saved.parent.exists():
                saved.parent.mkdir()
                made_directory = saved.parent
            created = saved if not os.path.lexists(saved) else None
            deliver(str(text), saved, inputs=inputs, overwrite=force)
        # An existing file is refused without --force: it is likely a plan a curator has worked on.
        deliver(plan_text, output, inputs=inputs, overwrite=force)
    except BaseException:
        if created is not None:
            created.unlink(missing_ok=True)  # not half the work: the text saved for a plan not written
        if made_directory is not None:
            with contextlib.suppress(OSError):
                made_directory.rmdir()
        raise


def _holds_text(saved: Path, source: Path | None, text: str) -> bool:
    """Whether ``saved`` already holds the source's text: it is the source file itself, or a file
    with the same text."""
    try:
        if source is not None and saved.exists() and saved.samefile(source):
            return True
        return saved.is_file() and saved.read_bytes().decode("utf-8-sig", errors="replace") == str(text)
    except OSError:
        return False
