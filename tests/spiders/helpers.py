"""The spider tests' helpers: responses from saved files, a spider on a test crawler (no
network, no database) and a callback's output split into requests and items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler


def file_response(path: str | Path, url: str) -> TextResponse:
    """A Scrapy response whose body is a saved file, so callbacks run offline (city-scrapers):
    an ``HtmlResponse`` for ``.html``/``.htm``, else a ``TextResponse``; UTF-8."""
    body = Path(path).read_bytes()
    cls = HtmlResponse if str(path).endswith((".html", ".htm")) else TextResponse
    return cls(url=url, body=body, encoding="utf-8", request=Request(url=url))


def build(spider_cls: type, settings: dict[str, Any] | None = None, **kwargs: Any):
    """A spider instance of ``spider_cls`` bound to a fresh test crawler (its ``.crawler.stats``
    collects the counters)."""
    crawler = get_crawler(spider_cls, settings_dict=settings or {})
    return spider_cls.from_crawler(crawler, **kwargs)


def split(results) -> tuple[list[Any], list[Any]]:
    """(requests, items) of a callback's output."""
    out = list(results or ())
    requests = [r for r in out if isinstance(r, Request)]
    return requests, [r for r in out if not isinstance(r, Request)]
