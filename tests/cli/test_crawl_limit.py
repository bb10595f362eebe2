"""``mljobs crawl SPIDER --limit N``: each source stops after N ads (a live smoke test; here
on the recorded corpus crawl; the middleware alone: tests/crawler/test_limit.py)."""

from __future__ import annotations

import json
import sqlite3

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
