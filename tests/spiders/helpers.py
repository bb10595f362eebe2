"""Building a spider on a test crawler, with no network and no database."""

from __future__ import annotations

from typing import Any

from scrapy.utils.test import get_crawler


def build(spider_cls: type, settings: dict[str, Any] | None = None, **kwargs: Any):
    """A spider instance of ``spider_cls`` bound to a fresh test crawler (its ``.crawler.stats``
    collects the counters)."""
    crawler = get_crawler(spider_cls, settings_dict=settings or {})
    return spider_cls.from_crawler(crawler, **kwargs)


def split(results) -> tuple[list[Any], list[Any]]:
    """(requests, items) of a callback's output."""
    from scrapy import Request

    out = list(results or ())
    requests = [r for r in out if isinstance(r, Request)]
    return requests, [r for r in out if not isinstance(r, Request)]
