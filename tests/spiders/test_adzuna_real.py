"""Adzuna on its real formats: the real search page (50 results) and history response of
``../shared/corpus/real-api/adzuna`` (read in place): absent optional keys, predicted salaries
kept out of the structured fields, ``location.area``, the history stored as a reference
series."""

from __future__ import annotations

import json

from scrapy.utils.test import get_crawler

from crawler.bases.adzuna import history_series, location_text
from crawler.items import ReferenceSeriesItem
from crawler.pipelines import NormalizePipeline, StorePipeline
from db.schema import open_db
from spiders.adzuna import AdzunaSpider
from tests.spiders.helpers import build, file_response, split

SETTINGS = {"ADZUNA_APP_ID": "test-id", "ADZUNA_APP_KEY": "test-key"}
# the keys never enter a request's URL (crawler.apikeys adds them on the way out only)
PAGE1 = (
    "https://api.adzuna.com/v1/api/jobs/gb/search/1"
    "?what=python&results_per_page=50&content-type=application%2Fjson"
)
HISTORY = (
    "https://api.adzuna.com/v1/api/jobs/gb/history"
    "?location0=UK&location1=London&category=it-jobs&months=12&content-type=application%2Fjson"
)


def test_real_search_page(corpus):
    path = corpus / "real-api/adzuna/gb_search_2023-04_50results.json"
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    spider = build(AdzunaSpider, settings=SETTINGS)
    requests, items = split(spider.parse(file_response(path, PAGE1), term="python", page=0))
    assert len(items) == 50 and len({i["source_id"] for i in items}) == 50
    assert [r.url for r in requests] == [PAGE1.replace("/search/1?", "/search/2?")]  # 2,416
    predicted = {r["id"] for r in results if r["salary_is_predicted"] == "1"}
    assert len(predicted) == 20
    for item in items:
        has_salary = item["salary_min_raw"] is not None
        assert has_salary is (item["source_id"] not in predicted)
        assert (item["salary_currency_raw"] == "GBP") is has_salary
    first = items[0]
    assert {k: first[k] for k in first if k not in ("raw", "description", "url")} == {
        "source": "adzuna",
        "source_id": "4058869031",
        "title": "Development Engineer",
        "company": "Clear Engineering Recruitment LTD",
        "location_raw": "Glasgow, Scotland",
        "salary_min_raw": "45000",
        "salary_max_raw": "55000",
        "salary_currency_raw": "GBP",
        "posted_raw": "2023-04-24T13:37:06Z",
        "employment_type_raw": "permanent, full_time",
    }
    [no_type] = [i for i in items if i["source_id"] == "4075502120"]  # no contract_type key
    assert (no_type["employment_type_raw"], no_type["location_raw"]) == ("full_time", "UK")
    assert no_type["salary_min_raw"] is None and no_type["raw"]["salary_min"] == 68639.76


def test_location_text_falls_back_to_the_area():
    area = {"area": ["UK", "London", "Central London"]}
    assert location_text(area) == "Central London, London, UK"
    assert location_text({"display_name": "Splott, Cardiff", **area}) == "Splott, Cardiff"
    assert location_text(None) is None


def test_history_requests_follow_the_series_file():
    spider = build(AdzunaSpider, settings=SETTINGS)
    [uk, london] = history_series()
    assert spider.history_request(london).url == HISTORY
    assert spider.history_request(uk).url == HISTORY.replace("&location1=London", "")


def test_real_history_is_stored_as_a_reference_series(corpus, tmp_path):
    crawler = get_crawler(
        AdzunaSpider, settings_dict={**SETTINGS, "MLJOBS_DB": str(tmp_path / "x.db")}
    )
    spider = AdzunaSpider.from_crawler(crawler)
    crawler.spider = spider
    path = corpus / "real-api/adzuna/gb_history_central-london_2024-03.json"
    [item] = spider.parse_history(file_response(path, HISTORY), series=history_series()[1])
    assert isinstance(item, ReferenceSeriesItem)
    assert (item["series"], item["location"], item["unit"]) == (
        "london_it_jobs",
        "Central London, London",
        "GBP per year",
    )
    assert len(item["points"]) == 12 and item["points"]["2024-02"] == 53989.94
    normalize, store = NormalizePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    store.open_spider()
    assert store.process_item(normalize.process_item(item)) is item
    store.close_spider()
    db = open_db(tmp_path / "x.db")
    rows = list(db.query("SELECT period, value FROM reference_series ORDER BY period"))
    assert (rows[0], rows[-1], len(rows)) == (
        {"period": "2023-03", "value": 50254.92},
        {"period": "2024-02", "value": 53989.94},
        12,
    )
    assert db["ads"].count == 0
    assert crawler.stats.get_value("mljobs/reference_points") == 12
    assert crawler.stats.get_value("mljobs/items") is None  # not an ad


def start_urls(spider):
    async def collect():
        return [r.url async for r in spider.start()]

    import asyncio

    return asyncio.run(collect())


def test_history_series_follow_the_searches_only_when_configured():
    spider = build(AdzunaSpider, settings=SETTINGS, terms="python")
    urls = start_urls(spider)
    assert [u.split("?")[0] for u in urls] == [
        "https://api.adzuna.com/v1/api/jobs/gb/search/1",
        "https://api.adzuna.com/v1/api/jobs/gb/history",
        "https://api.adzuna.com/v1/api/jobs/gb/history",
    ]
    assert start_urls(build(AdzunaSpider, settings={"ADZUNA_APP_ID": ""})) == []
