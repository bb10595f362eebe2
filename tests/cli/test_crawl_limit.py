"""``mljobs crawl SPIDER --limit N``: each source stops after N ads (a live smoke test; here
on the recorded corpus crawl), and the limit middleware on its own."""

from __future__ import annotations

import json
import sqlite3

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.limit import ItemLimit
from tests.utils import mljobs


def test_limit_stops_each_source_after_n_ads(corpus, tmp_path):
    db = tmp_path / "x.db"
    args = ("crawl", "greenhouse", "lever", "--replay", str(corpus / "replay"), "--limit", "1")
    result = mljobs(*args, db=db)
    assert "greenhouse: 1 ads (1 new," in result.stderr
    assert "lever: 1 ads (1 new," in result.stderr
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT spider, items, finish_reason, health, stats FROM crawl_runs")
        rows = [
            (s, i, r, h, json.loads(st)["mljobs/limit/items_skipped"]) for s, i, r, h, st in runs
        ]
        ads = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    assert rows == [
        ("greenhouse", 1, "closespider_itemcount", None, 1),  # stopped early: no health verdict
        ("lever", 1, "closespider_itemcount", None, 1),
    ]
    assert ads == 2
    again = mljobs(*args, db=db)  # held ads are fetched again, so they count
    assert "greenhouse: 1 ads (0 new, 0 updated, 1 unchanged," in again.stderr


def test_limit_must_be_positive(tmp_path):
    result = mljobs("crawl", "lever", "--limit", "0", db=tmp_path / "x.db", check=False)
    assert result.returncode == 2
    assert "--limit" in result.stderr


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
