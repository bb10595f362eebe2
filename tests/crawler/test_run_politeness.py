"""Politeness: the settings a live crawl runs with, Retry-After parsing, backoff."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import BackoffRetryMiddleware, retry_after_seconds
from crawler.runner import project_settings

NOW = datetime(2026, 10, 16, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "header, expected",
    [
        (b"1", 1.0),
        ("120", 120.0),
        (" 0 ", 0.0),
        ("-5", 0.0),
        ("Fri, 16 Oct 2026 12:00:30 GMT", 30.0),
        ("Fri, 16 Oct 2026 11:59:00 GMT", 0.0),  # a date in the past: no wait
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after(header, expected):
    assert retry_after_seconds(header, now=NOW) == expected


@given(st.one_of(st.text(max_size=40), st.binary(max_size=40)))
def test_retry_after_never_raises_nor_goes_negative(header):
    value = retry_after_seconds(header, now=NOW)
    assert value is None or value >= 0


def middleware(**settings):
    crawler = get_crawler(
        settings_dict={"MLJOBS_RETRY_BACKOFF": 1.0, "MLJOBS_RETRY_BACKOFF_MAX": 5.0, **settings}
    )
    return BackoffRetryMiddleware.from_crawler(crawler), crawler.stats


def test_backoff_doubles_up_to_the_cap():
    mw, _ = middleware()
    assert [mw._backoff(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_too_long_retry_after_gives_up_without_waiting():
    mw, stats = middleware(MLJOBS_RETRY_AFTER_MAX=60)
    request = Request("https://api.example.org/jobs")
    response = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert asyncio.run(mw.process_response(request, response)) is response
    assert stats.get_value("mljobs/retry/retry_after_too_long") == 1
    assert stats.get_value("retry/count") is None


def test_success_and_dont_retry_pass_through():
    mw, _ = middleware()
    request = Request("https://api.example.org/jobs")
    ok = Response(request.url, status=200, request=request)
    assert asyncio.run(mw.process_response(request, ok)) is ok
    quiet = Request(request.url, meta={"dont_retry": True})
    busy = Response(request.url, status=503, request=quiet)
    assert asyncio.run(mw.process_response(quiet, busy)) is busy


def test_live_settings_are_polite():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("AUTOTHROTTLE_ENABLED") is True
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 0.5
    assert settings.get("USER_AGENT").startswith("mljobs/")
    assert "+https://" in settings.get("USER_AGENT")
    assert settings.getdict("DOWNLOAD_SLOTS")["www.reed.co.uk"]["concurrency"] == 1
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert middlewares["crawler.middlewares.BackoffRetryMiddleware"] == 550
    assert set(settings.getlist("RETRY_HTTP_CODES")) >= {429, 500, 502, 503, 504}
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
