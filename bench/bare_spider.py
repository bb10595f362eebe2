"""The yardstick of ``bench/crawl.py``: a bare ``scrapy.Spider`` outside the project.

It reads a sitemap, fetches every page it lists and yields each page's JSON-LD blocks as dicts
(nothing stores them): no project settings, pipelines, extensions or middlewares, only Scrapy's
defaults and the settings given. Run by the bench in a fresh process:
``python bench/bare_spider.py SITEMAP_URL SETTINGS_JSON``; prints the crawl's numeric stats
(and ``finish_time``, seconds since the epoch) as one JSON object on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap


class BareSpider(scrapy.Spider):
    """Sitemap -> pages -> one dict per JSON-LD block."""

    name = "bare"

    def __init__(self, sitemap_url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.sitemap_url = sitemap_url

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.sitemap_url, callback=self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        for entry in Sitemap(response.body):
            yield scrapy.Request(entry["loc"], callback=self.parse)

    def parse(self, response: Response) -> Iterator[dict]:
        for block in response.xpath('//script[@type="application/ld+json"]/text()').getall():
            yield json.loads(block, strict=False)


def crawl(sitemap_url: str, settings: dict[str, Any]) -> dict[str, int | float]:
    """Crawl once (starts the Twisted reactor: once per process); the numeric Scrapy stats and
    ``finish_time`` (the spider's close, seconds since the epoch)."""
    process = CrawlerProcess(settings=settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, sitemap_url=sitemap_url)
    process.start()
    stats = crawler.stats.get_stats()
    numeric = {k: v for k, v in stats.items() if isinstance(v, int | float)}
    return {**numeric, "finish_time": stats["finish_time"].timestamp()}


if __name__ == "__main__":
    print(json.dumps(crawl(sys.argv[1], json.loads(sys.argv[2]))))
