"""What the RSS, sitemap + JSON-LD and search-API bases share through ``JobSpider``:
``id_pattern`` (one implementation), the ``post_process`` hook, and ``record_item``, which
drops one record whose item cannot be made (``malformed_posting``) while the rest goes on."""

from __future__ import annotations

import json
import logging

import pytest
from scrapy.http import TextResponse
from scrapy.spiderloader import SpiderLoader

from crawler.bases.ats import AtsBoardSpider
from crawler.bases.jsonld import SitemapJobPostingSpider
from crawler.bases.rss import RssJobSpider
from crawler.bases.search import SearchApiSpider
from crawler.bases.spider import JobSpider
from crawler.runner import project_settings, spider_names
from spiders.adzuna import AdzunaSpider
from spiders.jobs_ac_uk import JobsAcUkSpider
from spiders.machinelearningjobs import MachinelearningjobsSpider
from spiders.reed import ReedSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build, file_response, split

FEED = "https://www.jobs.ac.uk/jobs/artificial-intelligence/?format=rss"
AD1 = "https://www.jobs.ac.uk/job/DTA123/research-associate-in-machine-learning-for-climate"
JOB1 = "https://machinelearningjobs.co.uk/view-job/senior-mlops-engineer-e52ccf8e03cc"


def test_id_pattern_lives_in_one_place():
    for base in (RssJobSpider, SitemapJobPostingSpider):
        assert "source_id_from_url" not in vars(base)
        assert "id_pattern" not in vars(base)
        assert "post_process" not in vars(base)
    assert "post_process" not in vars(AtsBoardSpider)
    assert "post_process" in vars(JobSpider)
    assert "pre_process" in vars(JobSpider)
    for base in (RssJobSpider, SitemapJobPostingSpider, AtsBoardSpider, SearchApiSpider):
        assert "pre_process" not in vars(base)


@pytest.mark.parametrize(
    "spider_cls, url, expected",
    [
        (JobsAcUkSpider, AD1, "DTA123"),
        (JobsAcUkSpider, "https://www.jobs.ac.uk/other/x", "https://www.jobs.ac.uk/other/x"),
        (MachinelearningjobsSpider, JOB1, "e52ccf8e03cc"),
    ],
)
def test_source_id_from_url(spider_cls, url, expected):
    assert build(spider_cls).source_id_from_url(url) == expected


def test_sitemap_default_id_is_the_path():
    spider = build(MachinelearningjobsSpider)
    url = "https://machinelearningjobs.co.uk/view-job/no-hex-id/"
    assert spider.source_id_from_url(url, default=spider.url_path_id(url)) == (
        "/view-job/no-hex-id"
    )


def test_an_id_pattern_without_a_group_is_refused_when_built():
    class NoGroup(JobsAcUkSpider):
        id_pattern = r"/job/[A-Za-z0-9]+"

    with pytest.raises(ValueError, match="needs a group"):
        build(NoGroup)


def feed_entry(spider):
    requests, _ = split(spider.parse(file_response(FIXTURES / "jobs_ac_uk/feed.xml", FEED)))
    return requests[0].cb_kwargs["entry"]


def test_rss_post_process_failure_drops_that_ad_only(caplog):
    class Fragile(JobsAcUkSpider):
        def post_process(self, item, response, entry):
            raise TypeError("expected str, got dict")

    spider = build(Fragile)
    entry = feed_entry(spider)
    assert "jobs_ac_uk:DTA123" in spider.incremental.pending
    with caplog.at_level(logging.ERROR):
        out = list(
            spider.parse_posting(
                file_response(FIXTURES / "jobs_ac_uk/job_DTA123.html", AD1 + "?key=SECRET"),
                source_id="DTA123",
                entry=entry,
            )
        )
    assert out == []
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1
    assert "jobs_ac_uk:DTA123" not in spider.incremental.pending  # tried again next crawl
    [record] = [r for r in caplog.records if "malformed" in r.getMessage()]
    assert "DTA123" in record.getMessage() and "SECRET" not in record.getMessage()


def test_jsonld_post_process_failure_and_drop():
    class Fragile(MachinelearningjobsSpider):
        def post_process(self, item, response, posting):
            if posting.get("title") == "Senior MLOps Engineer":
                raise AttributeError("'list' object has no attribute 'get'")
            return None

    spider = build(Fragile)
    page = FIXTURES / "machinelearningjobs/job_e52ccf8e03cc.html"
    assert list(spider.parse_posting(file_response(page, JOB1), source_id="e52ccf8e03cc")) == []
    other = FIXTURES / "machinelearningjobs/job_0b1d2c3e4f5a.html"
    assert list(spider.parse_posting(file_response(other, JOB1), source_id="0b1d2c3e4f5a")) == []
    stats = spider.crawler.stats
    assert stats.get_value("mljobs/dropped/malformed_posting") == 1
    assert stats.get_value("mljobs/dropped/post_process") == 1


ADZUNA_SETTINGS = {"ADZUNA_APP_ID": "test-id", "ADZUNA_APP_KEY": "test-key"}
ADZUNA_PAGE = (
    "https://api.adzuna.com/v1/api/jobs/gb/search/1?app_id=test-id&app_key=test-key"
    "&what=machine+learning&results_per_page=50&content-type=application%2Fjson"
)


