"""No API key reaches a log line, a stats dump, a ``crawl_runs`` row, a ``JOBDIR`` queue file or
a report (issue 12): a whole replayed crawl of Reed, Adzuna and Greenhouse at DEBUG with
sentinel keys, stopped early with ``--jobdir`` so queue files stay on disk, then a report; and
the download handler that adds the keys only to the request as sent."""

from __future__ import annotations

import asyncio
import base64
import pickle
import sqlite3
import stat

import pytest
from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.apikeys import KeyedDownloadHandler, with_keys
from spiders.adzuna import AdzunaSpider
from tests.crawler.test_replay_crawl import ARGS as REPLAY_CRAWL
from tests.utils import mljobs

REED, APP_ID, APP_KEY = "SENTINEL-REED-123", "SENTINEL-AZID-456", "SENTINEL-AZKEY-789"
#: Each key as it could be written: plain, and Reed's in its basic-auth header.
SENTINELS = (REED, APP_ID, APP_KEY, base64.b64encode(f"{REED}:".encode()).decode())


def leaks(text: str) -> list[str]:
    return [s for s in SENTINELS if s in text]


@pytest.fixture(scope="module")
def stopped_crawl(tmp_path_factory):
    """A replayed crawl with sentinel keys, stopped after its first response per spider (queues left
    in its JOBDIR), then ``mljobs report`` on its database."""
    tmp = tmp_path_factory.mktemp("secrets")
    mp = pytest.MonkeyPatch()
    mp.setenv("REED_API_KEY", REED)
    mp.setenv("ADZUNA_APP_ID", APP_ID)
    mp.setenv("ADZUNA_APP_KEY", APP_KEY)
    db, jobdir = tmp / "mljobs.db", tmp / "jobs"
    try:
        crawl = mljobs(
            *REPLAY_CRAWL,
            "--jobdir",
            str(jobdir),
            "-s",
            "LOG_LEVEL=DEBUG",
            "-s",
            "CLOSESPIDER_PAGECOUNT=1",
            db=db,
            check=False,
        )
        report = mljobs("report", "--out", str(tmp / "report"), db=db, check=False)
    finally:
        mp.undo()
    return tmp, crawl, report


def test_no_key_in_the_crawl_log_or_stats_dump(stopped_crawl):
    _, crawl, _ = stopped_crawl
    logs = crawl.stdout + crawl.stderr
    assert "Overridden settings" in logs and "Dumping Scrapy stats" in logs
    assert "Crawled (200) <GET https://api.adzuna.com/v1/api/jobs/gb/search/1?" in logs
    assert leaks(logs) == []


def test_no_key_in_the_database(stopped_crawl):
    tmp, _, _ = stopped_crawl
    with sqlite3.connect(tmp / "mljobs.db") as conn:
        dump = "\n".join(conn.iterdump())
        assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 3
    assert leaks(dump) == []


def test_queue_files_hold_no_key_and_are_private(stopped_crawl):
    tmp, _, _ = stopped_crawl
    files = [p for p in (tmp / "jobs").rglob("*") if p.is_file()]
    assert any(p.name == "0" and "reed" in p.parts for p in files), files  # a queued request
    for path in files:
        assert leaks(path.read_bytes().decode("latin-1")) == [], path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_adzuna_request_as_queued_on_disk_holds_no_key(tmp_path):
    """What a JOBDIR disk queue writes: the pickled ``Request.to_dict`` (``scrapy.squeues``)."""
    crawler = get_crawler(AdzunaSpider, {"ADZUNA_APP_ID": APP_ID, "ADZUNA_APP_KEY": APP_KEY})
    spider = AdzunaSpider.from_crawler(crawler)
    queue = tmp_path / "queue"
    with queue.open("wb") as handle:
        pickle.dump(spider.search_request("machine learning", 0).to_dict(spider=spider), handle)
    assert b"api.adzuna.com/v1/api/jobs/gb/search/1?what=machine+learning" in queue.read_bytes()
    assert leaks(queue.read_bytes().decode("latin-1")) == []


def test_no_key_in_the_report(stopped_crawl):
    tmp, _, report = stopped_crawl
    assert report.returncode == 0, report.stderr
    outputs = [p for p in (tmp / "report").rglob("*") if p.is_file()]
    assert any(p.name == "report.json" for p in outputs)
    for path in outputs:
        assert leaks(path.read_bytes().decode("latin-1")) == [], path


def test_keys_go_only_into_the_request_as_sent():
    settings = {"ADZUNA_APP_ID": APP_ID, "ADZUNA_APP_KEY": APP_KEY, "REED_API_KEY": REED}
    search = "https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml"
    sent = with_keys(Request(search), settings)
    assert sent.url == f"{search}&app_id={APP_ID}&app_key={APP_KEY}"
    reed = with_keys(Request("https://www.reed.co.uk/api/1.0/jobs/1"), settings)
    assert reed.headers["Authorization"] == b"Basic " + SENTINELS[3].encode()
    # robots.txt, plain HTTP and other hosts get no key
    for url in (
        "https://api.adzuna.com/robots.txt",
        "http://api.adzuna.com/v1/api/jobs/gb/search/1",
        "https://boards-api.greenhouse.io/v1/boards/monzo/jobs",
    ):
        request = Request(url)
        assert with_keys(request, settings) is request


def handler(monkeypatch, download):
    monkeypatch.setattr(HTTP11DownloadHandler, "download_request", download)
    crawler = get_crawler(AdzunaSpider, {"ADZUNA_APP_ID": APP_ID, "ADZUNA_APP_KEY": APP_KEY})
    keyed = object.__new__(KeyedDownloadHandler)  # no connection pool (no reactor here)
    keyed._crawler = crawler
    return keyed


def test_download_handler_sends_the_keys_and_answers_under_the_keyless_url(monkeypatch):
    sent = []

    async def download(self, request):
        sent.append(request.url)
        return Response(request.url, status=200, request=request)

    request = Request("https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml")
    response = asyncio.run(handler(monkeypatch, download).download_request(request))
    assert sent == [f"{request.url}&app_id={APP_ID}&app_key={APP_KEY}"]
    assert response.url == request.url and response.request is request
    assert "app_key" not in request.url


def test_download_error_message_has_the_keys_masked(monkeypatch):
    async def download(self, request):
        raise TimeoutError(f"Getting {request.url} took longer than 60 seconds.")

    request = Request("https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml")
    with pytest.raises(TimeoutError) as failure:
        asyncio.run(handler(monkeypatch, download).download_request(request))
    assert str(failure.value) == (
        f"Getting {request.url}&app_id=***&app_key=*** took longer than 60 seconds."
    )
