"""Text normalisation shared by tracing, search and rendering.

Plan text is data copied from PDF and HTML extractions, so the same words can arrive with curly or
straight quotes, different dashes, stray tags and runs of whitespace. These helpers fold those
differences away so that a curated item can be found again in its source.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A Markdown link left behind by an HTML-to-text conversion: keep its words, drop the target.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_WHITESPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)
# C0 and C1 control characters other than tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# ANSI CSI and OSC escape sequences, removed whole so no fragment of them survives.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x9b[0-?]*[ -/]*[@-~]")


def normalise(text: str) -> str:
    """Fold quotes, dashes, HTML tags, Markdown links and emphasis, and whitespace, so texts compare by words."""
    # (The tests for '<' and '[' make no difference to the result, only to the time on short texts.)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "[" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    text = text.replace("**", "")
    text = text.translate(_QUOTES)
    return _WHITESPACE.sub(" ", text).strip()


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines.

    Carriage returns become newlines, since a bare one would let text overwrite its own line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
