"""Benchmarks and views count vacancies (one salary each) by default, postings with
``postings=True``; a database on which dedup never ran counts each ad as its own vacancy."""

from __future__ import annotations

import pytest

from db.benchmarks import benchmarks
from db.filters import Filters
from dedup.store import assign_vacancies
from tests.dedup.conftest import db, make_ad, store  # noqa: F401

# One job on a board and on an aggregator (overlapping salaries), and another job in York.
ADS = (
    ("1", {"source": "reed", "salary_raw": "£60,000 - £70,000 per annum"}),
    ("2", {"source": "adzuna", "salary_raw": "£64,000 - £72,000 per annum"}),
    ("3", {"source": "reed", "location_raw": "York", "salary_raw": "Competitive"}),
)


@pytest.fixture
def stored(db):  # noqa: F811
    store(db, *(make_ad(i, **raw) for i, raw in ADS))
    return db


def _city(rows: list[dict], city: str) -> dict:
    return next(r for r in rows if r["group"] == city)


def test_two_postings_of_one_vacancy_count_once_with_one_salary(stored):
    assign_vacancies(stored)
    leeds = _city(benchmarks(stored, "city", min_count=1), "Leeds")
    assert (leeds["vacancies"], leeds["postings"], leeds["ads"], leeds["salaries"]) == (1, 2, 1, 1)
    assert leeds["median"] == 65_000  # the board's salary, not the aggregator's 68,000
    york = _city(benchmarks(stored, "city", min_count=1), "York")
    assert (york["vacancies"], york["postings"], york["salaries"], york["median"]) == (
        1, 1, 0, None,
    )  # fmt: skip


def test_postings_counts_every_stored_ad(stored):
    assign_vacancies(stored)
    leeds = _city(benchmarks(stored, "city", min_count=1, postings=True), "Leeds")
    assert (leeds["vacancies"], leeds["postings"], leeds["ads"], leeds["salaries"]) == (1, 2, 2, 2)
    assert leeds["median"] == 66_500  # type-7 median of 65,000 and 68,000


def test_a_database_without_dedup_counts_each_ad_as_its_vacancy(stored):
    assert stored.execute("SELECT count(*) FROM ads WHERE vacancy_id IS NULL").fetchone() == (3,)
    leeds = _city(benchmarks(stored, "city", min_count=1), "Leeds")
    assert (leeds["vacancies"], leeds["postings"], leeds["ads"], leeds["salaries"]) == (2, 2, 2, 2)
    assert leeds["median"] == 66_500


def test_source_filter_selects_vacancies_by_their_representative(stored):
    assign_vacancies(stored)
    rows = benchmarks(stored, "city", min_count=1, filters=Filters(sources=("reed",)))
    assert {r["group"]: r["vacancies"] for r in rows} == {"Leeds": 1, "York": 1}


def test_views_count_vacancies_and_keep_postings(stored):
    assign_vacancies(stored)
    view = stored.execute(
        "SELECT ads, vacancies, postings, salaries FROM bench_city WHERE grp = 'Leeds'"
    ).fetchone()
    assert view == (1, 1, 2, 1)
    assert stored.execute("SELECT count(*) FROM ml_postings").fetchone() == (3,)
    assert stored.execute("SELECT count(*) FROM ml_ads").fetchone() == (2,)
    sources = stored.execute(
        "SELECT source, postings, vacancies, merged, merged_share FROM bench_source ORDER BY source"
    ).fetchall()
    assert sources == [("adzuna", 1, 1, 1, 1.0), ("reed", 2, 2, 1, 0.5)]
