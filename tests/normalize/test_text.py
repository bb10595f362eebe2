"""HTML to text, text-node joining and posted dates, on real shapes of source data."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.ad import normalize_ad
from normalize.dates import parse_posted
from normalize.text import MAX_MARKUP_CHARS, fold_whitespace, html_to_text, join_text_nodes

NOW = datetime(2019, 3, 1, 12, 0)


@pytest.mark.parametrize(
    "markup, expected",
    [
        # Greenhouse's content is entity-escaped HTML.
        ("&lt;p&gt;Build &amp;amp; ship&lt;/p&gt;&lt;p&gt;two&lt;/p&gt;", "Build & ship\n\ntwo"),
        (
            '<div><b style="font-size: 24px">About</b></div><div>We&nbsp; build</div>',
            "About\n\nWe build",
        ),
        ("<p>a<script>alert(1)</script></p>", "a"),
        ("  line one  \r\n\r\n\r\n\r\n   line two\t\tend  ", "line one\n\nline two end"),
        ("Salary £40,000 &amp; bonus", "Salary £40,000 & bonus"),
        ("", ""),
        (None, ""),
    ],
)
def test_html_to_text(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "nodes, expected",
    [
        (
            [
                "\r\n   ",
                "Glasgow",
                "\r\n ",
                ", ",
                "Lanarkshire",
                "\r\n",
                "Glasgow",
                ", ",
                "Lanarkshire",
            ],
            "Glasgow , Lanarkshire",
        ),
        (["\r\n  ", "£32,157 - £42,544 per annum", "\r\n   "], "£32,157 - £42,544 per annum"),
        (["a", "b", "a"], "a b a"),
        ("  plain  ", "plain"),
        ([], ""),
        (None, ""),
    ],
)
def test_join_text_nodes(nodes, expected):
    assert join_text_nodes(nodes) == expected


@pytest.mark.parametrize(
    "raw, now, expected",
    [
        ("2026-04-17T05:58:03-04:00", None, "2026-04-17"),
        ("1779223091267", None, "2026-05-19"),  # Lever createdAt, epoch ms
        ("Posted Today by NHS Greater Glasgow & Clyde Featured New", NOW, "2019-03-01"),
        ("Posted Today by NHS Greater Glasgow & Clyde", None, None),  # no crawl time: unknown
        ("Posted 3 days ago by Zeta AI", NOW, "2019-02-26"),
        ("Posted 20 February by Eta Health", NOW, "2019-02-20"),
        ("2020-10-30", None, "2020-10-30"),
        ("not a date at all, really", NOW, None),
        ("", NOW, None),
        (None, NOW, None),
    ],
)
def test_parse_posted(raw, now, expected):
    assert parse_posted(raw, now) == expected


@given(st.text(max_size=200))
def test_text_helpers_never_raise(text):
    assert html_to_text(text) == html_to_text(text)
    assert "  " not in fold_whitespace(text)
    parse_posted(text, NOW)


def test_huge_description_is_normalized_from_a_bounded_prefix():
    """A 10 MB description (issue 12: 17 s in html_to_text) is read up to MAX_MARKUP_CHARS:
    the text after the cap, PyTorch here, is not read, and the text is the prefix's."""
    filler = "<p>We build machine learning systems in London.</p>\n"
    markup = filler * (10_000_000 // len(filler)) + "<p>PyTorch</p>"
    text = html_to_text(markup)
    assert "PyTorch" not in text
    assert text == html_to_text(markup[:MAX_MARKUP_CHARS])
    assert len(text) == 88_459 and MAX_MARKUP_CHARS == 100_000
    # a description shorter than the cap is read whole
    assert html_to_text(filler * 10 + "<p>PyTorch</p>").endswith("\n\nPyTorch")
    # the normalized ad carries the bounded text; its skills come from the prefix
    ad = normalize_ad({"title": "ML Engineer", "description": markup})
    assert ad["description_text"] == text and "PyTorch" not in ad["skills"]


def test_block_tags_still_break_lines_where_they_open_and_close():
    assert html_to_text("a<div>b<br>c</div>d<li>e</li>") == "a\nb\n\nc\nd\ne"
    assert html_to_text("<h1>T</h1>text<tr><td>1</td></tr>") == "T\ntext\n1"


def test_fold_lines_matches_its_regex_definition():
    import random
    import re

    from normalize.text import _fold_lines

    def reference(text: str) -> str:  # the rule as regexes: spaces, line edges, blank lines
        text = re.sub(r"[\t\r\f\v\u00a0][ \t\r\f\v\u00a0]*| [ \t\r\f\v\u00a0]+", " ", text)
        text = re.sub(r" ?\n ?", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    rnd = random.Random(7)
    bits = [" ", "  ", "\n", "a", "b", "\t", "\u00a0", "\r", " \n ", "\n\n\n\n", "x y"]
    for _ in range(20_000):
        text = "".join(rnd.choice(bits) for _ in range(rnd.randint(0, 30)))
        assert _fold_lines(text) == reference(text), repr(text)
