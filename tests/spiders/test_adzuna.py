"""The Adzuna API callback on a fixture written from Adzuna's documented search format."""

from __future__ import annotations

from spiders.adzuna import AdzunaSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

SETTINGS = {"ADZUNA_APP_ID": "test-id", "ADZUNA_APP_KEY": "test-key"}
# keyless: the keys are added only as a request is sent (crawler.apikeys)
PAGE1 = (
    "https://api.adzuna.com/v1/api/jobs/gb/search/1?"
    "what=machine+learning&results_per_page=1&content-type=application%2Fjson"
)


def parse(**kwargs):
    spider = build(AdzunaSpider, settings=SETTINGS, **kwargs)
    requests, items = split(
        spider.parse(
            file_response(FIXTURES / "adzuna/search_ml_p1.json", PAGE1),
            term="machine learning",
            page=0,
        )
    )
    return spider, requests, items


def test_search_request_url():
    spider = build(AdzunaSpider, settings=SETTINGS, page_size="1")
    assert spider.search_request("machine learning", 0).url == PAGE1


def test_results_are_items_field_by_field():
    spider, requests, items = parse()
    assert requests == []  # count 2 <= 50 per page: no next page
    assert len(items) == 2
    first = items[0]
    assert dict(first, raw=None) == {
        "source": "adzuna",
        "source_id": "4871234567",
        "url": "https://www.adzuna.co.uk/jobs/land/ad/4871234567?se=abc&v=1",
        "title": "Computer Vision Engineer",
        "company": "Fieldsense Ltd",
        "location_raw": "Edinburgh, Scotland",
        "salary_min_raw": "55000",
        "salary_max_raw": "65000",
        "salary_currency_raw": "GBP",
        "description": "Join our Edinburgh team building computer vision models for "
        "agriculture. Salary £55,000 - £65,000 plus bonus...",
        "posted_raw": "2026-10-14T09:12:44Z",
        "employment_type_raw": "permanent, full_time",
        "raw": None,
    }
    assert first["raw"]["location"]["area"] == ["UK", "Scotland", "Edinburgh"]


def test_predicted_salary_stays_out_of_the_structured_fields():
    _, _, items = parse()
    second = items[1]
    assert second["salary_min_raw"] is None and second["salary_max_raw"] is None
    assert second["salary_currency_raw"] is None
    assert second["raw"]["salary_min"] == 48211.37
    assert second["employment_type_raw"] is None


def test_pagination_follows_count():
    _, requests, items = parse(page_size="1")
    assert [r.url for r in requests] == [PAGE1.replace("/search/1?", "/search/2?")]


def test_tracking_tokens_do_not_make_an_ad_changed():
    spider, _, _ = parse()
    spider.incremental.known = dict(spider.incremental.pending)
    body = (FIXTURES / "adzuna/search_ml_p1.json").read_text(encoding="utf-8")
    body = body.replace("se=abc", "se=zzz").replace(".x1", ".y9")
    response = file_response(FIXTURES / "adzuna/search_ml_p1.json", PAGE1).replace(
        body=body.encode()
    )
    _, items = split(spider.parse(response, term="machine learning", page=0))
    assert items == []
    assert spider.incremental.touched == {"adzuna:4871234567", "adzuna:4871299999"}


def test_truncated_json_is_counted_not_fatal():
    spider = build(AdzunaSpider, settings=SETTINGS)
    out = list(
        spider.parse(file_response(FIXTURES / "adzuna/truncated.json", PAGE1), term="x", page=0)
    )
    assert out == []
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_json") == 1
