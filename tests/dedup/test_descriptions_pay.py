"""Description containment (truncation, reflow, HTML, shared headers) and pay compatibility."""

from __future__ import annotations

import pytest

from dedup.descriptions import DescriptionIndex, containment, shingles
from dedup.pay import Pay, ad_pay, compatible, intersect
from normalize.text import html_to_text

from .conftest import BASE

FULL = BASE["description"]
OTHER = (
    "Our charity supports families across the north of England with advice on housing, "
    "benefits and debt. The finance officer keeps the ledgers, prepares the monthly accounts "
    "and works with auditors each spring; the post is part time and based in Bradford."
)


def test_snippet_is_contained_in_full_text():
    snippet = " ".join(FULL.split()[:30]) + "…"
    assert containment(shingles(snippet), shingles(FULL)) == 1.0
    assert containment(shingles(FULL), shingles(snippet)) == 1.0  # order does not matter


def test_reflowed_and_html_text_is_the_same_text():
    words = FULL.split()
    reflowed = "\n• ".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))
    as_html = "<div><p>" + FULL.replace(". ", ".</p><p>") + "</p></div>"
    assert containment(shingles(reflowed), shingles(FULL)) == 1.0
    assert containment(shingles(html_to_text(as_html)), shingles(FULL)) == 1.0


def test_unrelated_text_scores_zero_and_short_text_is_unjudged():
    assert containment(shingles(OTHER), shingles(FULL)) == 0.0
    assert containment(shingles("Data Engineer"), shingles(FULL)) is None


def test_shared_header_does_not_make_two_long_texts_one():
    header = " ".join(f"boilerplate{i} word{i}" for i in range(40))  # 80 words
    a = header + " " + " ".join(f"alpha{i}" for i in range(300))
    b = header + " " + " ".join(f"beta{i}" for i in range(300))
    assert containment(shingles(a), shingles(b)) < 0.8


def test_lsh_index_finds_snippet_and_forgets_removed_keys():
    index = DescriptionIndex(0.3)
    snippet = " ".join(FULL.split()[:35])
    index.prepare([("full", shingles(FULL)), ("snip", shingles(snippet)), ("o", shingles(OTHER))])
    for key in ("full", "snip", "o"):
        index.insert(key)
    assert index.candidates("snip") == ["full"]
    index.remove("full")
    assert index.candidates("snip") == []


PAY = [
    (Pay("year", 60_000, 70_000), Pay("year", 65_000, 80_000), True),
    (Pay("year", 60_000, 70_000), Pay("year", 70_000, 80_000), True),  # touching bounds
    (Pay("year", 60_000, 70_000), Pay("year", 75_000, 80_000), False),
    (Pay("year", 75_000, 75_000), Pay("year", 90_000, 90_000), False),
    (Pay("year", 60_000, 70_000), None, True),  # unknown salary is compatible
    (Pay("year", 60_000, 70_000), Pay("day", 500, 550), True),  # other kinds: unknown
    (Pay("day", 500, 550), Pay("day", 600, 650), False),
]


@pytest.mark.parametrize("a, b, expected", PAY)
def test_compatible(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_ad_pay_reads_columns_and_never_a_prediction():
    assert ad_pay(60_000, 70_000, 60_000, 70_000, "year", "GBP") == Pay("year", 60_000, 70_000)
    assert ad_pay(None, 60_000, None, 60_000, "year", "GBP") == Pay("year", 60_000, 60_000)
    assert ad_pay(None, None, 60, 70, "hour", "GBP") == Pay("day", 450, 525)
    assert ad_pay(60_000, 70_000, 60_000, 70_000, "year", "GBP", predicted=True) is None
    assert ad_pay(None, None, None, None, None, None) is None
    assert intersect(Pay("year", 50, 60), Pay("year", 55, 70)) == Pay("year", 55, 60)
