"""Reading an HTML page as the text the drafter reads.

A council's plan page holds the plan inside a page of furniture: menus, scripts, styles, cookie
banners, footers. Those are dropped by what they are (their element, ARIA role or a cookie/consent
class or id), not by their wording. What is kept is written one block to a line, blocks separated
by blank lines: headings h1–h6 as ``#``-marked lines (``## Our priorities``), list items as ``- ``
bullets, table cells separated by tabs. The page's <title> (or else its first h1) is its title.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: Elements whose whole content is furniture or not text.
_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form", "button",
            "select", "iframe", "object", "canvas", "head", "dialog"}
_SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"}
#: Words in a class or id that mark a consent or cookie notice, a skip link or breadcrumbs.
_FURNITURE_MARKS = ("cookie", "consent", "gdpr", "breadcrumb", "skip-link", "skiplink", "visually-hidden", "sr-only")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_BLOCKS = {"p", "div", "section", "article", "main", "aside", "blockquote", "ul", "ol", "dl", "dt", "dd", "table",
           "tr", "figure", "figcaption", "address", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br"}


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip_stack: list[str] = []  # open elements being skipped (their names)
        self.title_parts: list[str] = []
        self.in_title = False
        self.first_h1: str | None = None
        self.h1_parts: list[str] | None = None

    def _flush(self) -> None:
        cells = [" ".join(cell.split()) for cell in "".join(self.current).split("\t")]
        text = "\t".join(cell for cell in cells if cell)
        if text:
            self.lines.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.skip_stack[1:]:
            self.in_title = True
            return
        if self.skip_stack:
            if tag not in _VOID:
                self.skip_stack.append(tag)
            return
        values = {name: (value or "") for name, value in attrs}
        marks = (values.get("class", "") + " " + values.get("id", "")).lower()
        hidden = "hidden" in values or values.get("aria-hidden") == "true"
        if tag in _SKIPPED or values.get("role", "").lower() in _SKIPPED_ROLES or hidden or any(m in marks for m in _FURNITURE_MARKS):
            if tag not in _VOID:
                self.skip_stack.append(tag)
            return
        if tag in ("td", "th"):
            self.current.append("\t")
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.prefix = "#" * int(tag[1]) + " "
            if tag == "h1" and self.first_h1 is None:
                self.h1_parts = []
        elif tag == "li":
            self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip_stack:
            if tag in self.skip_stack:  # close up to the matching element (HTML often leaves tags open)
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag == "h1" and self.h1_parts is not None:
            self.first_h1 = " ".join("".join(self.h1_parts).split()) or None
            self.h1_parts = None
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_stack:
            self.current.append(data)
            if self.h1_parts is not None:
                self.h1_parts.append(data)


def html_to_text(page: str) -> tuple[str, str | None]:
    """The page's text as the drafter reads it, and the page's title (None if it has none)."""
    parser = _PageText()
    parser.feed(page)
    parser.close()
    parser._flush()
    title = " ".join("".join(parser.title_parts).split()) or parser.first_h1
    out: list[str] = []
    for line in (line.rstrip() for line in parser.lines):
        if line.strip():
            # A list's items stay together; other blocks are separated by a blank line.
            if out and not (line.startswith("- ") and out[-1].startswith("- ")):
                out.append("")
            out.append(line)
    return "\n".join(out) + "\n", title