def test_search_result_failure_drops_that_result_only():
    class Fragile(AdzunaSpider):
        def make_item(self, result):
            if result["id"] == "4871234567":
                raise ValueError("bad salary")
            return super().make_item(result)

    spider = build(Fragile, settings=ADZUNA_SETTINGS)
    _, items = split(
        spider.parse(
            file_response(FIXTURES / "adzuna/search_ml_p1.json", ADZUNA_PAGE),
            term="machine learning",
            page=0,
        )
    )
    assert [i["source_id"] for i in items] == ["4871299999"]
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1
    assert "adzuna:4871234567" not in spider.incremental.pending


def test_reed_details_failure_is_counted():
    class Fragile(ReedSpider):
        def make_item(self, details, listing):
            raise KeyError("jobTitle")

    spider = build(Fragile)
    out = list(
        spider.parse_details(
            file_response(
                FIXTURES / "reed/job_55100001.json", "https://www.reed.co.uk/api/1.0/jobs/55100001"
            ),
            listing={"jobId": 55100001},
        )
    )
    assert out == []
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1


def test_record_item_passes_results_through():
    spider = build(JobsAcUkSpider)
    assert spider.record_item(lambda a, b: a + b, 2, 3, ad="x", scope="y") == 5
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") is None


def test_non_object_search_results_are_counted():
    # (unchanged behaviour) a result that is not an object: counted, the page goes on
    spider = build(AdzunaSpider, settings=ADZUNA_SETTINGS)
    body = json.dumps({"count": 2, "results": ["x", {"id": "1", "title": "ML Engineer"}]})
    response = TextResponse(ADZUNA_PAGE, body=body.encode(), encoding="utf-8")
    _, items = split(spider.parse(response, term="ml", page=0))
    assert [i["source_id"] for i in items] == ["1"]
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1


def test_source_is_the_spider_name_unless_set():
    loader = SpiderLoader.from_settings(project_settings())
    for name in spider_names(enabled_only=False):
        assert build(loader.load(name), settings=ADZUNA_SETTINGS).source == name

    class Renamed(JobsAcUkSpider):
        name = "jobs_ac_uk_test"
        source = "jobs_ac_uk"

    spider = build(Renamed)
    feed_entry_requests(spider)
    assert spider.source == "jobs_ac_uk"
    assert set(spider.incremental.pending) >= {"jobs_ac_uk:DTA123"}


def feed_entry_requests(spider):
    requests, _ = split(spider.parse(file_response(FIXTURES / "jobs_ac_uk/feed.xml", FEED)))
    return requests


def retitled(record):
    """A pre_process hook's repair: the record's title marked."""
    return {**record, "title": f"{record.get('title')} [repaired]"}


def test_pre_process_applies_in_the_rss_base():
    class Repaired(JobsAcUkSpider):
        def pre_process(self, entry):
            return retitled(entry)

    requests = feed_entry_requests(build(Repaired))
    assert requests[0].cb_kwargs["entry"]["title"].endswith(" [repaired]")
    [item] = build(Repaired).parse_posting(
        file_response(FIXTURES / "jobs_ac_uk/job_DTB456_no_jsonld.html", AD1),
        source_id="DTB456",
        entry=requests[0].cb_kwargs["entry"],
    )
    assert item["title"].endswith(" [repaired]")


def test_pre_process_applies_in_the_sitemap_base():
    class Repaired(MachinelearningjobsSpider):
        def pre_process(self, posting):
            return retitled(posting)

    page = FIXTURES / "machinelearningjobs/job_e52ccf8e03cc.html"
    [item] = build(Repaired).parse_posting(file_response(page, JOB1), source_id="e52ccf8e03cc")
    assert item["title"] == "Senior MLOps Engineer [repaired]"


def adzuna_items(spider):
    return split(
        spider.parse(
            file_response(FIXTURES / "adzuna/search_ml_p1.json", ADZUNA_PAGE),
            term="machine learning",
            page=0,
        )
    )[1]


def test_pre_and_post_process_apply_in_the_search_bases():
    class Repaired(AdzunaSpider):
        def pre_process(self, result):
            if result["id"] == "4871299999":
                raise ValueError("unreadable")
            return retitled(result)

        def post_process(self, item, response, result):
            item["company"] = f"{item['company']} ({response.url[:26]})"
            return item

    spider = build(Repaired, settings=ADZUNA_SETTINGS)
    [item] = adzuna_items(spider)
    assert item["source_id"] == "4871234567"
    assert item["title"].endswith(" [repaired]")
    assert item["company"] == "Fieldsense Ltd (https://api.adzuna.com/v1/)"
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1

    class Dropping(AdzunaSpider):
        def post_process(self, item, response, result):
            return None

    spider = build(Dropping, settings=ADZUNA_SETTINGS)
    assert adzuna_items(spider) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/post_process") == 2


def test_post_process_applies_to_reed_details():
    class Enriched(ReedSpider):
        def post_process(self, item, response, details):
            item["workplace_raw"] = f"details of {details['jobId']}"
            return item

    [item] = build(Enriched).parse_details(
        file_response(
            FIXTURES / "reed/job_55100001.json", "https://www.reed.co.uk/api/1.0/jobs/55100001"
        ),
        listing={"jobId": 55100001},
    )
    assert item["workplace_raw"] == "details of 55100001"
