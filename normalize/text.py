"""Text helpers: HTML to plain text, whitespace folding, raw text-node lists."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# Runs of horizontal whitespace that need folding: single plain spaces are left alone (fast).
_WS = re.compile(r"[\t\r\f\v\u00a0][ \t\r\f\v\u00a0]*| [ \t\r\f\v\u00a0]+")
_LINE_EDGES = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")
_LOOKS_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
#: Characters of a description read for normalizing: the stored raw description is whole, its
#: normalized text comes from this prefix (about 15,000 words, far longer than any real ad), so
#: a 10 MB description costs no more than a long ad.
MAX_MARKUP_CHARS = 100_000


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space and strip the ends."""
    return " ".join(text.split())


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (or of text that is not HTML), one paragraph a line.

    Entity-escaped HTML, as Greenhouse's ``content`` is (``&lt;p&gt;``), is unescaped first.
    Block elements become line breaks, runs of spaces fold to one, blank lines to one. Uses
    BeautifulSoup with lxml. ``None`` gives ``""``; never raises on malformed markup. Only the
    first :data:`MAX_MARKUP_CHARS` characters are read (a tag cut there is dropped).
    """
    if not markup:
        return ""
    markup = markup[:MAX_MARKUP_CHARS]
    if "&lt;" in markup and not _LOOKS_HTML.search(markup):
        markup = html.unescape(markup)
    if _LOOKS_HTML.search(markup):
        # imported on the first markup (~0.08 s of start-up): plain text needs none
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(markup, "lxml")
        for tag in soup.find_all(_BLOCK_TAGS):
            # inside the tag, not beside it: the same text, without insert_before's search
            # through the parent's children (quadratic in a flat page of paragraphs)
            tag.insert(0, "\n")
            tag.append("\n")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text()
    else:
        text = html.unescape(markup)
    return _fold_lines(text)


def _fold_lines(text: str) -> str:
    """Fold spaces within lines, trim lines, keep at most one blank line. Each regex runs only
    when a cheap substring test says it has work to do (most texts need one pass or none)."""
    if "  " in text or any(c in text for c in "\t\r\f\v\u00a0"):
        text = _WS.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def join_text_nodes(nodes: str | Iterable[str] | None, sep: str = " ") -> str:
    """Join a list of raw text nodes (as Scrapy's ``::text`` selectors return them) into a string.

    Each node is stripped, empty ones dropped, the rest joined with ``sep``. A page that renders
    the same block twice (Reed shows the location for desktop and mobile) gives a node sequence
    that is one half repeated: it is kept once. A plain string is returned stripped.
    """
    if nodes is None:
        return ""
    if isinstance(nodes, str):
        return nodes.strip()
    parts = [str(n).strip() for n in nodes if n is not None]
    parts = [p for p in parts if p]
    half = len(parts) // 2
    if half and len(parts) % 2 == 0 and parts[:half] == parts[half:]:
        parts = parts[:half]
    return sep.join(parts)
