"""Documents rendered as Markdown: whatever text a plan holds, parsing the Markdown back gives the
blocks the Document was built of (the HTML side is checked on whole reports in test_report.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from plancompare.output.document import BulletList, Document, Heading, Paragraph
from plancompare.output.render import markdown_escape
from plancompare.output.render_document import document_to_markdown
from plancompare.output.table import Column, Table
from plancompare.plans.textnorm import strip_control


def _one_line(text: str) -> str:
    return " ".join(strip_control(text).split())


# What starts a block in Markdown (headings, lists, quotes, breaks, setext underlines, code, HTML,
# link definitions, tables), alone, after other text and after a line break; mixed with arbitrary
# characters so that every kind of text meets every position.
MARKUP = ["# ", "## ", "###### ", "#", "####### x", "1. ", "2) ", "123456789. ", "1234567890. ", "1.", "7)",
          "+ ", "- ", "* ", "+", "-", "*", "> ", ">", "===", "=", "---", "--", "- - -", "***", "___", "    ",
          "\t", "```", "~~~", "<div>", "<!--", "[a]: /b", "| a |", "|---|", "\\", "&amp;", "&#35;", " #", " ##"]
PIECES = (st.sampled_from(MARKUP) | st.sampled_from(["\n", "\r\n", "\n\n", "  \n"])
          | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8) | st.sampled_from("a1 .)#-+=>"))
TEXT = st.lists(PIECES, max_size=6).map("".join).filter(_one_line)

BLOCKS = st.one_of(
    st.builds(Paragraph, TEXT, st.booleans()),
    st.builds(BulletList, st.lists(TEXT, min_size=1, max_size=4).map(tuple)),
    st.builds(lambda level, text: Heading(level, text, "anchor"), st.integers(2, 3), TEXT),
    st.builds(lambda cells, caption: Table("t", (Column("text", "Text"),), tuple((cell,) for cell in cells), caption=caption),
              st.lists(TEXT, min_size=1, max_size=3), st.none() | TEXT),
)


def _inline_text(token, emphasis: bool = False) -> str:
    """An inline token's text, which must be plain text only (inside one emphasis when ``emphasis``)."""
    children = list(token.children or [])
    if emphasis:
        assert [c.type for c in children[:1] + children[-1:]] == ["em_open", "em_close"], children
        children = children[1:-1]
    assert all(child.type == "text" for child in children), [child.type for child in children]
    return "".join(child.content for child in children)


def _parsed(markdown: str) -> list[tuple]:
    """The top-level blocks of ``markdown``: ("heading", level, text), ("paragraph", text, emphasis?),
    ("list", [item texts]), ("table", [cell texts])."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    blocks: list[tuple] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        assert token.level == 0, token
        if token.type == "heading_open":
            blocks.append(("heading", int(token.tag[1]), _inline_text(tokens[position + 1])))
            position += 3
        elif token.type == "paragraph_open":
            inline = tokens[position + 1]
            children = inline.children or []
            emphasis = bool(children) and children[0].type == "em_open" and children[-1].type == "em_close"
            blocks.append(("paragraph", _inline_text(inline, emphasis), emphasis))
            position += 3
        elif token.type == "bullet_list_open":
            items, position = [], position + 1
            while tokens[position].type == "list_item_open":
                kinds = [t.type for t in tokens[position:position + 5]]
                assert kinds == ["list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close"], kinds
                assert tokens[position + 1].hidden, "a loose list: two lists ran together"
                items.append(_inline_text(tokens[position + 2]))
                position += 5
            assert tokens[position].type == "bullet_list_close", tokens[position]
            blocks.append(("list", items))
            position += 1
        elif token.type == "table_open":
            end = next(n for n in range(position, len(tokens)) if tokens[n].type == "table_close")
            cells = [_inline_text(t) for t in tokens[position:end] if t.type == "inline"]
            blocks.append(("table", cells[1:]))  # the header cell is "Text"
            position = end + 1
        else:
            raise AssertionError(f"unexpected block {token.type}: {token.map}")
    return blocks


def _expected(document: Document) -> list[tuple]:
    expected: list[tuple] = [("heading", 1, _one_line(document.title))]
    for block in document.blocks:
        if isinstance(block, Heading):
            expected.append(("heading", block.level, _one_line(block.text)))
        elif isinstance(block, Paragraph):
            expected.append(("paragraph", _one_line(block.text), block.emphasis))
        elif isinstance(block, BulletList):
            expected.append(("list", [_one_line(item) for item in block.items]))
        elif isinstance(block, Table):
            # Markdown trims a cell and turns its line breaks into spaces: cells compare modulo whitespace.
            expected.append(("table", [" ".join(strip_control(row[0]).split()) for row in block.rows]))
            if block.caption:  # a caption is an emphasised paragraph under the table
                expected.append(("paragraph", _one_line(block.caption), True))
    return expected


def _normalised(blocks: list[tuple]) -> list[tuple]:
    return [(kind, [" ".join(cell.split()) for cell in rest[0]]) if kind == "table" else (kind, *rest)
            for kind, *rest in blocks]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(BLOCKS, min_size=1, max_size=6))
def test_markdown_structure_survives_arbitrary_text(title: str, blocks: list) -> None:
    document = Document(title, tuple(blocks))
    markdown = document_to_markdown(document)
    assert _normalised(_parsed(markdown)) == _normalised(_expected(document)), markdown


def test_block_markup_at_the_start_of_text_is_escaped() -> None:
    cases = {
        "# Not a heading": "\\# Not a heading",
        "1. Not a list": "1\\. Not a list",
        "2) Not a list": "2\\) Not a list",
        "+ Not a list": "\\+ Not a list",
        "- Not a list": "\\- Not a list",
        "---": "\\---",
        "> Not a quote": "\\> Not a quote",
        "    not code": "not code",
    }
    for text, escaped in cases.items():
        assert markdown_escape(text) == escaped, text
    # Ordinary text keeps its look: a hashtag, a negative number, a year, a dash inside a sentence.
    for text in ("#hashtag", "-5% on last year", "2023 was a year", "Clean - and green", "1.5 million homes"):
        assert markdown_escape(text) == text
