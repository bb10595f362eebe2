"""``mljobs crawl --limit N``: each spider stops after N ads, exactly.

Scrapy's ``CLOSESPIDER_ITEMCOUNT`` closes the spider once N items passed the pipelines, but
items already made (a board listing makes all its postings in one callback) still go through.
:class:`ItemLimit`, a spider middleware, lets at most ``MLJOBS_ITEM_LIMIT`` items out of the
spider's callbacks and, once the limit is reached, no more requests either (counted as
``mljobs/limit/items_skipped`` and ``mljobs/limit/requests_skipped``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


class ItemLimit:
    """Spider middleware: at most ``MLJOBS_ITEM_LIMIT`` items per spider run (0: no limit,
    the middleware stays out)."""

    def __init__(self, crawler: Crawler):
        self.limit = crawler.settings.getint("MLJOBS_ITEM_LIMIT", 0)
        if self.limit <= 0:
            raise NotConfigured
        self.stats = crawler.stats
        self.passed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ItemLimit:
        return cls(crawler)

    def _keep(self, output: Any) -> bool:
        if self.passed >= self.limit:
            kind = "requests" if isinstance(output, Request) else "items"
            self.stats.inc_value(f"mljobs/limit/{kind}_skipped")
            return False
        if not isinstance(output, Request):
            self.passed += 1
        return True

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """The callback's output up to the limit (items counted, requests after it dropped)."""
        return (output for output in result if self._keep(output))

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """:meth:`process_spider_output` for asynchronous callbacks."""
        async for output in result:
            if self._keep(output):
                yield output
