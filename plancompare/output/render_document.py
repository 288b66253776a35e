"""Rendering a Document (a report) as GitHub-flavoured Markdown or as one self-contained HTML page.

Tables go through the same cell cleaning and escaping as every other output (plancompare.output.render).
Markdown uses no raw HTML; HTML escapes every text, inlines its CSS and loads nothing.
"""

from __future__ import annotations

import html

from plancompare.output.document import BulletList, Contents, Document, Heading, Paragraph
from plancompare.output.heat import HTML_PALETTE, heat_level, heat_range
from plancompare.output.render import display_text, markdown_escape, markdown_heading, markdown_table
from plancompare.output.table import Table
from plancompare.plans.textnorm import strip_control


def _one_line(text: str) -> str:
    return " ".join(strip_control(text).split())


# -- Markdown -----------------------------------------------------------------------------------------


def document_to_markdown(document: Document) -> str:
    """The document as GitHub-flavoured Markdown: headings, a linked table of contents, tables.
    Every text is escaped inline and at the start of its line, so a plan's text stays the paragraph,
    list item, heading or cell it was put in."""
    out = [markdown_heading(1, _one_line(document.title)), ""]
    # Two lists one after the other would be read as one: consecutive lists alternate their marker.
    previous_marker = None
    for block in document.blocks:
        marker = "*" if previous_marker == "-" else "-"
        previous_marker = None
        if isinstance(block, Heading):
            out += [markdown_heading(block.level, _one_line(block.text)), ""]
        elif isinstance(block, Paragraph):
            text = markdown_escape(_one_line(block.text))
            out += [f"*{text}*" if block.emphasis else text, ""]
        elif isinstance(block, BulletList):
            out += [f"{marker} {markdown_escape(_one_line(item))}" for item in block.items] + [""]
            previous_marker = marker if block.items else None
        elif isinstance(block, Contents):
            for heading in document.headings():
                if heading.level in (2, 3):
                    indent = "  " * (heading.level - 2)
                    out.append(f"{indent}{marker} [{markdown_escape(_one_line(heading.text))}](#{heading.anchor})")
                    previous_marker = marker
            out.append("")
        elif isinstance(block, Table):
            out += [markdown_table(block), ""]
            if block.caption:
                out += [f"*{markdown_escape(_one_line(block.caption))}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML ---------------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --band: #f4f4f4; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink);
       line-height: 1.45; margin: 0 auto; padding: 1rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin-top: 0.5rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--rule); padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
p.note, figcaption { color: var(--muted); font-style: italic; }
nav ul { columns: 2 18rem; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: var(--band); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.heat { font-weight: 600; }
ul { padding-left: 1.3rem; }
figure { margin: 0.5rem 0 1rem; }
@media (max-width: 40rem) { body { padding: 0.5rem; } table { font-size: 0.8rem; } nav ul { columns: 1; } }
@media (max-width: 32rem) { body { padding: 0.25rem; } figure { margin: 0.5rem 0; }
                            th, td { padding: 0.2rem 0.25rem; } }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } .scroll { overflow: visible; }
               body > h2 { break-before: page; } h2, h3 { break-after: avoid; }
               table { font-size: 8.5pt; } tr, figcaption { break-inside: avoid; }
               a { color: inherit; text-decoration: none; } td.heat { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
""".strip()

def _e(text: object) -> str:
    return html.escape(strip_control(str(text)), quote=True)


def _html_table(table: Table) -> str:
    scale = heat_range(table)
    numeric = ' class="num"'
    head = "".join(f'<th scope="col"{numeric if c.numeric else ""}>{_e(c.header)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for column, cell in zip(table.columns, row):
            text = _e(display_text(column, cell))
            classes = ["num"] if column.numeric else []
            style = ""
            level = heat_level(cell, scale, len(HTML_PALETTE)) if column.heat else None
            if level is not None:
                background, colour = HTML_PALETTE[level]
                style = f' style="background:{background};color:{colour}"'
                classes.append("heat")
            class_attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{class_attr}{style}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<figcaption>{_e(table.caption)}</figcaption>" if table.caption else ""
    return (
        f'<figure><div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{caption}</figure>"
    )


def document_to_html(document: Document) -> str:
    """The document as one self-contained, printable HTML page (inline CSS, no scripts, no fetches)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(_one_line(document.title))}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(_one_line(document.title))}</h1>",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f'<h{block.level} id="{_e(block.anchor)}">{_e(_one_line(block.text))}</h{block.level}>')
        elif isinstance(block, Paragraph):
            note = ' class="note"' if block.emphasis else ""
            parts.append(f"<p{note}>{_e(_one_line(block.text))}</p>")
        elif isinstance(block, BulletList):
            parts.append("<ul>" + "".join(f"<li>{_e(_one_line(item))}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Contents):
            entries = [h for h in document.headings() if h.level in (2, 3)]
            indent = ' style="margin-left:1rem"'
            parts.append(
                '<nav aria-label="Contents"><h2>Contents</h2><ul>'
                + "".join(
                    f'<li{indent if h.level == 3 else ""}><a href="#{_e(h.anchor)}">{_e(_one_line(h.text))}</a></li>'
                    for h in entries
                )
                + "</ul></nav>"
            )
        elif isinstance(block, Table):
            parts.append(_html_table(block))
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
