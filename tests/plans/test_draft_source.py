"""What `plancompare draft` refuses to read, each with one line naming the file and the fix, before
any drafting: damaged PDFs, pages with no text, office documents, UTF-16 and binary data, empty or
blank files, and sources over the size limit; and HTML pages read as pages, while plain-text
extractions with a few tags left in are read as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from support import FIXTURES, REPO
from plancompare.cli.main import cli
from plancompare.errors import InvalidInput
from plancompare.paths import display_path
from plancompare.plans import draft_source
from plancompare.plans.draft_source import MAX_SOURCE_BYTES, SourceText, read_source_text

PLAIN = "plancompare draft reads plain text, HTML pages and PDFs"
DAMAGED_PDF = "could not be read as a PDF ({}) (is it damaged? save it again, or give its text)"
SOURCES = {
    # file name: (bytes, the message after "FILE: ")
    # A PDF is read with pypdf: one that it cannot read is refused as damaged, in one line.
    "plan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", DAMAGED_PDF.format("PdfStreamError")),
    "ascii.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
                  DAMAGED_PDF.format("PdfReadError")),
    "renamed-pdf.txt": (b"\xef\xbb\xbf\n  %PDF-1.4\n", DAMAGED_PDF.format("PdfStreamError")),
    # An HTML page with nothing outside its furniture.
    "menu.html": (b"<!DOCTYPE html><html><head><title>Plan</title><script>var a = 1;</script></head>"
                  b"<body><nav><ul><li>Home</li></ul></nav><footer>Privacy</footer></body></html>",
                  "is an HTML page with no text outside its menus, scripts and styles (give the page of the plan itself)"),
    "plan.docx": (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", f"is a Word, OpenDocument or other zipped document; {PLAIN} (save it as a .txt file first)"),
    "plan.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", f"is a Word or other Office document; {PLAIN} (save it as a .txt file first)"),
    "plan.rtf": (b"{\\rtf1\\ansi{\\fonttbl\\f0 Arial;}We will plant trees.}", f"is an RTF document; {PLAIN} (save it as a .txt file first)"),
    "utf16.txt": ("We will plant trees.".encode("utf-16"), "is UTF-16 text; plancompare draft reads UTF-8 (save it as UTF-8)"),
    "utf16be.txt": (b"\xfe\xff" + "We will".encode("utf-16-be"), "is UTF-16 text; plancompare draft reads UTF-8 (save it as UTF-8)"),
    "nul.txt": (b"We will\x00 plant trees", "holds NUL bytes, so it is not plain text (is it UTF-16 or a binary file? save it as UTF-8 text)"),
    "latin1.txt": ("Caf\xe9 culture".encode("latin-1"), "not UTF-8 text (byte 3) (save it as UTF-8)"),
    "empty.txt": (b"", "the file is empty (give the plan's plain-text extraction)"),
    "blank.txt": (b"\xef\xbb\xbf \n\t\n\r\n   \n", "the file holds only blank lines and spaces (give the plan's plain-text extraction)"),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_source_that_is_not_a_plain_text_extraction_is_refused_with_one_line(runner: CliRunner, tmp_path: Path, name: str) -> None:
    data, message = SOURCES[name]
    (tmp_path / name).write_bytes(data)
    result = runner.invoke(cli, ["draft", str(tmp_path / name), "--council-id", "eastbrook", "--name", "Eastbrook Council",
                                 "-o", str(tmp_path / "eastbrook.yaml")])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"{tmp_path / name}: {message}\n")
    assert not (tmp_path / "eastbrook.yaml").exists()


def test_a_source_over_the_limit_is_refused_before_it_is_read(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the whole file"))
    result = runner.invoke(cli, ["draft", str(huge), "--council-id", "eastbrook", "--name", "Eastbrook Council"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{huge}: file is 50,000,000 bytes, over the 20,971,520-byte limit for source texts "
                             "(draft from the plan's own text, without appendices or other documents)\n")


def test_a_device_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InvalidInput) as raised:
        read_source_text(Path("/dev/zero"))
    assert str(raised.value) == "/dev/zero: is not a regular file (a pipe, socket or device) (give the path of a file)"


def test_a_source_one_byte_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(draft_source, "MAX_SOURCE_BYTES", 1_000)
    source = tmp_path / "plan.txt"
    source.write_bytes(b"x" * 1_001)
    with pytest.raises(InvalidInput) as raised:
        read_source_text(source)
    assert str(raised.value) == (f"{source}: file is 1,001 bytes, over the 1,000-byte limit for source texts "
                                 "(draft from the plan's own text, without appendices or other documents)")
    source.write_bytes(b"x" * 1_000)
    assert read_source_text(source) == "x" * 1_000


def test_the_limit_is_twenty_megabytes() -> None:
    assert MAX_SOURCE_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize("path", [*sorted((REPO / "data" / "sources").glob("*.txt")), FIXTURES / "draft" / "eastbrook.txt"], ids=lambda p: p.name)
def test_plain_text_extractions_with_light_html_are_read(path: Path) -> None:
    text = read_source_text(path)
    assert isinstance(text, SourceText) and text == path.read_text(encoding="utf-8-sig")
    assert text.name == display_path(path)  # for the errors a draft made from it may give


def test_a_byte_order_mark_is_allowed_and_dropped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfWe will plant trees.\n")
    assert read_source_text(tmp_path / "bom.txt") == "We will plant trees.\n"


def test_unreadable_and_missing_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidInput, match=r"none\.txt: no such file$"):
        read_source_text(tmp_path / "none.txt")
    (tmp_path / "locked.txt").write_text("We will.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # The one reader of input files opens them with the built-in open (running as root, chmod
    # would not stop it).
    from plancompare.plans import inputfile

    monkeypatch.setattr(inputfile, "open", refuse, raising=False)
    with pytest.raises(InvalidInput, match=r"locked\.txt: cannot read the file: Permission denied$"):
        read_source_text(tmp_path / "locked.txt")


def _source_formats():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("source_formats", REPO / "scripts" / "source_formats.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["source_formats"] = module
    spec.loader.exec_module(module)
    return module


HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Eastbrook Council Plan 2025-2029</title>
<style>p { color: red }</style><script>var tracking = "We will track you";</script></head><body>
<div class="cookie-banner"><p>We use cookies on this site.</p></div>
<nav><ul><li>Home</li><li>Bins</li></ul></nav>
<main><h1>Our plan</h1><h2>A greener Eastbrook</h2><p>We will plant 5,000 trees by 2027.</p>
<ul><li>Cleaner air</li><li>More parks</li></ul><table><tr><td>Indicator</td><td>Value</td></tr></table></main>
<footer><p>Privacy notice</p></footer></body></html>"""


