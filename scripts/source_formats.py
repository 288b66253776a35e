"""Making the HTML and PDF versions of a plain-text plan source, for measuring the drafter on each
input format from the same text (scripts/draft_accuracy.py) and for the tests.

Neither conversion says where the headings are: the text does not record them, and marking them here
would hand the drafter the answer. The HTML page puts each line in a <p> (bullet lines in a <ul>)
inside a page with the furniture real council pages have: a <nav> menu, scripts, styles, a cookie
banner and a footer. The PDF is A4, Helvetica 10 pt, lines wrapped at 95 characters as a word
processor would, a blank line kept as a gap, 60 lines a page, and the title in its metadata. A
tab-separated line is a table row: it is set on one line, however long, with four spaces between
its cells, as ``pdftotext -layout`` shows a table (a real PDF's columns are not reproduced).

The PDF is written here directly (a page is a few text-showing operators), so that no PDF-writing
library is needed: pypdf, which reads PDFs for plancompare, does not lay out text.
"""

from __future__ import annotations

import html
import textwrap

_BULLETS = "-•*▪●◦‣"


def to_html(text: str, title: str) -> str:
    """The text as a web page with navigation, scripts, styles, a cookie banner and a footer."""
    body: list[str] = []
    in_list = False
    for line in text.splitlines():
        stripped = line.strip()
        bullet = stripped[:1] in _BULLETS and stripped[1:2] == " "
        if in_list and not bullet:
            body.append("</ul>")
            in_list = False
        if not stripped:
            continue
        if bullet:
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(stripped[2:].strip())}</li>")
        else:
            body.append(f"<p>{html.escape(stripped)}</p>")
    if in_list:
        body.append("</ul>")
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
        "<style>body { font-family: sans-serif } .banner { color: red }</style>",
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>",
        "</head><body>",
        '<div class="cookie-banner" id="cookie-notice"><p>We use cookies to make this site work.</p>'
        "<button>Accept all cookies</button><button>Reject cookies</button></div>",
        '<header><a href="/">Home</a></header>',
        '<nav aria-label="Main"><ul><li><a href="/bins">Bins and recycling</a></li>'
        '<li><a href="/council-tax">Council tax</a></li><li><a href="/jobs">Jobs</a></li></ul></nav>',
        "<main>",
        *body,
        "</main>",
        "<footer><ul><li><a href='/privacy'>Privacy</a></li><li><a href='/accessibility'>Accessibility</a></li></ul>"
        "<p>© Council 2026</p></footer>",
        '<script src="/analytics.js"></script>',
        "</body></html>",
        "",
    ])


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def to_pdf(text: str, title: str, *, width: int = 95, lines_per_page: int = 60) -> bytes:
    """The text as a PDF: wrapped lines of Helvetica 10 pt, blank lines as gaps, the title in /Info."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.rstrip()
        if "\t" in stripped.strip():
            # A table row, set on one line with its cells spaced apart (as pdftotext -layout shows one).
            lines.append("    ".join(" ".join(cell.split()) for cell in stripped.split("\t")))
            continue
        lines.extend(textwrap.wrap(stripped, width, break_long_words=True, break_on_hyphens=False) or [""])
    pages = [lines[at:at + lines_per_page] for at in range(0, len(lines), lines_per_page)] or [[]]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _pdf_string(title) + b" /Producer (plancompare scripts/source_formats.py) >>",
    ]
    kids = []
    for page in pages:
        stream = [b"BT /F1 10 Tf"]
        y = 800
        for line in page:
            if line.strip():
                stream.append(f"1 0 0 1 50 {y} Tm ".encode() + _pdf_string(line) + b" Tj")
            y -= 12
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_number = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % content_number)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
