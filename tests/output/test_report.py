"""The report in Markdown and HTML: parsed back, complete, unbreakable by plan text, and the
sample in docs/ kept fresh."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from support import REPO, VALID_PLANS
from plancompare.cli.main import cli
from plancompare.output.document import anchor
from plancompare.paths import default_plans_dir
from plancompare.plans.loader import load_plans
from plancompare.plans.taxonomy import load_themes

COUNCILS = [plan.council.short_name for plan in load_plans([default_plans_dir()])]
THEME_LABELS = [theme.label for theme in load_themes()]
EPOCH = re.search(r"^SAMPLE_DATE_EPOCH := (\d+)$", (REPO / "Makefile").read_text(), re.M).group(1)


def markdown_tables(markdown: str) -> list[list[list[str]]]:
    """Every table in the Markdown, as rows of cell texts (header row first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    inside = False
    for token in tokens:
        if token.type in ("table_open", "table_close"):
            inside = token.type == "table_open"
            if inside:
                tables.append([])
        elif inside and token.type == "tr_open":
            tables[-1].append([])
        elif inside and token.type == "inline":
            tables[-1][-1].append(token.content)
    return tables


class _Checker(HTMLParser):
    """Records tags, text and anything that would run or fetch, and checks nesting."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.table_rows: list[int] = []
        self._cells = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.errors.append(f"<{tag}> present")
        for name, value in attrs:
            if name.startswith("on") or (name in ("src", "href") and value and not value.startswith("#")):
                self.errors.append(f"{tag} {name}={value}")
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.links.append(attributes.get("href", ""))
        if tag == "tr":
            self._cells = 0
        if tag in ("td", "th"):
            self._cells += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "tr":
            self.table_rows.append(self._cells)
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def check_html(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    return checker


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("report")
    runner = CliRunner()
    out = {}
    for fmt, name in (("markdown", "report.md"), ("html", "report.html")):
        result = runner.invoke(cli, ["report", "-o", str(directory / name)], env={"SOURCE_DATE_EPOCH": EPOCH})
        assert result.exit_code == 0, result.stderr
        out[fmt] = (directory / name).read_text(encoding="utf-8")
    return out


def test_markdown_report_tables_are_well_formed_and_complete(reports) -> None:
    markdown = reports["markdown"]
    tables = markdown_tables(markdown)
    assert len(tables) > 10
    for table in tables:
        assert all(len(row) == len(table[0]) for row in table)
    for name in COUNCILS + THEME_LABELS:
        assert name in markdown
    for section in ("## Plans compared", "## Coverage by theme", "## Themes", "## Council by council", "## Method"):
        assert section in markdown
    assert "<" not in re.sub(r"\\<", "", markdown.replace("&lt;", ""))  # no raw HTML
    assert "…" not in markdown  # long texts are whole


def test_markdown_contents_links_to_real_headings(reports) -> None:
    markdown = reports["markdown"]
    links = re.findall(r"\]\(#([^)]+)\)", markdown)
    headings = [anchor(h) for h in re.findall(r"^#{2,3} (.+)$", markdown, re.M)]
    assert links and set(links) <= set(headings)


def test_html_report_is_self_contained_and_complete(reports) -> None:
    html = reports["html"]
    checker = check_html(html)
    text = " ".join(checker.text)
    for name in COUNCILS + THEME_LABELS:
        assert name in text
    assert {link[1:] for link in checker.links} <= checker.ids
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "http" not in html.split("<body>")[0]
    assert "background:#" in html  # the coverage heat map


def test_report_states_date_version_and_accuracy(reports) -> None:
    from plancompare import __version__
    from plancompare.matching.accuracy import MEASURED

    assert f"Generated on 2026-11-23 by plancompare {__version__}" in reports["markdown"]
    assert f"right for {MEASURED['theme_accuracy']:.0%} of items" in reports["markdown"]


def test_sample_reports_in_docs_are_fresh(reports) -> None:
    assert (REPO / "docs" / "sample-report.md").read_text(encoding="utf-8") == reports["markdown"], "run make docs"
    assert (REPO / "docs" / "sample-report.html").read_text(encoding="utf-8") == reports["html"], "run make docs"


HOSTILE = "We will | *shout* <script>alert(1)</script> [bold]loud[/bold] `code`\nand \x1b[31mred\x1b[0m & more"


def test_hostile_plan_text_cannot_break_either_format(plan_copy: Path, tmp_path: Path) -> None:
    import json

    plan_file = plan_copy / "southmoor.yaml"
    plan_file.write_text(plan_file.read_text().replace("We will plant 20,000 trees across the district.", json.dumps(HOSTILE)))
    runner = CliRunner()
    for name in ("hostile.md", "hostile.html"):
        result = runner.invoke(cli, ["--plans-dir", str(plan_copy), "report", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "hostile.md").read_text()
    html = (tmp_path / "hostile.html").read_text()
    assert "\x1b" not in markdown + html
    for table in markdown_tables(markdown):
        assert all(len(row) == len(table[0]) for row in table)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    checker = check_html(html)
    assert "We will | *shout* <script>alert(1)</script> [bold]loud[/bold] `code` and red & more" in " ".join(checker.text)


def test_report_for_chosen_councils_and_themes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "stoke", "coventry", "--theme", "housing", "--theme", "transport"])
    assert result.exit_code == 0, result.stderr
    markdown = result.stdout
    assert "### Housing and homelessness" in markdown and "### Transport and travel" in markdown
    assert "### Digital" not in markdown and "Sandwell" not in markdown
    assert "### Stoke-on-Trent and Coventry" in markdown


def test_report_to_a_missing_directory_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--plans-dir", str(VALID_PLANS), "report", "-o", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 1
    assert "does not exist (create it first)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_diff_and_report_agree_on_a_pair_at_the_threshold() -> None:
    """A pair whose score rounds up to the threshold (0.29996 shown as 0.3000) is a match in diff and
    in the report alike: both ask config.verdict, on the score as it is shown."""
    from plancompare.matching.align import similarity
    from plancompare.matching.coverage import coverage
    from plancompare.matching.fit import build_index
    from plancompare.output.diff import diff_table
    from plancompare.output.views import PROMISE_KINDS

    plans = load_plans([default_plans_dir()])
    index = build_index(plans, load_themes())
    a, b = plans[0], plans[2]
    compared = coverage(index, a, b)
    raw = similarity(index, [row.item for row in compared.forward], list(compared.b_items.items)).max(axis=1)
    # An item whose best raw score lies just below its rounded (shown) score: the case a raw
    # comparison gets wrong.
    row = next(row for row, score in zip(compared.forward, raw) if float(score) < row.score and row.item.kind == "commitment")
    threshold = row.score
    document = diff_table(index, a, b, threshold).document
    assert row.item.id not in document["only_a"] + document["partly_a"]
    above = threshold + 10 ** -index.config.score_digits
    assert row.item.id in diff_table(index, a, b, above).document["partly_a"]
    # The report's pair summary counts what diff counts, verdict by verdict.
    from plancompare.output.render_document import document_to_markdown
    from plancompare.output.report import build_report

    report = document_to_markdown(build_report(index, [a, b], index.themes, threshold, "2026-01-01"))
    promises = [r for r in coverage(index, a, b, threshold).forward if r.item.kind in PROMISE_KINDS and index.top_theme(r.item)]
    matched = sum(r.verdict == "matched" for r in promises)
    assert f"of {len(promises)} commitments, objectives and outcomes, {matched} are matched" in report


def test_report_only_in_examples_are_the_least_covered_and_near_misses_show_their_counterpart(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = CliRunner().invoke(cli, ["report", "stoke", "wolverhampton", "--theme", "health", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith("What Stoke-on-Trent commits to that Wolverhampton does not"))
    examples = []
    for line in lines[heading + 2:]:
        if not line.startswith("- "):
            break
        examples.append(float(re.search(r"\((\d\.\d{4})\)$", line).group(1)))
    from plancompare.matching.config import DEFAULT_CONFIG

    assert all(score < DEFAULT_CONFIG.partly_floor for score in examples) and examples == sorted(examples)
    assert examples or lines[heading].endswith(" and 0 have nothing close.")
    partly = next(n for n, line in enumerate(lines) if line.startswith("Partly covered: Stoke-on-Trent's items"))
    assert "— nearest: Wolverhampton, “" in lines[partly + 2]
    assert "Likeness" in text and "Most alike on" in text and "Strongest matched commitments" in text
    # The relative scale says what its 0 means, and the summary gives the plain matched shares.
    assert "where 0 is the least alike pair, not nothing in common" in text
    matched = re.search(r"Matched: (\d+)% of Stoke-on-Trent's distinct items, (\d+)% of Wolverhampton's\.", text)
    assert matched and 0 < int(matched.group(1)) < 100 and 0 < int(matched.group(2)) < 100
    # One Wolverhampton target listed twice in the plan appears once in the report's health section.
    section = text[text.index("### Health and wellbeing"):text.index("Indicators each council uses on this theme")]
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(set(bullets))


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.DOCX", "report.odt"])
def test_report_refuses_a_suffix_it_cannot_write_in_one_line(tmp_path, name: str) -> None:
    target = tmp_path / name
    result = CliRunner().invoke(cli, ["--plans-dir", str(VALID_PLANS), "report", "-o", str(target)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "Markdown (.md) or HTML (.html)" in result.stderr
    assert not target.exists() and not list(tmp_path.iterdir())


def test_html_report_prints_on_a4_with_sections_on_new_pages_and_no_phone_margins(reports) -> None:
    html = reports["html"]
    assert "@page { size: A4;" in html
    assert re.search(r"@media print \{[^@]*body > h2 \{ break-before: page; \}", html)
    assert "figure { margin: 0.5rem 0 1rem; }" in html  # not the browser's 40 px each side
    narrow = re.search(r"@media \(max-width: 32rem\) \{([^}]*\}){3}", html)
    assert narrow and "figure { margin: 0.5rem 0; }" in narrow.group(0)