def test_an_html_page_is_read_without_its_furniture(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(HTML_PAGE)
    text = read_source_text(tmp_path / "page.html")
    assert (text.original_format, text.document_title) == ("html", "Eastbrook Council Plan 2025-2029")
    # The page's title heads the text when the page does not print it: the plan's title is traced to it.
    assert text == ("Eastbrook Council Plan 2025-2029\n\n# Our plan\n\n## A greener Eastbrook\n\nWe will plant 5,000 trees by 2027.\n\n- Cleaner air\n- More parks\n\n"
                    "Indicator\tValue\n")
    import hashlib

    assert text.sha256 == hashlib.sha256(HTML_PAGE).hexdigest()


def test_a_pdf_is_read_with_its_title_paragraphs_rejoined_and_bigger_lines_as_headings(tmp_path: Path) -> None:
    formats = _source_formats()
    body = ("We will plant five thousand trees across the borough by the end of 2027, working with schools, "
            "residents and the parks team.\n\nOur aims\n• Cleaner air\n• More parks\n")
    (tmp_path / "plan.pdf").write_bytes(formats.to_pdf(body, "Eastbrook Council Plan"))
    text = read_source_text(tmp_path / "plan.pdf")
    assert (text.original_format, text.document_title) == ("pdf", "Eastbrook Council Plan")
    assert text == ("Eastbrook Council Plan\n\nWe will plant five thousand trees across the borough by the end of 2027, working with schools, "
                    "residents and the parks team.\n\nOur aims\n• Cleaner air\n• More parks\n")
    # A line set larger than the body is a heading; with no metadata title, the largest is the title.
    pdf = formats.to_pdf("X\nBody line one.\nBody line two.", "").replace(b"/Title ()", b"")
    pdf = pdf.replace(b"(X) Tj", b"/F1 20 Tf (Big heading) Tj /F1 10 Tf")
    (tmp_path / "heading.pdf").write_bytes(pdf)
    text = read_source_text(tmp_path / "heading.pdf")
    assert text.document_title == "Big heading" and text.startswith("# Big heading\n\nBody line one.")


def test_a_pdf_keeps_the_rows_of_a_pipe_table_apart(tmp_path: Path) -> None:
    # A full line ending in a table row's closing pipe ends the row: the next row does not run on.
    rows = ["Activity | Milestone |", "---|---|",
            "Open a family hub in each of the six towns, for every family with a baby | By 2027 |",
            "Expand social prescribing to every rural surgery and both hospitals | Ongoing |"]
    (tmp_path / "table.pdf").write_bytes(_source_formats().to_pdf("\n".join(rows), "Eastbrook Plan"))
    assert read_source_text(tmp_path / "table.pdf").splitlines()[-2:] == rows[-2:]


def test_a_pdf_with_no_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(_source_formats().to_pdf("", "Scan"))
    with pytest.raises(InvalidInput, match=r"scan\.pdf: is a PDF with no text in it \(a scan\?\)"):
        read_source_text(tmp_path / "scan.pdf")


def test_a_damaged_pdf_gives_one_line_and_nothing_else_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes of a good PDF overwritten or cut at random: each is read or refused with InvalidInput,
    and pypdf's own log of what it repaired stays off standard error."""
    import random

    from plancompare.plans.draft_source import source_from_bytes

    pdf = _source_formats().to_pdf((FIXTURES / "draft" / "eastbrook.txt").read_text(), "Eastbrook")
    rng = random.Random(20261202)
    for _ in range(150):
        data = bytearray(pdf)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[:rng.randrange(len(data))]
        try:
            source_from_bytes(bytes(data), "damaged.pdf")
        except InvalidInput as error:
            assert str(error).startswith("damaged.pdf: ") and "\n" not in str(error)
    assert capsys.readouterr().err == ""


def test_a_pdf_line_opening_with_a_word_no_sentence_capitalises_inside_it_is_not_joined_to_the_line_before(tmp_path: Path) -> None:
    formats = _source_formats()
    # Both lines are long enough to pass for a wrapped paragraph; the second opens with "We".
    body = ("Ensure all children and young people can feel like they belong and can thrive in Eastbrook\n"
            "We will build on our pioneering family hubs so that parents get the support that they need early on.\n")
    (tmp_path / "plan.pdf").write_bytes(formats.to_pdf(body, "Eastbrook Council Plan"))
    text = read_source_text(tmp_path / "plan.pdf")
    assert "Eastbrook\nWe will build" in text
    # (Wrapped lines going on with an ordinary word are still rejoined: the test of the reader above.)


@pytest.mark.parametrize("heading, lines", [
    # A line opening with a measure's code starts its row: the row before does not run on into it.
    ("Performance measures", ["EN02 Proportion of waste sent for reuse (recycling and composting) High 45%",
                              "EN03 Number of street cleaning, grounds maintenance and waste complaints Low 190",
                              "EN04 Carbon dioxide emission levels for the Council Low 18% reduction by 2023"]),
    # Long enough to pass for a wrapped paragraph, but each opens with its reference, "1.1." or "1.5.1.".
    ("Goals and milestones", ["1.1. Good quality public services for all residents, compared with similar local authorities in England",
                              "1.1.1. Support all our customers through ongoing delivery of the service plans of every directorate",
                              "1.B. Transform the way the Council works to deliver operational excellence for our residents"]),
], ids=["measures table rows", "numbered goals"])
def test_a_pdf_keeps_lines_that_open_with_a_code_or_reference_on_lines_of_their_own(tmp_path: Path, heading: str,
                                                                                      lines: list[str]) -> None:
    (tmp_path / "lines.pdf").write_bytes(_source_formats().to_pdf(heading + "\n\n" + "\n".join(lines), "Eastbrook Plan"))
    assert read_source_text(tmp_path / "lines.pdf").splitlines()[-3:] == lines


def test_a_pdf_keeps_the_rows_of_a_table_whose_cells_run_together_apart(tmp_path: Path) -> None:
    # Rows nearly as long as the page's full lines, which would otherwise be read as text wrapped
    # onto the next line: they are a table's rows (draft_cells), so none runs on.
    paragraph = ("We will work with our partners across the county to make sure that every resident can reach the services "
                 "they need, whatever their age and wherever they live, over the four years of this plan.")
    rows = ["Walking, micro mobility (cycling), car-sharing and buses Effective approach to litter Low waste",
            "Carbon neutral homes and energy efficiency retrofitting Better juries for decisions Clean air",
            "Natural carbon stores and biodiversity (planting trees) Tailor our approach Safe streets"]
    assert all(75 < len(row) <= 95 for row in rows)
    pdf = _source_formats().to_pdf(paragraph + "\n\nPrinciples at a glance\n" + "\n".join(rows), "Eastbrook Plan")
    (tmp_path / "table.pdf").write_bytes(pdf)
    assert read_source_text(tmp_path / "table.pdf").splitlines()[-3:] == rows


def test_a_pdf_line_opening_with_a_capitalised_preposition_starts_afresh(tmp_path: Path) -> None:
    # "To", "For", "In" are never capitalised inside a sentence: after a full-width bullet with no
    # stop, the lead-in that follows is its own line, not the bullet's end.
    lines = ["- enabling our young people to have a voice that is heard and that matters in each decision",
             "To measure progress on this priority we will monitor the following target outcomes:",
             "- reduced educational inequalities for our children and young people"]
    assert len(lines[0]) <= 95
    (tmp_path / "list.pdf").write_bytes(_source_formats().to_pdf("\n".join(lines), "Eastbrook Plan"))
    assert read_source_text(tmp_path / "list.pdf").splitlines()[-3:] == lines
