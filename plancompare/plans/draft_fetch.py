"""Fetching a plan's web page or PDF for ``plancompare draft https://…``.

One GET with urllib: a timeout on connecting and on each read, at most MAX_SOURCE_BYTES taken (a
server that sends more is refused, not read to the end), http and https only, redirects followed
by urllib's own limit. Every failure is one line naming the address. What comes back is read by
the same reader as a file (draft_source.source_from_bytes), with the Content-Type as a hint.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from plancompare.errors import InvalidInput, Problem
from plancompare.plans import draft_source
from plancompare.plans.draft_source import SourceText

#: Seconds to wait for the server to connect and for each read.
TIMEOUT_SECONDS = 30
_AGENT = "plancompare-draft (+https://github.com/plancompare)"


@dataclass(frozen=True)
class Fetched:
    """A fetched source: its text, the address it came from (after redirects) and the day."""

    text: SourceText
    url: str
    retrieved: datetime.date


def is_url(argument: str) -> bool:
    """Whether the command-line argument is a web address rather than a file."""
    return argument.lower().startswith(("http://", "https://"))


def fetch_source(url: str, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """Fetch ``url`` and read it as a plan's document; InvalidInput with one line on any failure."""
    import socket
    import urllib.error
    import urllib.request

    def refuse(message: str, hint: str | None = None) -> InvalidInput:
        return InvalidInput([Problem(url, message, hint=hint)])

    if any(c.isspace() or ord(c) < 32 for c in url) or not is_url(url):
        raise refuse("is not a web address plancompare can fetch", "give an http:// or https:// address")
    limit = draft_source.MAX_SOURCE_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT, "Accept": "text/html, application/pdf, text/plain;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise refuse(f"is {int(length):,} bytes, over the {limit:,}-byte limit for source texts", draft_source.SIZE_HINT)
            data = response.read(limit + 1)
            if len(data) > limit:
                raise refuse(f"sent more than the {limit:,}-byte limit for source texts", draft_source.SIZE_HINT)
            content_type = (response.headers.get_content_type() or "").lower()
            final_url = response.geturl() or url
    except urllib.error.HTTPError as error:
        error.close()
        raise refuse(f"the server answered {error.code} {error.reason}", "check the address in a browser") from None
    except urllib.error.URLError as error:
        reason = error.reason
        text = "timed out" if isinstance(reason, socket.timeout) else str(getattr(reason, "strerror", None) or reason)
        raise refuse(f"could not be fetched: {text}", "check the address and your connection") from None
    except (socket.timeout, TimeoutError):
        raise refuse(f"timed out after {timeout:g} s", "try again later, or save the page and draft the file") from None
    except (OSError, ValueError) as error:
        raise refuse(f"could not be fetched: {error}", "check the address and your connection") from None
    return Fetched(draft_source.source_from_bytes(data, url, content_type), final_url, datetime.date.today())
