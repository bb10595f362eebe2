"""A whole crawl through ``mljobs crawl --replay`` (real middlewares, pipelines and SQLite):
Reed pagination, a 429 with Retry-After, a 500 that succeeds on retry, a 404, malformed JSON
from Adzuna (counted, not fatal), a Greenhouse board; then the same crawl again, which fetches
no detail page it already holds."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import FIXTURES
from tests.utils import mljobs

ARGS = (
    "crawl",
    "reed",
    "adzuna",
    "greenhouse",
    "--replay",
    str(FIXTURES / "replay_crawl"),
    "-a",
    "page_size=2",
    "-s",
    "MLJOBS_RETRY_BACKOFF=0.1",
)


def runs(db):
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT spider, items, new, updated, unchanged, expired, dropped, "
            "errors, stats FROM crawl_runs ORDER BY id"
        ).fetchall()
    return [
        dict(
            zip(
                ("spider", "items", "new", "updated", "unchanged", "expired", "dropped", "errors"),
                r[:8],
                strict=True,
            ),
            stats=json.loads(r[8]),
        )
        for r in rows
    ]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("REED_API_KEY", "test-key")
    mp.setenv("ADZUNA_APP_ID", "test-id")
    mp.setenv("ADZUNA_APP_KEY", "test-key")
    db = tmp_path_factory.mktemp("replay_crawl") / "mljobs.db"
    try:
        first = mljobs(*ARGS, db=db)
        with sqlite3.connect(db) as conn:
            ads_after_first = dict(conn.execute("SELECT id, last_seen FROM ads"))
        second = mljobs(*ARGS, db=db)
    finally:
        mp.undo()
    return db, first, second, ads_after_first


def by_spider(db, n):
    """The n-th run (0 or 1) of each spider."""
    seen: dict[str, list] = {}
    for run in runs(db):
        seen.setdefault(run["spider"], []).append(run)
    return {spider: rs[n] for spider, rs in seen.items()}


def test_first_crawl_stores_every_good_ad(crawled):
    db, first, _, ads = crawled
    assert sorted(ads) == [
        "adzuna:4871234567",
        "adzuna:4871299999",
        "greenhouse:monzo:7000001",
        "greenhouse:monzo:7000002",
        "reed:55100001",
        "reed:55100002",
        "reed:55100003",
    ]
    assert "Traceback" not in first.stderr


def test_pagination_retries_and_404(crawled):
    db, *_ = crawled
    reed = by_spider(db, 0)["reed"]
    stats = reed["stats"]
    assert (reed["items"], reed["new"], reed["errors"]) == (3, 3, 0)
    assert stats["mljobs/listed"] == 4  # two search pages of two
    assert stats["mljobs/detail_requests"] == 4
    assert stats["retry/count"] == 2
    assert stats["retry/reason_count/429 Unknown Status"] == 1
    assert stats["retry/reason_count/500 Internal Server Error"] == 1
    assert stats["mljobs/retry/wait_seconds"] >= 1.0  # Retry-After: 1 was honoured
    assert stats["mljobs/errors/http_404"] == 1
    assert stats["replay/served"] == 8
    assert stats.get("replay/missing", 0) == 0
    assert stats.get("httpcache/ignore", 0) == 0


def test_malformed_json_is_counted_not_fatal(crawled):
    db, *_ = crawled
    adzuna = by_spider(db, 0)["adzuna"]
    assert (adzuna["items"], adzuna["new"], adzuna["dropped"], adzuna["errors"]) == (2, 2, 1, 1)
    assert adzuna["stats"]["mljobs/dropped/malformed_json"] == 1
    greenhouse = by_spider(db, 0)["greenhouse"]
    assert (greenhouse["items"], greenhouse["errors"]) == (2, 0)  # others' errors not counted


def test_second_crawl_adds_nothing_and_fetches_no_held_detail(crawled):
    db, _, second, ads = crawled
    assert "Traceback" not in second.stderr
    again = by_spider(db, 1)
    for spider in ("reed", "adzuna", "greenhouse"):
        assert (again[spider]["items"], again[spider]["new"], again[spider]["updated"]) == (0, 0, 0)
    assert again["reed"]["unchanged"] == 3
    # only the 404 ad, never stored, is asked for again
    assert again["reed"]["stats"]["mljobs/detail_requests"] == 1
    assert again["reed"]["stats"]["mljobs/touched"] == 3
    assert again["greenhouse"]["unchanged"] == 2
    with sqlite3.connect(db) as conn:
        after = dict(conn.execute("SELECT id, last_seen FROM ads"))
        live = conn.execute("SELECT count(*) FROM ads WHERE expired_at IS NULL").fetchone()
    assert live == (len(ads),)
    assert sorted(after) == sorted(ads)
    assert all(after[i] >= ads[i] for i in ads)
