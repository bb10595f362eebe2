"""The real recorded crawl (``../shared/corpus/replay``) run twice, and board expiry: an ad a
complete board listing no longer shows gets ``expired_at``; listed again, it is live again. A
listing that shows no ad at all while ads of its scope are held expires nothing."""

from __future__ import annotations

import json
import sqlite3
import time

from scrapy.utils.test import get_crawler

from crawler.incremental import close_listings
from db.schema import open_db
from db.store import upsert_ads
from spiders.machinelearningjobs import MachinelearningjobsSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import file_response
from tests.utils import mljobs


def test_corpus_replay_twice(corpus, tmp_path):
    db = tmp_path / "mljobs.db"
    mljobs("crawl", "--replay", str(corpus / "replay"), db=db)
    with sqlite3.connect(db) as conn:
        first = dict(conn.execute("SELECT id, last_seen FROM ads"))
    assert len(first) == 6
    time.sleep(1.1)  # last_seen has one-second resolution
    mljobs("crawl", "--replay", str(corpus / "replay"), db=db)
    with sqlite3.connect(db) as conn:
        second = dict(conn.execute("SELECT id, last_seen FROM ads"))
        rows = conn.execute(
            "SELECT spider, new, updated, unchanged, stats FROM crawl_runs "
            "WHERE id > 8 AND spider IN ('greenhouse', 'lever', 'ashby')"
        ).fetchall()
    assert set(second) == set(first)
    assert all(second[i] > first[i] for i in first)  # last_seen refreshed
    assert sorted(r[:4] for r in rows) == [
        ("ashby", 0, 0, 2),
        ("greenhouse", 0, 0, 2),
        ("lever", 0, 0, 2),
    ]
    for *_, stats in rows:
        stats = json.loads(stats)
        assert stats["replay/served"] == 1  # the board listing only: no detail request
        assert stats.get("mljobs/detail_requests", 0) == 0
        assert stats["mljobs/touched"] == 2


def recording(folder, jobs):
    folder.mkdir()
    (folder / "board.json").write_text(json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}))
    (folder / "index.json").write_text(
        json.dumps(
            {
                "responses": [
                    {
                        "url": "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
                        "status": 200,
                        "content_type": "application/json",
                        "file": "board.json",
                    }
                ]
            }
        )
    )
    return str(folder)


def test_unlisted_board_ads_expire_and_come_back(tmp_path):
    jobs = json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]
    both, one = recording(tmp_path / "both", jobs), recording(tmp_path / "one", jobs[:1])
    db = tmp_path / "mljobs.db"

    def expired():
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT id, expired_at IS NOT NULL FROM ads"))

    mljobs("crawl", "greenhouse", "--replay", both, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 0}
    mljobs("crawl", "greenhouse", "--replay", one, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 1}
    mljobs("crawl", "greenhouse", "--replay", both, db=db)
    assert expired() == {"greenhouse:monzo:7000001": 0, "greenhouse:monzo:7000002": 0}
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT expired FROM crawl_runs ORDER BY id")] == [
            0,
            1,
            0,
        ]


def test_failed_board_expires_nothing(tmp_path):
    jobs = json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]
    db = tmp_path / "mljobs.db"
    mljobs("crawl", "greenhouse", "--replay", recording(tmp_path / "ok", jobs), db=db)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "down.html").write_text("<html>Service Unavailable</html>")
    (broken / "index.json").write_text(
        json.dumps(
            {
                "responses": [
                    {
                        "url": "https://boards-api.greenhouse.io/v1/boards/monzo/jobs?content=true",
                        "status": 503,
                        "content_type": "text/html",
                        "file": "down.html",
                        "headers": {"Retry-After": "0"},
                    }
                ]
            }
        )
    )
    result = mljobs(
        "crawl", "greenhouse", "--replay", str(broken), "-s", "RETRY_TIMES=1", db=db, check=False
    )
    assert result.returncode == 1  # the only spider failed
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: every source failed; answered with errors only: "
        "greenhouse: 2 responses (HTTP 503 x2), 2 errors"
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads WHERE expired_at IS NULL").fetchone() == (2,)


def test_empty_board_listing_expires_nothing(tmp_path):
    jobs = json.loads((FIXTURES / "greenhouse/monzo_jobs.json").read_text())["jobs"]
    db = tmp_path / "mljobs.db"
    mljobs("crawl", "greenhouse", "--replay", recording(tmp_path / "both", jobs), db=db)
    result = mljobs("crawl", "greenhouse", "--replay", recording(tmp_path / "none", []), db=db)
    with sqlite3.connect(db) as conn:
        live = conn.execute("SELECT count(*) FROM ads WHERE expired_at IS NULL").fetchone()
        expired, stats = conn.execute(
            "SELECT expired, stats FROM crawl_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert live == (2,)
    assert expired == 0
    assert json.loads(stats)["mljobs/expiry_skipped_empty_listing"] == 1
    assert "greenhouse:monzo: shows no ad but 2 are held" in result.stderr


def held_db(path, ids):
    db = open_db(path)
    upsert_ads(
        db, [{"source": "machinelearningjobs", "source_id": i, "title": "ML Engineer"} for i in ids]
    )
    return db


def sitemap_spider(tmp_path, locs):
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in locs)
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )
    spider = MachinelearningjobsSpider.from_crawler(get_crawler(MachinelearningjobsSpider))
    spider._sitemaps_pending = 1
    list(spider.parse_sitemap(file_response(sitemap, "https://machinelearningjobs.co.uk/s.xml")))
    return spider


def test_sitemap_whose_rules_match_nothing_expires_nothing(tmp_path, caplog):
    db = held_db(tmp_path / "mljobs.db", ["aaaa1111", "bbbb2222"])
    spider = sitemap_spider(tmp_path, ["https://machinelearningjobs.co.uk/jobs/renamed-1"])
    assert spider.incremental.scopes == {"machinelearningjobs:": set()}
    close_listings(db, spider.incremental)
    live = db.conn.execute("SELECT count(*) FROM ads WHERE expired_at IS NULL").fetchone()
    assert live == (2,)
    assert spider.crawler.stats.get_value("mljobs/expiry_skipped_empty_listing") == 1
    assert spider.crawler.stats.get_value("mljobs/expired") is None
    assert any(r.levelname == "WARNING" and "shows no ad" in r.getMessage() for r in caplog.records)


def test_sitemap_listing_one_ad_still_expires_the_others(tmp_path):
    db = held_db(tmp_path / "mljobs.db", ["aaaa1111", "bbbb2222"])
    spider = sitemap_spider(tmp_path, ["https://machinelearningjobs.co.uk/view-job/x-aaaa1111"])
    close_listings(db, spider.incremental)
    assert dict(db.conn.execute("SELECT id, expired_at IS NOT NULL FROM ads")) == {
        "machinelearningjobs:aaaa1111": 0,
        "machinelearningjobs:bbbb2222": 1,
    }
    assert spider.crawler.stats.get_value("mljobs/expired") == 1
    assert spider.crawler.stats.get_value("mljobs/expiry_skipped_empty_listing") is None


def test_empty_listing_of_an_empty_scope_warns_nothing(tmp_path, caplog):
    db = held_db(tmp_path / "mljobs.db", [])
    spider = sitemap_spider(tmp_path, [])
    close_listings(db, spider.incremental)
    assert spider.crawler.stats.get_value("mljobs/expiry_skipped_empty_listing") is None
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
