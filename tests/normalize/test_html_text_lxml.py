"""html_to_text reads lxml's tree directly: the same text as BeautifulSoup's get_text()."""

from __future__ import annotations

import random
import warnings

import pytest

from normalize.text import _fold_lines, _lxml_text, _soup_text, html_to_text

MARKUPS = [
    "<p>a</p>\n\n\n<p>b</p>",  # a whitespace-only node between blocks: one newline
    "<div>x\n\n\n<br>y</div>",
    "<pre>a\n\n\n  b</pre><p> c </p>",  # kept inside <pre>
    "<textarea>\n\n</textarea>x",
    "<p>a</p><!-- note --><p>b</p>",
    "<script>var x = '<p>';</script>tail <style>p {}</style>after",
    "<ul><li>one<li>two</ul>",
    "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
    "<p>&amp; &pound;50,000 &nbsp;per annum</p>",
    "<div><p>1</p>2</div>3",
    "<html><head><title>T</title></head><body><h2>Role</h2>Body</body></html>",
    "<p>a\r\nb\tc\x0bd</p>",
    "<ol><b></b><tr>two words<section>\n\n\n</h2><img><",
    "</td>",
    "<b>only inline</b> text",
    "<p>a<template>b</template>c</p>",  # template and ruby annotation text: left out
    "<p>kan<ruby>漢<rt>kan</rt><rp>(</rp></ruby>ji</p>",
]


@pytest.mark.parametrize("markup", MARKUPS)
def test_lxml_text_is_beautifulsoups_text(markup):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = _soup_text(markup)
    text = _lxml_text(markup)
    assert (text or "") == soup or (text is None and not soup.strip())


def test_random_tag_soup_reads_the_same():
    rnd = random.Random(15)
    tags = ["p", "div", "br", "li", "ul", "td", "tr", "b", "span", "pre", "script", "h2", "a"]
    bits = ["&amp;", "&pound;", " \n ", "\r\n", "\t", "<!-- c -->", "word", "two  words", "\n\n\n"]
    for _ in range(300):
        parts = []
        for _ in range(rnd.randint(1, 20)):
            tag, roll = rnd.choice(tags), rnd.random()
            parts.append(
                f"<{tag}>" if roll < 0.4 else f"</{tag}>" if roll < 0.7 else rnd.choice(bits)
            )
        markup = "".join(parts)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            soup = _soup_text(markup)
        text = _lxml_text(markup)
        # the text html_to_text gives: lines folded (empty soups differ only in newlines)
        assert _fold_lines(text or "") == _fold_lines(soup), markup


def test_markup_lxml_cannot_take_goes_through_beautifulsoup():
    assert _lxml_text("<p>a\ud800b</p>") is None  # a lone surrogate: not encodable
    assert html_to_text("<p>one</p><p>two</p>") == "one\n\ntwo"
