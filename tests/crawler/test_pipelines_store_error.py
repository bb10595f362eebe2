"""StorePipeline and the crawl's listing fingerprints (crawler.incremental): an ad that fails to
store must not have its new listing fingerprint recorded, or the next crawl would take it for
unchanged and never fetch it again."""

from __future__ import annotations

import copy
import json
from typing import Any

from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

import crawler.pipelines as pipelines
import crawler.settings as project
from crawler.bases.ats import Board
from crawler.incremental import IncrementalCrawl, fingerprint
from crawler.pipelines import NormalizePipeline, StorePipeline
from db.listings import listing_fingerprints
from db.schema import open_db
from spiders.greenhouse import GreenhouseSpider
from tests.conftest import FIXTURES

MONZO = Board("greenhouse", "monzo", "Monzo")
URL = "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true"
SETTINGS = {
    name: getattr(project, name)
    for name in (
        "MLJOBS_ANNUAL_FACTORS",
        "MLJOBS_HOURS_PER_DAY",
        "MLJOBS_MIN_ANNUAL",
        "MLJOBS_MAX_ANNUAL",
    )
}


def monzo_jobs() -> list[dict[str, Any]]:
    return json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]


def crawl(db_path, jobs):
    """One Greenhouse crawl of the board ``jobs`` through the real pipelines and the
    incremental extension, in Scrapy's order; the stats."""
    crawler = get_crawler(GreenhouseSpider, settings_dict={**SETTINGS, "MLJOBS_DB": str(db_path)})
    spider = GreenhouseSpider.from_crawler(crawler)
    crawler.spider = spider
    incremental = IncrementalCrawl.from_crawler(crawler)
    normalize, store = NormalizePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    store.open_spider()
    incremental.spider_opened(spider)
    response = TextResponse(URL, body=json.dumps({"jobs": jobs}).encode(), encoding="utf-8")
    for item in spider.parse(response, board=MONZO):
        store.process_item(normalize.process_item(item))
    store.close_spider()
    incremental.spider_closed(spider)
    return crawler.stats


def stored_fingerprints(db_path) -> dict[str, str]:
    db = open_db(db_path)
    try:
        return listing_fingerprints(db, "greenhouse")
    finally:
        db.close()


def test_a_store_error_keeps_the_old_fingerprint(tmp_path, monkeypatch):
    db_path = tmp_path / "mljobs.db"
    jobs = monzo_jobs()
    crawl(db_path, jobs)
    before = stored_fingerprints(db_path)
    assert before == {f"greenhouse:monzo:{j['id']}": fingerprint(j) for j in jobs}

    changed = copy.deepcopy(jobs)
    for job in changed:
        job["title"] += " (updated)"
    real = pipelines.upsert_rows

    def upsert(db, rows, seen_at=None):
        if any("greenhouse:monzo:7000002" in row for row, _ in rows):  # its id column
            raise ValueError("disk I/O error")
        return real(db, rows, seen_at)

    monkeypatch.setattr(pipelines, "upsert_rows", upsert)
    stats = crawl(db_path, changed)
    assert stats.get_value("mljobs/dropped/store_error") == 1
    assert stats.get_value("mljobs/updated") == 1
    after = stored_fingerprints(db_path)
    assert after["greenhouse:monzo:7000001"] == fingerprint(changed[0])  # stored: recorded
    assert after["greenhouse:monzo:7000002"] == before["greenhouse:monzo:7000002"]

    monkeypatch.setattr(pipelines, "upsert_rows", real)
    stats = crawl(db_path, changed)  # the failed ad is fetched and stored this time
    assert stats.get_value("mljobs/listed_unchanged") == 1
    assert stats.get_value("mljobs/updated") == 1
    assert stored_fingerprints(db_path)["greenhouse:monzo:7000002"] == fingerprint(changed[1])


def test_discard_is_scoped_to_the_spiders_source():
    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider))
    assert spider.incremental.listed("monzo:1", "fp")
    spider.incremental.discard("monzo:2")  # nothing pending: ignored
    assert spider.incremental.pending == {"greenhouse:monzo:1": "fp"}
    spider.incremental.discard("monzo:1")
    assert spider.incremental.pending == {}
