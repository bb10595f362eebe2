"""Extensions: one ``crawl_runs`` row per spider run, with that spider's own error count."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from db.schema import open_db
from db.store import record_run, utcnow

logger = logging.getLogger(__name__)


class SpiderErrorCounter(logging.Handler):
    """Counts the ERROR (and worse) log records about one spider (``extra={"spider": ...}``, as
    Scrapy's middlewares and ``Spider.logger`` log) in that crawler's ``mljobs/errors`` stat.

    Scrapy's own ``log_count/ERROR`` counts every record of the process, so when ``mljobs run``
    runs several spiders together each would carry all the others' errors.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(level=logging.ERROR)
        self.crawler = crawler

    def emit(self, record: logging.LogRecord) -> None:
        spider = getattr(record, "spider", None)
        if spider is not None and spider is self.crawler.spider:
            self.crawler.stats.inc_value("mljobs/errors")


class RunRecorder:
    """Records the finished run's Scrapy stats in ``crawl_runs`` (see ``db.store.record_run``).

    Connected to ``spider_closed`` after Scrapy's CoreStats, so the row carries the finish time
    and reason (``"interrupted"`` for a run stopped by SIGINT/SIGTERM, the signal's name in
    ``mljobs/interrupted``: see ``crawler.interrupts``). The row's ``errors`` is the spider's
    own error count (``mljobs/errors``); the process-wide ``log_count/ERROR`` is kept in the
    stats JSON as ``log_count/ERROR_process``.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("MLJOBS_DB")
        self.counter = SpiderErrorCounter(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.crawler.stats.set_value("mljobs/errors", 0)
        logging.getLogger().addHandler(self.counter)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        logging.getLogger().removeHandler(self.counter)
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = "interrupted" if stats.get("mljobs/interrupted") else reason
        stats.setdefault("finish_time", utcnow())
        stats["log_count/ERROR_process"] = stats.get("log_count/ERROR", 0)
        stats["log_count/ERROR"] = stats.get("mljobs/errors", 0)
        db = open_db(self.db_path)
        try:
            run_id = record_run(db, spider.name, stats)
        finally:
            db.close()
        logger.info("recorded crawl run %d for %s (%s)", run_id, spider.name, reason)
