"""Extensions: one ``crawl_runs`` row per spider run."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from db.schema import open_db
from db.store import record_run, utcnow

logger = logging.getLogger(__name__)


class RunRecorder:
    """Records the finished run's Scrapy stats in ``crawl_runs`` (see ``db.store.record_run``).

    Connected to ``spider_closed`` after Scrapy's CoreStats, so the row carries the finish time
    and reason.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("MLJOBS_DB")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        stats.setdefault("finish_time", utcnow())
        db = open_db(self.db_path)
        try:
            run_id = record_run(db, spider.name, stats)
        finally:
            db.close()
        logger.info("recorded crawl run %d for %s (%s)", run_id, spider.name, reason)
