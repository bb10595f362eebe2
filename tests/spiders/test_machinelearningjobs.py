"""The sitemap + JSON-LD JobPosting spider (machinelearningjobs.co.uk) on fixtures in the
sitemaps.org and schema.org formats."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse, Request

from crawler.bases.jsonld import job_postings, posting_fields
from spiders.machinelearningjobs import MachinelearningjobsSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

BASE = "https://machinelearningjobs.co.uk"
JOB1 = f"{BASE}/view-job/senior-mlops-engineer-e52ccf8e03cc"
JOB2 = f"{BASE}/view-job/nlp-research-scientist-0b1d2c3e4f5a"


def test_sitemap_index_then_urlset():
    spider = build(MachinelearningjobsSpider)
    spider._sitemaps_pending = 1  # the start request
    requests, _ = split(
        spider.parse_sitemap(
            file_response(FIXTURES / "machinelearningjobs/sitemap_index.xml", f"{BASE}/sitemap.xml")
        )
    )
    assert [r.url for r in requests] == [f"{BASE}/sitemap-jobs.xml"]
    requests, _ = split(
        spider.parse_sitemap(
            file_response(FIXTURES / "machinelearningjobs/sitemap_jobs.xml", requests[0].url)
        )
    )
    assert [r.url for r in requests] == [JOB1, JOB2]  # the career-advice page is not an ad
    assert [r.cb_kwargs["source_id"] for r in requests] == ["e52ccf8e03cc", "0b1d2c3e4f5a"]
    # every sitemap read: the listing is complete, so unlisted ads would expire
    assert spider.incremental.scopes == {
        "machinelearningjobs:": {
            "machinelearningjobs:e52ccf8e03cc",
            "machinelearningjobs:0b1d2c3e4f5a",
        }
    }


def test_failed_sitemap_leaves_the_listing_incomplete(tmp_path):
    spider = build(MachinelearningjobsSpider)
    spider._sitemaps_pending = 1
    (tmp_path / "bad.xml").write_text("<html>maintenance</html>", encoding="utf-8")
    assert (
        list(spider.parse_sitemap(file_response(tmp_path / "bad.xml", f"{BASE}/sitemap.xml"))) == []
    )
    assert spider.incremental.scopes == {}
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_sitemap") == 1


def test_graph_jobposting_item_field_by_field():
    spider = build(MachinelearningjobsSpider)
    [item] = spider.parse_posting(
        file_response(FIXTURES / "machinelearningjobs/job_e52ccf8e03cc.html", JOB1),
        source_id="e52ccf8e03cc",
    )
    assert dict(item, raw=None) == {
        "source": "machinelearningjobs",
        "source_id": "e52ccf8e03cc",
        "url": JOB1,
        "title": "Senior MLOps Engineer",
        "company": "Algo Forge",
        "location_raw": "London, GB",
        "salary_raw": None,
        "salary_min_raw": "90000",
        "salary_max_raw": "110000",
        "salary_currency_raw": "GBP",
        "salary_period_raw": "YEAR",
        "description": "&lt;p&gt;Own our model training and serving platform on GCP.&lt;/p&gt;",
        "posted_raw": "2026-10-14",
        "employment_type_raw": "FULL_TIME",
        "workplace_raw": None,
        "raw": None,
    }
    assert item["raw"]["validThrough"] == "2026-11-13T23:59:59+00:00"


def test_remote_day_rate_posting():
    spider = build(MachinelearningjobsSpider)
    [item] = spider.parse_posting(
        file_response(FIXTURES / "machinelearningjobs/job_0b1d2c3e4f5a.html", JOB2),
        source_id="0b1d2c3e4f5a",
    )
    assert item["company"] == "Lexica Labs"
    assert item["location_raw"] == "Remote (United Kingdom)"
    assert item["workplace_raw"] == "TELECOMMUTE"
    assert (item["salary_min_raw"], item["salary_max_raw"], item["salary_period_raw"]) == (
        "600",
        "600",
        "DAY",
    )
    assert item["employment_type_raw"] == "CONTRACTOR"


def test_page_without_jobposting_is_counted():
    spider = build(MachinelearningjobsSpider)
    response = HtmlResponse(
        JOB1, body=b"<html><body>Job closed</body></html>", request=Request(JOB1)
    )
    assert list(spider.parse_posting(response, source_id="x")) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/no_jobposting") == 1


@pytest.mark.parametrize(
    "base_salary, expected",
    [
        (
            {"@type": "MonetaryAmount", "currency": "GBP", "value": 45000, "unitText": "YEAR"},
            ("45000", "45000", "GBP", "YEAR", None),
        ),
        ("£40,000 - £50,000 a year", (None, None, None, None, "£40,000 - £50,000 a year")),
        (
            [
                {
                    "@type": "MonetaryAmount",
                    "currency": "EUR",
                    "value": {
                        "@type": "QuantitativeValue",
                        "minValue": 50,
                        "maxValue": 60,
                        "unitText": "HOUR",
                    },
                }
            ],
            ("50", "60", "EUR", "HOUR", None),
        ),
    ],
)
def test_base_salary_shapes(base_salary, expected):
    fields = posting_fields({"@type": "JobPosting", "title": "x", "baseSalary": base_salary})
    assert (
        fields.get("salary_min_raw"),
        fields.get("salary_max_raw"),
        fields.get("salary_currency_raw"),
        fields.get("salary_period_raw"),
        fields["salary_raw"],
    ) == expected


def test_invalid_jsonld_block_is_skipped():
    body = (
        '<script type="application/ld+json">{broken</script>'
        '<script type="application/ld+json">'
        + json.dumps([{"@type": ["JobPosting"], "title": "A"}])
        + "</script>"
    )
    response = HtmlResponse(JOB1, body=body.encode(), encoding="utf-8")
    assert [p["title"] for p in job_postings(response)] == ["A"]
