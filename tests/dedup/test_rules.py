"""The vacancy contract, one table row per rule and per negative kind (DESIGN.md, vacancies).

Each case is two ads made from raw fields by the real normalizers; the second differs from
the first as another board, a repost or another job would. ``same_vacancy`` runs
``assign_vacancies`` on a database holding only the two.
"""

from __future__ import annotations

import pytest

from dedup.evaluation import same_vacancy
from dedup.store import assign_vacancies

from .conftest import BASE, make_ad, make_row, store, vacancy_of

SNIPPET = " ".join(BASE["description"].split()[:30]) + "…"

SAME = [
    ("another board and id", dict(source="adzuna")),
    ("company suffix and case", dict(company="ACME ANALYTICS LIMITED")),
    ("company without suffix", dict(company="Acme Analytics")),
    ("title case and location suffix", dict(title="SENIOR DATA SCIENTIST - Leeds")),
    ("title wording", dict(title="Sr Data Scientist (Hybrid)")),
    ("location format", dict(location_raw="Leeds, UK")),
    ("location with county", dict(location_raw="Leeds , West Yorkshire")),
    ("snippet", dict(description=SNIPPET)),
    ("html", dict(description="<p>" + BASE["description"].replace(". ", ".</p><p>") + "</p>")),
    ("salary text format", dict(salary_raw="£60k - £70k")),
    ("salary unknown on one side", dict(salary_raw="Competitive")),
    ("overlapping salary", dict(salary_raw="£65,000 - £75,000")),
    ("59 days later", dict(posted_raw="2026-03-10")),
    ("no company, same text", dict(company=None, source="adzuna")),
    (
        "other title wording, same text",
        dict(title="Senior Data Scientist, Forecasting and Causal Inference"),
    ),
]

APART = [
    ("another town", dict(location_raw="Bristol")),
    ("another town, same county", dict(location_raw="Bradford, West Yorkshire")),
    ("another seniority", dict(title="Lead Data Scientist")),
    ("a seniority word the normalizer folds", dict(title="Senior Principal Data Scientist")),
    ("another role", dict(title="Senior Data Engineer")),
    ("salaries apart", dict(salary_raw="£80,000 - £90,000")),
    ("60 days later", dict(posted_raw="2026-03-11")),
    ("another employer", dict(company="Northwind Data plc")),
    ("no company, other text", dict(company=None, description="Our client, a bank. " * 12)),
]


@pytest.mark.parametrize("case, change", SAME, ids=[c for c, _ in SAME])
def test_same_vacancy(case, change):
    assert same_vacancy(make_row("1"), make_row("2", **change)), case


@pytest.mark.parametrize("case, change", APART, ids=[c for c, _ in APART])
def test_two_vacancies(case, change):
    assert not same_vacancy(make_row("1"), make_row("2", **change)), case


def test_generic_title_at_two_employers_is_two_vacancies():
    other = dict(company="Blue Harbour Ltd", description=SNIPPET)
    assert not same_vacancy(make_row("1"), make_row("2", **other))


def test_one_job_in_three_towns_is_three_vacancies(db):
    store(
        db,
        *(make_ad(str(i), location_raw=town) for i, town in enumerate(("Leeds", "York", "Hull"))),
    )
    stats = assign_vacancies(db)
    assert (stats.postings, stats.vacancies) == (3, 3)


def test_no_vacancy_spans_60_days_by_transitivity(db):
    days = ("2026-01-01", "2026-02-10", "2026-03-20")  # 40 and 38 days apart; 78 end to end
    store(db, *(make_ad(str(i), posted_raw=d) for i, d in enumerate(days)))
    assign_vacancies(db)
    first, second, third = (vacancy_of(db, f"reed:{i}") for i in range(3))
    assert first == second
    assert third != first


def test_salary_chain_does_not_merge_ranges_that_do_not_overlap(db):
    pay = ("£50,000 - £60,000", "£55,000 - £70,000", "£65,000 - £75,000")
    store(db, *(make_ad(str(i), salary_raw=p) for i, p in enumerate(pay)))
    assign_vacancies(db)
    first, second, third = (vacancy_of(db, f"reed:{i}") for i in range(3))
    assert first == second
    assert third != first


def test_same_source_id_is_one_row_and_one_vacancy(db):
    store(db, make_ad("1"))
    store(db, make_ad("1", title="Senior Data Scientist (updated)"))
    stats = assign_vacancies(db)
    assert (stats.postings, stats.vacancies) == (1, 1)
