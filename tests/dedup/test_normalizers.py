"""Titles, places and source kinds: table-driven, cases from real ads (company names:
``tests/normalize/test_companies.py``)."""

from __future__ import annotations

import pytest

from dedup.places import place_key
from dedup.sources import source_kind
from dedup.titles import level_words, normalize_title, title_similarity

TITLES = [
    ("Senior Data Scientist - Leeds", ("Leeds",), "senior data scientist"),
    ("SENIOR DATA SCIENTIST", (), "senior data scientist"),
    ("Sr. ML Engineer (Hybrid)", (), "senior machine learning engineer"),
    ("Data Engineer, London, UK", ("London",), "data engineer"),
    ("Data Engineer - £65k", (), "data engineer"),
    ("Data Engineer (Insurance)", (), "data engineer insurance"),
    ("Newcastle upon Tyne Data Analyst", ("Newcastle upon Tyne",), "data analyst"),
    (None, (), ""),
]


@pytest.mark.parametrize("raw, places, expected", TITLES)
def test_normalize_title(raw, places, expected):
    assert normalize_title(raw, places) == expected


SIMILARITY = [
    ("data engineer", "data engineer", False, 100.0),
    ("data engineer", "data engineer python sql", False, 100.0),
    ("regional manager it", "junior regional manager it", False, 0.0),
    ("senior data scientist", "data scientist", True, 0.0),
]


@pytest.mark.parametrize("a, b, strict, expected", SIMILARITY)
def test_title_similarity(a, b, strict, expected):
    assert title_similarity(a, b, strict) == expected


def test_strict_title_similarity_keeps_other_jobs_apart():
    a = normalize_title("Business Analysis B&D Level 4 Apprenticeship")
    b = normalize_title("Rail Engineering Vehicles Level 4 Apprenticeship")
    assert title_similarity(a, b, strict=True) < 90
    assert level_words("senior lead data engineer") == {"senior", "lead"}


PLACES = [
    (("Leeds", "Yorkshire and The Humber", None, "GB"), "city:leeds"),
    ((None, "London", None, "GB"), "region:london"),
    ((None, None, "remote", "GB"), "remote"),
    ((None, None, "hybrid", "GB"), "country:GB"),
    ((None, None, None, None), "unknown"),
]


@pytest.mark.parametrize("columns, expected", PLACES)
def test_place_key(columns, expected):
    assert place_key(*columns) == expected


KINDS = [
    ("greenhouse", "ats"),
    ("lever", "ats"),
    ("ashby", "ats"),
    ("workable", "ats"),
    ("reed", "board"),
    ("reed_listings_2019", "board"),
    ("jobspy", "board"),
    ("jobs_ac_uk", "board"),
    ("machinelearningjobs", "board"),
    ("indeed_london_2020", "board"),
    ("adzuna", "aggregator"),
    ("adzuna_kaggle", "aggregator"),
    ("my_csv_dump", "unknown"),
    (None, "unknown"),
]


@pytest.mark.parametrize("source, expected", KINDS)
def test_source_kind(source, expected):
    assert source_kind(source) == expected
