"""What `plancompare draft` refuses to read, each with one line naming the file and the fix, before
any drafting: PDFs, HTML pages, office documents, UTF-16 and binary data, empty or blank files, and
sources over the size limit. Plain-text extractions with a few tags left in are read as before."""

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

PLAIN = "plancompare draft reads plain text"
SOURCES = {
    # file name: (bytes, the message after "FILE: ")
    "plan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                 f"is a PDF; {PLAIN} (extract the text first, e.g. with pdftotext -layout)"),
    # An ASCII-only PDF decodes as UTF-8, and was drafted into a garbage plan that exited 0.
    "ascii.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
                  f"is a PDF; {PLAIN} (extract the text first, e.g. with pdftotext -layout)"),
    "renamed-pdf.txt": (b"\xef\xbb\xbf\n  %PDF-1.4\n", f"is a PDF; {PLAIN} (extract the text first, e.g. with pdftotext -layout)"),
    "page.html": (b"<!DOCTYPE html>\n<html lang='en'><head><title>Plan</title></head><body><p>We will plant trees.</p></body></html>\n",
                  f"is an HTML page; {PLAIN} (save the page as text first, e.g. with a browser's Save As 'Text' or pandoc -t plain)"),
    "page.htm": (b"  <HTML><body><h1>Our plan</h1></body></HTML>",
                 f"is an HTML page; {PLAIN} (save the page as text first, e.g. with a browser's Save As 'Text' or pandoc -t plain)"),
    "xhtml.txt": (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>We will</body></html>',
                  f"is an HTML page; {PLAIN} (save the page as text first, e.g. with a browser's Save As 'Text' or pandoc -t plain)"),
    # No doctype, but mostly tags: a page's body copied from "view source".
    "body.txt": ("".join(f'<div class="card"><span class="title">Item {n}</span></div>\n' for n in range(30)).encode(),
                 f"is an HTML page; {PLAIN} (save the page as text first, e.g. with a browser's Save As 'Text' or pandoc -t plain)"),
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
