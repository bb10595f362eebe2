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
