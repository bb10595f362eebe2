"""artificialintelligencejobs.co.uk, the second JSON-LD board spider (machinelearningjobs'
layout), and the page-title fallback "Title - Company - Place | Board" both use (fixtures
written from the formats in issue 11)."""

from __future__ import annotations

import pytest

from spiders.artificialintelligencejobs import ArtificialintelligencejobsSpider
from spiders.machinelearningjobs import MachinelearningjobsSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

JOB = (
    "https://artificialintelligencejobs.co.uk/view-job/"
    "machine-learning-engineer-computer-vision-7a3f9e21c4d0"
)


def test_sitemap_lists_the_ad_pages_only():
    spider = build(ArtificialintelligencejobsSpider)
    spider._sitemaps_pending = 1
    requests, _ = split(
        spider.parse_sitemap(
            file_response(
                FIXTURES / "artificialintelligencejobs/sitemap.xml",
                "https://artificialintelligencejobs.co.uk/sitemap.xml",
            )
        )
    )
    assert [r.url for r in requests] == [JOB]
    assert requests[0].cb_kwargs == {"source_id": "7a3f9e21c4d0"}
    assert spider.incremental.scopes == {
        "artificialintelligencejobs:": {"artificialintelligencejobs:7a3f9e21c4d0"}
    }


def test_company_and_place_from_the_page_title():
    spider = build(ArtificialintelligencejobsSpider)
    [item] = spider.parse_posting(
        file_response(FIXTURES / "artificialintelligencejobs/job_7a3f9e21c4d0.html", JOB),
        source_id="7a3f9e21c4d0",
    )
    assert (item["source"], item["title"], item["company"], item["location_raw"]) == (
        "artificialintelligencejobs",
        "Machine Learning Engineer - Computer Vision",  # the JobPosting's, kept
        "Visionary Ltd",
        "Manchester",
    )
    assert (item["salary_min_raw"], item["salary_max_raw"], item["posted_raw"]) == (
        "60000",
        "75000",
        "2026-11-01",
    )


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "Senior MLOps Engineer - Algo Forge - London | Machine Learning Jobs",
            {"title": "Senior MLOps Engineer", "company": "Algo Forge", "location_raw": "London"},
        ),
        (
            "Data Scientist - NLP - Rolls-Royce - Derby, Derbyshire | Machine Learning Jobs",
            {
                "title": "Data Scientist - NLP",
                "company": "Rolls-Royce",
                "location_raw": "Derby, Derbyshire",
            },
        ),
        ("Senior MLOps Engineer | Machine Learning Jobs", {}),
        ("Careers advice - Machine Learning Jobs", {}),
    ],
)
def test_page_title_format(title, expected):
    from scrapy.http import HtmlResponse

    spider = build(MachinelearningjobsSpider)
    body = f"<html><head><title>{title}</title></head></html>".encode()
    response = HtmlResponse(JOB, body=body, encoding="utf-8")
    assert spider.page_title_parts(response) == expected
