"""The ``--limit`` spider middleware (crawler.limit): at most N items out of a spider."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.limit import ItemLimit


def test_item_limit_middleware():
    crawler = get_crawler(settings_dict={"MLJOBS_ITEM_LIMIT": 2})
    limit = ItemLimit.from_crawler(crawler)
    output = [
        {"n": 1},
        Request("https://a.example/1"),
        {"n": 2},
        {"n": 3},
        Request("https://a.example/2"),
    ]
    kept = list(limit.process_spider_output(None, output))
    assert kept == output[:3]
    assert crawler.stats.get_value("mljobs/limit/items_skipped") == 1
    assert crawler.stats.get_value("mljobs/limit/requests_skipped") == 1
    with pytest.raises(NotConfigured):
        ItemLimit.from_crawler(get_crawler())
