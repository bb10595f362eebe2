"""normalize.experience: real phrasings, the band rule, Hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.experience import Experience, experience_band, parse_experience

CASES = [
    (
        "Have 3+ years of experience as a data engineer and 8+ years of any software engineering",
        Experience(3.0, None),
    ),
    (
        "5+ years in a quantitative role at a developer-facing or high-growth product",
        Experience(5.0, None),
    ),
    ("5-7 years of experience building ML systems", Experience(5.0, 7.0)),
    ("4 to 6 years of hands-on experience", Experience(4.0, 6.0)),
    ("At least five years’ experience with Python", Experience(5.0, None)),
    ("minimum of 2 years commercial experience", Experience(2.0, None)),
    ("up to 2 years experience in a data role", Experience(None, 2.0)),
    ("10+ yrs of professional experience", Experience(10.0, None)),
    ("We were founded 10 years ago", None),
    ("This is a 2 year contract", None),
    ("over 20 years in business serving clients", None),
    ("", None),
    (None, None),
    # a figure is read in ASCII digits only (as in normalize.salary)
    ("𝟛+ years of experience", None),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_parse_experience(text: str | None, expected: Experience | None) -> None:
    assert parse_experience(text) == expected


@pytest.mark.parametrize(
    "exp, band",
    [
        (None, None),
        (Experience(0.0, 2.0), "0-3"),
        (Experience(None, 2.0), "0-3"),
        (Experience(2.5, None), "0-3"),
        (Experience(3.0, None), "3-7"),
        (Experience(5.0, 8.0), "3-7"),
        (Experience(7.0, None), "7+"),
        (Experience(10.0, 12.0), "7+"),
    ],
)
def test_experience_band(exp: Experience | None, band: str | None) -> None:
    assert experience_band(exp) == band


@given(st.text(max_size=500))
def test_properties(text: str) -> None:
    got = parse_experience(text)
    assert parse_experience(text) == got
    if got is not None:
        assert got.min_years is not None or got.max_years is not None
        if got.min_years is not None and got.max_years is not None:
            assert got.min_years <= got.max_years
        assert experience_band(got) in {"0-3", "3-7", "7+"}


@given(st.integers(0, 40), st.integers(0, 40))
def test_range_order(a: int, b: int) -> None:
    got = parse_experience(f"{a}-{b} years of experience")
    assert got == Experience(float(min(a, b)), float(max(a, b)))


def test_number_pattern_takes_exactly_the_number_words() -> None:
    import re

    from normalize.experience import _NUMBERS, _PATTERNS

    num = re.compile(r"[0-9]{1,2}(?:\.5)?|" + "|".join(_NUMBERS), re.IGNORECASE)
    words = [*_NUMBERS, "thirteen", "fourteen", "sixteen", "seventy", "eighty", "none", "tent"]
    for word in words:  # the grouped pattern of the data file reads the same words
        single = _PATTERNS[-1][1]
        phrase = f"{word} years experience"
        assert bool(single.match(phrase)) == bool(num.fullmatch(word)), word


@pytest.mark.parametrize(
    "kind, phrase",
    [
        ("range", "3-5 years of experience"),
        ("range", "3 to 5 years of experience"),
        ("plus", "5+ years of experience"),
        ("at_least", "at least 3 years of experience"),
        ("at_least", "minimum of 3 years of experience"),
        ("up_to", "up to 2 years of experience"),
    ],
)
def test_a_pattern_is_tried_only_where_its_required_text_is(kind: str, phrase: str) -> None:
    from normalize.experience import _PATTERNS

    pattern, requires = next((p, r) for k, p, r in _PATTERNS if k == kind)
    assert pattern.search(phrase)
    assert any(needed in phrase.lower() for needed in requires)


def test_the_prefilter_changes_no_answer_on_real_descriptions(corpus) -> None:
    import csv

    import normalize.experience as experience

    csv.field_size_limit(1 << 30)
    path = corpus / "adzuna-2013" / "adzuna_2013_dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["FullDescription"] for row in csv.DictReader(handle)]
    got = [parse_experience(t) for t in texts]
    unfiltered = [(kind, pattern, ()) for kind, pattern, _ in experience._PATTERNS]
    saved, experience._PATTERNS = experience._PATTERNS, unfiltered
    try:
        assert [parse_experience(t) for t in texts] == got
    finally:
        experience._PATTERNS = saved
    assert sum(g is not None for g in got) > 50  # the texts ask for experience
