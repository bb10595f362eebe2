"""The Reed API callbacks on fixtures written from Reed's documented search and details
formats: pagination, detail requests, items field by field, the not-configured skip."""

from __future__ import annotations

import asyncio
import base64

import pytest
from scrapy import Request

from spiders.reed import ReedSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

SEARCH = "https://www.reed.co.uk/api/1.0/search?keywords=machine+learning"


def test_search_page_requests_details_and_the_next_page():
    spider = build(ReedSpider, page_size="2")
    url = f"{SEARCH}&resultsToTake=2&resultsToSkip=0"
    requests, items = split(
        spider.parse(
            file_response(FIXTURES / "reed/search_ml_p1.json", url), term="machine learning", page=0
        )
    )
    assert items == []
    assert [r.url for r in requests] == [
        "https://www.reed.co.uk/api/1.0/jobs/55100001",
        "https://www.reed.co.uk/api/1.0/jobs/55100002",
        "https://www.reed.co.uk/api/1.0/search?keywords=machine+learning&resultsToTake=2"
        "&resultsToSkip=2",
    ]
    assert requests[0].cb_kwargs["listing"]["jobTitle"] == "Machine Learning Engineer"
    assert spider.crawler.stats.get_value("mljobs/detail_requests") == 2


def test_last_page_stops_and_max_pages_bounds():
    spider = build(ReedSpider, page_size="2")
    requests, _ = split(
        spider.parse(
            file_response(FIXTURES / "reed/search_ml_p2.json", SEARCH),
            term="machine learning",
            page=1,
        )
    )
    assert [r.url.rsplit("/", 1)[-1] for r in requests] == ["55100003", "55100004"]
    bounded = build(ReedSpider, page_size="2", max_pages="1")
    requests, _ = split(
        bounded.parse(
            file_response(FIXTURES / "reed/search_ml_p1.json", SEARCH),
            term="machine learning",
            page=0,
        )
    )
    assert len(requests) == 2  # details only: one page per term allowed


def test_details_make_an_item_field_by_field():
    spider = build(ReedSpider)
    listing = {"jobId": 55100001, "date": "15/10/2026", "jobTitle": "Machine Learning Engineer"}
    [item] = spider.parse_details(
        file_response(
            FIXTURES / "reed/job_55100001.json", "https://www.reed.co.uk/api/1.0/jobs/55100001"
        ),
        listing=listing,
    )
    assert dict(item, raw=None) == {
        "source": "reed",
        "source_id": "55100001",
        "url": "https://www.reed.co.uk/jobs/machine-learning-engineer/55100001",
        "title": "Machine Learning Engineer",
        "company": "Harbour Analytics",
        "location_raw": "Manchester",
        "salary_raw": "£60,000 - £75,000 per annum",
        "salary_min_raw": "60000.0",
        "salary_max_raw": "75000.0",
        "salary_currency_raw": "GBP",
        "salary_period_raw": "per annum",
        "description": "<p>We are looking for a Machine Learning Engineer to join our growing "
        "team in Manchester.</p><ul><li>Python, PyTorch</li><li>AWS SageMaker"
        "</li></ul>",
        "posted_raw": "15/10/2026",
        "employment_type_raw": "Permanent, full-time",
        "raw": None,
    }
    assert item["raw"]["listing"] == listing


def test_day_rate_and_no_salary_details():
    spider = build(ReedSpider)
    [day] = spider.parse_details(
        file_response(FIXTURES / "reed/job_55100002.json", SEARCH), listing={}
    )
    assert (day["salary_raw"], day["salary_period_raw"]) == ("£550 - £650 per day", "per day")
    assert day["employment_type_raw"] == "Contract, full-time"
    [none] = spider.parse_details(
        file_response(FIXTURES / "reed/job_55100003.json", SEARCH), listing={}
    )
    assert none["salary_raw"] == "Competitive salary"
    assert none["salary_min_raw"] is None and none["salary_currency_raw"] is None


def test_unchanged_listing_is_not_fetched_again():
    spider = build(ReedSpider, page_size="2")
    response = file_response(FIXTURES / "reed/search_ml_p1.json", SEARCH)
    first, _ = split(spider.parse(response, term="machine learning", page=0))
    # what the database would hold after storing them
    spider.incremental.known = dict(spider.incremental.pending)
    spider.incremental.pending.clear()
    again, _ = split(spider.parse(response, term="machine learning", page=0))
    assert [r.url for r in again] == [first[-1].url]  # the next page only, no detail
    assert spider.incremental.touched == {"reed:55100001", "reed:55100002"}


def test_malformed_json_is_counted(tmp_path):
    (tmp_path / "bad.json").write_text('{"results": [', encoding="utf-8")
    spider = build(ReedSpider)
    assert list(spider.parse(file_response(tmp_path / "bad.json", SEARCH), term="x", page=0)) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_json") == 1


def test_without_key_nothing_is_requested(caplog):
    spider = build(ReedSpider, settings={"REED_API_KEY": ""})

    async def collect():
        return [r async for r in spider.start()]

    assert asyncio.run(collect()) == []
    assert "reed: skipped, REED_API_KEY is not set" in caplog.text


def test_key_goes_in_basic_auth_at_download_time():
    from crawler.apikeys import with_keys

    spider = build(ReedSpider, settings={"REED_API_KEY": "secret-key"})
    request = Request("https://www.reed.co.uk/api/1.0/jobs/1")
    sent = with_keys(request, spider.crawler.settings)
    expected = b"Basic " + base64.b64encode(b"secret-key:")
    assert sent.headers["Authorization"] == expected
    assert b"Authorization" not in request.headers  # the kept request has no key
    assert "HTTPAUTH_USER" not in spider.crawler.settings.copy_to_dict() or not (
        spider.crawler.settings.get("HTTPAUTH_USER")
    )
    for other in ("https://www.reed.co.uk/robots.txt", "http://www.reed.co.uk/api/1.0/jobs/1"):
        assert with_keys(Request(other), spider.crawler.settings).headers == Request(other).headers


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"page_size": "0"}, "page_size must be between 1 and 100"),
        ({"page_size": "500"}, "page_size must be between 1 and 100"),
        ({"max_pages": "x"}, "max_pages must be a whole number"),
        ({"terms": " , "}, "terms must name at least one"),
    ],
)
def test_arguments_are_validated_when_built(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ReedSpider(**kwargs)
