"""Text helpers: HTML to plain text, whitespace folding, raw text-node lists."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

# Runs of horizontal whitespace that need folding: single plain spaces are left alone (fast).
_WS = re.compile(r"[\t\r\f\v\u00a0][ \t\r\f\v\u00a0]*| [ \t\r\f\v\u00a0]+")
_LOOKS_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
_BLOCK_TAG_SET = frozenset(_BLOCK_TAGS)
#: Tags whose text BeautifulSoup's get_text() leaves out: scripts and styles (dropped before
#: it), templates and ruby annotations (strings of their own types).
_DROPPED_TAGS = frozenset(("script", "style", "template", "rt", "rp"))
_PRE_TAGS = frozenset(("pre", "textarea"))  # BeautifulSoup's whitespace-preserving tags
_ASCII_SPACES = str.maketrans("", "", " \n\t\x0c\r")
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
    Block elements become line breaks, runs of spaces fold to one, blank lines to one. The
    text is BeautifulSoup's ``get_text()`` of the markup parsed by lxml (:func:`_soup_text`),
    read straight from lxml's tree (:func:`_lxml_text`, 6-14x faster, the same text: compared
    on every HTML description of the corpus and 3,000 random tag soups). ``None`` gives
    ``""``; never raises on malformed markup. Only the first :data:`MAX_MARKUP_CHARS`
    characters are read (a tag cut there is dropped).
    """
    if not markup:
        return ""
    markup = markup[:MAX_MARKUP_CHARS]
    if "&lt;" in markup and not _LOOKS_HTML.search(markup):
        markup = html.unescape(markup)
    if _LOOKS_HTML.search(markup):
        text = _lxml_text(markup)
        if text is None:
            text = _soup_text(markup)
    else:
        text = html.unescape(markup)
    return _fold_lines(text)


def _soup_text(markup: str) -> str:
    """The text of ``markup`` by BeautifulSoup (lxml parser): block tags wrapped in line
    breaks, scripts and styles dropped. The reference :func:`_lxml_text` follows, and its
    fallback."""
    # imported on the first use (~0.08 s of start-up)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_BLOCK_TAGS):
        # inside the tag, not beside it: the same text, without insert_before's search
        # through the parent's children (quadratic in a flat page of paragraphs)
        tag.insert(0, "\n")
        tag.append("\n")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text()


def _node_text(text: str, pre: bool) -> str:
    # BeautifulSoup keeps a text node of ASCII whitespace only as one newline (when it holds
    # one) or one space, except inside <pre> and <textarea>
    if not pre and not text.translate(_ASCII_SPACES):
        return "\n" if "\n" in text else " "
    return text


def _lxml_text(markup: str) -> str | None:
    """:func:`_soup_text` of ``markup`` read from lxml's own tree (the parse BeautifulSoup
    builds its tree from), walked without recursion; ``None`` where lxml cannot take the
    markup (a lone surrogate) or gives no tree."""
    from lxml import etree  # a dependency of BeautifulSoup's lxml parser; imported on use

    try:
        markup.encode("utf-8")
        root = etree.fromstring(markup, etree.HTMLParser())
    except (UnicodeEncodeError, ValueError, etree.LxmlError):
        return None
    if root is None:
        return None
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, pre = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in _DROPPED_TAGS:  # comments, PIs; scripts
            continue
        pre = pre or tag in _PRE_TAGS
        block = tag in _BLOCK_TAG_SET
        # pushed in reverse: popped as "\n", text, each child then its tail, "\n"
        if block:
            stack.append(("\n", pre))
        for child in reversed(node):
            if child.tail:
                stack.append((_node_text(child.tail, pre), pre))
            stack.append((child, pre))
        if node.text:
            stack.append((_node_text(node.text, pre), pre))
        if block:
            stack.append(("\n", pre))
    return "".join(out)


def _fold_lines(text: str) -> str:
    """Fold spaces within lines, trim lines, keep at most one blank line. Each regex runs only
    when a cheap substring test says it has work to do (most texts need one pass or none)."""
    if any(c in text for c in "\t\r\f\v\u00a0"):
        text = _WS.sub(" ", text)
    else:  # spaces only: str.replace in C (half the time of the regexes on a long ad)
        while "  " in text:
            text = text.replace("  ", " ")
    if " \n" in text or "\n " in text:  # runs are single spaces now: one each side
        text = text.replace(" \n", "\n").replace("\n ", "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
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
