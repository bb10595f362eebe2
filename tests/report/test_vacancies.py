"""The report's vacancy section on a small fixture: the dedup rule, postings against vacancies
and the share merged per source, multi-town jobs, live vacancies; and the rendered page."""

from __future__ import annotations

from datetime import datetime

import pytest

from db.filters import Filters
from dedup.store import assign_vacancies
from report.build import ReportSettings, build_report
from report.render import render
from report.vacancies import VACANCY_RULE
from tests.dedup.conftest import db, make_ad, store  # noqa: F401


@pytest.fixture
def four_postings(db):  # noqa: F811
    """Four ML postings, three vacancies: one job in Leeds on two boards and in York, one
    junior job in Bath."""
    store(
        db,
        make_ad("1"),  # Leeds, on a board
        make_ad("2", source="adzuna", salary_raw="£64,000 - £72,000"),  # the same job, copied
        make_ad("3", location_raw="York"),  # the same job in another town
        make_ad("4", source="adzuna", title="Junior Data Scientist", location_raw="Bath"),
    )
    assign_vacancies(db)
    return db


def test_vacancy_section_and_page(four_postings, tmp_path):
    db = four_postings  # noqa: F811

    report = build_report(db, ReportSettings(min_count=1), now=datetime(2026, 1, 20))
    vac = report["vacancies"]
    assert (vac["postings"], vac["vacancies"], vac["duplicate_share"], vac["live"]) == (
        4, 3, 0.25, 3,
    )  # fmt: skip
    assert vac["sources"] == [
        {"source": "adzuna", "postings": 2, "vacancies": 2, "merged": 1, "merged_share": 0.5},
        {"source": "reed", "postings": 2, "vacancies": 2, "merged": 1, "merged_share": 0.5},
    ]
    assert vac["multi_town"] == {"jobs": 1, "vacancies": 2}  # Leeds and York
    assert [(r["group"], r["vacancies"], r["live"]) for r in vac["by_city"]] == [
        ("Bath", 1, 1), ("Leeds", 1, 1), ("York", 1, 1),
    ]  # fmt: skip
    assert report["cells"][0]["ads"] == 3  # the headline counts vacancies
    render(report, tmp_path)
    page = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert VACANCY_RULE in page
    assert "4 ML postings are 3 vacancies (25.0% of postings duplicate another)." in page
    assert "| adzuna | 2 | 2 | 1 | 50.0% |" in page
    assert "1 jobs are advertised in several towns (2 vacancies, one per town)." in page


def test_vacancy_section_follows_the_report_filters(four_postings):
    db = four_postings  # noqa: F811

    report = build_report(
        db, ReportSettings(min_count=1), Filters(cities=("leeds",)), now=datetime(2026, 1, 20)
    )
    vac = report["vacancies"]
    assert (vac["postings"], vac["vacancies"], vac["duplicate_share"], vac["live"]) == (
        2, 1, 0.5, 1,
    )  # fmt: skip
    assert vac["sources"] == [
        {"source": "adzuna", "postings": 1, "vacancies": 1, "merged": 1, "merged_share": 1.0},
        {"source": "reed", "postings": 1, "vacancies": 1, "merged": 1, "merged_share": 1.0},
    ]
    assert vac["multi_town"] == {"jobs": 0, "vacancies": 0}  # York is outside the filter
    assert [(r["group"], r["vacancies"]) for r in vac["by_city"]] == [("Leeds", 1)]
