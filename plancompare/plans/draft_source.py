"""Reading the text that ``plancompare draft`` drafts from, and refusing what is not such a text.

The drafter reads a plan's plain-text extraction. Given anything else it would write a garbage draft
(a PDF's or an HTML page's markup read as headings and sentences) or one that fails ``validate``
(an empty file), so these are refused first, each with one line naming the file and the fix: a
file over MAX_SOURCE_BYTES, an empty or blank file, a PDF, an HTML page, a Word, OpenDocument or
RTF document, UTF-16 text or other binary data, and text that is not UTF-8.
"""

from __future__ import annotations

import re
from pathlib import Path

from plancompare.errors import InvalidInput, Problem
from plancompare.paths import display_path

#: Sources larger than this are refused before they are read: a plan's text is rarely over 1 MB
#: (the bundled ones are under 100 KB), and a draft of more would exceed the plan-file limit.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

_PLAIN_TEXT = "plancompare draft reads plain text"
# (how the file starts, what is wrong, how to fix it), checked on the bytes before decoding.
_SIGNATURES = (
    (b"%PDF-", f"is a PDF; {_PLAIN_TEXT}", "extract the text first, e.g. with pdftotext -layout"),
    (b"PK\x03\x04", f"is a Word, OpenDocument or other zipped document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"is a Word or other Office document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"{\\rtf", f"is an RTF document; {_PLAIN_TEXT}", "save it as a .txt file first"),
    (b"\xff\xfe", "is UTF-16 text; plancompare draft reads UTF-8", "save it as UTF-8"),
    (b"\xfe\xff", "is UTF-16 text; plancompare draft reads UTF-8", "save it as UTF-8"),
)
_HTML_HINT = "save the page as text first, e.g. with a browser's Save As 'Text' or pandoc -t plain"
# A tag, as HTML writes one. Linear: [^<>]* stops at the next '<', so no two scans overlap.
_MARKUP = re.compile(r"</?[A-Za-z!?][^<>]*>")
#: An HTML page is refused when its tags are this share of its non-blank characters (light HTML
#: in an extraction, such as the <p> and <ul> of the bundled texts, is 3% at most).
_MARKUP_SHARE = 0.25
_MIN_TAGS = 10


class SourceText(str):
    """A source's text that remembers the file's name as shown, so that a problem found later, in
    the draft made from it, can name the file."""

    name: str

    def __new__(cls, text: str, name: str) -> SourceText:
        self = super().__new__(cls, text)
        self.name = name
        return self


def read_source_text(path: Path) -> SourceText:
    """The text of a plan's plain-text extraction (UTF-8, a byte-order mark allowed); raises
    InvalidInput with one line naming the file when it is not one or cannot be read."""
    name = display_path(path)

    def refuse(message: str, hint: str | None = None) -> InvalidInput:
        return InvalidInput([Problem(name, message, hint=hint)])

    from plancompare.plans.inputfile import read_limited

    # One reader for every input: the file's type is checked before it is opened (a FIFO would
    # block), and at most one byte over the limit is read (a device never ends).
    size_hint = "draft from the plan's own text, without appendices or other documents"
    data = read_limited(path, name, MAX_SOURCE_BYTES, "source texts", size_hint)
    if not data:
        raise refuse("the file is empty", "give the plan's plain-text extraction")
    start = data.lstrip(b" \t\r\n\xef\xbb\xbf")
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
    if _is_html_page(text):
        raise refuse(f"is an HTML page; {_PLAIN_TEXT}", _HTML_HINT)
    return SourceText(text, name)


def _is_html_page(text: str) -> bool:
    """Whether the text is a web page rather than an extraction with a few tags left in it."""
    opening = text.lstrip()[:1024].lower()
    if opening.startswith(("<!doctype html", "<html")) or (opening.startswith("<?xml") and "<html" in opening):
        return True
    tags = [match.end() - match.start() for match in _MARKUP.finditer(text)]
    visible = len(text) - sum(character.isspace() for character in text)
    return len(tags) >= _MIN_TAGS and sum(tags) >= _MARKUP_SHARE * visible
