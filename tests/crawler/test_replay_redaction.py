"""API keys never reach a log: were Adzuna's ``app_id``/``app_key`` in a request URL (they are
added only as a request is sent, see tests/crawler/test_secrets.py), a failing Adzuna request
(503 retried then given up, 404, a start request not recorded) is run through ``mljobs crawl
--replay`` at DEBUG, and every captured line is checked."""

from __future__ import annotations

import asyncio
import json
import logging

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import BackoffRetryMiddleware
from crawler.redaction import RedactingLogFormatter, redacted
from spiders.adzuna import AdzunaSpider
from tests.utils import mljobs

APP_ID, APP_KEY = "id-7f3a9c", "key-5be01d9e42"
SEARCH = (
    "https://api.adzuna.com/v1/api/jobs/gb/search/1?app_id={id}&app_key={key}&what={what}"
    "&results_per_page=50&content-type=application%2Fjson"
)
MASKED = "app_id=%2A%2A%2A&app_key=%2A%2A%2A"


def url(what: str, app_id: str = APP_ID, app_key: str = APP_KEY) -> str:
    return SEARCH.format(id=app_id, key=app_key, what=what)


def test_failing_adzuna_requests_log_no_key(tmp_path, monkeypatch):
    folder = tmp_path / "recording"
    folder.mkdir()
    (folder / "down.html").write_text("<html>Service Unavailable</html>")
    (folder / "index.json").write_text(
        json.dumps(
            {
                "responses": [
                    {
                        "url": url("ml"),
                        "status": 503,
                        "content_type": "text/html",
                        "file": "down.html",
                        "headers": {"Retry-After": "0"},
                    },
                    {
                        "url": url("gone"),
                        "status": 404,
                        "content_type": "text/html",
                        "file": "down.html",
                    },
                ]
            }
        )
    )
    monkeypatch.setenv("ADZUNA_APP_ID", APP_ID)
    monkeypatch.setenv("ADZUNA_APP_KEY", APP_KEY)
    result = mljobs(
        "crawl",
        "adzuna",
        "--replay",
        str(folder),
        "-a",
        "terms=ml,gone,unrecorded",
        "-s",
        "RETRY_TIMES=1",
        "-s",
        "MLJOBS_RETRY_BACKOFF=0",
        "-s",
        "LOG_LEVEL=DEBUG",
        db=tmp_path / "mljobs.db",
        check=False,
    )
    logs = result.stdout + result.stderr
    assert APP_KEY not in logs and APP_ID not in logs
    # the lines are there; the requests carry no key (added only as sent: crawler.apikeys)
    for line in (
        "Gave up retrying <GET https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml",
        "Retrying <GET https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml",
        "Crawled (503) <GET https://api.adzuna.com/v1/api/jobs/gb/search/1?what=ml",
        "Crawled (404) <GET https://api.adzuna.com/v1/api/jobs/gb/search/1?what=gone",
        "replay: https://api.adzuna.com/v1/api/jobs/gb/search/1?what=unrec",
    ):
        assert line in logs


def adzuna_middleware(**settings):
    crawler = get_crawler(
        AdzunaSpider, settings_dict={"ADZUNA_APP_ID": APP_ID, "ADZUNA_APP_KEY": APP_KEY, **settings}
    )
    crawler.spider = AdzunaSpider.from_crawler(crawler)
    return BackoffRetryMiddleware.from_crawler(crawler), crawler.stats


def test_retry_give_up_line_is_redacted(caplog):
    mw, stats = adzuna_middleware(RETRY_TIMES=0)
    request = Request(url("ml"))
    response = Response(request.url, status=503, request=request)
    with caplog.at_level(logging.DEBUG):
        assert asyncio.run(mw.process_response(request, response)) is response
    [line] = [r.getMessage() for r in caplog.records if "Gave up retrying" in r.getMessage()]
    assert APP_KEY not in line
    assert line.startswith(f"Gave up retrying <GET {url('ml', '%2A%2A%2A', '%2A%2A%2A')}>")
    assert stats.get_value("retry/max_reached") == 1


def test_retry_after_too_long_line_is_redacted(caplog):
    mw, stats = adzuna_middleware(MLJOBS_RETRY_AFTER_MAX=60)
    request = Request(url("ml"))
    response = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    with caplog.at_level(logging.WARNING):
        asyncio.run(mw.process_response(request, response))
    text = caplog.text
    assert "asks to retry after 3600 s" in text
    assert APP_KEY not in text and MASKED in text


def test_log_formatter_redacts_requests_responses_and_referers():
    request = Request(url("ml"), headers={"Referer": url("previous")})
    response = Response(request.url, status=503, request=request)
    entry = RedactingLogFormatter().crawled(request, response, None)
    message = entry["msg"] % entry["args"]
    assert APP_KEY not in message
    assert message == (
        f"Crawled (503) <GET {url('ml', '%2A%2A%2A', '%2A%2A%2A')}> "
        f"(referer: {url('previous', '%2A%2A%2A', '%2A%2A%2A')})"
    )
    assert redacted(response) == f"<503 {url('ml', '%2A%2A%2A', '%2A%2A%2A')}>"
    assert redacted("not a url") == "not a url"
    assert redacted(42) == 42
