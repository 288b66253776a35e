"""Reading the document that ``plancompare draft`` drafts from: plain text, an HTML page or a PDF,
and refusing what is none of these.

A PDF is read with pypdf (plancompare.plans.draft_pdf) and an HTML page with the standard library's
parser (plancompare.plans.draft_html), each into the text the drafter reads, which is what is vendored
beside the plans; the SourceText remembers the document's title, its format and the sha256 of the
original bytes. Refused, each with one line naming the file and the fix: a file over
MAX_SOURCE_BYTES, an empty or blank file, a Word, OpenDocument or RTF document, UTF-16 text or other
binary data, text that is not UTF-8, and a PDF or page with no text in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from plancompare.errors import InvalidInput, Problem
from plancompare.paths import display_path

#: Sources larger than this are refused before they are read: a plan's text is rarely over 1 MB
#: (the bundled ones are under 100 KB), and a draft of more would exceed the plan-file limit.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

_PLAIN_TEXT = "plancompare draft reads plain text, HTML pages and PDFs"
# (how the file starts, what is wrong, how to fix it), checked on the bytes before decoding.
_SIGNATURES = (
    (b"PK\x03\x04", f"is a Word, OpenDocument or other zipped document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"is a Word or other Office document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"{\\rtf", f"is an RTF document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"\xff\xfe", "is UTF-16 text; plancompare draft reads UTF-8", "save it as UTF-8"),
    (b"\xfe\xff", "is UTF-16 text; plancompare draft reads UTF-8", "save it as UTF-8"),
)
# A tag, as HTML writes one. Linear: [^<>]* stops at the next '<', so no two scans overlap.
_MARKUP = re.compile(r"</?[A-Za-z!?][^<>]*>")
#: An HTML page is refused when its tags are this share of its non-blank characters (light HTML
#: in an extraction, such as the <p> and <ul> of the bundled texts, is 3% at most).
_MARKUP_SHARE = 0.25
_MIN_TAGS = 10


class SourceText(str):
    """A source's text that remembers the file's name as shown (so that a problem found later, in
    the draft made from it, can name the file), the document's own title if it has one, its format
    (text, html or pdf) and the sha256 of the original bytes."""

    # (Not "title" or "format": a str has methods of those names, which a plain str would answer with.)
    name: str
    document_title: str | None
    original_format: str
    sha256: str

    def __new__(cls, text: str, name: str, document_title: str | None = None, original_format: str = "text",
                sha256: str = "") -> SourceText:
        self = super().__new__(cls, text)
        self.name, self.document_title, self.original_format, self.sha256 = name, document_title, original_format, sha256
        return self


SIZE_HINT = "draft from the plan's own text, without appendices or other documents"


def read_source_text(path: Path) -> SourceText:
    """The text of a plan's document: a plain-text extraction (UTF-8, a byte-order mark allowed),
    an HTML page or a PDF; raises InvalidInput with one line naming the file when it is none of these
    or cannot be read."""
    from plancompare.plans.inputfile import read_limited

    name = display_path(path)
    # One reader for every input: the file's type is checked before it is opened (a FIFO would
    # block), and at most one byte over the limit is read (a device never ends).
    data = read_limited(path, name, MAX_SOURCE_BYTES, "source texts", SIZE_HINT)
    return source_from_bytes(data, name)


def source_from_bytes(data: bytes, name: str, content_type: str | None = None) -> SourceText:
    """The text of a document given as its bytes (a file's, or a download's with its Content-Type)."""
    import hashlib

    def refuse(message: str, hint: str | None = None) -> InvalidInput:
        return InvalidInput([Problem(name, message, hint=hint)])

    if not data:
        raise refuse("the file is empty", "give the plan's plain-text extraction")
    digest = hashlib.sha256(data).hexdigest()
    start = data.lstrip(b" \t\r\n\xef\xbb\xbf")
    if start.startswith(b"%PDF-") or (content_type or "").startswith("application/pdf"):
        from plancompare.plans.draft_pdf import pdf_to_text

        text, title = pdf_to_text(data, name)
        return SourceText(_with_title(_strip_controls(text), title), name, title, "pdf", digest)
    for signature, message, hint in _SIGNATURES:
        if data.startswith(signature) or start.startswith(signature):
            raise refuse(message, hint)
    if b"\x00" in data:
        raise refuse("holds NUL bytes, so it is not plain text", "is it UTF-16 or a binary file? save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(f"not UTF-8 text (byte {error.start})", "save it as UTF-8") from None
    if not text.strip():
        raise refuse("the file holds only blank lines and spaces", "give the plan's plain-text extraction")
    if _is_html_page(text) or (content_type or "").startswith(("text/html", "application/xhtml")):
        from plancompare.plans.draft_html import html_to_text

        text, title = html_to_text(text)
        if not text.strip():
            raise refuse("is an HTML page with no text outside its menus, scripts and styles", "give the page of the plan itself")
        return SourceText(_with_title(_strip_controls(text), title), name, title, "html", digest)
    return SourceText(text, name, None, "text", digest)


def _with_title(text: str, title: str | None) -> str:
    """The text with the document's title as its first line when the text does not hold it (a
    page's <title>, a PDF's metadata): the plan file's title is traced to the vendored text."""
    from plancompare.plans.textnorm import normalise

    if not title or normalise(title).casefold() in normalise(text).casefold():
        return text
    return f"{_strip_controls(title)}\n\n{text}"


def _strip_controls(text: str) -> str:
    """The text without control characters other than tab and newline (a PDF's or page's text may
    hold them; a plan file may not)."""
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0))


def _is_html_page(text: str) -> bool:
    """Whether the text is a web page rather than an extraction with a few tags left in it."""
    opening = text.lstrip()[:1024].lower()
    if opening.startswith(("<!doctype html", "<html")) or (opening.startswith("<?xml") and "<html" in opening):
        return True
    tags = [match.end() - match.start() for match in _MARKUP.finditer(text)]
    visible = len(text) - sum(character.isspace() for character in text)
    return len(tags) >= _MIN_TAGS and sum(tags) >= _MARKUP_SHARE * visible
